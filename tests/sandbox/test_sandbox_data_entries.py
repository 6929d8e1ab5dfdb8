"""data.add / get / update / delete / list / serve: text content entries.

What api_v3 does, in our words (docs/SANDBOX.md, Data entries): a data entry is READY at add;
an entry that is not DATA is ENTRY_ID_NOT_FOUND; serve answers
`Content-Disposition: attachment; filename="<entry name>"` and the MIME type read from the
file, `forceProxy` only deciding proxy vs redirect for a remote file;
`retrieveDataContentByGet` is insert only, true unless sent; a new content is a new version,
numbered from 100000 up; media.get/list see media clips only; and a serve inside a
multirequest answers the file alone.

The official Python client reads XML only (it refuses any other format), so JSON is
the same flow over raw HTTP, as a browser or the Node client sends it.
"""

from __future__ import annotations

import httpx
import pytest
from KalturaClient import KalturaClient
from KalturaClient.exceptions import KalturaException
from KalturaClient.Plugins.Core import (
    KalturaBaseEntryFilter,
    KalturaDataEntry,
    KalturaDataEntryFilter,
    KalturaEntryStatus,
    KalturaEntryType,
    KalturaMediaEntry,
    KalturaMediaType,
    KalturaSessionType,
)

from tests.sandbox.conftest import Api, LiveSandbox

NOTES = "first line\nsecond line: ünïcode ✓\n"
XML_NOTES = '<?xml version="1.0"?><notes><note>1</note></notes>'


def _data_entry(name: str, content: str | None = NOTES) -> KalturaDataEntry:
    entry = KalturaDataEntry()
    entry.name = name
    if content is not None:
        entry.dataContent = content
    return entry


def _user_client(live: LiveSandbox, user_id: str) -> KalturaClient:
    client = live.client()
    ks = client.session.start(
        live.credentials.user_secret, user_id, KalturaSessionType.USER, live.credentials.partner_id
    )
    client.setKs(ks)
    return client


def _error_code(call: object, *args: object) -> str:
    with pytest.raises(KalturaException) as raised:
        call(*args)  # type: ignore[operator]
    return str(raised.value.code)


def test_official_client_runs_the_data_entry_flow_in_xml(live: LiveSandbox) -> None:
    """add → get → update (a new version) → get an earlier version → list → serve (the URL the
    client builds fetches the content) → baseEntry sees it → delete."""
    client = live.client(live.admin_ks())

    added = client.data.add(_data_entry("notes.txt"))
    assert added.status.getValue() == KalturaEntryStatus.READY
    assert added.type.getValue() == KalturaEntryType.DATA
    assert (added.dataContent, added.version) == (NOTES, 100001)
    assert added.id.startswith("0_")

    change = KalturaDataEntry()
    change.dataContent = XML_NOTES
    updated = client.data.update(added.id, change)
    assert (updated.dataContent, updated.version, updated.name) == (XML_NOTES, 100002, "notes.txt")
    assert client.data.get(added.id).dataContent == XML_NOTES
    assert client.data.get(added.id, 100001).dataContent == NOTES

    listed = client.data.list(KalturaDataEntryFilter())
    assert [e.id for e in listed.objects] == [added.id]
    assert isinstance(listed.objects[0], KalturaDataEntry)

    url = client.data.serve(added.id)
    assert url.startswith(f"{live.url}/api_v3/service/data/action/serve?")
    served = httpx.get(url)
    assert served.status_code == 200
    assert served.content == XML_NOTES.encode()
    assert served.headers["content-type"].startswith("text/xml")
    assert served.headers["content-disposition"] == 'attachment; filename="notes.txt"'
    earlier = httpx.get(client.data.serve(added.id, 100001, True))
    assert earlier.content == NOTES.encode()
    assert earlier.headers["content-type"].startswith("text/plain")

    as_base = client.baseEntry.get(added.id)
    assert isinstance(as_base, KalturaDataEntry)
    assert as_base.dataContent == XML_NOTES
    every = client.baseEntry.list(KalturaBaseEntryFilter())
    assert added.id in [e.id for e in every.objects]

    client.data.delete(added.id)
    assert _error_code(client.data.get, added.id) == "ENTRY_ID_NOT_FOUND"
    assert _error_code(client.baseEntry.get, added.id) == "ENTRY_ID_NOT_FOUND"
    assert httpx.get(url).headers["x-kaltura"] == "error-ENTRY_ID_NOT_FOUND"


def test_the_data_entry_flow_answers_json(live: LiveSandbox, api: Api) -> None:
    """The same flow in format 1 (JSON), the format the Node client and browsers use."""
    new = {"objectType": "KalturaDataEntry", "name": "a.txt", "type": "1"}
    added = api("data", "add", dataEntry=new)
    assert isinstance(added, dict)
    assert (added["objectType"], added["status"], added["type"]) == ("KalturaDataEntry", "2", "6")
    assert "dataContent" not in added and added["version"] == 0  # no content yet: null
    entry_id = added["id"]

    change = {"objectType": "KalturaDataEntry", "dataContent": "now some text", "type": "1"}
    updated = api("data", "update", entryId=entry_id, documentEntry=change)
    assert isinstance(updated, dict)
    assert (updated["dataContent"], updated["version"]) == ("now some text", 100001)
    assert updated["type"] == "6"  # api_v3's update drops a type sent
    listed = api("data", "list", filter={"objectType": "KalturaDataEntryFilter"})
    assert isinstance(listed, dict)
    assert listed["objectType"] == "KalturaDataListResponse"
    assert [e["id"] for e in listed["objects"]] == [entry_id]

    served = api.response("data", "serve", entryId=entry_id, forceProxy=True)
    assert served.content == b"now some text"
    assert served.headers["content-type"].startswith("text/plain")
    assert served.headers["access-control-allow-origin"] == "*"

    assert api("data", "delete", entryId=entry_id) is None
    gone = api("data", "get", entryId=entry_id)
    assert isinstance(gone, dict) and gone["code"] == "ENTRY_ID_NOT_FOUND"


