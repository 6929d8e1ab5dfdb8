"""`scripts/bench_send.py --stages` times a Send's steps where the Send's code looks them up: a
step renamed, moved or no longer called must fail here, not leave the benchmark timing a
function nobody calls. Each step, wrapped as the benchmark wraps it, must have run during one
Send of media.list."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.e2e.big_answers import media_list_xml
from tests.web.conftest import FakeKaltura

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from bench_send import STAGES, _timed


def test_each_timed_step_runs_in_a_send(
    client: TestClient, fake: FakeKaltura, monkeypatch: pytest.MonkeyPatch
) -> None:
    spent = dict.fromkeys((name for _, _, name, _ in STAGES), 0.0)
    for module, owner, name, coroutine in STAGES:
        where = importlib.import_module(module)
        holder = getattr(where, owner) if owner else where
        monkeypatch.setattr(holder, name, getattr(holder, name))  # put back after the test
        _timed(spent, holder, name, coroutine)
    fake.reply_xml(media_list_xml(2).decode())
    form = {"service": "media", "action": "list", "pager:objectType": "KalturaFilterPager"}
    answer = client.post("/api_v3/testme/send", data=form, files={"_": ("", b"")})
    assert answer.status_code == 200 and "KalturaMediaListResponse" in answer.text
    assert [name for name, seconds in spent.items() if seconds <= 0] == []
