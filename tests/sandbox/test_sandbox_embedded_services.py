"""The services of the embedded schema a newcomer expects next to media — playlists, assets and
their params, custom metadata, players, access control, conversion profiles, partners — answer
add → get → list (a filter field and orderBy) → update → delete through the official Python
client on a fresh sandbox, with nothing but the embedded schema behind them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from KalturaClient import KalturaClient
from KalturaClient.exceptions import KalturaException
from KalturaClient.Plugins import Core
from KalturaClient.Plugins import Metadata as Md

from app.protocol.schema_loader import load_schema
from app.resources import default_schema_path
from app.sandbox import SandboxConfig
from app.sandbox.engine import build_engine
from tests.sandbox.conftest import LiveSandbox, start_live

NEW_SERVICES = (
    "playlist",
    "flavorasset",
    "thumbasset",
    "metadata_metadata",
    "metadata_metadataprofile",
    "uiconf",
    "partner",
    "accesscontrolprofile",
    "conversionprofile",
    "flavorparams",
    "thumbparams",
)
# api_v3's metadata services check XML against the profile's XSD: written by hand.
RATINGS_XSD = (
    '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema"><xsd:element name="metadata">'
    '<xsd:complexType><xsd:sequence><xsd:element name="Rating" type="xsd:int" minOccurs="0"/>'
    "</xsd:sequence></xsd:complexType></xsd:element></xsd:schema>"
)


@dataclass
class Fixture:
    """What a case needs from the sandbox: a media entry and a metadata profile to point at."""

    client: KalturaClient
    entry_id: str
    profile_id: int


@dataclass(frozen=True)
class Case:
    proxy: Callable[[KalturaClient], Any]
    add: Callable[[Any, Fixture], Any]
    filter: Callable[[Any, Fixture], Any]  # the filter, one field set to match the added object
    update: Callable[[Any, Any], Any]  # (proxy, id) → the updated object
    changed: Callable[[Any], bool]  # the update shows on what get answers next
    get_id: str = "id"


CASES: dict[str, Case] = {
    "playlist": Case(
        lambda c: c.playlist,
        lambda p, f: p.add(Core.KalturaPlaylist(name="Road trip", playlistType=3)),
        lambda o, f: Core.KalturaPlaylistFilter(playListTypeEqual=3, idEqual=o.id),
        lambda p, i: p.update(i, Core.KalturaPlaylist(name="Road trip, part 2")),
        lambda o: o.name == "Road trip, part 2",
    ),
    "flavorAsset": Case(
        lambda c: c.flavorAsset,
        lambda p, f: p.add(f.entry_id, Core.KalturaFlavorAsset(tags="hd")),
        lambda o, f: Core.KalturaAssetFilter(entryIdEqual=f.entry_id),
        lambda p, i: p.update(i, Core.KalturaFlavorAsset(tags="sd")),
        lambda o: o.tags == "sd",
    ),
    "thumbAsset": Case(
        lambda c: c.thumbAsset,
        lambda p, f: p.add(f.entry_id, Core.KalturaThumbAsset(tags="poster")),
        lambda o, f: Core.KalturaAssetFilter(entryIdEqual=f.entry_id, tagsLike="poster"),
        lambda p, i: p.update(i, Core.KalturaThumbAsset(tags="banner")),
        lambda o: o.tags == "banner",
    ),
    "metadata": Case(
        lambda c: c.metadata.metadata,
        lambda p, f: p.add(
            f.profile_id, "1", f.entry_id, "<metadata><Rating>3</Rating></metadata>"
        ),
        lambda o, f: Md.KalturaMetadataFilter(objectIdEqual=f.entry_id),
        lambda p, i: p.update(i, "<metadata><Rating>5</Rating></metadata>"),
        lambda o: o.xml == "<metadata><Rating>5</Rating></metadata>",
    ),
    "metadataProfile": Case(
        lambda c: c.metadata.metadataProfile,
        lambda p, f: p.add(
            Md.KalturaMetadataProfile(name="Ratings", systemName="ratings", metadataObjectType="1"),
            RATINGS_XSD,
        ),
        lambda o, f: Md.KalturaMetadataProfileFilter(systemNameEqual="ratings"),
        lambda p, i: p.update(i, Md.KalturaMetadataProfile(name="Star ratings")),
        lambda o: o.name == "Star ratings" and o.xsd == RATINGS_XSD,
    ),
    "uiConf": Case(
        lambda c: c.uiConf,
        lambda p, f: p.add(Core.KalturaUiConf(name="Main player", objType=1, creationMode=2)),
        lambda o, f: Core.KalturaUiConfFilter(nameLike="Main player"),
        lambda p, i: p.update(i, Core.KalturaUiConf(name="Side player")),
        lambda o: o.name == "Side player",
    ),
    "accessControlProfile": Case(
        lambda c: c.accessControlProfile,
        lambda p, f: p.add(Core.KalturaAccessControlProfile(name="Open", systemName="open")),
        lambda o, f: Core.KalturaAccessControlProfileFilter(systemNameEqual="open"),
        lambda p, i: p.update(i, Core.KalturaAccessControlProfile(name="Open to all")),
        lambda o: o.name == "Open to all",
    ),
    "conversionProfile": Case(
        lambda c: c.conversionProfile,
        lambda p, f: p.add(Core.KalturaConversionProfile(name="Web", type="1")),
        lambda o, f: Core.KalturaConversionProfileFilter(nameEqual="Web"),
        lambda p, i: p.update(i, Core.KalturaConversionProfile(name="Web and mobile")),
        lambda o: o.name == "Web and mobile",
    ),
    "flavorParams": Case(
        lambda c: c.flavorParams,
        lambda p, f: p.add(Core.KalturaFlavorParams(name="720p", systemName="hd720", format="mp4")),
        lambda o, f: Core.KalturaFlavorParamsFilter(formatEqual="mp4", systemNameEqual="hd720"),
        lambda p, i: p.update(i, Core.KalturaFlavorParams(name="720p (H.264)")),
        lambda o: o.name == "720p (H.264)",
    ),
    "thumbParams": Case(
        lambda c: c.thumbParams,
        lambda p, f: p.add(Core.KalturaThumbParams(name="Poster", systemName="poster", width=640)),
        lambda o, f: Core.KalturaThumbParamsFilter(systemNameEqual="poster"),
        lambda p, i: p.update(i, Core.KalturaThumbParams(name="Poster, large", width=1280)),
        lambda o: o.name == "Poster, large" and o.width == 1280,
    ),
}


@pytest.fixture(scope="module")
def embedded_live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveSandbox]:
    sandbox = start_live(SandboxConfig(data_dir=tmp_path_factory.mktemp("embedded")))
    yield sandbox
    sandbox.stop()


@pytest.fixture(scope="module")
def fixture(embedded_live: LiveSandbox) -> Fixture:
    client = embedded_live.client(embedded_live.admin_ks())
    entry = client.media.add(Core.KalturaMediaEntry(name="Sample", mediaType=1))
    profile = client.metadata.metadataProfile.add(
        Md.KalturaMetadataProfile(name="Base", metadataObjectType="1"), RATINGS_XSD
    )
    return Fixture(client, entry.id, profile.id)


def test_the_embedded_schema_declares_the_new_services_and_the_engine_keeps_them() -> None:
    schema = load_schema(default_schema_path())
    engine = build_engine(schema)
    for service_id in NEW_SERVICES:
        service = schema.service(service_id)
        assert service is not None, service_id
        for action in service.actions:
            # by convention, or hand-written where api_v3 has rules of its own (uiConf, partner,
            # custom metadata, the assets' URL actions)
            assert engine.answer(service, action).behaviour == "stateful", (
                f"{service.name}.{action.name}"
            )


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_new_service_round_trips_through_the_official_client(fixture: Fixture, name: str) -> None:
    case = CASES[name]
    proxy = case.proxy(fixture.client)
    added = case.add(proxy, fixture)
    assert added.id
    assert proxy.get(added.id).id == added.id
    filter_ = case.filter(added, fixture)
    filter_.orderBy = "-createdAt"
    listed = proxy.list(filter_)
    assert [o.id for o in listed.objects] == [added.id] and listed.totalCount == 1
    case.update(proxy, added.id)
    assert case.changed(proxy.get(added.id))
    proxy.delete(added.id)
    with pytest.raises(KalturaException) as gone:
        proxy.get(added.id)
    assert gone.value.code.endswith("NOT_FOUND") or gone.value.code in (
        "INVALID_ENTRY_ID",
        "INVALID_UI_CONF_ID",  # api_v3's uiConf.get
    )


def test_metadata_keeps_what_add_was_given_under_its_property_names(fixture: Fixture) -> None:
    added = fixture.client.metadata.metadata.add(
        fixture.profile_id, "1", fixture.entry_id, "<metadata/>"
    )
    assert (added.metadataProfileId, added.objectId, added.xml) == (
        fixture.profile_id,
        fixture.entry_id,
        "<metadata/>",
    )
    assert added.metadataObjectType.getValue() == "1"


def test_partners_list_and_count_answer_on_the_embedded_schema(fixture: Fixture) -> None:
    listed = fixture.client.partner.list(Core.KalturaPartnerFilter(nameLike="x"))
    assert type(listed).__name__ == "KalturaPartnerListResponse"
    assert fixture.client.partner.count() == listed.totalCount
