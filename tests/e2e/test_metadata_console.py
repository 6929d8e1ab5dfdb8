"""With the embedded sandbox, a person adds a metadata profile through the console's form and
sees its XSD in the answer; XML that does not conform to it shows api_v3's INVALID_METADATA_DATA
with libxml's words, as api_v3's metadata.add answers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import SANDBOX_SECRET, known_sandbox, sandbox_api
from tests.e2e.console_page import Console, labelled

pytestmark = pytest.mark.browser

PARTNER = 4242
XSD = (
    '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema"><xsd:element name="metadata">'
    '<xsd:complexType><xsd:sequence><xsd:element name="Director" type="xsd:string"/>'
    '<xsd:element name="Year" type="xsd:int" minOccurs="0"/></xsd:sequence></xsd:complexType>'
    "</xsd:element></xsd:schema>"
)


@pytest.fixture(scope="module")
def sandbox_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with known_sandbox(tmp_path_factory.mktemp("metadata"), PARTNER) as url:
        yield url


def test_a_person_sees_xml_that_breaks_the_profile_refused(page: Page, sandbox_url: str) -> None:
    ks = sandbox_api(
        sandbox_url, "session", "start", secret=SANDBOX_SECRET, partnerId=PARTNER, type=2
    )
    entry = sandbox_api(
        sandbox_url,
        "media",
        "add",
        ks=ks,
        entry={"objectType": "KalturaMediaEntry", "name": "Cléo", "mediaType": 1},
    )
    assert isinstance(ks, str) and isinstance(entry, dict)
    console = Console(page, sandbox_url).open()
    console.ks_field.fill(ks)
    labelled(console.configuration, "format").select_option("1")
    profile = console.choose_object(
        "metadata_metadataprofile", "add", "metadataProfile", "KalturaMetadataProfile"
    )
    labelled(profile, "name").fill("Film")
    labelled(profile, "metadataObjectType").select_option("1")
    labelled(console.parameters, "xsdData").fill(XSD)
    expect(console.send()).to_contain_text('"objectType": "KalturaMetadataProfile"')
    expect(console.result).to_contain_text('"version": 2')

    console.choose("metadata_metadata", "add")
    labelled(console.parameters, "metadataProfileId").fill("1")
    labelled(console.parameters, "objectType").select_option("1")
    labelled(console.parameters, "objectId").fill(str(entry["id"]))
    labelled(console.parameters, "xmlData").fill(
        "<metadata><Director>Varda</Director><Year>x</Year></metadata>"
    )
    result = console.send()

    expect(result).to_contain_text("Kaltura error: INVALID_METADATA_DATA")
    expect(result).to_contain_text(
        "Element 'Year': 'x' is not a valid value of the atomic type 'xs:int'. at line 1"
    )
