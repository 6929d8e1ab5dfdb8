"""`scripts/bench_send.py --stages` times a Send's steps where the Send's code looks them up: a
step renamed or moved must fail here, not leave the benchmark timing a function nobody calls."""

from __future__ import annotations

import importlib
import inspect
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from bench_send import STAGES


@pytest.mark.parametrize(("module", "owner", "name", "coroutine"), STAGES, ids=lambda v: str(v))
def test_each_timed_step_is_where_the_send_finds_it(
    module: str, owner: str, name: str, coroutine: bool
) -> None:
    where = importlib.import_module(module)
    step = getattr(getattr(where, owner) if owner else where, name)
    assert inspect.iscoroutinefunction(step) == coroutine
    sending = inspect.getsource(importlib.import_module("app.web.sending"))
    route = inspect.getsource(importlib.import_module("app.web.views.console").send)
    called = f"{name}(" if not owner else f".{name}("
    assert called in sending or called in route
