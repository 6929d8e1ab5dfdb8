"""Custom metadata through the official Python client (XML, format 2) and over raw HTTP in JSON
(format 1): a profile with an XSD, metadata attached to an entry and checked against it,
updated, listed, found again by media.list's advancedSearch, deleted."""

from __future__ import annotations

from typing import Any

import pytest
from KalturaClient import KalturaClient
from KalturaClient.exceptions import KalturaException
from KalturaClient.Plugins.Core import (
    KalturaMediaEntry,
    KalturaMediaEntryFilter,
    KalturaMediaType,
    KalturaSearchCondition,
    KalturaSearchOperatorType,
)
from KalturaClient.Plugins.Metadata import (
    KalturaMetadataFilter,
    KalturaMetadataObjectType,
    KalturaMetadataProfile,
    KalturaMetadataProfileStatus,
    KalturaMetadataSearchItem,
    KalturaMetadataStatus,
)

from tests.sandbox.conftest import Api, LiveSandbox

XSD = """<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <xsd:element name="metadata">
    <xsd:complexType>
      <xsd:sequence>
        <xsd:element name="Director" minOccurs="1" maxOccurs="1" type="textType">
          <xsd:annotation>
            <xsd:documentation/>
            <xsd:appinfo>
              <label>Director</label>
              <key>Director</key>
              <searchable>true</searchable>
            </xsd:appinfo>
          </xsd:annotation>
        </xsd:element>
        <xsd:element name="Year" minOccurs="0" maxOccurs="1" type="intType">
          <xsd:annotation>
            <xsd:appinfo><searchable>true</searchable></xsd:appinfo>
          </xsd:annotation>
        </xsd:element>
        <xsd:element name="Genre" minOccurs="0" maxOccurs="unbounded">
          <xsd:annotation>
            <xsd:appinfo><searchable>true</searchable></xsd:appinfo>
          </xsd:annotation>
          <xsd:simpleType>
            <xsd:restriction base="listType">
              <xsd:enumeration value="Drama"/>
              <xsd:enumeration value="Comedy"/>
            </xsd:restriction>
          </xsd:simpleType>
        </xsd:element>
      </xsd:sequence>
    </xsd:complexType>
  </xsd:element>
  <xsd:complexType name="textType">
    <xsd:simpleContent><xsd:extension base="xsd:string"/></xsd:simpleContent>
  </xsd:complexType>
  <xsd:complexType name="intType">
    <xsd:simpleContent><xsd:extension base="xsd:long"/></xsd:simpleContent>
  </xsd:complexType>
  <xsd:simpleType name="listType">
    <xsd:restriction base="xsd:string"/>
  </xsd:simpleType>
</xsd:schema>"""
DIRECTOR = "/*[local-name()='metadata']/*[local-name()='Director']"
GENRE = "/*[local-name()='metadata']/*[local-name()='Genre']"
ENTRY = KalturaMetadataObjectType.ENTRY


def _xml(director: str, *genres: str, year: str = "") -> str:
    parts = [f"<Director>{director}</Director>"]
    parts += [f"<Year>{year}</Year>"] if year else []
    parts += [f"<Genre>{g}</Genre>" for g in genres]
    return f"<metadata>{''.join(parts)}</metadata>"


def _profile(client: KalturaClient, name: str = "Film") -> Any:
    profile = KalturaMetadataProfile()
    profile.name, profile.metadataObjectType = name, ENTRY
    return client.metadata.metadataProfile.add(profile, XSD)


def _entry(client: KalturaClient, name: str) -> str:
    entry = KalturaMediaEntry()
    entry.name, entry.mediaType = name, KalturaMediaType.VIDEO
    entry_id: str = client.media.add(entry).id
    return entry_id


def _code(call: Any, *args: Any) -> str:
    with pytest.raises(KalturaException) as refused:
        call(*args)
    return f"{refused.value.code}: {refused.value.message}"


@pytest.fixture(scope="module")
def client(live: LiveSandbox) -> KalturaClient:
    return live.client(live.admin_ks())


def test_profile_keeps_its_xsd_active_at_api_v3s_first_version(client: KalturaClient) -> None:
    """metadataProfile.add makes the profile ACTIVE at version 2 (api_v3's first version on data
    centre 0: docs/SANDBOX.md, Custom metadata); get answers its XSD in `xsd`."""
    added = _profile(client)

    got = client.metadata.metadataProfile.get(added.id)
    assert got.xsd == XSD
    assert got.status.getValue() == KalturaMetadataProfileStatus.ACTIVE
    assert (got.version, got.metadataObjectType.getValue(), got.name) == (2, ENTRY, "Film")


