"""The console's field-name grammar: every form the page uses, read and spelt back."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.protocol import fieldnames
from app.protocol.facts import OBJECT_TYPE
from app.protocol.fieldnames import FieldName, read, spell

CASES = [
    ("config.ks", FieldName("config", "ks")),
    ("config.responseProfile:objectType", FieldName("config", "responseProfile:objectType")),
    ("service", FieldName("call", "service")),
    ("2:action", FieldName("call", "action", 2)),
    ("send_anyway", FieldName("control", "send_anyway")),
    ("__path", FieldName("control", "__path")),
    ("entryId", FieldName("value", "entryId")),
    ("filter:nameLike", FieldName("value", "filter:nameLike")),
    ("entries:10:name", FieldName("value", "entries:10:name")),
    ("3:filter:nameLike", FieldName("value", "filter:nameLike", 3)),
    ("filter:objectType", FieldName("type", "filter")),
    ("2:entries:0:objectType", FieldName("type", "entries:0", 2)),
    ("description__null", FieldName("null", "description")),
    ("filter:nameLike__null", FieldName("null", "filter:nameLike")),
    ("12:filter__null", FieldName("null", "filter", 12)),
    ("tags:-", FieldName("empty", "tags")),
    ("1:filter:advancedSearch:items:-", FieldName("empty", "filter:advancedSearch:items", 1)),
    ("labels:0:__key", FieldName("key", "labels:0")),
    # Not markers: a bare suffix or mark has no path to be about.
    ("__null", FieldName("value", "__null")),
    ("-", FieldName("value", "-")),
    ("objectType", FieldName("value", "objectType")),
]


@pytest.mark.parametrize(("name", "meaning"), CASES, ids=[c[0] for c in CASES])
def test_every_field_name_form_reads_and_spells_back(name: str, meaning: FieldName) -> None:
    assert read(name) == meaning
    assert spell(meaning) == name == str(meaning)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("2:filter:nameLike", (2, "filter:nameLike")), ("filter", (0, "filter")), ("2:", (0, "2:"))],
)
def test_split_request(name: str, expected: tuple[int, str]) -> None:
    assert fieldnames.split_request(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("2:filter", (2, "filter")), ("0:x", (0, "x")), ("filter", None), ("2:", None)],
)
def test_numbered(name: str, expected: tuple[int, str] | None) -> None:
    assert fieldnames.numbered(name) == expected


@pytest.mark.parametrize(
    ("names", "numbers"),
    [
        (["items:10:name", "items:2:objectType", "items:2:name"], [2, 10]),
        (["items:0", "items:x:name", "itemsX:1:name", "other:3:name"], []),
    ],
)
def test_item_numbers_are_those_with_fields_under_the_path(
    names: list[str], numbers: list[int]
) -> None:
    assert fieldnames.item_numbers(names, "items") == numbers


def test_path_helpers() -> None:
    assert fieldnames.segments("filter:advancedSearch:type") == ["filter", "advancedSearch", "type"]
    assert fieldnames.parent("filter:nameLike") == "filter" and fieldnames.parent("id") == ""
    assert fieldnames.item_number("3") == 3 and fieldnames.item_number("name") is None
    assert fieldnames.read_path("2:filter__null") == FieldName("null", "2:filter")
    assert fieldnames.read_path("filter:-", 4) == FieldName("empty", "filter", 4)


def test_the_controls_read_as_controls() -> None:
    assert {read(name).kind for name in fieldnames.ROUTE_CONTROLS} == {"control"}
    assert fieldnames.SEND_ANYWAY in fieldnames.ROUTE_CONTROLS and fieldnames.PATH == "__path"


def test_builders_agree_with_the_grammar() -> None:
    path = fieldnames.join("filter", "advancedSearch", "items")
    assert path == "filter:advancedSearch:items"
    assert read(fieldnames.empty_of(path)) == FieldName("empty", path)
    assert read(fieldnames.null_of(path)) == FieldName("null", path)
    assert read(fieldnames.type_of(fieldnames.item(path, 3))) == FieldName("type", f"{path}:3")
    assert read(fieldnames.key_of("labels:0")) == FieldName("key", "labels:0")
    assert fieldnames.request_prefix(0) == "" and fieldnames.request_prefix(4) == "4:"
    assert fieldnames.leaf("filter:nameLike") == "nameLike" and fieldnames.leaf("id") == "id"


# -- the grammar is spelt here only --------------------------------------------------------

APP = Path(__file__).resolve().parents[2] / "app"
# Text only a field name (or the wire's twin of one) holds; prose and docstrings may say them.
MARKS = ("__null", "__key", "config.", ":-", ":objectType")
# Where the console's own names are handled: here no `"objectType"` and no colon joins either.
# ks.py's `name:value` privileges, schema_loader's `file:line` and XML are other grammars.
CONSOLE = ("protocol/", "forms/", "reference/", "web/")
# modules with a colon grammar of their own: KS fields, XML, hosts and ports, and the samples
# that write Python (`for item in …:`) and Ruby (`config.service_url = …`)
OTHER_GRAMMARS = {
    "protocol/ks.py",
    "reference/samples/python.py",
    "reference/samples/ruby.py",
    "protocol/schema_loader.py",
    "protocol/highlight.py",
    "web/request_guard.py",
    "protocol/pasted_request.py",  # HTTP headers (`Name: value`), curl's `name=value`
}
REFERENCE_PIECE = ":result"  # a value's `{N:result…}` (patterns.RESULT_REFERENCE), not a name
OWN = {"protocol/fieldnames.py", "protocol/facts.py"}
_SPLITS = {"join", "split", "rsplit", "partition", "rpartition"}


def _strings(tree: ast.AST) -> Iterator[tuple[int, str, bool]]:
    """Every string constant but docstrings and dict keys (a template's context names):
    (line, text, whether it joins or splits: an f-string piece or a join/split argument)."""
    skipped = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    skipped |= {id(k) for node in ast.walk(tree) if isinstance(node, ast.Dict) for k in node.keys}
    joining = {
        id(p) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for p in node.values
    }
    joining |= {
        id(node.func.value if node.func.attr == "join" else node.args[0])
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in _SPLITS
        and (node.args or node.func.attr == "join")
    }
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skipped
        ):
            yield node.lineno, node.value, id(node) in joining


def _spellings() -> list[str]:
    found = []
    for path in sorted(APP.rglob("*.py")):
        where = path.relative_to(APP).as_posix()
        if where in OWN | OTHER_GRAMMARS:
            continue
        console = where.startswith(CONSOLE)
        for line, text, joins in _strings(ast.parse(path.read_text())):
            spelt = any(mark in text for mark in MARKS) or text in fieldnames.ROUTE_CONTROLS
            if console:
                colon = re.fullmatch(r":\w*|\w*:", text) and text != REFERENCE_PIECE
                spelt = spelt or text == OBJECT_TYPE or bool(joins and colon)
            if spelt:
                found.append(f"{where}:{line}: {text!r}")
    return found


def test_no_other_module_spells_a_field_name_form() -> None:
    assert _spellings() == []
