"""The forms the code-sample tests render (and the Node ones run): one per kind of value the
issue names — scalars, enums, a filter and a pager, a nested object of a subtype, an array of
objects, a file upload, null and empty, a multirequest with a reference, a plugin service."""

from __future__ import annotations

from app.forms.form_calls import SubRequest, read_call, read_multirequest
from app.protocol.call import Call, FilePart, MultiRequest
from app.protocol.schema import Schema

KS = "djJ8MTIzfGtz-from-the-environment"
SECRET = "s3cr3t-from-the-environment"
CLIP = bytes(range(256)) * 64

Form = tuple[str, str, list[tuple[str, str]], tuple[FilePart, ...]]

FORMS: dict[str, Form] = {
    "a filter and a pager": (
        "media",
        "list",
        [
            ("filter:objectType", "KalturaMediaEntryFilter"),
            ("filter:nameLike", 'it\'s a "holiday" \\o/'),
            ("filter:mediaTypeEqual", "1"),
            ("filter:statusIn", "2"),
            ("filter:statusIn", "7"),
            ("filter:orderBy", "-createdAt"),
            ("pager:objectType", "KalturaFilterPager"),
            ("pager:pageSize", "25"),
            ("pager:pageIndex", "2"),
        ],
        (),
    ),
    "scalars": (
        "session",
        "start",
        [("secret", SECRET), ("userId", "ana"), ("type", "2"), ("partnerId", "99")],
        (),
    ),
    "a nested object of a subtype": (
        "baseentry",
        "list",
        [
            ("filter:objectType", "KalturaMediaEntryFilter"),
            ("filter:advancedSearch:objectType", "KalturaSearchOperator"),
            ("filter:advancedSearch:type", "2"),
            ("filter:advancedSearch:items:0:objectType", "KalturaSearchCondition"),
            ("filter:advancedSearch:items:0:field", "name"),
            ("filter:advancedSearch:items:0:value", "cat"),
        ],
        (),
    ),
    "an array of objects": (
        "report",
        "execute",
        [
            ("id", "7"),
            ("params:0:objectType", "KalturaKeyValue"),
            ("params:0:key", "a"),
            ("params:0:value", "1"),
            ("params:1:objectType", "KalturaKeyValue"),
            ("params:1:key", "b"),
            ("params:1:value", "2"),
        ],
        (),
    ),
    "a file upload": (
        "uploadtoken",
        "upload",
        [("uploadTokenId", "0_tok")],
        (FilePart("fileData", "clip.mp4", CLIP, "video/mp4"),),
    ),
    "null and empty": (
        "media",
        "update",
        [
            ("entryId", "0_abc"),
            ("mediaEntry:objectType", "KalturaMediaEntry"),
            ("mediaEntry:name", "Clip"),
            ("mediaEntry:description__null", "1"),
            ("mediaEntry:operationAttributes:-", "1"),
        ],
        (),
    ),
    "a plugin service": (
        "elasticsearch_esearch",
        "searchEntry",
        [
            ("searchParams:objectType", "KalturaESearchEntryParams"),
            ("searchParams:searchOperator:objectType", "KalturaESearchEntryOperator"),
            ("searchParams:searchOperator:operator", "1"),
            ("searchParams:searchOperator:searchItems:0:objectType", "KalturaESearchEntryItem"),
            ("searchParams:searchOperator:searchItems:0:searchTerm", "cat"),
            ("searchParams:searchOperator:searchItems:0:itemType", "2"),
            ("searchParams:searchOperator:searchItems:0:fieldName", "name"),
        ],
        (),
    ),
}

# Requests 1, 2 and 4 on the page: the sample numbers them 1, 2 and 3, references included;
# request 2 runs with the KS that request 1 returns.
MULTIREQUEST = (
    SubRequest(
        "session",
        "start",
        (("secret", SECRET), ("type", "2"), ("partnerId", "99")),
        number=1,
    ),
    SubRequest("media", "get", (("entryId", "0_abc"), ("ks", "{1:result}")), number=2),
    SubRequest(
        "media",
        "update",
        (
            ("entryId", "{2:result:id}"),
            ("mediaEntry:objectType", "KalturaMediaEntry"),
            ("mediaEntry:name", "{2:result:name}"),
        ),
        number=4,
    ),
)
CASES = (*FORMS, "a multirequest with a reference")


def call_of(schema: Schema, case: str) -> Call | MultiRequest:
    """The call a form of `CASES` asks for, with a KS in its configuration."""
    if case == CASES[-1]:
        return read_multirequest(schema, MULTIREQUEST, config={"ks": KS}).call
    service, action, fields, files = FORMS[case]
    return read_call(schema, service, action, fields, files, config={"ks": KS}).call
