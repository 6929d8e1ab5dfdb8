"""The upload flow through the official Node client (npm `kaltura-client`, the version `make
test` installs) against a real-socket sandbox: session.start → media.add → uploadToken.add →
uploadToken.upload of a small file → media.addContent with a KalturaUploadedFileTokenResource
→ media.get READY → baseEntry.list finds it.

What api_v3 does, in our words: `uploadToken.upload` answers FULL_UPLOAD, 2, for a whole
file; `media.addContent` with a FULL_UPLOAD token closes it (CLOSED, 3) and the entry moves on;
`KalturaBaseEntryFilter` has `idEqual`; and the list shape is `KalturaBaseEntryListResponse`
(`objects`, `totalCount`).

The Node client speaks JSON only: its request builder writes `format: 1` on every request
and hands the answer to the caller as axios parsed it. Forcing `format` 2 through the client's
`requestData` (copied over the request after `format` is set) gets the sandbox's XML back as
unparsed text, which the XML test reads.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.sandbox.conftest import LiveSandbox

CLIP = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 4
NODE_TIMEOUT = 60  # seconds

FLOW = r"""
const kaltura = require('kaltura-client');
const [serviceUrl, secret, partnerId, clipPath, format] = process.argv.slice(2);
const config = new kaltura.Configuration();
config.serviceUrl = serviceUrl;
const client = new kaltura.Client(config);
const run = request => request.execute(client);

(async () => {
  const ks = await run(kaltura.services.session.start(
    secret, 'node-user', kaltura.enums.SessionType.ADMIN, Number(partnerId)));
  client.setKs(ks);
  const entry = await run(kaltura.services.media.add(new kaltura.objects.MediaEntry({
    name: 'node clip', mediaType: kaltura.enums.MediaType.VIDEO})));
  const token = await run(kaltura.services.uploadToken.add(new kaltura.objects.UploadToken()));
  const uploaded = await run(kaltura.services.uploadToken.upload(token.id, clipPath));
  const resource = new kaltura.objects.UploadedFileTokenResource({token: token.id});
  const attached = await run(kaltura.services.media.addContent(entry.id, resource));
  const closed = await run(kaltura.services.uploadToken.get(token.id));
  if (format) client.requestData.format = Number(format);  // what the client has no setter for
  const ready = await run(kaltura.services.media.get(entry.id));
  const filter = new kaltura.objects.BaseEntryFilter({idEqual: entry.id});
  const listed = await run(kaltura.services.baseEntry.listAction(filter));
  const answers = {entry, token, uploaded, attached, closed, ready, listed};
  require('fs').writeFileSync('answers.json', JSON.stringify(answers));  // it logs to stdout
})().catch(error => { console.error(error); process.exit(1); });
"""


@pytest.fixture(scope="module")
def node_modules() -> Path:
    """`make test` installs `kaltura-client` and names the folder in TESTME_NODE_MODULES."""
    given = Path(os.environ.get("TESTME_NODE_MODULES") or ROOT / ".venv/node/node_modules")
    if not (given / "kaltura-client").is_dir() or shutil.which("node") is None:
        pytest.skip("the Node client runs with node and `kaltura-client` (make test has both)")
    return given


def run_flow(live: LiveSandbox, node_modules: Path, work: Path, fmt: str = "") -> dict[str, object]:
    (work / "flow.js").write_text(FLOW)
    clip = work / "clip.mp4"
    clip.write_bytes(CLIP)
    secret, partner_id = live.credentials.admin_secret, str(live.credentials.partner_id)
    done = subprocess.run(
        ["node", "flow.js", live.url, secret, partner_id, str(clip), fmt],
        cwd=work,
        env={"PATH": os.environ["PATH"], "NODE_PATH": str(node_modules)},
        capture_output=True,
        text=True,
        timeout=NODE_TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    answers: dict[str, object] = json.loads((work / "answers.json").read_text())
    return answers


def test_node_client_uploads_a_file_and_the_entry_becomes_ready_in_json(
    live: LiveSandbox, node_modules: Path, tmp_path: Path
) -> None:
    answers = run_flow(live, node_modules, tmp_path)
    entry, token, uploaded, attached, closed, ready, listed = (
        answers[k] for k in ("entry", "token", "uploaded", "attached", "closed", "ready", "listed")
    )
    assert isinstance(entry, dict) and isinstance(ready, dict) and isinstance(listed, dict)
    assert isinstance(token, dict) and isinstance(uploaded, dict) and isinstance(closed, dict)
    assert isinstance(attached, dict)
    assert (entry["objectType"], entry["status"]) == ("KalturaMediaEntry", "7")  # NO_CONTENT
    assert (uploaded["id"], uploaded["status"]) == (token["id"], 2)  # FULL_UPLOAD
    assert uploaded["uploadedFileSize"] == len(CLIP)
    assert (attached["id"], attached["status"]) == (entry["id"], "2")  # READY
    assert (closed["status"], closed["attachedObjectId"]) == (3, entry["id"])  # CLOSED
    assert (ready["id"], ready["status"], ready["name"]) == (entry["id"], "2", "node clip")
    assert ready["mediaType"] == 1 and ready["userId"] == "node-user"
    assert listed["objectType"] == "KalturaBaseEntryListResponse"
    assert listed["totalCount"] == 1
    objects = listed["objects"]
    assert isinstance(objects, list)
    assert [(o["id"], o["objectType"]) for o in objects] == [(entry["id"], "KalturaMediaEntry")]


def test_node_client_forced_to_xml_gets_the_ready_entry_as_xml_text(
    live: LiveSandbox, node_modules: Path, tmp_path: Path
) -> None:
    """The client cannot read XML; what it hands back is the sandbox's XML, unparsed."""
    answers = run_flow(live, node_modules, tmp_path, fmt="2")
    entry, ready, listed = answers["entry"], answers["ready"], answers["listed"]
    assert isinstance(entry, dict) and isinstance(ready, str) and isinstance(listed, str)
    got = ET.fromstring(ready).find("result")
    assert got is not None
    assert (got.findtext("objectType"), got.findtext("id")) == ("KalturaMediaEntry", entry["id"])
    assert got.findtext("status") == "2"
    found = ET.fromstring(listed).find("result")
    assert found is not None
    assert found.findtext("totalCount") == "1"
    assert [i.findtext("id") for i in found.iterfind("objects/item")] == [entry["id"]]
