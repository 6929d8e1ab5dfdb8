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

from app.protocol.call import Call, MultiRequest
from app.protocol.schema import Schema
from app.protocol.schema_loader import load_schema
from app.protocol.wire import to_http, to_wire
from app.reference.samples import SampleContext, render
from app.reference.samples.environment import ks_need
from tests.conftest import ROOT
from tests.core.sample_forms import CASES, CLIP, KS, SECRET, call_of
from tests.e2e.conftest import FakeKaltura, Received
from tests.e2e.wire import SENDER_FIELDS

KALTURA_CLIENT = "kaltura-client@21.20.0"  # the version the Makefile installs
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


def as_server_reads(value: Any, top: bool = True) -> Any:
    """`value` as api_v3 reads it, less what each sender fills in its own way at the top (a
    request's own `ks` inside a multirequest stays: it is part of the call)."""
    if isinstance(value, dict):
        dropped = SENDER_FIELDS if top else SENDER_FIELDS - {"ks"}
        return {k: as_server_reads(v, False) for k, v in value.items() if k not in dropped}
    if isinstance(value, list):
        return [as_server_reads(item, False) for item in value]
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


def compare(schema: Schema, theirs: Received, ours: Received, needs_ks: bool = True) -> None:
    assert (theirs.method, theirs.path) == (ours.method, ours.path)
    if needs_ks:
        assert theirs.json["ks"] == KS, "the sample reads the KS from KALTURA_KS"
    else:
        assert "ks" not in theirs.json, "the call needs no KS: the sample reads none"
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


@pytest.fixture
def work(tmp_path: Path) -> Iterator[Path]:
    (tmp_path / "clip.mp4").write_bytes(CLIP)
    yield tmp_path


@pytest.mark.parametrize("case", CASES)
def test_node_sample_sends_what_the_console_sends(
    case: str, schema: Schema, fake: FakeKaltura, node_modules: Path, work: Path
) -> None:
    call = call_of(schema, case)
    run_sample(call, schema, fake, node_modules, work)
    console_send(call, fake)
    [theirs, ours] = fake.received
    compare(schema, theirs, ours, ks_need(schema, call) != "none")
