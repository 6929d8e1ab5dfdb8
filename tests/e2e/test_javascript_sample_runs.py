"""The JavaScript sample runs: Node with the official `kaltura-client` (the version `make test`
installs from npm) sends it to the recording fake Kaltura server on a real socket, and the
parameters must be those the console's own Send of the same form puts on the wire, as api_v3
reads them.

Only what the client adds of itself is set aside (`as_server_reads`): `clientTag`,
`apiVersion`, `format` and `kalsig` (its own, and api_v3 ignores kalsig), the `ks` (checked
apart: it must be the environment's), JSON numbers and booleans (api_v3 reads every value as
text: 25 is "25", true is "true"), the defaults of optional parameters the sample leaves out
(the client's methods fill them in), and a multirequest's keys (the client numbers requests
from 0, the console from 1; api_v3 runs both from the first).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.kaltura.call import Call, FilePart, MultiRequest
from app.kaltura.form_calls import SubRequest, read_call, read_multirequest
from app.kaltura.samples import SampleContext, render
from app.kaltura.schema import Schema
from app.kaltura.schema_loader import load_schema
from app.kaltura.wire import to_http, to_wire
from tests.conftest import ROOT
from tests.e2e.conftest import FakeKaltura, Received
from tests.e2e.wire import CLIP, SENDER_FIELDS

KALTURA_CLIENT = "kaltura-client@21.20.0"  # the version the Makefile installs
KS = "djJ8MTIzfGtz-from-the-environment"
SECRET = "s3cr3t-from-the-environment"
NODE_TIMEOUT = 30  # seconds


@pytest.fixture(scope="session")
def node_modules(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where `kaltura-client` is installed: `make test` puts it in $(VENV)/node and says so in
    TESTME_NODE_MODULES; without it, npm installs it here once."""
    given = os.environ.get("TESTME_NODE_MODULES") or str(ROOT / ".venv/node/node_modules")
    if (Path(given) / "kaltura-client").is_dir():
        return Path(given)
    if not (shutil.which("npm") and shutil.which("node")):
        pytest.skip("Node samples run with node and npm, and neither is installed here")
    prefix = tmp_path_factory.mktemp("node")
    subprocess.run(
        ["npm", "install", "--silent", "--prefix", str(prefix), KALTURA_CLIENT],
        check=True,
        timeout=300,
    )
    return prefix / "node_modules"


@pytest.fixture(scope="session")
def schema(real_schema_path: Path) -> Schema:
    return load_schema(real_schema_path)


