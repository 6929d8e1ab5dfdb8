"""The console on the default target (the sandbox, the embedded schema) offers the services a
newcomer expects next to media in its Select service, each with the actions the sandbox answers,
and a plugin service (custom metadata) under its schema id."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from app.settings import Settings
from app.web.app import create_app

NEW = {
    "playlist": [
        "add",
        "clone",
        "delete",
        "execute",
        "executeFromContent",
        "executeFromFilters",
        "get",
        "list",
        "update",
    ],
    "flavorasset": [
        "add",
        "delete",
        "get",
        "getByEntryId",
        "getDownloadUrl",
        "getUrl",
        "list",
        "update",
    ],
    "thumbasset": ["add", "delete", "get", "getUrl", "list", "setAsDefault", "update"],
    "metadata_metadata": ["add", "delete", "get", "list", "update"],
    "metadata_metadataprofile": ["add", "delete", "get", "list", "update"],
    "uiconf": ["add", "clone", "delete", "get", "list", "listTemplates", "update"],
    "partner": ["count", "get", "getInfo", "getSecrets", "getUsage", "list", "update"],
    "accesscontrolprofile": ["add", "delete", "get", "list", "update"],
    "conversionprofile": ["add", "delete", "get", "getDefault", "list", "setAsDefault", "update"],
    "flavorparams": ["add", "delete", "get", "list", "update"],
    "thumbparams": ["add", "delete", "get", "list", "update"],
    "data": ["add", "delete", "get", "list", "serve", "update"],
}


def _options(html: str, select_id: str) -> list[str]:
    body = html.split(f'id="{select_id}"')[1].split("</select>")[0]
    return re.findall(r'<option value="([^"]*)"', body)


def test_select_service_offers_the_new_services_with_their_answered_actions(
    tmp_path: Path,
) -> None:
    app = create_app(Settings(data_dir=tmp_path, allowed_hosts=("testserver",)))
    with TestClient(app) as client:
        services = _options(client.get("/api_v3/testme/").text, "service")
        assert set(NEW) <= set(services)
        assert len(services) == 2 + 21  # the placeholder, multirequest, the schema's 21
        for service_id, actions in NEW.items():
            page = client.get("/api_v3/testme/", params={"service": service_id}).text
            assert [a for a in _options(page, "action") if a] == actions, service_id
