"""The client libraries page: verified packages, the server's API version, a first call aimed at
the configured server with the secret read from the environment, and the schema download."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.protocol.schema_loader import load_schema
from app.reference.client_libraries import LIBRARIES, Library, first_calls
from app.settings import Settings
from app.web.app import create_app
from tests.web.conftest import FAKE_URL


@pytest.fixture
def page(client: TestClient) -> str:
    response = client.get("/api_v3/testme/libraries")
    assert response.status_code == 200
    return response.text


@pytest.mark.parametrize(
    "install",
    [
        "pip install KalturaApiClient",
        "npm install kaltura-client",
        "composer require kaltura/api-client-library",
        "gem install kaltura-client",
    ],
)
def test_the_page_gives_each_install_command(page: str, install: str) -> None:
    assert install in page


def test_the_page_names_the_schema_version_and_offers_its_xml(
    page: str, client: TestClient
) -> None:
    assert "22.15.0" in page
    assert 'href="/api_v3/testme/schema.xml"' in page
    assert client.get("/api_v3/testme/schema.xml").content.startswith(b"<?xml")


def test_the_top_bar_links_the_page(client: TestClient) -> None:
    assert 'href="/api_v3/testme/libraries"' in client.get("/api_v3/testme/").text


def test_first_calls_aim_at_the_server_and_read_the_secret(page: str) -> None:
    assert f"serviceUrl = &#34;{FAKE_URL}&#34;" in page  # escaped as the page writes it
    assert "secret = os.environ.get(&#34;KALTURA_SECRET&#34;) or sys.exit(" in page
    assert "client.session.start(" in page
    assert "kaltura.services.session.start(" in page
    assert "client.session_service.start(secret, " in page  # Ruby


def test_the_php_first_call_loads_what_composer_installed(page: str) -> None:
    assert "require_once __DIR__ . &#39;/vendor/autoload.php&#39;;" in page
    assert "use Kaltura\\Client\\Client;" in page
    assert "KalturaClient.php" not in page


@pytest.mark.parametrize(
    "lib", [lib for lib in LIBRARIES if lib.language], ids=lambda lib: lib.name
)
def test_every_first_call_reads_the_secret_from_the_environment(
    real_schema_path: Path, lib: Library
) -> None:
    calls = first_calls(load_schema(real_schema_path), "https://example.test", "42")
    sample = calls[lib.language]
    assert "KALTURA_SECRET" in sample and "https://example.test" in sample and "42" in sample


@pytest.mark.parametrize(
    "lib", [lib for lib in LIBRARIES if lib.language], ids=lambda lib: lib.name
)
def test_no_first_call_reads_a_ks_session_start_does_not_need(
    real_schema_path: Path, lib: Library
) -> None:
    """session.start makes the KS: a first call that reads KALTURA_KS fails for a new user."""
    calls = first_calls(load_schema(real_schema_path), "https://example.test", "42")
    assert "KALTURA_KS" not in calls[lib.language]
    assert "setKs" not in calls[lib.language] and "client.ks" not in calls[lib.language]


def test_a_real_server_gets_a_partner_placeholder(page: str) -> None:
    assert "replace the partner id" in page


def test_the_sandbox_writes_its_own_partner(tmp_path: Path) -> None:
    settings = Settings(
        data_dir=tmp_path, secret_key="k", sandbox_partner_id=4242, allowed_hosts=("testserver",)
    )
    with TestClient(create_app(settings)) as client:
        html = client.get("/api_v3/testme/libraries").text
    assert "partnerId=4242" in html
    assert "replace the partner id" not in html
    assert "http://testserver" in html
