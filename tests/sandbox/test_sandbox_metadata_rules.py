"""Custom metadata's finer rules through the official Python client (XML, format 2): numeric and
negated search conditions, fields that are not searchable, a deprecated profile, user metadata,
whose entry a USER KS may annotate, and an XSD the sandbox cannot check."""

from __future__ import annotations

from typing import Any

import pytest
from KalturaClient import KalturaClient
from KalturaClient.exceptions import KalturaException
from KalturaClient.Plugins.Core import (
    KalturaBaseEntryFilter,
    KalturaSearchComparableCondition,
    KalturaSearchConditionComparison,
    KalturaSearchMatchCondition,
    KalturaSearchOperator,
    KalturaSessionType,
)
from KalturaClient.Plugins.Metadata import (
    KalturaMetadataFilter,
    KalturaMetadataObjectType,
    KalturaMetadataProfile,
    KalturaMetadataSearchItem,
)

from tests.sandbox.conftest import LiveSandbox
from tests.sandbox.test_sandbox_metadata import XSD, _code, _entry, _profile, _xml

ENTRY, USER = KalturaMetadataObjectType.ENTRY, KalturaMetadataObjectType.USER
FIELD = "/*[local-name()='metadata']/*[local-name()='{}']"


@pytest.fixture(scope="module")
def client(live: LiveSandbox) -> KalturaClient:
    return live.client(live.admin_ks())


def _names(client: KalturaClient, search: Any) -> list[str]:
    listed = client.baseEntry.list(KalturaBaseEntryFilter(advancedSearch=search))
    count = client.baseEntry.count(KalturaBaseEntryFilter(advancedSearch=search))
    names = sorted(e.name for e in listed.objects)
    assert count == len(names)
    return names


def test_search_compares_int_fields_and_turns_a_match_round(client: KalturaClient) -> None:
    """A metadata search: comparable conditions on intType/dateType fields only
    ("<field> > v AND <field> <> 0"), `not` on a match condition; the XSD's searchable=false
    field (a profile field with status NONE_SEARCHABLE) is not among the active fields: it
    finds nothing. A search item inside a KalturaSearchOperator still searches."""
    profile = _profile(client, "Years")
    for name, year in (("old", "1950"), ("new", "2020")):
        client.metadata.metadata.add(profile.id, ENTRY, _entry(client, name), _xml("D", year=year))
    _entry(client, "bare")

    def item(*conditions: Any) -> KalturaMetadataSearchItem:
        return KalturaMetadataSearchItem(metadataProfileId=profile.id, items=list(conditions))

    def year(comparison: str, value: str) -> KalturaSearchComparableCondition:
        return KalturaSearchComparableCondition(FIELD.format("Year"), value, comparison)

    after_1960 = item(year(KalturaSearchConditionComparison.GREATER_THAN, "1960"))
    assert _names(client, after_1960) == ["new"]
    assert _names(client, item(year(KalturaSearchConditionComparison.LESS_THAN, "3000"))) == [
        "new",
        "old",
    ]
    assert _names(client, item(year(KalturaSearchConditionComparison.EQUAL, "abc"))) == []
    not_d = KalturaSearchMatchCondition(FIELD.format("Director"), "D", True)
    negated = _names(client, item(not_d))
    assert "bare" in negated and not {"old", "new"} & set(negated)
    wrapped = KalturaSearchOperator(type=1, items=[after_1960])
    assert _names(client, wrapped) == ["new"]


def test_a_field_that_is_not_searchable_finds_nothing(client: KalturaClient) -> None:
    """api_v3 keeps only a profile's searchable fields as active, and a search on a field
    that is not among them is "1 <> 1"."""
    xsd = XSD.replace(
        "<label>Director</label>\n              <key>Director</key>\n"
        "              <searchable>true</searchable>",
        "<searchable>false</searchable>",
    )
    profile = client.metadata.metadataProfile.add(
        KalturaMetadataProfile(name="Hidden", metadataObjectType=ENTRY), xsd
    )
    client.metadata.metadata.add(profile.id, ENTRY, _entry(client, "hidden"), _xml("Varda"))
    search = KalturaMetadataSearchItem(
        metadataProfileId=profile.id,
        items=[KalturaSearchMatchCondition(FIELD.format("Director"), "*")],
    )
    assert "searchable>false" in xsd
    assert _names(client, search) == []


