"""In sandbox mode the console's schema is the sandbox's: "Reload schema" re-reads the
`--schema` file and the sandbox answers the reloaded schema at once, through the same app."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.resources import default_schema_path
from app.settings import Settings
from app.web.app import create_app
from tests.sandbox.test_sandbox_walk import UNSEEN

RELOAD = "/api_v3/testme/schema/reload"


@pytest.fixture
def schema_file(tmp_path: Path) -> Path:
    path = tmp_path / "schema.xml"
    path.write_bytes(default_schema_path().read_bytes())
    return path


@pytest.fixture
def console(tmp_path: Path, schema_file: Path) -> Iterator[TestClient]:
    settings = Settings(
        data_dir=tmp_path / "var",
        secret_key="k",
        allowed_hosts=("testserver",),
        schema_path=schema_file,
    )
    with TestClient(create_app(settings)) as client:
        yield client


def _call(client: TestClient, service: str, action: str, **params: Any) -> Any:
    url = f"/api_v3/service/{service}/action/{action}"
    return client.post(url, json={"format": "1", **params}).json()


def test_reloading_the_schema_makes_the_sandbox_answer_it(
    console: TestClient, schema_file: Path
) -> None:
    assert _call(console, "gizmo", "add", gizmo={"name": "g"})["code"] == "SERVICE_DOES_NOT_EXISTS"
    schema_file.write_text(UNSEEN)
    assert "Schema reloaded: 1.0.0" in console.post(RELOAD).text
    added = _call(console, "gizmo", "add", gizmo={"objectType": "KalturaGizmo", "name": "g"})
    assert added["objectType"] == "KalturaGizmo" and added["name"] == "g"
    assert _call(console, "gizmo", "get", id=added["id"])["id"] == added["id"]
    assert console.get("/api_v3/api_schema.php").content == UNSEEN.encode()
    assert _call(console, "media", "list")["code"] == "SERVICE_DOES_NOT_EXISTS"


def test_a_failed_reload_leaves_the_sandbox_on_the_last_good_schema(
    console: TestClient, schema_file: Path
) -> None:
    schema_file.write_text(UNSEEN)
    console.post(RELOAD)
    schema_file.write_text("<xml")
    assert "could not be reloaded" in console.post(RELOAD).text
    added = _call(console, "gizmo", "add", gizmo={"objectType": "KalturaGizmo", "name": "kept"})
    assert added["name"] == "kept"
    assert console.get("/api_v3/api_schema.php").content == UNSEEN.encode()
