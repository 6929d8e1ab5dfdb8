"""Import: each form of pasted text → the form it fills, the KS, and what was not placed."""

from __future__ import annotations

import json

import pytest

from app.forms.call_import import SECRET_HERE, import_call
from app.protocol.pasted_request import (
    FILE_CONTENTS_REASON,
    FILE_REASON,
    HEADERS_REASON,
    LONGEST_PASTE,
    NotARequestError,
)
from app.protocol.schema import Schema
from app.protocol.schema_loader import load_schema
from app.protocol.shell_words import cmd_words, posix_words
from tests.conftest import SHARED_SCHEMA

KS = "djJ8MTAyfGtzLWZyb20tYS1wYXN0ZQ=="
LIST = {
    "service": ["media"],
    "action": ["list"],
    "filter:objectType": ["KalturaMediaEntryFilter"],
    "filter:nameLike": ["x y"],
}
BATCH = {
    "service": ["multirequest"],
    "1:service": ["media"],
    "1:action": ["get"],
    "1:entryId": ["0_abc"],
    "2:service": ["flavorasset"],
    "2:action": ["list"],
    "2:filter:objectType": ["KalturaFlavorAssetFilter"],
    "2:filter:entryIdEqual": ["{1:result:id}"],
}
JSON_LIST = json.dumps(
    {"ks": KS, "filter": {"objectType": "KalturaMediaEntryFilter", "nameLike": "x y"}}
)
JSON_BATCH = json.dumps(
    {
        "ks": KS,
        "1": {"service": "media", "action": "get", "entryId": "0_abc"},
        "2": {
            "service": "flavorasset",
            "action": "list",
            "filter": {"objectType": "KalturaFlavorAssetFilter", "entryIdEqual": "{1:result:id}"},
        },
    }
)
FORM_BATCH = (
    f"ks={KS}&1:service=media&1:action=get&1:entryId=0_abc&2:service=flavorasset"
    "&2:action=list&2:filter:objectType=KalturaFlavorAssetFilter"
    "&2:filter:entryIdEqual=%7B1:result:id%7D"
)
API = "https://www.kaltura.com/api_v3"
# A browser's "Copy as cURL (cmd)": every argument in ^"…^", cmd's specials caret-escaped,
# lines continued by a caret.
CMD_CURL = (
    f'curl ^"{API}/service/media/action/list^" ^\n'
    '  -H ^"accept: */*^" ^\n'
    '  -H ^"content-type: application/x-www-form-urlencoded^" ^\n'
    f'  --data-raw ^"ks={KS.replace("=", "^%^3D")}^&filter^%^5BobjectType^%^5D=KalturaMediaEntryFilter'
    '^&filter^%^5BnameLike^%^5D=x+y^" ^\n'
    "  --compressed"
)
CMD_JSON = (
    f'curl ^"{API}/service/media/action/list^" ^\n'
    '  -H ^"content-type: application/json^" ^\n'
    '  --data-raw ^"^{^\\^"ks^\\^":^\\^"' + KS + '^\\^",^\\^"filter^\\^":^{^\\^"objectType^\\^":'
    '^\\^"KalturaMediaEntryFilter^\\^",^\\^"nameLike^\\^":^\\^"x y^\\^"^}^}^"'
)
HAR_ENTRY = {
    "request": {
        "method": "POST",
        "url": f"{API}/service/media/action/list",
        "headers": [{"name": "Content-Type", "value": "application/json"}],
        "postData": {"mimeType": "application/json", "text": JSON_LIST},
    }
}
HAR_LOG = {
    "log": {
        "entries": [
            {"request": {"method": "GET", "url": "https://www.kaltura.com/index.html"}},
            {"request": {"method": "POST", "url": f"{API}/service/multirequest",
                         "postData": {"mimeType": "application/json", "text": JSON_BATCH}}},
        ]
    }
}  # fmt: skip
BOUNDARY = "----b0undary"
MULTIPART = (
    f"--{BOUNDARY}\r\n"
    'Content-Disposition: form-data; name="json"\r\n\r\n'
    f'{{"ks":"{KS}","uploadTokenId":"0_tok"}}\r\n'
    f"--{BOUNDARY}\r\n"
    'Content-Disposition: form-data; name="fileData"; filename="clip.mp4"\r\n'
    "Content-Type: video/mp4\r\n\r\n"
    "<bytes>\r\n"
    f"--{BOUNDARY}--\r\n"
)
UPLOAD = {"service": ["uploadtoken"], "action": ["upload"], "uploadTokenId": ["0_tok"]}
FILE_LEFT = ("fileData", f"{FILE_REASON} (clip.mp4)")


@pytest.fixture(scope="module")
def schema() -> Schema:
    return load_schema(SHARED_SCHEMA)