def test_the_same_xml_again_keeps_the_version(client: KalturaClient) -> None:
    """metadata.update: no new version when the XML is the same."""
    profile = _profile(client)
    added = client.metadata.metadata.add(profile.id, ENTRY, _entry(client, "same"), _xml("Same"))
    assert client.metadata.metadata.update(added.id, _xml("Same")).version == 2
    assert client.metadata.metadata.update(added.id).version == 2


def test_a_deleted_profile_takes_its_metadata_with_it(client: KalturaClient) -> None:
    """metadataProfile.delete: status DEPRECATED (hidden then: METADATA_PROFILE_NOT_FOUND), its
    fields deprecated (a search on them finds nothing, even negated), its metadata set to
    DELETED."""
    profile = _profile(client)
    added = client.metadata.metadata.add(profile.id, ENTRY, _entry(client, "gone"), _xml("Gone"))

    client.metadata.metadataProfile.delete(profile.id)

    assert _code(client.metadata.metadataProfile.get, profile.id).startswith(
        "METADATA_PROFILE_NOT_FOUND"
    )
    assert _code(client.metadata.metadata.get, added.id).startswith("METADATA_NOT_FOUND")
    not_gone = KalturaSearchMatchCondition(FIELD.format("Director"), "Gone", True)
    search = KalturaMetadataSearchItem(metadataProfileId=profile.id, items=[not_gone])
    assert _names(client, search) == []  # its fields are deprecated with it: "1 <> 1"


def test_an_entrys_metadata_goes_with_the_entry(client: KalturaClient) -> None:
    """Deleting an entry deletes its metadata (then METADATA_NOT_FOUND), so a new metadata may be
    added for the same id."""
    profile = _profile(client)
    entry_id = _entry(client, "short-lived")
    added = client.metadata.metadata.add(profile.id, ENTRY, entry_id, _xml("Brief"))

    client.media.delete(entry_id)

    assert _code(client.metadata.metadata.get, added.id).startswith("METADATA_NOT_FOUND")
    assert _code(client.metadata.metadata.update, added.id, _xml("x")).startswith(
        "METADATA_NOT_FOUND"
    )


def test_user_metadata_creates_the_user_and_lists_by_user_id(client: KalturaClient) -> None:
    """metadata.add creates the user USER metadata names if there is none; metadata.list finds
    users by their ids; a profile's systemName is unique."""
    profile = client.metadata.metadataProfile.add(
        KalturaMetadataProfile(name="People", systemName="people", metadataObjectType=USER), XSD
    )

    added = client.metadata.metadata.add(profile.id, USER, "newcomer@example.com", _xml("Me"))
    listed = client.metadata.metadata.list(
        KalturaMetadataFilter(metadataObjectTypeEqual=USER, objectIdEqual="newcomer@example.com")
    )
    again = KalturaMetadataProfile(name="Again", systemName="people", metadataObjectType=USER)

    assert client.user.get("newcomer@example.com").id == "newcomer@example.com"
    assert [m.id for m in listed.objects] == [added.id]
    assert _code(client.metadata.metadataProfile.add, again, XSD) == (
        "SYSTEM_NAME_ALREADY_EXISTS: System name [people] already exists"
    )


