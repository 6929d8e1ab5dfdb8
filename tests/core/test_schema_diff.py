"""`schema_diff.compare`: a table of small hand-written schema pairs, one kind of change each,
and the lines a person reads for it; then the order, the summary and the real 22.15.0 schema."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from app.protocol.schema import Schema
from app.protocol.schema_loader import load_schema, parse_schema, read_schema
from app.reference.schema_diff import as_text, change_line, compare
from app.resources import default_schema_path

SERVICES = """<service id="media" name="media"><action name="get">
  <param name="entryId" type="string"/><param name="version" type="int" optional="1"/>
  <result type="KalturaEntry"/></action>
  <action name="list"><param name="filter" type="KalturaEntryFilter" optional="1"/></action>
</service>"""
CLASSES = """<class name="KalturaEntry"><property name="id" type="string"/>
  <property name="mediaType" type="int" enumType="KalturaMediaType"/></class>
<class name="KalturaEntryFilter"/>"""
ENUMS = """<enum name="KalturaMediaType" enumType="int"><const name="VIDEO" value="1"/>
  <const name="IMAGE" value="2"/></enum>"""
ERRORS = """<error name="ENTRY_ID_NOT_FOUND" code="ENTRY_ID_NOT_FOUND" message="no @ID@"/>"""


def doc(
    services: str = SERVICES,
    classes: str = CLASSES,
    enums: str = ENUMS,
    errors: str = ERRORS,
    version: str = "1.0",
) -> Schema:
    xml = (
        f'<?xml version="1.0"?><xml apiVersion="{version}" generatedDate="1">'
        f"<enums>{enums}</enums><classes>{classes}</classes><services>{services}</services>"
        f"<errors>{errors}</errors></xml>"
    )
    return parse_schema(xml.encode(), f"schema {version}")


def edited(text: str, old: str, new: str) -> str:
    assert old in text, old  # the case edits what the base schema has
    return text.replace(old, new)


OTHER_SERVICE = '<service id="playlist" name="playlist"><action name="get"/></service>'
NEW_ACTION = '<action name="delete"><param name="entryId" type="string"/></action></service>'


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        pytest.param(doc(SERVICES + OTHER_SERVICE), ["+ playlist"], id="service added"),
        pytest.param(doc(""), ["- media"], id="service removed"),
        pytest.param(
            doc(edited(SERVICES, "</service>", NEW_ACTION)), ["+ media.delete"], id="action added"
        ),
        pytest.param(
            doc(edited(SERVICES, '<action name="list">', '<action name="lister">')),
            ["- media.list", "+ media.lister"],
            id="action renamed: one added, one removed",
        ),
        pytest.param(
            doc(
                edited(
                    SERVICES,
                    "</action>\n  <action",
                    '<param name="ks" type="string"/></action><action',
                )
            ),
            ["+ media.get(ks) (required)"],
            id="parameter added, required",
        ),
        pytest.param(
            doc(edited(SERVICES, '<param name="version" type="int" optional="1"/>', "")),
            ["- media.get(version)"],
            id="parameter removed",
        ),
        pytest.param(
            doc(edited(SERVICES, 'name="version" type="int"', 'name="version" type="string"')),
            ["~ media.get(version): type changed, int → string"],
            id="parameter type changed",
        ),
        pytest.param(
            doc(edited(SERVICES, 'type="int" optional="1"', 'type="int"')),
            ["~ media.get(version): made required"],
            id="parameter made required",
        ),
        pytest.param(
            doc(
                edited(
                    SERVICES,
                    'name="entryId" type="string"/>',
                    'name="entryId" type="string" optional="1"/>',
                )
            ),
            ["~ media.get(entryId): made optional"],
            id="parameter made optional",
        ),
        pytest.param(
            doc(
                edited(
                    SERVICES, '<result type="KalturaEntry"/>', '<result type="KalturaEntryFilter"/>'
                )
            ),
            ["~ media.get: type changed, result KalturaEntry → KalturaEntryFilter"],
            id="action result type changed",
        ),
        pytest.param(
            doc(classes=CLASSES + '<class name="KalturaFlavor"/>'),
            ["+ KalturaFlavor"],
            id="type added",
        ),
        pytest.param(
            doc(classes=edited(CLASSES, '<class name="KalturaEntryFilter"/>', "")),
            ["- KalturaEntryFilter"],
            id="type removed",
        ),
        pytest.param(
            doc(
                classes=edited(
                    CLASSES,
                    '<property name="id" type="string"/>',
                    '<property name="id" type="string"/><property name="name" type="string"/>',
                )
            ),
            ["+ KalturaEntry.name (string)"],
            id="property added",
        ),
        pytest.param(
            doc(classes=edited(CLASSES, '<property name="id" type="string"/>', "")),
            ["- KalturaEntry.id"],
            id="property removed",
        ),
        pytest.param(
            doc(classes=edited(CLASSES, 'name="id" type="string"', 'name="id" type="bigint"')),
            ["~ KalturaEntry.id: type changed, string → bigint"],
            id="property type changed",
        ),
        pytest.param(
            doc(
                classes=edited(
                    CLASSES,
                    'type="int" enumType="KalturaMediaType"',
                    'type="string" enumType="KalturaMediaType"',
                )
            ),
            [
                "~ KalturaEntry.mediaType: type changed, KalturaMediaType (int) → KalturaMediaType (string)"
            ],
            id="property's enum now a string enum",
        ),
        pytest.param(
            doc(
                classes=edited(
                    CLASSES, 'name="id" type="string"', 'name="id" type="string" deprecated="1"'
                )
            ),
            ["~ KalturaEntry.id: deprecated"],
            id="property deprecated",
        ),
        pytest.param(
            doc(edited(SERVICES, '<action name="list">', '<action name="list" deprecated="1">')),
            ["~ media.list: deprecated"],
            id="action deprecated",
        ),
        pytest.param(
            doc(edited(SERVICES, 'name="media">', 'name="media" deprecated="1">')),
            ["~ media: deprecated"],
            id="service deprecated",
        ),
        pytest.param(
            doc(
                classes=edited(
                    CLASSES,
                    '<class name="KalturaEntryFilter"/>',
                    '<class name="KalturaEntryFilter" deprecated="1"/>',
                )
            ),
            ["~ KalturaEntryFilter: deprecated"],
            id="type deprecated",
        ),
        pytest.param(
            doc(
                classes=edited(
                    CLASSES,
                    '<class name="KalturaEntryFilter"/>',
                    '<class name="KalturaEntryFilter" base="KalturaEntry"/>',
                )
            ),
            ["~ KalturaEntryFilter: base changed, none → KalturaEntry"],
            id="type's base changed",
        ),
        pytest.param(
            doc(enums=ENUMS + '<enum name="KalturaFlavorStatus" enumType="int"/>'),
            ["+ KalturaFlavorStatus"],
            id="enum added",
        ),
        pytest.param(doc(enums=""), ["- KalturaMediaType"], id="enum removed"),
        pytest.param(
            doc(enums=edited(ENUMS, "</enum>", '<const name="AUDIO" value="5"/></enum>')),
            ["+ KalturaMediaType.AUDIO (= 5)"],
            id="enum value added",
        ),
        pytest.param(
            doc(enums=edited(ENUMS, '<const name="IMAGE" value="2"/>', "")),
            ["- KalturaMediaType.IMAGE (= 2)"],
            id="enum value removed",
        ),
        pytest.param(
            doc(enums=edited(ENUMS, 'value="2"', 'value="20"')),
            ["~ KalturaMediaType.IMAGE: value changed, 2 → 20"],
            id="enum value changed",
        ),
        pytest.param(
            doc(
                errors=ERRORS
                + '<error name="FLAVOR_NOT_FOUND" code="FLAVOR_NOT_FOUND" message="x"/>'
            ),
            ["+ FLAVOR_NOT_FOUND (FLAVOR_NOT_FOUND)"],
            id="error added",
        ),
        pytest.param(
            doc(errors=""), ["- ENTRY_ID_NOT_FOUND (ENTRY_ID_NOT_FOUND)"], id="error removed"
        ),
    ],
)
def test_each_kind_of_change_is_reported(new: Schema, expected: list[str]) -> None:
    assert [change_line(c) for c in compare(doc(), new).changes] == expected


def test_a_deprecation_lifted_is_reported_the_other_way() -> None:
    deprecated = doc(
        edited(SERVICES, '<action name="list">', '<action name="list" deprecated="1">')
    )
    assert [change_line(c) for c in compare(deprecated, doc()).changes] == [
        "~ media.list: no longer deprecated"
    ]


def test_what_a_new_service_or_type_holds_is_not_listed_again() -> None:
    """An added service's actions and an added class's properties come with it: one line."""
    old = doc("", classes="")
    lines = [change_line(c) for c in compare(old, doc()).changes]
    assert lines == ["+ media", "+ KalturaEntry", "+ KalturaEntryFilter"]


def test_changes_come_sorted_by_kind_then_name_and_keep_their_docs_page() -> None:
    new = doc(
        edited(SERVICES, 'type="int" optional="1"', 'type="int"') + OTHER_SERVICE,
        enums="",
        errors="",
        version="2.0",
    )
    diff = compare(doc(), new)
    assert [(c.kind, c.name) for c in diff.changes] == [
        ("service", "playlist"),
        ("parameter", "media.get(version)"),
        ("enum", "KalturaMediaType"),
        ("error", "ENTRY_ID_NOT_FOUND"),
    ]
    made_required = diff.changes[1]
    assert (made_required.service, made_required.action) == ("media", "get")
    assert diff.summary() == (
        "1.0 → 2.0: 4 changes: 1 added, 2 removed, 1 changed (1 made required)"
    )


def test_the_text_gives_the_summary_first_then_each_kind_with_its_count() -> None:
    new = doc(SERVICES + OTHER_SERVICE, errors="", version="2.0")
    assert as_text(compare(doc(), new)) == "\n".join(
        [
            "1.0 → 2.0: 2 changes: 1 added, 1 removed, 0 changed",
            "",
            "Services (1)",
            "  + playlist",
            "",
            "Errors (1)",
            "  - ENTRY_ID_NOT_FOUND (ENTRY_ID_NOT_FOUND)",
        ]
    )


def test_a_schema_against_itself_has_no_changes(real_schema_path: Path) -> None:
    real = load_schema(real_schema_path)
    again = read_schema(real_schema_path.read_bytes(), str(real_schema_path))  # a second parse
    assert again is not real
    diff = compare(real, again)
    assert diff.changes == () and diff.summary() == "22.15.0 → 22.15.0: no changes"


def test_the_embedded_schema_against_22_15_0_is_quick(real_schema_path: Path) -> None:
    embedded, real = load_schema(default_schema_path()), load_schema(real_schema_path)
    started = time.perf_counter()
    diff = compare(embedded, real)
    assert time.perf_counter() - started < 1.0  # about 30 ms here
    assert diff.count("added") > 1000
    # 22.15.0 was generated without the metadata plugin's classes the embedded schema has
    assert "KalturaMetadataProfile" in {c.name for c in diff.changes if c.what == "removed"}