def test_profile_refuses_an_xsd_that_is_not_well_formed(client: KalturaClient) -> None:
    """metadataProfile.add refuses an XSD that is not well-formed: INVALID_METADATA_PROFILE_SCHEMA
    with the parser's error and its line."""
    profile = KalturaMetadataProfile()
    profile.name, profile.metadataObjectType = "Broken", ENTRY

    broken = (
        '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">\n<xsd:element>\n</xsd:schema>'
    )

    said = _code(client.metadata.metadataProfile.add, profile, broken)

    assert said.startswith("INVALID_METADATA_PROFILE_SCHEMA: invalid metadata profile schema: ")
    assert said.endswith(": mismatched tag at line 3")


def test_metadata_is_checked_against_the_profiles_xsd(client: KalturaClient) -> None:
    """metadata.add checks the XML against the profile's XSD: INVALID_METADATA_DATA (its
    message "invalid metadata data: @ERR_MSG@") with libxml's complaint and the line."""
    profile = _profile(client)
    entry_id = _entry(client, "checked")

    wrong_year = _code(
        client.metadata.metadata.add, profile.id, ENTRY, entry_id, _xml("Ray", year="nineteen")
    )
    missing = _code(client.metadata.metadata.add, profile.id, ENTRY, entry_id, "<metadata/>")
    not_listed = _code(
        client.metadata.metadata.add, profile.id, ENTRY, entry_id, _xml("Ray", "Western")
    )

    assert wrong_year == (
        "INVALID_METADATA_DATA: invalid metadata data: Element 'Year': 'nineteen' is not a valid"
        " value of the atomic type 'xs:long'. at line 1"
    )
    assert "Element 'metadata': Missing child element(s). Expected is ( Director )." in missing
    assert "[facet 'enumeration'] The value 'Western'" in not_listed


def test_metadata_add_get_update_list_delete(client: KalturaClient) -> None:
    """metadata.add (one per profile and object: METADATA_ALREADY_EXISTS with the existing
    id), update (the version goes 2 then 12; INVALID_METADATA_VERSION naming the current
    version), list (objectIdEqual, ENTRY by default), delete (status DELETED, then
    METADATA_NOT_FOUND: only VALID metadata is found)."""
    profile = _profile(client)
    entry_id = _entry(client, "with metadata")

    added = client.metadata.metadata.add(profile.id, ENTRY, entry_id, _xml("Agnès Varda", "Drama"))
    again = _code(client.metadata.metadata.add, profile.id, ENTRY, entry_id, _xml("Other"))
    updated = client.metadata.metadata.update(added.id, _xml("Agnès Varda", "Drama", "Comedy"))
    stale = _code(client.metadata.metadata.update, added.id, _xml("Late"), added.version)
    by_entry = KalturaMetadataFilter()
    by_entry.objectIdEqual = entry_id
    listed = client.metadata.metadata.list(by_entry)

    assert (added.version, added.metadataProfileVersion, added.objectId) == (2, 2, entry_id)
    assert added.status.getValue() == KalturaMetadataStatus.VALID
    assert again == f"METADATA_ALREADY_EXISTS: Metadata already exists id [{added.id}]"
    assert (updated.version, updated.xml) == (12, _xml("Agnès Varda", "Drama", "Comedy"))
    assert stale == "INVALID_METADATA_VERSION: invalid metadata version [12]"
    assert [(m.id, m.version) for m in listed.objects] == [(added.id, 12)]
    assert client.metadata.metadata.get(added.id).xml == updated.xml
    client.metadata.metadata.delete(added.id)
    assert _code(client.metadata.metadata.get, added.id).startswith("METADATA_NOT_FOUND")
    assert client.metadata.metadata.list(by_entry).totalCount == 0


def test_metadata_needs_an_existing_object_and_a_profile_of_its_type(
    client: KalturaClient,
) -> None:
    """metadata.add: METADATA_PROFILE_NOT_FOUND, then INCOMPATIBLE_METADATA_PROFILE_OBJECT_TYPE
    (profile's type, then the one sent), then, for an object that does not exist or the KS may not
    edit, METADATA_OBJECT_ID_NOT_FOUND; metadata.list on entries without an object id:
    MUST_FILTER_ON_OBJECT_ID."""
    profile = _profile(client)

    no_profile = _code(client.metadata.metadata.add, 987654, ENTRY, "0_none", _xml("x"))
    wrong_type = _code(
        client.metadata.metadata.add, profile.id, KalturaMetadataObjectType.CATEGORY, "1", _xml("x")
    )
    no_entry = _code(client.metadata.metadata.add, profile.id, ENTRY, "0_missing1", _xml("x"))
    unfiltered = _code(client.metadata.metadata.list, KalturaMetadataFilter())

    assert no_profile == "METADATA_PROFILE_NOT_FOUND: metadata profile not found, id [987654]"
    assert wrong_type == (
        "INCOMPATIBLE_METADATA_PROFILE_OBJECT_TYPE: Metadata Profile object type is 1,"
        " metadata object type is 2"
    )
    assert no_entry == "METADATA_OBJECT_ID_NOT_FOUND: Object Id [0_missing1], not found"
    assert unfiltered == "MUST_FILTER_ON_OBJECT_ID: Must filter on object id"


