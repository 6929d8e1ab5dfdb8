"""The wire's facts are stated once, in `app/protocol/facts.py`: the console, its result
reader and the sandbox all take them from there, so they cannot drift apart."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from app.protocol import facts

APP = Path(__file__).resolve().parents[2] / "app"
FACTS = (facts.NULL_SUFFIX, facts.API_EXCEPTION, facts.MULTIREQUEST)
TEN_YEARS = re.compile(r"10\s*\*\s*365\b")


def _restated() -> list[str]:
    found = []
    for path in sorted(APP.rglob("*.py")):
        where = path.relative_to(APP).as_posix()
        if where == "protocol/facts.py":
            continue
        source = path.read_text()
        tree = ast.parse(source)
        keys = {id(k) for node in ast.walk(tree) if isinstance(node, ast.Dict) for k in node.keys}
        for node in ast.walk(tree):  # a dict key is a template's context name, not the fact
            if isinstance(node, ast.Constant) and node.value in FACTS and id(node) not in keys:
                found.append(f"{where}:{node.lineno}: {node.value!r}")
        if TEN_YEARS.search(source):
            found.append(f"{where}: the ten-year rule")
    return found


def test_protocol_facts_are_stated_only_in_facts_py() -> None:
    assert _restated() == []


@pytest.mark.parametrize(
    ("seconds", "relative"),
    [
        (0, True),
        (-5, True),
        (facts.RELATIVE_TIME_LIMIT - 1, True),
        (facts.RELATIVE_TIME_LIMIT, False),
        (-facts.RELATIVE_TIME_LIMIT, False),
    ],
)
def test_the_relative_time_rule(seconds: int, relative: bool) -> None:
    assert facts.is_relative_time(seconds) is relative
