"""The playlist flow through the official Node client (`kaltura-client`, JSON on the wire)
against a sandbox on a real socket: add a static playlist, get, execute, executeFromFilters,
list, update, delete, and the error a deleted playlist answers.

What api_v3 does (static order, dynamic filters with totalResults, delete) is in
docs/SANDBOX.md (Playlists).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.sandbox.conftest import LiveSandbox
from tests.sandbox.ready_entries import ready_entry

KALTURA_CLIENT = "kaltura-client@21.20.0"  # the version the Makefile installs
NODE_TIMEOUT = 30  # seconds

FLOW = """
const kaltura = require('kaltura-client');
const config = new kaltura.Configuration();
config.serviceUrl = process.env.SANDBOX_URL;
const client = new kaltura.Client(config);
client.setKs(process.env.KALTURA_KS);
const [first, second] = process.env.ENTRY_IDS.split(',');
const run = (request) => new Promise((resolve) => {
  request.execute(client, (success, answer) => resolve(success ? answer : {error: answer.code}));
});
const names = (entries) => entries.map((e) => e.name);

(async () => {
  const out = {};
  const added = await run(kaltura.services.playlist.add(new kaltura.objects.Playlist({
    name: 'node static',
    playlistType: kaltura.enums.PlaylistType.STATIC_LIST,
    playlistContent: second + ',' + first,
  })));
  out.added = {type: added.playlistType, status: added.status, content: added.playlistContent};
  out.got = (await run(kaltura.services.playlist.get(added.id))).name;
  out.played = names(await run(kaltura.services.playlist.execute(added.id)));
  const filter = new kaltura.objects.MediaEntryFilterForPlaylist({
    tagsMultiLikeOr: 'node-tag', orderBy: '+name',
  });
  out.filtered = names(await run(kaltura.services.playlist.executeFromFilters([filter], 1)));
  const listed = await run(kaltura.services.playlist.listAction());
  out.listed = names(listed.objects);
  const renamed = await run(kaltura.services.playlist.update(added.id,
    new kaltura.objects.Playlist({name: 'node renamed'})));
  out.renamed = renamed.name;
  await run(kaltura.services.playlist.deleteAction(added.id));
  out.afterDelete = await run(kaltura.services.playlist.get(added.id));
  console.log(JSON.stringify(out));
})();
"""


@pytest.fixture(scope="module")
def node_modules(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where `kaltura-client` is installed: `make test` says so in TESTME_NODE_MODULES; without
    it, npm installs it once (as tests/e2e/test_javascript_sample_runs.py does)."""
    given = os.environ.get("TESTME_NODE_MODULES") or str(ROOT / ".venv/node/node_modules")
    if (Path(given) / "kaltura-client").is_dir():
        return Path(given)
    if not (shutil.which("npm") and shutil.which("node")):
        pytest.skip("the Node client runs with node and npm, and neither is installed here")
    prefix = tmp_path_factory.mktemp("node")
    subprocess.run(
        ["npm", "install", "--silent", "--prefix", str(prefix), KALTURA_CLIENT],
        check=True,
        timeout=300,
    )
    return prefix / "node_modules"


def test_node_client_runs_the_playlist_flow(
    live: LiveSandbox, node_modules: Path, tmp_path: Path
) -> None:
    ks = live.admin_ks()
    setup = live.client(ks)
    first = ready_entry(setup, "node-1", tags="node-tag")
    second = ready_entry(setup, "node-2", tags="node-tag")
    (tmp_path / "flow.js").write_text(FLOW)
    env = {
        "PATH": os.environ["PATH"],
        "NODE_PATH": str(node_modules),
        "SANDBOX_URL": live.url,
        "KALTURA_KS": ks,
        "ENTRY_IDS": f"{first},{second}",
    }

    done = subprocess.run(
        ["node", "flow.js"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=NODE_TIMEOUT,
    )

    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout.splitlines()[-1])  # the client logs each request before it
    assert out["added"] == {"type": 3, "status": "2", "content": f"{second},{first}"}
    assert out["got"] == "node static"
    assert out["played"] == ["node-2", "node-1"]
    assert out["filtered"] == ["node-1"]
    assert "node static" in out["listed"]
    assert out["renamed"] == "node renamed"
    assert out["afterDelete"] == {"error": "INVALID_ENTRY_ID"}
