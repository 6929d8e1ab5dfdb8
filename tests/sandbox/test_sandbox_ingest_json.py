"""The ingest flows of tests/sandbox/test_sandbox_ingest_client.py in JSON (format 1), over raw
HTTP as a browser or the JavaScript clients send them; what api_v3 does in each is said there
and again here."""

from __future__ import annotations

import httpx
import pytest

from tests.sandbox.conftest import Api
from tests.sandbox.media_files import GIF, mp4, wav

VIDEO = mp4(b"isom", (854, 480), timescale=1000, duration=3200)
SOUND = wav(2.5)
ERROR_IMPORTING, READY = "-2", "2"


def _upload(api: Api, name: str, data: bytes, **options: str) -> dict[str, object]:
    token = api("uploadToken", "add", uploadToken={"objectType": "KalturaUploadToken"})
    assert isinstance(token, dict)
    answer = api.http.post(
        "/api_v3/service/uploadToken/action/upload",
        data={"ks": api.ks, "format": "1", "uploadTokenId": token["id"], **options},
        files={"fileData": (name, data)},
    )
    return dict(answer.json())


def _entry(api: Api, name: str, media_type: int = 1) -> dict[str, object]:
    entry = api(
        "media",
        "add",
        entry={"objectType": "KalturaMediaEntry", "name": name, "mediaType": media_type},
    )
    assert isinstance(entry, dict)
    return entry


def _add_content(api: Api, entry_id: object, resource: dict[str, object]) -> dict[str, object]:
    answer = api("media", "addContent", entryId=entry_id, resource=resource)
    assert isinstance(answer, dict)
    return answer


def _token(token_id: object) -> dict[str, object]:
    return {"objectType": "KalturaUploadedFileTokenResource", "token": token_id}


def _served(url: object) -> httpx.Response:
    return httpx.get(str(url), timeout=30)


def test_json_add_content_gives_duration_flavor_thumbnail_and_urls(api: Api) -> None:
    """media.addContent with an uploaded token: the entry is READY with its file's duration and
    size, a source flavor, a thumbnail and URLs that serve its bytes."""
    token = _upload(api, "clip.mp4", VIDEO)
    entry = _add_content(api, _entry(api, "json video")["id"], _token(token["id"]))

    assert (entry["status"], entry["duration"], entry["msDuration"]) == (READY, 3, 3200)
    assert (entry["width"], entry["height"]) == (854, 480)
    assert _served(entry["dataUrl"]).content == VIDEO
    assert _served(entry["downloadUrl"]).headers["content-type"] == "video/mp4"
    assert _served(entry["thumbnailUrl"]).content.startswith(b"\x89PNG")
    flavors = api("flavorAsset", "getByEntryId", entryId=entry["id"])
    assert [(f["isOriginal"], f["status"], f["fileExt"]) for f in flavors] == [(True, 2, "mp4")]


def test_json_audio_gets_its_duration_and_a_generated_thumbnail(api: Api) -> None:
    """An audio entry gets its duration and a generated thumbnail; its dataUrl is a playManifest
    URL."""
    token = _upload(api, "tone.wav", SOUND)
    entry = _add_content(api, _entry(api, "json audio", 5)["id"], _token(token["id"]))

    assert (entry["msDuration"], entry["duration"]) == (2500, 2)
    served = _served(entry["dataUrl"])
    assert (served.headers["content-type"], served.content) == ("audio/wav", SOUND)
    assert "/playManifest/" in str(entry["dataUrl"]) and str(entry["dataUrl"]).endswith("/a.wav")


def test_json_chunks_complete_a_token_the_entry_waits_for(api: Api) -> None:
    """An entry waits in IMPORT for a token whose last chunk, resumed at its offset, completes it
    and hands the file over."""
    token = _upload(api, "clip.mp4", VIDEO[:150], finalChunk="false")
    entry = _add_content(api, _entry(api, "json chunks")["id"], _token(token["id"]))
    assert entry["status"] == "0"  # IMPORT
    rest = api.http.post(
        "/api_v3/service/uploadToken/action/upload",
        data={
            "ks": api.ks,
            "format": "1",
            "uploadTokenId": token["id"],
            "resume": "true",
            "resumeAt": "150",
            "finalChunk": "true",
        },
        files={"fileData": ("clip.mp4", VIDEO[150:])},
    ).json()

    assert rest["status"] == 3  # CLOSED: handed to the entry
    ready = api("media", "get", entryId=entry["id"])
    assert (ready["status"], ready["msDuration"]) == (READY, 3200)