def test_media_list_finds_entries_by_a_metadata_value(client: KalturaClient) -> None:
    """A KalturaMetadataSearchItem's KalturaSearchCondition on a searchable field's XPath; list
    fields match a whole value, text fields words within it; the item's `type` joins its conditions
    (AND / OR)."""
    profile = _profile(client, "Searchable")
    varda = _entry(client, "Cléo")
    other = _entry(client, "Other film")
    _entry(client, "No metadata")
    client.metadata.metadata.add(profile.id, ENTRY, varda, _xml("Agnès Varda", "Drama"))
    client.metadata.metadata.add(profile.id, ENTRY, other, _xml("Jacques Demy", "Comedy"))

    def found(op: int, *conditions: tuple[str, str]) -> list[str]:
        item = KalturaMetadataSearchItem()
        item.metadataProfileId, item.type, item.items = profile.id, op, []
        for field, value in conditions:
            condition = KalturaSearchCondition()
            condition.field, condition.value = field, value
            item.items.append(condition)
        media_filter = KalturaMediaEntryFilter()
        media_filter.advancedSearch = item
        return sorted(e.name for e in client.media.list(media_filter).objects)

    AND, OR = KalturaSearchOperatorType.SEARCH_AND, KalturaSearchOperatorType.SEARCH_OR
    assert found(AND, (DIRECTOR, "varda")) == ["Cléo"]
    assert found(AND, (GENRE, "Comedy")) == ["Other film"]
    assert found(AND, (GENRE, "Com")) == []  # a list field matches whole values only
    assert found(AND, (DIRECTOR, "Varda"), (GENRE, "Comedy")) == []
    assert found(OR, (DIRECTOR, "Varda"), (GENRE, "Comedy")) == ["Cléo", "Other film"]
    assert found(AND, (DIRECTOR, "*")) == ["Cléo", "Other film"]


def test_the_flow_in_json(api: Api) -> None:
    """The same flow over raw HTTP in JSON (format 1), as above."""
    profile = api(
        "metadata_metadataprofile",
        "add",
        metadataProfile={
            "objectType": "KalturaMetadataProfile",
            "name": "J",
            "metadataObjectType": "1",
        },
        xsdData=XSD,
    )
    assert isinstance(profile, dict) and (profile["status"], profile["version"]) == (1, 2)
    entry = api(
        "media", "add", entry={"objectType": "KalturaMediaEntry", "name": "json", "mediaType": 1}
    )
    assert isinstance(entry, dict)
    bad = api(
        "metadata_metadata",
        "add",
        metadataProfileId=profile["id"],
        objectType="1",
        objectId=entry["id"],
        xmlData="<metadata><Year>1</Year></metadata>",
    )
    added = api(
        "metadata_metadata",
        "add",
        metadataProfileId=profile["id"],
        objectType="1",
        objectId=entry["id"],
        xmlData=_xml("Chantal Akerman"),
    )
    assert isinstance(bad, dict) and bad["code"] == "INVALID_METADATA_DATA"
    assert (
        "Element 'Year': This element is not expected. Expected is ( Director )." in bad["message"]
    )
    assert isinstance(added, dict) and (added["objectType"], added["version"]) == (
        "KalturaMetadata",
        2,
    )
    updated = api(
        "metadata_metadata", "update", id=added["id"], xmlData=_xml("Chantal Akerman", "Drama")
    )
    assert isinstance(updated, dict) and updated["version"] == 12
    listed = api(
        "metadata_metadata",
        "list",
        filter={
            "objectType": "KalturaMetadataFilter",
            "objectIdIn": entry["id"],
            "metadataProfileIdEqual": profile["id"],
        },
    )
    assert isinstance(listed, dict) and [m["id"] for m in listed["objects"]] == [added["id"]]
    search = {
        "objectType": "KalturaMetadataSearchItem",
        "metadataProfileId": profile["id"],
        "items": [{"objectType": "KalturaSearchCondition", "field": GENRE, "value": "Drama"}],
    }
    media = api(
        "baseEntry",
        "list",
        filter={"objectType": "KalturaBaseEntryFilter", "advancedSearch": search},
    )
    assert isinstance(media, dict) and [e["id"] for e in media["objects"]] == [entry["id"]]
