"""One rule for typed values: the patterns the browser gets are the ones Send checks with."""

from __future__ import annotations

import re

import pytest

from app.forms import form_reading
from app.protocol import patterns

# (pattern name, text, whole match?) — the browser runs this same table (tests/e2e).
CASES = [
    ("int", "5", True),
    ("int", "+5", True),
    ("int", "-12", True),
    ("int", "1.5", False),
    ("int", "abc", False),
    ("int", "5 5", False),
    ("int", "{1:result:id}", False),
    ("float", "1.5", True),
    ("float", "+.5", True),
    ("float", "-2e10", True),
    ("float", "1e", False),
    ("float", "1,5", False),
    ("reference", "{1:result}", True),
    ("reference", "{2:result:objects:0:id}", True),
    ("reference", "{1:result:id}x", False),
    ("reference", "{a:result}", False),
]


@pytest.mark.parametrize(("name", "text", "whole"), CASES)
def test_a_value_matches_its_pattern_as_a_whole(name: str, text: str, whole: bool) -> None:
    assert (re.fullmatch(patterns.BROWSER[name], text) is not None) is whole


def test_send_checks_with_the_patterns_the_browser_gets() -> None:
    compiled = {
        "int": form_reading.INT,
        "float": form_reading.FLOAT,
        "reference": form_reading.RESULT_REFERENCE,
    }
    assert {name: regex.pattern for name, regex in compiled.items()} == patterns.BROWSER
    assert patterns.BROWSER["int"] is patterns.INT