def test_json_upload_and_add_from_uploaded_file(api: Api) -> None:
    """media.upload and baseEntry.upload, then addFromUploadedFile with the token id they
    answer."""
    token_id = api.http.post(
        "/api_v3/service/media/action/upload",
        data={"ks": api.ks, "format": "1"},
        files={"fileData": ("clip.mp4", VIDEO)},
    ).json()
    added = api(
        "media",
        "addFromUploadedFile",
        uploadTokenId=token_id,
        mediaEntry={"objectType": "KalturaMediaEntry", "name": "json legacy", "mediaType": 1},
    )
    gif_token = api.http.post(
        "/api_v3/service/baseEntry/action/upload",
        data={"ks": api.ks, "format": "1"},
        files={"fileData": ("tiny.gif", GIF)},
    ).json()
    picture = api(
        "baseEntry",
        "addFromUploadedFile",
        uploadTokenId=gif_token,
        entry={"objectType": "KalturaBaseEntry", "name": "json gif"},
    )

    assert (added["status"], added["msDuration"]) == (READY, 3200)
    assert (picture["mediaType"], picture["width"], picture["height"]) == (2, 32, 16)
    assert _served(picture["thumbnailUrl"]).content == GIF


def test_json_url_imports_own_urls_only(api: Api) -> None:
    """A URL the sandbox serves is imported; a failed import leaves the entry
    ERROR_IMPORTING."""
    token = _upload(api, "clip.mp4", VIDEO)
    source = _add_content(api, _entry(api, "json source")["id"], _token(token["id"]))
    own = {"objectType": "KalturaUrlResource", "url": source["downloadUrl"]}
    foreign = {"objectType": "KalturaUrlResource", "url": "ftp://example.com/clip.mp4"}

    imported = _add_content(api, _entry(api, "json own url")["id"], own)
    failed = api(
        "media",
        "addFromUrl",
        url=foreign["url"],
        mediaEntry={"objectType": "KalturaMediaEntry", "name": "json far", "mediaType": 1},
    )

    assert (imported["status"], imported["sourceType"]) == (READY, "5")
    assert _served(imported["dataUrl"]).content == VIDEO
    assert failed["status"] == ERROR_IMPORTING


def test_json_update_content_approve_replace(api: Api) -> None:
    """media.updateContent waits for approval; media.approveReplace puts the new content in
    place."""
    first = _upload(api, "clip.mp4", VIDEO)
    entry = _add_content(api, _entry(api, "json replace")["id"], _token(first["id"]))
    second = _upload(api, "tone.wav", SOUND)

    pending = api("media", "updateContent", entryId=entry["id"], resource=_token(second["id"]))
    approved = api("media", "approveReplace", entryId=entry["id"])

    assert pending["replacementStatus"] == "2"  # READY_BUT_NOT_APPROVED
    assert (approved["msDuration"], approved["replacementStatus"]) == (2500, "0")
    assert "replacingEntryId" not in approved  # null: JSON drops it
    assert _served(approved["downloadUrl"]).content == SOUND


def test_json_playback_context_source_plays(api: Api) -> None:
    """baseEntry.getPlaybackContext answers a `url` source that plays the entry's file."""
    token = _upload(api, "clip.mp4", VIDEO)
    entry = _add_content(api, _entry(api, "json play")["id"], _token(token["id"]))

    context = api(
        "baseEntry",
        "getPlaybackContext",
        entryId=entry["id"],
        contextDataParams={"objectType": "KalturaPlaybackContextOptions"},
    )

    assert context["objectType"] == "KalturaPlaybackContext"
    (source,) = context["sources"]
    assert source["format"] == "url"
    assert _served(source["url"]).content == VIDEO


@pytest.mark.parametrize(
    ("token_id", "media_type", "code"),
    [
        ("0_nosuch", 1, "UPLOADED_FILE_NOT_FOUND_BY_TOKEN"),
        ("", 1, "UPLOADED_FILE_NOT_FOUND_BY_TOKEN"),
        ("0_nosuch", None, "PROPERTY_VALIDATION_CANNOT_BE_NULL"),
    ],
)
def test_json_add_from_uploaded_file_refuses_what_api_v3_refuses(
    api: Api, token_id: str, media_type: int | None, code: str
) -> None:
    """The errors media.addFromUploadedFile answers for a missing token or media type."""
    entry = {"objectType": "KalturaMediaEntry", "name": "x", "mediaType": media_type}
    answer = api("media", "addFromUploadedFile", uploadTokenId=token_id, mediaEntry=entry)
    assert answer["code"] == code
