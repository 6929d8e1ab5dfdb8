"""The schema loader against the real 22.15.0 schema and a table of broken ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.protocol.schema import Schema, TypeRef
from app.protocol.schema_loader import SchemaError, load_schema, parse_schema, read_schema
from app.resources import default_schema_path

MINIMAL = b"""<?xml version="1.0"?>
<xml apiVersion="1.0" generatedDate="1">
  <enums><enum name="KalturaColor" enumType="string"><const name="RED" value="r"/></enum></enums>
  <classes>
    <class name="KalturaBase" abstract="1"><property name="id" type="int" readOnly="1"/>
      <property name="name" type="string"/></class>
    <class name="KalturaThing" base="KalturaBase"><property name="color" type="string" enumType="KalturaColor"/>
      <property name="ghost" type="KalturaGhost"/></class>
  </classes>
  <services><service id="thing" name="thing"><action name="add" sessionRequired="none">
    <param name="thing" type="KalturaBase" optional="0"/><result type="KalturaThing"/></action>
  </service></services>
  <errors><error name="NOPE" code="NOPE" message="No &quot;@ID@&quot;"><parameter name="ID"/></error></errors>
</xml>"""


@pytest.fixture(scope="module")
def real(real_schema_path: Path):  # type: ignore[no-untyped-def]
    return load_schema(real_schema_path)


def test_real_schema_counts_match_the_server(real) -> None:  # type: ignore[no-untyped-def]
    assert (
        real.summary() == "22.15.0: 111 services, 884 actions, 674 classes, 312 enums, 653 errors"
    )


def test_inherited_properties_come_first_in_order(real) -> None:  # type: ignore[no-untyped-def]
    names = [p.name for p in real.properties("KalturaMediaEntryFilter")]
    assert names[:3] == ["orderBy", "advancedSearch", "idEqual"]
    assert "mediaTypeEqual" in names and "statusIn" in names
    assert len(names) == len(set(names))


def test_abstract_type_offers_only_concrete_subclasses(real) -> None:  # type: ignore[no-untyped-def]
    types = real.concrete_types("KalturaResource")
    assert "KalturaResource" not in types
    assert {
        "KalturaUploadedFileTokenResource",
        "KalturaUrlResource",
        "KalturaEntryResource",
    } <= set(types)
    assert all(not real.classes[t].abstract for t in types)


def test_concrete_declared_type_is_listed_first(real) -> None:  # type: ignore[no-untyped-def]
    types = real.concrete_types("KalturaMediaEntryFilter")
    assert types[0] == "KalturaMediaEntryFilter"


@pytest.mark.parametrize(
    ("filter_class", "enum"),
    [
        ("KalturaMediaEntryFilter", "KalturaMediaEntryOrderBy"),
        ("KalturaCategoryFilter", "KalturaCategoryOrderBy"),
        ("KalturaUploadTokenFilter", "KalturaUploadTokenOrderBy"),
    ],
)
def test_order_by_enum_follows_the_naming_convention(real, filter_class: str, enum: str) -> None:  # type: ignore[no-untyped-def]
    found = real.order_by_enum(filter_class)
    assert found is not None and found.name == enum


def test_service_and_action_lookup_is_case_insensitive(real) -> None:  # type: ignore[no-untyped-def]
    action = real.action("UploadToken", "UPLOAD")
    assert action is not None and action.name == "upload"
    assert [p.name for p in action.params if p.ref.type == "file"] == ["fileData"]
    assert real.service("caption_captionAsset") is not None


@pytest.mark.parametrize(
    ("service", "action", "name"),
    [
        ("uploadtoken", "add", "uploadToken.add"),
        ("baseentry", "get", "baseEntry.get"),
        ("BASEENTRY", "GET", "baseEntry.get"),
        ("metadata_metadata", "add", "metadata.add"),  # a plugin service, as its select option
        ("caption_captionasset", "setcontent", "captionAsset.setContent"),
        ("elasticsearch_esearch", "searchentry", "eSearch.searchEntry"),
        ("nosuchservice", "list", "nosuchservice.list"),  # not in the schema: as given
        ("media", "nosuchaction", "media.nosuchaction"),
    ],
)
def test_a_call_is_named_as_the_schema_spells_it(
    real: Schema, service: str, action: str, name: str
) -> None:
    assert real.call_name(service, action) == name


def test_configurations_are_the_request_wide_fields(real) -> None:  # type: ignore[no-untyped-def]
    names = [c.name for c in real.configurations]
    assert names == ["clientTag", "apiVersion", "partnerId", "ks", "language", "responseProfile"]


def test_minimal_schema_resolves_inheritance_and_warns_on_unknown_types() -> None:
    schema = parse_schema(MINIMAL, "mini.xml")
    assert [p.name for p in schema.properties("KalturaThing")] == ["id", "name", "color", "ghost"]
    assert [p.name for p in schema.writable_properties("KalturaThing")] == [
        "name",
        "color",
        "ghost",
    ]
    assert schema.kind(TypeRef("string", enum_type="KalturaColor")) == "enum"
    assert schema.kind(TypeRef("KalturaGhost")) == "unknown"
    assert schema.warnings == (
        "mini.xml:8: KalturaThing.ghost refers to unknown type 'KalturaGhost'",
    )
    assert schema.errors["NOPE"].format("0_x") == 'No "0_x"'


@pytest.mark.parametrize(
    ("data", "line", "fragment"),
    [
        (b"", 1, "not well-formed"),
        (b"not xml at all", 1, "not well-formed"),
        (b"<xml>\n<enums>\n</xml>", 3, "not well-formed"),
        (b"<html><body/></html>", 1, "not a Kaltura schema"),
        (b"<xml><services><service name='x'/></services></xml>", 1, "no 'id' attribute"),
        (b"<xml>\n<classes>\n<class/></classes><services/></xml>", 3, "no 'name' attribute"),
        (
            b'<!DOCTYPE x [<!ENTITY a "b">]><xml><services/></xml>',
            1,
            "entity declarations are refused",
        ),
    ],
)
def test_broken_schema_says_what_and_where(data: bytes, line: int | None, fragment: str) -> None:
    with pytest.raises(SchemaError) as caught:
        parse_schema(data, "broken.xml")
    assert caught.value.line == line
    assert fragment in str(caught.value)
    assert str(caught.value).startswith("broken.xml")


def test_missing_file_is_a_schema_error(tmp_path: Path) -> None:
    with pytest.raises(SchemaError, match="cannot read"):
        load_schema(tmp_path / "nope.xml")


def test_embedded_default_schema_loads_cleanly_and_is_not_the_real_one() -> None:
    schema = load_schema(default_schema_path())
    assert schema.warnings == ()
    ids = {s.id for s in schema.services}
    assert {
        "session",
        "user",
        "media",
        "baseentry",
        "uploadtoken",
        "category",
        "categoryentry",
        "system",
    } <= ids
    assert schema.api_version != "22.15.0"


def test_the_same_document_from_the_same_source_is_parsed_once() -> None:
    """A Schema is immutable: an unchanged file loaded again shares the first parse; another
    source (named in warnings and errors) or other bytes parse anew."""
    data = default_schema_path().read_bytes()
    first = parse_schema(data, "a.xml")
    assert parse_schema(data, "a.xml") is first
    assert parse_schema(data, "b.xml") is not first
    assert parse_schema(data + b"\n", "a.xml") is not first
    assert read_schema(data, "a.xml") is not first and read_schema(data, "a.xml") == first