CASES = {
    "curl with a JSON body (Kaltura's docs, the Code tab)": (
        f"curl -X POST '{API}/service/media/action/list' \\\n"
        f"  -H 'Content-Type: application/json' \\\n  --data-raw '{JSON_LIST}'",
        LIST, KS, [],
    ),
    "curl form-encoded, one -d per parameter": (
        f"curl {API}/service/media/action/list -d ks={KS} -d filter:objectType=KalturaMediaEntryFilter"
        " -d 'filter:nameLike=x+y'",
        LIST, KS, [],
    ),
    "curl --data-urlencode, brackets in names": (
        f"curl {API}/service/media/action/list --data-urlencode 'filter[nameLike]=x y'"
        " --data 'filter[objectType]=KalturaMediaEntryFilter'",
        LIST, "", [],
    ),
    "curl bash as a browser copies it: $'…' and its headers": (
        f"curl '{API}/service/media/action/list' \\\n  -H 'accept: */*' \\\n"
        "  -H 'content-type: application/json' \\\n"
        f"  --data-raw $'{{\"ks\":\"{KS}\",\"filter\":{{\"objectType\":\"KalturaMediaEntryFilter\","
        "\"nameLike\":\"x\\u0020y\"}}' \\\n  --compressed",
        LIST, KS, [("accept", HEADERS_REASON), ("--compressed", "curl's own options: how it connects, not the call")],
    ),
    "curl's passwords and cookies are named, never repeated": (
        f"curl -u admin:hunter2 -b 'kms_ks={KS}' -x http://bob:pw@proxy:3128 --max-time 5"
        f" '{API}/service/media/action/list' '{API}/service/media/action/get?ks={KS}'",
        {"service": ["media"], "action": ["list"]}, "",
        [("-u -b -x --max-time", "curl's own options: how it connects, not the call"),
         (f"{API}/service/media/action/get?…", "a second address: only the first is read")],
    ),
    "the query wins over the body, as api_v3 reads them": (
        f"curl '{API}/service/media/action/list?format=2&filter:nameLike=query'"
        " -d format=1 -d 'filter:nameLike=body' -d filter:objectType=KalturaMediaEntryFilter",
        {**LIST, "filter:nameLike": ["query"], "config.format": ["2"]}, "", [],
    ),
    "curl for Windows cmd, form-encoded": (
        CMD_CURL, LIST, KS,
        [("--compressed", "curl's own options: how it connects, not the call"), ("accept", HEADERS_REASON)],
    ),
    "curl for Windows cmd, a JSON body": (CMD_JSON, LIST, KS, []),
    "curl multipart: a file is named, not placed": (
        f"curl {API}/service/uploadtoken/action/upload -F ks={KS} -F uploadTokenId=0_tok"
        " -F 'fileData=@/home/me/clip.mp4;type=video/mp4'",
        UPLOAD, KS, [FILE_LEFT],
    ),
    "curl reading its data from files: named, not placed": (
        f"curl {API}/service/media/action/get -H 'Content-Type: application/json' -d @body.json"
        " --data-urlencode entryId@id.txt",
        {"service": ["media"], "action": ["get"]}, "",
        [("@body.json", FILE_CONTENTS_REASON), ("entryId@id.txt", FILE_CONTENTS_REASON)],
    ),
    "curl -G puts the data in the query": (
        f"curl -G {API}/service/media/action/get -d entryId=0_abc",
        {"service": ["media"], "action": ["get"], "entryId": ["0_abc"]}, "", [],
    ),
    "an address with a query string": (
        f"{API}/service/media/action/list?ks={KS}&filter:objectType=KalturaMediaEntryFilter"
        "&filter:nameLike=x%20y&format=1",
        {**LIST, "config.format": ["1"]}, KS, [],
    ),
    "index.php with service= and action=": (
        f"{API}/index.php?service=media&action=get&entryId=0_abc&clientTag=mine",
        {"service": ["media"], "action": ["get"], "entryId": ["0_abc"], "config.clientTag": ["mine"]},
        "", [],
    ),
    "a raw HTTP request with a JSON body": (
        "POST /api_v3/service/media/action/list HTTP/1.1\nHost: www.kaltura.com\n"
        f"Content-Type: application/json\n\n{JSON_LIST}\n",
        LIST, KS, [],
    ),
    "a raw HTTP request, multipart with a json part and a file": (
        "POST /api_v3/service/uploadtoken/action/upload HTTP/1.1\r\nHost: www.kaltura.com\r\n"
        f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n\r\n{MULTIPART}",
        UPLOAD, KS, [FILE_LEFT],
    ),
    "a HAR entry": (json.dumps(HAR_ENTRY), LIST, KS, []),
    "a whole HAR: its first api_v3 call": (json.dumps(HAR_LOG), BATCH, KS, []),
    "multirequest: curl with a JSON body": (
        f"curl {API}/service/multirequest -H 'Content-Type: application/json' -d '{JSON_BATCH}'",
        BATCH, KS, [],
    ),
    "multirequest: curl form-encoded": (f"curl {API}/service/multirequest -d '{FORM_BATCH}'", BATCH, KS, []),
    "multirequest: an address": (f"{API}/service/multirequest?{FORM_BATCH}", BATCH, KS, []),
    "multirequest: index.php": (f"{API}/index.php?service=multirequest&{FORM_BATCH}", BATCH, KS, []),
    "multirequest: raw HTTP": (
        "POST /api_v3/service/multirequest HTTP/1.1\nHost: www.kaltura.com\n"
        f"Content-Type: application/x-www-form-urlencoded\n\n{FORM_BATCH}",
        BATCH, KS, [],
    ),
    "a secret and an unknown name are named, not placed": (
        f"{API}/service/session/action/start?secret=s3cret&partnerId=102&color=red",
        {"service": ["session"], "action": ["start"], "partnerId": ["102"]}, "",
        [("color", "not a parameter of session.start; sent as given"), ("secret", SECRET_HERE)],
    ),
    "a KS read from the environment is no KS": (
        f"curl {API}/service/media/action/get -d 'ks=$KALTURA_KS' -d entryId=0_abc",
        {"service": ["media"], "action": ["get"], "entryId": ["0_abc"]}, "",
        [("ks", "$KALTURA_KS is read from the environment: paste the KS")],
    ),
}  # fmt: skip


