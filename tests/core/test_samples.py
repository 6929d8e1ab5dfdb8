"""Code samples as text: what each of curl, Python and HTTP writes for a call, secrets read
from the environment unless included (the samples that run are in tests/samples/)."""

from __future__ import annotations

import shlex
from collections.abc import Iterator, Sequence

import pytest

from app.forms.form_calls import SubRequest, read_call, read_multirequest, split_multirequest
from app.protocol.call import Call, FilePart, MultiRequest
from app.protocol.schema import Schema
from app.protocol.schema_loader import load_schema
from app.protocol.wire import to_http, to_wire
from app.reference.samples import SampleContext, render
from tests.conftest import SHARED_SCHEMA
from tests.core.golden_calls import CONFIG, forms, multirequests

URL = "https://kaltura.example"
KS = "djJ8MTAxfGtz"
SECRET = "0f0f0f0f-partner-secret"


@pytest.fixture(scope="module")
def schema() -> Schema:
    return load_schema(SHARED_SCHEMA)


def sample(
    schema: Schema,
    language: str,
    service: str,
    action: str,
    fields: Sequence[tuple[str, str]],
    include_secrets: bool = False,
    files: Sequence[FilePart] = (),
) -> str:
    config = {"ks": KS, "format": "2"}
    if service == "multirequest":
        call = read_multirequest(schema, split_multirequest(fields), config).call
    else:
        call = read_call(schema, service, action, fields, files, config).call
    return render(language, call, SampleContext(schema, URL, include_secrets))


SESSION = [("secret", SECRET), ("type", "2"), ("expiry", "3600"), ("privileges__null", "1")]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("python", 'secret = os.environ.get("KALTURA_SECRET") or sys.exit('),
        ("python", "secret=secret,"),
        ("python", "type=KalturaSessionType.ADMIN,"),
        ("python", "expiry=3600,"),
        ("python", "privileges=None,"),
        ("python", "from KalturaClient.Plugins.Core import KalturaSessionType"),
        ("curl", "curl -X POST 'https://kaltura.example/api_v3/service/session/action/start'"),
        ("curl", '"ks":"\'"$KALTURA_KS"\'"'),
        ("curl", '"secret":"\'"$KALTURA_SECRET"\'"'),
        ("curl", '"privileges__null":""'),
        ("http", "POST /api_v3/service/session/action/start HTTP/1.1\nHost: kaltura.example\n"),
        ("http", '"secret":"${KALTURA_SECRET}"'),
    ],
)
def test_a_secret_is_read_from_the_environment(
    schema: Schema, language: str, expected: str
) -> None:
    text = sample(schema, language, "session", "start", SESSION)
    assert expected in text
    assert SECRET not in text and KS not in text


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("python", f'secret="{SECRET}",'),
        ("python", f'client.setKs("{KS}")'),
        ("curl", f'"secret":"{SECRET}"'),
        ("http", f'"ks":"{KS}"'),
        ("http", "Content-Length: "),
    ],
)
def test_include_secrets_writes_them_in(schema: Schema, language: str, expected: str) -> None:
    text = sample(schema, language, "session", "start", SESSION, include_secrets=True)
    assert expected in text
    assert "KALTURA_" not in text


@pytest.mark.parametrize(
    ("language", "fields", "expected"),
    [
        (
            "python",
            [("filter:objectType", "KalturaMediaEntryFilter"), ("filter:nameLike", "it's")],
            'filter=KalturaMediaEntryFilter(\n        nameLike="it\'s",\n    ),',
        ),
        (
            "curl",
            [("filter:objectType", "KalturaMediaEntryFilter"), ("filter:nameLike", "it's")],
            """"nameLike":"it'\\''s\"""",
        ),
        (
            "python",
            [("pager:objectType", "KalturaFilterPager"), ("pager:pageSize", "007")],
            'pageSize="007",',  # not an int literal: sent as typed
        ),
        (
            "python",
            [("pager:objectType", "KalturaFilterPager"), ("pager:pageSize", "-5")],
            "pageSize=-5,",
        ),
        (
            "python",
            [
                ("filter:objectType", "KalturaMediaEntryFilter"),
                ("filter:advancedSearch:objectType", "KalturaSearchMatchCondition"),
                ("filter:advancedSearch:not", "true"),
            ],
            "not_=True,",  # the client's name for a property Python reserves
        ),
        (
            "python",
            [("filter:objectType", "KalturaMediaEntryFilter"), ("filter:orderBy", "-createdAt")],
            'orderBy="-createdAt",',
        ),
    ],
)
def test_values_are_written_as_the_language_types_them(
    schema: Schema, language: str, fields: list[tuple[str, str]], expected: str
) -> None:
    assert expected in sample(schema, language, "media", "list", fields)