def run_sample(
    call: Call | MultiRequest, schema: Schema, fake: FakeKaltura, node_modules: Path, work: Path
) -> str:
    """Run the JavaScript sample of `call` in `work`; its output."""
    source = render("javascript", call, SampleContext(schema, fake.url))
    (work / "sample.js").write_text(source)
    env = {
        "PATH": os.environ["PATH"],
        "NODE_PATH": str(node_modules),
        "KALTURA_KS": KS,
        "KALTURA_SECRET": SECRET,
    }
    done = subprocess.run(
        ["node", "sample.js"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=NODE_TIMEOUT,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def console_send(call: Call | MultiRequest, fake: FakeKaltura) -> None:
    """What the console's Send puts on the wire for `call`, sent to the fake."""
    spec = to_http(to_wire(call))
    httpx.post(fake.url + spec.path, content=spec.content, headers=dict(spec.headers))


def as_server_reads(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: as_server_reads(v) for k, v in value.items() if k not in SENDER_FIELDS}
    if isinstance(value, list):
        return [as_server_reads(item) for item in value]
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def without_defaults(
    params: dict[str, Any], ours: dict[str, Any], schema: Schema, service: str, action: str
) -> dict[str, Any]:
    """`params` less the optional parameters the console did not send that hold their default."""
    found = schema.action(service, action)
    assert found is not None
    defaults = {p.name: p.default for p in found.params if p.optional}
    return {
        k: v
        for k, v in params.items()
        if k in ours or k not in defaults or str(v).lower() != str(defaults[k]).lower()
    }


def compare(schema: Schema, theirs: Received, ours: Received) -> None:
    assert (theirs.method, theirs.path) == (ours.method, ours.path)
    assert theirs.json["ks"] == KS, "the sample reads the KS from KALTURA_KS"
    mine, sent = as_server_reads(ours.json), as_server_reads(theirs.json)
    if ours.service == "multirequest":
        subs = [sent[k] for k in sorted((k for k in sent if k.isdigit()), key=int)]
        sent = {str(at): sub for at, sub in enumerate(subs, start=1)}
        sent = {
            k: without_defaults(v, mine[k], schema, v["service"], v["action"])
            for k, v in sent.items()
        }
    else:
        sent = without_defaults(sent, mine, schema, ours.service, ours.action)
    assert sent == mine
    files = {
        name.split(":")[-1]: part.data for name, part in theirs.parts.items() if name != "json"
    }
    assert files == {
        name.split(":")[-1]: part.data for name, part in ours.parts.items() if name != "json"
    }


MEDIA_LIST = [
    ("filter:objectType", "KalturaMediaEntryFilter"),
    ("filter:nameLike", 'it\'s a "holiday"'),
    ("filter:mediaTypeEqual", "1"),
    ("filter:statusIn", "2"),
    ("filter:statusIn", "7"),
    ("filter:orderBy", "-createdAt"),
    ("pager:objectType", "KalturaFilterPager"),
    ("pager:pageSize", "25"),
    ("pager:pageIndex", "2"),
]
ESEARCH = [
    ("searchParams:objectType", "KalturaESearchEntryParams"),
    ("searchParams:searchOperator:objectType", "KalturaESearchEntryOperator"),
    ("searchParams:searchOperator:operator", "1"),
    ("searchParams:searchOperator:searchItems:0:objectType", "KalturaESearchEntryItem"),
    ("searchParams:searchOperator:searchItems:0:searchTerm", "cat"),
    ("searchParams:searchOperator:searchItems:0:itemType", "2"),
    ("searchParams:searchOperator:searchItems:0:fieldName", "name"),
]
SINGLE_CALLS = {
    "scalars, enums, a filter and a pager": ("media", "list", MEDIA_LIST, ()),
    "scalars of every kind": (
        "session",
        "start",
        [
            ("secret", SECRET),
            ("userId", "ana"),
            ("type", "2"),
            ("partnerId", "99"),
            ("expiry", "60"),
        ],
        (),
    ),
    "a nested object of a subtype, an array of objects, null and empty": (
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
    "a plugin service": ("elasticsearch_esearch", "searchEntry", ESEARCH, ()),
}


@pytest.fixture
def work(tmp_path: Path) -> Iterator[Path]:
    (tmp_path / "clip.mp4").write_bytes(CLIP)
    yield tmp_path


@pytest.mark.parametrize("case", SINGLE_CALLS, ids=list(SINGLE_CALLS))
def test_node_sample_sends_what_the_console_sends(
    case: str, schema: Schema, fake: FakeKaltura, node_modules: Path, work: Path
) -> None:
    service, action, fields, files = SINGLE_CALLS[case]
    call = read_call(schema, service, action, fields, files, config={"ks": KS}).call
    run_sample(call, schema, fake, node_modules, work)
    console_send(call, fake)
    theirs, ours = fake.calls(service, action)
    compare(schema, theirs, ours)


def test_node_multirequest_with_a_reference_sends_what_the_console_sends(
    schema: Schema, fake: FakeKaltura, node_modules: Path, work: Path
) -> None:
    """Requests 1 and 3 on the page: the reference to 1 reaches the server as the first."""
    requests = [
        SubRequest("media", "get", (("entryId", "0_abc"),), number=1),
        SubRequest(
            "media",
            "update",
            (
                ("entryId", "{1:result:id}"),
                ("mediaEntry:objectType", "KalturaMediaEntry"),
                ("mediaEntry:name", "{1:result:name}"),
            ),
            number=3,
        ),
    ]
    call = read_multirequest(schema, requests, config={"ks": KS}).call
    run_sample(call, schema, fake, node_modules, work)
    console_send(call, fake)
    theirs, ours = fake.calls("multirequest", "")
    compare(schema, theirs, ours)
