"""Which ids of an answer the console follows, and which actions it offers for each, read from
the real 22.15.0 schema (app/forms/following.py): nothing here is a hand list of the schema."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.forms.following import (
    FollowIndex,
    Target,
    chosen_calls,
    form_targets,
    index_of,
    menu,
)
from app.forms.links import read_link
from app.protocol.schema import Schema
from app.protocol.schema_loader import load_schema


@pytest.fixture(scope="module")
def schema(real_schema_path: Path) -> Schema:
    return load_schema(real_schema_path)


@pytest.fixture(scope="module")
def index(schema: Schema) -> FollowIndex:
    return index_of(schema)


@pytest.mark.parametrize(
    ("object_type", "key", "kind"),
    [
        ("KalturaMediaEntry", "id", "entry"),  # media.get(entryId) returns it
        ("KalturaLiveStreamEntry", "id", "entry"),  # liveStream.get(entryId)
        ("KalturaDataEntry", "id", "entry"),
        ("KalturaFlavorAsset", "id", "flavorAsset"),  # flavorAsset.get(id): named by the class
        ("KalturaFlavorAsset", "entryId", "entry"),  # a member <kind>Id, whatever the object
        ("KalturaFlavorAsset", "flavorParamsId", "flavorParams"),
        ("KalturaCategory", "id", "category"),
        ("KalturaUploadToken", "id", "uploadToken"),  # uploadToken.get(uploadTokenId)
        ("KalturaUser", "id", "user"),  # user.get(userId), userId optional
        ("KalturaPartner", "id", "partner"),  # partner.get(id), systemPartner.get(pId)
        ("KalturaMetadataProfile", "id", "metadataProfile"),  # a class the file does not define
        ("KalturaMediaEntry", "partnerId", "partner"),
        ("KalturaMediaEntry", "userId", "user"),
        ("KalturaCategoryEntry", "categoryId", "category"),
        ("KalturaCategoryEntry", "entryId", "entry"),
        ("", "entryId", "entry"),  # an object whose type the answer does not say
    ],
)
def test_an_id_has_the_kind_its_place_in_the_answer_gives(
    schema: Schema, index: FollowIndex, object_type: str, key: str, kind: str
) -> None:
    assert index.kind_of(object_type, key) == kind


@pytest.mark.parametrize(
    ("object_type", "key"),
    [
        ("KalturaCategoryEntry", "id"),  # no service gets a category entry by one id
        ("KalturaMediaEntry", "name"),
        ("KalturaMediaEntry", "creatorId"),  # no kind `creator`
        ("KalturaMediaEntry", "rootEntryId"),  # nor `rootEntry`
        ("", "id"),  # an id of nothing said
    ],
)
def test_other_values_are_not_followed(
    schema: Schema, index: FollowIndex, object_type: str, key: str
) -> None:
    assert index.kind_of(object_type, key) == ""


@pytest.mark.parametrize(
    ("kind", "object_type", "first", "offered"),
    [
        (
            "entry",
            "KalturaMediaEntry",
            ["media.get"],  # the service whose get returns the class, its get first
            {
                "media.get": "entryId",
                "media.update": "entryId",
                "media.delete": "entryId",
                "media.list": "filter:idEqual",  # the service's own filter
                "baseEntry.get": "entryId",  # the base class's service
                "flavorAsset.list": "filter:entryIdEqual",
                "flavorAsset.getFlavorAssetsWithParams": "entryId",
                "categoryEntry.add": "categoryEntry:entryId",  # an add's object
                "categoryEntry.list": "filter:entryIdEqual",
                "thumbAsset.list": "filter:entryIdEqual",
            },
        ),
        (
            "uploadToken",
            "KalturaUploadToken",
            ["uploadToken.get"],
            {
                "uploadToken.get": "uploadTokenId",
                "uploadToken.upload": "uploadTokenId",
                "uploadToken.delete": "uploadTokenId",
                "uploadToken.list": "filter:idEqual",
                "baseEntry.addFromUploadedFile": "uploadTokenId",
            },
        ),
        (
            "category",
            "KalturaCategory",
            ["category.get"],
            {
                "category.get": "id",  # `id` in the category service
                "category.update": "id",
                "category.delete": "id",
                "categoryEntry.add": "categoryEntry:categoryId",
                "categoryEntry.list": "filter:categoryIdEqual",
                "categoryUser.list": "filter:categoryIdEqual",
            },
        ),
        (
            "flavorAsset",
            "KalturaFlavorAsset",
            ["flavorAsset.get"],
            {
                "flavorAsset.get": "id",
                "flavorAsset.getUrl": "id",
                "flavorAsset.delete": "id",
                "mediaInfo.list": "filter:flavorAssetIdEqual",
            },
        ),
        (
            "user",
            "KalturaUser",
            ["user.get"],
            {"user.get": "userId", "media.list": "filter:userIdEqual", "session.start": "userId"},
        ),
        (
            "metadataProfile",
            "KalturaMetadataProfile",
            ["metadataProfile.get"],
            {"metadataProfile.get": "id", "metadata.add": "metadataProfileId"},
        ),
        (
            "partner",
            "KalturaPartner",
            ["partner.get"],
            {"partner.get": "id", "partner.getSecrets": "partnerId"},
        ),
    ],
)
def test_the_actions_that_take_an_id_come_from_the_schema(
    schema: Schema,
    index: FollowIndex,
    kind: str,
    object_type: str,
    first: list[str],
    offered: dict[str, str],
) -> None:
    offers = index.offers_for(kind, object_type)
    by_label = {o.label: o.path for o in offers}
    assert [o.label for o in offers[: len(first)]] == first
    assert {label: by_label.get(label) for label in offered} == offered
    assert len(by_label) == len(offers)  # each action once


def test_a_media_entry_s_own_service_comes_before_its_base_class_s(
    schema: Schema, index: FollowIndex
) -> None:
    labels = [o.label for o in index.offers_for("entry", "KalturaMediaEntry")]
    services = list(dict.fromkeys(label.split(".")[0] for label in labels))
    assert services[:2] == ["media", "baseEntry"]


@pytest.mark.parametrize(
    ("kind", "object_type", "first"),
    [
        ("partner", "KalturaMediaEntry", "partner.get"),  # an entry's partnerId: not media's
        ("entry", "KalturaFlavorAsset", "baseEntry.get"),  # an asset's entryId
        ("entry", "", "baseEntry.get"),
    ],
)
def test_an_id_held_by_an_object_of_another_kind_offers_its_own_kind_s_get_first(
    schema: Schema, index: FollowIndex, kind: str, object_type: str, first: str
) -> None:
    assert index.offers_for(kind, object_type)[0].label == first


def test_deprecated_actions_are_not_offered(schema: Schema, index: FollowIndex) -> None:
    deprecated = {
        schema.call_name(s.id, a.name) for s in schema.services for a in s.actions if a.deprecated
    }
    offered = {o.label for offers in index.offers.values() for o in offers}
    assert deprecated and not deprecated & offered


@pytest.mark.parametrize(
    ("kind", "label", "query"),
    [
        ("entry", "media.get", [("service", "media"), ("action", "get"), ("entryId", "0_abc")]),
        (
            "entry",
            "flavorAsset.list",
            [
                ("service", "flavorasset"),  # the service's id, as the console's links spell it
                ("action", "list"),
                ("filter:objectType", "KalturaAssetFilter"),  # the parameter's declared type
                ("filter:entryIdEqual", "0_abc"),
            ],
        ),
        (
            "entry",
            "categoryEntry.add",
            [
                ("service", "categoryentry"),
                ("action", "add"),
                ("categoryEntry:objectType", "KalturaCategoryEntry"),
                ("categoryEntry:entryId", "0_abc"),
            ],
        ),
    ],
)
def test_an_offer_s_link_reads_back_as_its_form_filled(
    schema: Schema, index: FollowIndex, kind: str, label: str, query: list[tuple[str, str]]
) -> None:
    offer = next(o for o in index.offers[kind] if o.label == label)
    assert offer.fields("0_abc") == query
    link = read_link(schema, query)
    assert link.dropped == ()
    assert [(name, v) for name, values in link.values.items() for v in values] == query


@pytest.mark.parametrize(
    ("kind", "calls", "targets"),
    [
        ("entry", [(0, "media", "get")], ["entryId"]),
        ("entry", [(0, "flavorAsset", "list")], ["filter:entryIdEqual"]),
        ("entry", [(0, "media", "list")], ["filter:idEqual"]),
        ("category", [(0, "categoryEntry", "add")], ["categoryEntry:categoryId"]),
        ("entry", [(1, "uploadToken", "add"), (2, "media", "addContent")], ["2:entryId"]),
        ("uploadToken", [(0, "media", "get")], []),  # media.get takes no upload token
        ("entry", [], []),  # no action chosen
    ],
)
def test_use_in_the_form_puts_an_id_in_the_field_of_its_kind(
    index: FollowIndex, kind: str, calls: list[tuple[int, str, str]], targets: list[str]
) -> None:
    assert [t.name for t in form_targets(index, kind, calls)] == targets


def test_a_field_in_an_object_not_shown_yet_says_which_type_shows_it(index: FollowIndex) -> None:
    assert form_targets(index, "entry", [(0, "flavorAsset", "list")]) == (
        Target(
            "filter:entryIdEqual",
            "choose filter's objectType KalturaAssetFilter to show entryIdEqual",
        ),
    )


def test_the_index_is_built_once_per_schema(schema: Schema) -> None:
    assert index_of(schema) is index_of(schema)


@pytest.mark.parametrize(
    ("pairs", "calls"),
    [
        ([("service", "media"), ("action", "list")], [(0, "media", "list")]),
        ([("service", "media"), ("action", "")], []),  # no action chosen: no call
        ([("service", "multirequest"), ("action", "")], []),
        (
            [
                ("service", "multirequest"),
                ("2:service", "flavorasset"),
                ("2:action", "list"),
                ("1:service", "media"),
                ("1:action", "get"),
                ("1:entryId", "0_a"),
            ],
            [(1, "media", "get"), (2, "flavorasset", "list")],
        ),
    ],
)
def test_the_calls_a_forms_selects_choose_are_read_in_request_order(
    pairs: list[tuple[str, str]], calls: list[tuple[int, str, str]]
) -> None:
    assert chosen_calls(pairs) == calls


@pytest.mark.parametrize(
    ("pairs", "absent", "nothing_takes"),
    [
        ([], "", "No field of the form (no action chosen) takes an entry id."),
        (
            [("service", "media"), ("action", "get")],
            "The form shows no field for it yet: choose its action.",
            "No field of media.get takes an entry id.",
        ),
        (
            [("service", "flavorAsset"), ("action", "list")],
            "The form shows no field for it yet: "
            "choose filter's objectType KalturaAssetFilter to show entryIdEqual.",
            "No field of flavorAsset.list takes an entry id.",
        ),
        (
            [("service", "category"), ("action", "list")],
            "",
            "No field of category.list takes an entry id.",
        ),
    ],
)
def test_the_menu_says_what_use_in_the_form_does_with_the_form_as_it_is(
    schema: Schema, pairs: list[tuple[str, str]], absent: str, nothing_takes: str
) -> None:
    found = menu(schema, "entry", "KalturaMediaEntry", pairs)
    assert (found.absent, found.nothing_takes) == (absent, nothing_takes)
    assert found.offers == index_of(schema).offers_for("entry", "KalturaMediaEntry")


def test_the_menu_s_links_keep_the_configuration_and_the_server_never_a_typed_value(
    schema: Schema,
) -> None:
    pairs = [("service", "media"), ("action", "get"), ("entryId", "0_typed"),
             ("config.format", "1"), ("__server", "qa"), ("filter:nameLike", "x")]  # fmt: skip
    assert menu(schema, "entry", "", pairs).kept == (("config.format", "1"), ("__server", "qa"))