MULTI = [
    ("1:service", "media"),
    ("1:action", "list"),
    ("2:service", "media"),
    ("2:action", "get"),
    ("2:entryId", "{1:result:objects:0:id}"),
    ("3:service", "media"),
    ("3:action", "update"),
    ("3:entryId", "{1:result:objects:0:id}"),
    ("3:mediaEntry:objectType", "KalturaMediaEntry"),
    ("3:mediaEntry:name", "copy {of} {2:result:name}"),
]


def test_a_multirequest_is_written_as_the_python_client_batches() -> None:
    text = sample(load_schema(SHARED_SCHEMA), "python", "multirequest", "", MULTI)
    assert "client.startMultiRequest()\nresult1 = client.media.list()\n" in text
    assert "entryId=result1.objects[0].id," in text
    assert 'name=f"copy {{of}} {result2.name}",' in text
    assert text.endswith(
        "results = client.doMultiRequest()\n"
        "for result in results:\n"
        "    if isinstance(result, KalturaException):\n"
        "        raise result\n"
        "# media.list\n"
        "for item in results[0].objects:\n"
        "    print(item.id, item.name)\n"
        'print(results[0].totalCount, "in all")\n'
        "# media.get\n"
        'print("id:", results[1].id)\n'
        'print("name:", results[1].name)\n'
        "# media.update\n"
        'print("id:", results[2].id)\n'
        'print("name:", results[2].name)\n'
    )


def test_a_file_is_opened_from_its_path_and_named_in_curl(schema: Schema) -> None:
    upload = [FilePart("fileData", 'my "clip".mp4', b"", "video/mp4")]
    fields = [("uploadTokenId", "1_t")]
    python = sample(schema, "python", "uploadtoken", "upload", fields, files=upload)
    assert 'fileData=open("my \\"clip\\".mp4", "rb"),' in python
    curl = sample(schema, "curl", "uploadtoken", "upload", fields, files=upload)
    assert """--form-string 'json={""" in curl
    assert """-F 'fileData=@"my \\"clip\\".mp4";type=video/mp4'""" in curl
    http = sample(schema, "http", "uploadtoken", "upload", fields, files=upload)
    assert '<contents of my "clip".mp4>' in http and "Content-Length" not in http


def test_a_plugin_service_is_reached_through_its_plugin(schema: Schema) -> None:
    params = '{"objectType": "KalturaESearchEntryParams", "searchOperator": {"objectType": "KalturaESearchEntryOperator", "operator": "1"}}'
    text = sample(
        schema, "python", "elasticsearch_esearch", "searchEntry", [("searchParams", params)]
    )
    assert "result = client.elasticSearch.eSearch.searchEntry(" in text
    assert "from KalturaClient.Plugins.ElasticSearch import" in text
    assert "operator=1," in text


def every_call(schema: Schema) -> Iterator[Call | MultiRequest]:
    """Every action filled with every kind of value, then a multirequest per service."""
    for form in forms(schema):
        uploads = tuple(FilePart(u.name, u.filename, b"") for u in form.files)
        yield read_call(schema, form.service, form.action, form.fields, uploads, CONFIG).call
    for _, requests in multirequests(schema):
        batch = [
            SubRequest(form.service, form.action, tuple(form.fields), number=page)
            for page, form in requests
        ]
        yield read_multirequest(schema, batch, CONFIG).call


def test_every_action_and_batch_gives_python_that_compiles_and_curl_and_http_that_send_the_console_body(
    schema: Schema,
) -> None:
    """Over every action of 22.15.0 filled with every kind of value (`golden_calls`), and a
    multirequest per service: the Python sample is valid Python; with secrets included, curl's
    body word and the HTTP sample's body are the console's own JSON, byte for byte."""
    context = SampleContext(schema, URL, include_secrets=True)
    count = 0
    for call in every_call(schema):
        compile(render("python", call, context), "sample.py", "exec")
        body = to_http(to_wire(call)).json_body
        words = shlex.split(render("curl", call, context))
        sent = words[words.index("--data-raw") + 1] if "--data-raw" in words else ""
        assert sent == body or f"json={body}" in words
        assert body in render("http", call, context)
        count += 1
    assert count > 884
