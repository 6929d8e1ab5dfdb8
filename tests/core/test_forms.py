"""From schema to form fields: each parameter kind gets the input a Kaltura developer expects."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.forms.fields import (
    Field,
    FormBuilder,
    Selection,
    action_options,
    config_fields,
    select,
    service_options,
)
from app.protocol.schema import Schema, TypeRef
from app.protocol.schema_loader import load_schema


@pytest.fixture(scope="module")
def schema(real_schema_path: Path) -> Schema:
    return load_schema(real_schema_path)


@pytest.fixture(scope="module")
def forms(schema: Schema) -> FormBuilder:
    return FormBuilder(schema)


def field(forms: FormBuilder, service: str, action: str, name: str, **values: list[str]) -> Field:
    fields = forms.action_fields(
        service, action, {k.replace("__", ":"): v for k, v in values.items()}
    )
    return next(f for f in fields if f.name == name)


@pytest.mark.parametrize(
    ("service", "action", "param", "kind", "type_label"),
    [
        ("session", "start", "secret", "string", "string"),
        ("session", "start", "type", "enum", "KalturaSessionType"),
        ("session", "start", "expiry", "int", "int"),
        ("session", "start", "partnerId", "int", "int"),
        ("media", "list", "filter", "object", "KalturaMediaEntryFilter"),
        ("baseentry", "addContent", "resource", "object", "KalturaResource"),
        ("uploadtoken", "upload", "fileData", "file", "file"),
        ("uploadtoken", "upload", "resume", "bool", "bool"),
        ("uploadtoken", "upload", "resumeAt", "float", "float"),
        ("media", "addFromUrl", "url", "string", "string"),
    ],
)
def test_each_parameter_gets_the_input_of_its_kind(
    forms: FormBuilder, service: str, action: str, param: str, kind: str, type_label: str
) -> None:
    found = field(forms, service, action, param)
    assert (found.kind, found.type_label) == (kind, type_label)


def test_enum_options_read_name_and_value(forms: FormBuilder) -> None:
    session_type = field(forms, "session", "start", "type")
    assert [o.label for o in session_type.options] == ["USER (0)", "ADMIN (2)"]
    assert session_type.default == "0"


def test_default_is_the_placeholder_but_null_is_not_shown(forms: FormBuilder) -> None:
    assert field(forms, "session", "start", "expiry").hint == "86400"
    assert field(forms, "session", "start", "privileges").hint == ""


def test_optional_object_stays_closed_until_a_type_is_chosen(forms: FormBuilder) -> None:
    closed = field(forms, "media", "list", "filter")
    assert closed.value == "" and closed.children == ()
    assert closed.options[0].value == "KalturaMediaEntryFilter"


def test_chosen_type_shows_writable_properties_with_inherited_ones(forms: FormBuilder) -> None:
    opened = field(forms, "media", "list", "filter", filter__objectType=["KalturaMediaEntryFilter"])
    names = [c.name for c in opened.children]
    assert names[:2] == ["orderBy", "advancedSearch"]
    assert "mediaTypeEqual" in names
    assert all(c.path == f"filter:{c.name}" for c in opened.children)


def test_mandatory_concrete_object_opens_with_its_declared_type(forms: FormBuilder) -> None:
    entry = field(forms, "media", "add", "entry")
    assert entry.value == "KalturaMediaEntry"
    names = {c.name for c in entry.children}
    assert "name" in names and "id" not in names  # id is read-only


def test_order_by_offers_the_matching_enum_as_suggestions(forms: FormBuilder) -> None:
    opened = field(forms, "media", "list", "filter", filter__objectType=["KalturaMediaEntryFilter"])
    order_by = next(c for c in opened.children if c.name == "orderBy")
    assert order_by.kind == "orderby"
    assert "+createdAt" in [o.value for o in order_by.options]


def test_values_enum_type_is_a_multi_choice(forms: FormBuilder) -> None:
    opened = field(
        forms,
        "media",
        "list",
        "filter",
        filter__objectType=["KalturaMediaEntryFilter"],
        filter__statusIn=["2,7"],
    )
    status_in = next(c for c in opened.children if c.name == "statusIn")
    assert status_in.kind == "multienum"
    assert status_in.selected == ("2", "7")


def test_time_properties_are_marked(forms: FormBuilder) -> None:
    opened = field(forms, "media", "list", "filter", filter__objectType=["KalturaMediaEntryFilter"])
    created = next(c for c in opened.children if c.name == "createdAtGreaterThanOrEqual")
    assert created.kind == "int" and created.is_time


def test_nested_objects_open_only_as_deep_as_values_go(forms: FormBuilder) -> None:
    """KalturaSearchOperator holds items that may be operators again: nothing is built beyond
    what the user opened, so the recursion costs nothing."""
    values = {
        "filter:objectType": ["KalturaMediaEntryFilter"],
        "filter:advancedSearch:objectType": ["KalturaSearchOperator"],
        "filter:advancedSearch:items:0:objectType": ["KalturaSearchOperator"],
    }
    opened = next(f for f in forms.action_fields("media", "list", values) if f.name == "filter")
    search = next(c for c in opened.children if c.name == "advancedSearch")
    items = next(c for c in search.children if c.name == "items")
    assert items.kind == "array" and [i.name for i in items.items] == ["items[0]"]
    inner = items.items[0]
    assert inner.value == "KalturaSearchOperator"
    inner_items = next(c for c in inner.children if c.name == "items")
    assert inner_items.items == ()


def test_array_items_keep_numeric_order_past_ten(forms: FormBuilder) -> None:
    values = {f"entries:{i}:objectType": ["KalturaCategoryEntry"] for i in (0, 1, 2, 10, 11, 3)}
    ref = TypeRef("array", array_type="KalturaCategoryEntry")
    entries = forms.field(name="entries", path="entries", ref=ref, values=values)
    assert [i.name for i in entries.items] == [f"entries[{i}]" for i in (0, 1, 2, 3, 10, 11)]
    assert entries.next_index == 12


def test_map_items_carry_their_key(forms: FormBuilder) -> None:
    values = {"m:0:__key": ["color"], "m:0:objectType": ["KalturaString"]}
    ref = TypeRef("map", array_type="KalturaString")
    found = forms.field(name="m", path="m", ref=ref, values=values)
    assert found.kind == "map" and found.items[0].map_key == "color"


def test_changing_type_keeps_values_whose_names_still_exist(forms: FormBuilder) -> None:
    values = {"filter:objectType": ["KalturaBaseEntryFilter"], "filter:nameLike": ["abc"]}
    children = forms.chosen_children("KalturaBaseEntryFilter", "filter", values)
    assert next(c for c in children if c.name == "nameLike").value == "abc"
    assert (
        forms.chosen_children(
            "KalturaMediaEntryFilter", "filter", {"filter:objectType": ["KalturaUser"]}
        )
        == ()
    )


def test_unknown_type_takes_json_with_a_note(forms: FormBuilder) -> None:
    bulk = next(
        f
        for f in forms.action_fields("categoryentry", "addFromBulkUpload", {})
        if f.name == "bulkUploadData"
    )
    assert bulk.kind == "json"
    assert "KalturaBulkServiceData is not in this schema: give the value as JSON" in bulk.warning


def test_service_list_starts_with_multirequest_and_marks_deprecated(schema: Schema) -> None:
    options = service_options(schema)
    assert options[0].value == "multirequest" and options[0].label == "Multirequest"
    labels = {o.value: o.label for o in options}
    assert labels["accesscontrol"] == "accessControl (deprecated)"
    assert labels["caption_captionasset"] == "captionAsset (caption)"
    names = [o.label.lower() for o in options[1:]]
    assert names == sorted(names)


@pytest.mark.parametrize(
    ("service_id", "label"),
    [
        ("annotation_annotation", "annotation (deprecated)"),  # plugin == name: said once
        ("filesync_filesync", "fileSync"),
        ("systempartner_systempartner", "systemPartner"),
        (
            "kalturainternaltools_kalturainternaltoolssystemhelper",
            "kalturaInternalToolsSystemHelper (KalturaInternalTools)",
        ),
        ("document_documents", "documents (document)"),  # differs in more than case
        ("caption_captionasset", "captionAsset (caption)"),
        ("media", "media"),
    ],
)
def test_service_labels_name_the_plugin_only_where_it_adds_something(
    schema: Schema, service_id: str, label: str
) -> None:
    labels = {o.value: o.label for o in service_options(schema)}
    assert labels[service_id] == label


@pytest.mark.parametrize(
    ("service", "action", "expected"),
    [
        ("media", "list", Selection("media", "list")),
        ("MEDIA", "LIST", Selection("media", "list")),
        ("BaseEntry", "addcontent", Selection("baseentry", "addContent")),
        ("Caption_CaptionAsset", "", Selection("caption_captionasset")),
        ("MultiRequest", "ignored", Selection("multirequest")),
        ("", "", Selection()),
        (
            "media",
            "nosuch",
            Selection("media", problem="No action media.nosuch in schema 22.15.0."),
        ),
        ("nosuch", "list", Selection(problem="No service nosuch in schema 22.15.0.")),
        ("", "list", Selection(problem="No service was given for action list.")),
    ],
)
def test_selection_resolves_names_in_any_case_to_the_schemas_spelling(
    schema: Schema, service: str, action: str, expected: Selection
) -> None:
    assert select(schema, service, action) == expected


@pytest.mark.parametrize(
    ("asked", "found"),
    [
        ("KalturaMediaEntry", "KalturaMediaEntry"),
        ("kalturamediaentry", "KalturaMediaEntry"),
        ("KALTURAUPLOADEDFILETOKENRESOURCE", "KalturaUploadedFileTokenResource"),
        ("KalturaNoSuch", None),
    ],
)
def test_classes_are_found_in_any_case(schema: Schema, asked: str, found: str | None) -> None:
    cls = schema.class_named(asked)
    assert (cls.name if cls else None) == found


def test_action_list_uses_schema_names(schema: Schema) -> None:
    values = [o.value for o in action_options(schema, "baseentry")]
    assert "addContent" in values


def test_configuration_fields_follow_the_schema(schema: Schema) -> None:
    fields = config_fields(schema, {})
    assert [f.name for f in fields] == [
        "format",
        "callback",
        "clientTag",
        "apiVersion",
        "partnerId",
        "language",
        "responseProfile",
    ]
    assert fields[0].value == "2" and [o.value for o in fields[0].options] == ["2", "1", "9", "3"]
    assert fields[2].value == "testme"
    assert fields[-1].kind == "object"
