"""In sandbox mode the console calls the sandbox in-process, under a name nobody can fetch; the
URLs in the answers it shows (an entry's dataUrl, downloadUrl, thumbnailUrl) point at the
console's own host, where the sandbox is mounted, so a user can open them."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from app.settings import Settings
from app.web.app import create_app
from tests.sandbox.media_files import mp4

VIDEO = mp4(b"isom", (320, 240), timescale=1000, duration=2000)


def test_console_answers_carry_urls_on_the_consoles_own_host(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path, allowed_hosts=("testserver",)))
    with TestClient(app) as client:
        info = app.state.console.sandbox
        ks = client.post(
            "/api_v3/service/session/action/start",
            data={
                "secret": info.admin_secret,
                "partnerId": info.partner_id,
                "type": "2",
                "format": "1",
            },
        ).json()
        token = client.post(
            "/api_v3/service/uploadToken/action/add", data={"ks": ks, "format": "1"}
        ).json()
        client.post(
            "/api_v3/service/uploadToken/action/upload",
            data={"ks": ks, "format": "1", "uploadTokenId": token["id"]},
            files={"fileData": ("clip.mp4", VIDEO)},
        )
        entry = client.post(
            "/api_v3/service/media/action/add",
            data={
                "ks": ks,
                "format": "1",
                "entry:objectType": "KalturaMediaEntry",
                "entry:mediaType": "1",
                "entry:name": "shown",
            },
        ).json()
        client.post(
            "/api_v3/service/media/action/addContent",
            data={
                "ks": ks,
                "format": "1",
                "entryId": entry["id"],
                "resource:objectType": "KalturaUploadedFileTokenResource",
                "resource:token": token["id"],
            },
        )

        page = client.post(
            "/api_v3/testme/send",
            data={"service": "media", "action": "get", "entryId": entry["id"], "config.ks": ks},
        ).text

        assert "sandbox.testme.invalid/p/" not in page
        shown = re.search(r"http://testserver(/p/\d+/sp/\d+/playManifest/[^\s\"<&]+)", page)
        assert shown, page
        assert client.get(shown[1]).content == VIDEO