@pytest.mark.parametrize(("text", "values", "ks", "left"), CASES.values(), ids=CASES.keys())
def test_pasted_text_fills_the_form_and_names_what_it_left(
    schema: Schema,
    text: str,
    values: dict[str, list[str]],
    ks: str,
    left: list[tuple[str, str]],
) -> None:
    imported = import_call(schema, text)
    assert imported.link.values == values
    assert imported.ks == ks
    assert sorted((d.name, d.reason) for d in imported.not_placed) == sorted(left)


def test_a_whole_har_says_which_entry_it_took(schema: Schema) -> None:
    imported = import_call(schema, json.dumps(HAR_LOG))
    assert imported.notes == (
        "The HAR holds 2 entries; the first api_v3 call (entry 2) was imported.",
    )
    assert imported.call == "multirequest"


GARBAGE = {
    "nothing": ("  \n", "Nothing was pasted."),
    "words": ("please import my call", "This is not a request testme reads."),
    "an unclosed quote": (f"curl '{API}/service/media/action/list", "does not split into words"),
    "curl without an address": ("curl -X POST", "names no address"),
    "another site's address": ("https://example.com/search?q=kaltura", "no Kaltura API call"),
    "no action": (f"{API}/service/media", "names service media but no action"),
    "an unknown action": (f"{API}/service/media/action/nosuch", "no action media.nosuch"),
    "an unknown service": (f"{API}/service/nosuch/action/list", "no action nosuch.list"),
    "an unknown request of a multirequest": (
        f"{API}/service/multirequest?1:service=media&1:action=nosuch",
        "no action media.nosuch",
    ),
    "a JSON body that does not parse": (
        f"curl {API}/service/media/action/list -H 'Content-Type: application/json' -d '{{\"ks\":'",
        "The JSON body does not parse",
    ),
    "pasted JSON that does not parse": ('{"request": ', "The pasted JSON does not parse"),
    "a paste over the limit": (
        f"curl {API}/service/media/action/list -d 'name={'x' * LONGEST_PASTE}'",
        "an import reads at most 2,000,000",
    ),
    "JSON that is no HAR": ('{"name": "x"}', "no HAR entry"),
    "a HAR with no api_v3 call": (
        json.dumps({"log": {"entries": [{"request": {"url": "https://example.com/"}}]}}),
        "holds no api_v3 call",
    ),
}


@pytest.mark.parametrize(("text", "message"), GARBAGE.values(), ids=GARBAGE.keys())
def test_what_is_no_call_is_refused_with_a_message(schema: Schema, text: str, message: str) -> None:
    with pytest.raises(NotARequestError, match=message):
        import_call(schema, text)


WORDS = {
    "single, double and $'…' quotes": (
        """curl 'a b' "c \\"d\\" $HOME" $'e\\tf\\x41\\u00e9' g\\ h""",
        ["curl", "a b", 'c "d" $HOME', "e\tfAé", "g h"],
    ),
    "a backslash-newline continues the line": ("curl \\\n  -d x", ["curl", "-d", "x"]),
}


@pytest.mark.parametrize(("text", "words"), WORDS.values(), ids=WORDS.keys())
def test_a_posix_command_splits_as_the_shell_splits_it(text: str, words: list[str]) -> None:
    assert posix_words(text) == words


def test_a_cmd_command_splits_as_windows_runs_it() -> None:
    # ^ escapes cmd's specials, \" is a quote inside a quoted word, ^ + two line ends a newline
    text = 'curl ^"a^&b^" ^\n  -d ^"^{^\\^"k^\\^":1^}^" ^"x^\n\ny^" ^"50^%^25^"'
    assert cmd_words(text) == ["curl", "a&b", "-d", '{"k":1}', "x\ny", "50%25"]
