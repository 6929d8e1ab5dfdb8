"""What the browser and the server both know, listed: each item says where the browser reads
it from (a `data-` attribute the server writes, or a route it asks), and a scan fails when a
rule the server states comes back into a script (a message, a regex, a threshold, the rule's
words, a pretty-printer).

To add an item: state it in Python, write it into the page (`templating.py` globals or a view's
context), read it in the script from there, and list it here."""

from __future__ import annotations

import ast
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

from fastapi.testclient import TestClient

from app.protocol import facts, ks_inspection, patterns
from app.web import templating

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = {p.name: p.read_text() for p in (ROOT / "static").glob("*.js") if p.name != "htmx.min.js"}
TEMPLATES = "\n".join(p.read_text() for p in (ROOT / "templates").glob("*.html"))


@dataclass(frozen=True)
class Known:
    what: str
    stated_in: str  # the Python that states it
    read_from: str  # where the browser reads it: the attribute (or route) the server writes
    attribute: str  # that attribute as a template writes it ("" when none yet)
    script: str  # the module that reads it
    reads: str  # how it reads it


KNOWN_TO_BOTH = (
    Known(
        "the int, float and {N:result…} patterns",
        "app/protocol/patterns.py BROWSER",
        "data-pattern-<name> on the console form",
        "data-pattern-{{ name }}",
        "value-checks.js",
        'form.dataset["pattern"',
    ),
    Known(
        "the ten-year rule and the time hint's words",
        "app/protocol/facts.py RELATIVE_TIME_LIMIT, app/web/templating.py time_hint_rule",
        "data-time-hint (JSON) on the console form",
        "data-time-hint=",
        "value-checks.js",
        "form.dataset.timeHint",
    ),
    Known(
        "the KS countdown's units and words",
        "app/protocol/ks_inspection.py countdown_rule",
        "data-countdown-rule (JSON) on the KS inspector's panel",
        "data-countdown-rule=",
        "ks-inspector.js",
        "panel.dataset.countdownRule",
    ),
    Known(
        "the KS note's state (held, dead, unreadable)",
        "app/protocol/ks_status.py KsStatus.state",
        "data-state on the ks note; comfort.js names the three states it words",
        'data-state="{{ ks_status.state }}"',
        "comfort.js",
        "dataset.state",
    ),
    Known(
        "an answer's pretty text (Show all's rest)",
        "app/protocol/whole_answer.py rest_of (results.py, first_part.py)",
        "POST whole, whose path is data-url on Show all",
        'data-url="{{ url_for("whole_answer") }}"',
        "big-answer.js",
        "button.dataset.url",
    ),
    Known(
        '"Refers to request N, which does not run before it"',
        "app/protocol/patterns.py NOT_EARLIER (form_reading.py for Send)",
        "data-not-earlier on the console form",
        'data-not-earlier="{{ not_earlier }}"',
        "value-checks.js",
        "dataset.notEarlier",
    ),
)
"""Everything the two languages still share."""

RESTATED: dict[str, str] = {}
"""Known duplicates still restated in a script, and where: none."""

SHARED_PHRASES = {"not in this schema"}
"""Words both say about different things: History's label for a call the schema lacks, the
form's message for a type it lacks. Not a rule."""


def test_each_item_is_written_into_the_page_and_read_by_its_script() -> None:
    for item in KNOWN_TO_BOTH:
        assert item.script in SCRIPTS, item
        assert item.attribute in TEMPLATES, item
        assert item.reads in SCRIPTS[item.script], item


def test_the_console_page_carries_the_python_values(client: TestClient) -> None:
    page = client.get("/api_v3/testme/").text
    [form] = re.findall(r'<form id="console"[^>]*>', page)
    [hint] = re.findall(r"data-time-hint='([^']*)'", form)
    assert json.loads(html.unescape(hint)) == templating.time_hint_rule()
    assert templating.time_hint_rule()["relativeBelow"] == facts.RELATIVE_TIME_LIMIT
    for name, source in patterns.BROWSER.items():
        assert f'data-pattern-{name}="{html.escape(source)}"' in form


def _literals(source: str) -> list[str]:
    """The string literals of a script, comments left out."""
    source = re.sub(r"(?m)(^|\s)//.*$", "", source)
    found = re.findall(r'"((?:[^"\\\n]|\\.)*)"|\'((?:[^\'\\\n]|\\.)*)\'', source)
    return [a or b for a, b in found]


def _python_messages() -> set[str]:
    """The string constants of the console's Python (not docstrings) that read as words."""
    messages = set()
    for folder in ("app/protocol", "app/forms", "app/web"):
        for path in (ROOT / folder).rglob("*.py"):
            tree = ast.parse(path.read_text())
            docs = {
                id(node.body[0].value)
                for node in ast.walk(tree)
                if isinstance(
                    node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
                )
                and node.body
                and isinstance(node.body[0], ast.Expr)
                and isinstance(node.body[0].value, ast.Constant)
            }
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    text = node.value.strip()
                    if id(node) not in docs and len(text) >= 16 and " " in text:
                        messages.add(text)
    return messages


def test_no_python_message_is_restated_in_a_script() -> None:
    messages = _python_messages()
    found = {
        (name, literal)
        for name, source in SCRIPTS.items()
        for literal in _literals(source)
        if len(literal.strip()) >= 16 or literal.strip() in SHARED_PHRASES
        for message in messages
        if (message in literal or literal.strip() in message)
        and literal.strip() not in SHARED_PHRASES
        and not any(known in literal and RESTATED[known] == name for known in RESTATED)
    }
    assert found == set()


def test_no_rule_the_page_carries_is_restated_in_a_script() -> None:
    """The words, thresholds and patterns the page carries appear in no script: a change to
    the Python changes what the browser does, with no script to keep in step."""
    words = [
        *(re.sub(r"\{\w+\}", "\x00", text) for text in ks_inspection.COUNTDOWN_LEFT),
        *(re.sub(r"\{\w+\}", "\x00", text) for text in ks_inspection.COUNTDOWN_AGO),
        re.sub(r"\{\w+\}", "\x00", templating.TIME_HINT_RELATIVE),
        re.sub(r"\{\w+\}", "\x00", templating.TIME_HINT_ABSOLUTE),
    ]
    fixed = {piece.strip() for text in words for piece in text.split("\x00")}
    fixed = {piece for piece in fixed if " " in piece}  # "min left", "s ago"
    assert fixed  # the scan has words to look for
    limit = facts.RELATIVE_TIME_LIMIT
    for name, source in SCRIPTS.items():
        literals = _literals(source)
        for piece in fixed:
            word = re.compile(r"(?<![\w-])" + re.escape(piece) + r"(?![\w-])")
            assert not any(word.search(literal) for literal in literals), (name, piece)
        assert str(limit) not in source and "10 * 365" not in source, name
        assert not any(literal.startswith("now ") for literal in literals), name
        for regex in patterns.BROWSER.values():
            assert regex not in source, (name, regex)


def test_no_script_pretty_prints_an_answer() -> None:
    """Show all's rest is the server's (app/protocol/whole_answer.py): big-answer.js indents
    nothing. (answer-paths.js shows a matched value as JSON for the path filter, its own.)"""
    source = SCRIPTS["big-answer.js"]
    assert "JSON.stringify" not in source and "JSON.parse" not in source
    assert '"  ".repeat' not in source and "CDATA" not in source