def test_a_user_ks_annotates_only_the_entries_it_may_edit(live: LiveSandbox) -> None:
    """A USER KS that neither owns the entry nor holds edit:<id> gets
    METADATA_OBJECT_ID_NOT_FOUND."""
    admin = live.client(live.admin_ks())
    profile = _profile(admin)
    entry_id = _entry(admin, "not yours")
    user_ks = admin.session.start(
        live.credentials.user_secret, "viewer", KalturaSessionType.USER, live.credentials.partner_id
    )
    editor_ks = admin.session.start(
        live.credentials.user_secret,
        "editor",
        KalturaSessionType.USER,
        live.credentials.partner_id,
        86400,
        f"edit:{entry_id}",
    )

    refused = _code(
        live.client(user_ks).metadata.metadata.add, profile.id, ENTRY, entry_id, _xml("x")
    )
    allowed = live.client(editor_ks).metadata.metadata.add(profile.id, ENTRY, entry_id, _xml("x"))

    assert refused == f"METADATA_OBJECT_ID_NOT_FOUND: Object Id [{entry_id}], not found"
    assert allowed.objectId == entry_id


def test_an_xsd_the_sandbox_cannot_check_is_said_so(client: KalturaClient) -> None:
    """api_v3 keeps any well-formed XSD; where the sandbox's checker stops, metadata.add answers
    INVALID_METADATA_DATA naming the construct."""
    xsd = XSD.replace("</xsd:sequence>", "<xsd:any/></xsd:sequence>")
    profile = client.metadata.metadataProfile.add(
        KalturaMetadataProfile(name="Open", metadataObjectType=ENTRY), xsd
    )
    with pytest.raises(KalturaException) as refused:
        client.metadata.metadata.add(profile.id, ENTRY, _entry(client, "open"), _xml("x"))
    assert refused.value.code == "INVALID_METADATA_DATA"
    assert refused.value.message == (
        "invalid metadata data: the testme sandbox cannot check XML against this profile's XSD:"
        " xs:any inside xs:sequence"
    )


@pytest.mark.parametrize(
    ("profile", "said"),
    [
        (
            KalturaMetadataProfile(name="No type"),
            "PROPERTY_VALIDATION_CANNOT_BE_NULL: The property "
            '"KalturaMetadataProfile::metadataObjectType" cannot be null',
        ),
        (
            KalturaMetadataProfile(metadataObjectType=ENTRY),
            'PROPERTY_VALIDATION_CANNOT_BE_NULL: The property "KalturaMetadataProfile::name"'
            " cannot be null",
        ),
        (
            KalturaMetadataProfile(name="", metadataObjectType=ENTRY),
            'PROPERTY_VALIDATION_MIN_LENGTH: The property "KalturaMetadataProfile::name" must'
            " have a min length of 1 characters",
        ),
    ],
)
def test_a_profile_needs_an_object_type_and_a_name(
    client: KalturaClient, profile: KalturaMetadataProfile, said: str
) -> None:
    """metadataProfile.add needs `metadataObjectType` (not null), then a `name` (not null,
    then at least one character)."""
    assert _code(client.metadata.metadataProfile.add, profile, XSD) == said


def test_a_profile_update_replaces_its_xsd_and_keeps_its_version(client: KalturaClient) -> None:
    """metadataProfile.update: a new XSD must be well-formed (INVALID_METADATA_PROFILE_SCHEMA);
    api_v3 leaves `version` to the transform batch, which the sandbox does not run; new XML is
    checked against it."""
    profile = _profile(client, "Changing")
    stricter = XSD.replace('name="Year" minOccurs="0"', 'name="Year" minOccurs="1"')

    broken = _code(
        client.metadata.metadataProfile.update, profile.id, KalturaMetadataProfile(), "<a>"
    )
    updated = client.metadata.metadataProfile.update(profile.id, KalturaMetadataProfile(), stricter)
    refused = _code(client.metadata.metadata.add, profile.id, ENTRY, _entry(client, "n"), _xml("D"))

    assert broken.startswith("INVALID_METADATA_PROFILE_SCHEMA: invalid metadata profile schema: ")
    assert (updated.xsd, updated.version) == (stricter, 2)
    assert "Expected is ( Year )." in refused
