"""The console's field-name grammar: every form the page uses, read and spelt back."""

from __future__ import annotations

import pytest

from app.kaltura import fieldnames
from app.kaltura.fieldnames import FieldName, read, spell

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


def test_builders_agree_with_the_grammar() -> None:
    path = fieldnames.join("filter", "advancedSearch", "items")
    assert path == "filter:advancedSearch:items"
    assert read(fieldnames.empty_of(path)) == FieldName("empty", path)
    assert read(fieldnames.null_of(path)) == FieldName("null", path)
    assert read(fieldnames.type_of(fieldnames.item(path, 3))) == FieldName("type", f"{path}:3")
    assert read(fieldnames.key_of("labels:0")) == FieldName("key", "labels:0")
    assert fieldnames.request_prefix(0) == "" and fieldnames.request_prefix(4) == "4:"
    assert fieldnames.leaf("filter:nameLike") == "nameLike" and fieldnames.leaf("id") == "id"
