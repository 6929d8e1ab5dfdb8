"""Multirequest's rules live in Python only (issue 19, "each rule once"): the browser neither
renumbers requests nor spells the message for a reference to a request that runs too late. A
static scan of `static/*.js`: Remove request asks the server (views/console.py remove_request,
renumbering by wire.renumber_references), and the message comes in the form's
`data-not-earlier` (patterns.NOT_EARLIER, the words Send uses)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.resources import resource_path

SCRIPTS = sorted(p for p in Path(resource_path("static")).glob("*.js") if p.name != "htmx.min.js")

RENUMBERING = {
    "a reference rebuilt with a new number": re.compile(r"""["']:result"""),
    "a request's id or name renumbered": re.compile(r"request-\|f-|\(\?=:\|%3A\)"),
    "a request's legend or button relabelled": re.compile(r"""["'](Request|Remove request) ["']"""),
}


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_no_script_renumbers_multirequest_requests(script: Path) -> None:
    text = script.read_text()
    assert [what for what, rule in RENUMBERING.items() if rule.search(text)] == []


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_no_script_spells_the_message_for_a_reference_that_runs_too_late(script: Path) -> None:
    assert "does not run before" not in script.read_text()