def test_an_entry_of_another_type_is_not_found_on_either_side(live: LiveSandbox) -> None:
    """data.* sees data entries only and media.* media clips only; baseEntry.* sees both."""
    client = live.client(live.admin_ks())
    media = KalturaMediaEntry()
    media.name, media.mediaType = "a clip", KalturaMediaType.VIDEO
    clip = client.media.add(media)
    data = client.data.add(_data_entry("other types"))

    assert _error_code(client.data.get, clip.id) == "ENTRY_ID_NOT_FOUND"
    assert _error_code(client.data.delete, clip.id) == "ENTRY_ID_NOT_FOUND"
    served = httpx.get(client.data.serve(clip.id))
    assert served.headers["content-type"].startswith("text/xml")
    assert "<code>ENTRY_ID_NOT_FOUND</code>" in served.text
    assert _error_code(client.media.get, data.id) == "ENTRY_ID_NOT_FOUND"
    assert data.id not in [e.id for e in client.media.list().objects]
    assert client.media.count() == len(client.media.list().objects)
    assert {clip.id, data.id} <= {e.id for e in client.baseEntry.list().objects}


def test_a_user_ks_sees_others_data_entries_but_changes_only_its_own(live: LiveSandbox) -> None:
    """Entitlement as for media (README "user"; test_sandbox_entitlement.py for
    `enableentitlement`): with none enforced, another user's entry is seen and served but an
    update or delete is INVALID_KS, as api_v3 answers it."""
    alice, bob = _user_client(live, "alice"), _user_client(live, "bob")
    hers = alice.data.add(_data_entry("alice's notes"))
    assert hers.userId == "alice"

    assert bob.data.get(hers.id).id == hers.id
    assert httpx.get(bob.data.serve(hers.id)).content == NOTES.encode()
    assert hers.id in [e.id for e in bob.data.list().objects]
    assert _error_code(bob.data.update, hers.id, _data_entry("mine now")) == "INVALID_KS"
    assert _error_code(bob.data.delete, hers.id) == "INVALID_KS"
    assert alice.data.get(hers.id).name == "alice's notes"


def test_retrieve_data_content_by_get_false_hides_the_content_but_serve_gives_it(
    live: LiveSandbox,
) -> None:
    client = live.client(live.admin_ks())
    quiet = _data_entry("quiet")
    quiet.retrieveDataContentByGet = False
    added = client.data.add(quiet)
    assert added.dataContent == ""
    assert client.data.get(added.id).dataContent == ""
    assert client.baseEntry.get(added.id).dataContent == ""
    assert httpx.get(client.data.serve(added.id)).content == NOTES.encode()
    again = KalturaDataEntry()
    again.retrieveDataContentByGet = True
    code = _error_code(client.data.update, added.id, again)
    assert code == "PROPERTY_VALIDATION_NOT_UPDATABLE"


def test_serving_an_entry_without_content_says_there_is_no_file(live: LiveSandbox) -> None:
    client = live.client(live.admin_ks())
    empty = client.data.add(_data_entry("empty", content=None))
    answer = httpx.get(client.data.serve(empty.id))
    assert answer.headers["x-kaltura"] == "error-FILE_DOESNT_EXIST"
    unknown_version = httpx.get(client.data.serve(client.data.add(_data_entry("v")).id, 7))
    assert unknown_version.headers["x-kaltura"] == "error-FILE_DOESNT_EXIST"


def test_a_serve_inside_a_multirequest_answers_the_file_alone(
    live: LiveSandbox, api: Api, http: httpx.Client
) -> None:
    added = api("data", "add", dataEntry={"objectType": "KalturaDataEntry", "dataContent": "x"})
    assert isinstance(added, dict)
    answer = http.post(
        "/api_v3/service/multirequest",
        json={
            "format": "1",
            "ks": api.ks,
            "0": {"service": "data", "action": "get", "entryId": added["id"]},
            "1": {"service": "data", "action": "serve", "entryId": added["id"]},
            "2": {"service": "data", "action": "delete", "entryId": added["id"]},
        },
    )
    assert answer.content == b"x"
    still_there = api("data", "get", entryId=added["id"])
    assert isinstance(still_there, dict) and still_there["id"] == added["id"]


def test_a_name_a_header_cannot_carry_is_served_with_an_ascii_stand_in(live: LiveSandbox) -> None:
    """api_v3 writes the name raw; a header is Latin-1, so the sandbox adds RFC 6266's
    `filename*` and keeps `filename` ASCII (a quote or line break would end it early)."""
    client = live.client(live.admin_ks())
    added = client.data.add(_data_entry('résumé "final"\r\n.txt'))
    served = httpx.get(client.data.serve(added.id))
    assert served.content == NOTES.encode()
    assert served.headers["content-disposition"] == (
        'attachment; filename="r_sum_ _final___.txt"; '
        "filename*=UTF-8''r%C3%A9sum%C3%A9%20%22final%22%0D%0A.txt"
    )
