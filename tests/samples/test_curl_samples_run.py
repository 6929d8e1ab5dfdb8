"""The curl sample of a form runs with /usr/bin/curl: against the recording server it sends
exactly the console's own Send (secrets read from the environment), and against the embedded
sandbox, served with the console on a real socket, a chain of samples does the work."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from app.settings import Settings
from tests.e2e.conftest import FakeKaltura, serve_console
from tests.samples.conftest import post_form, sample_of
from tests.samples.test_python_samples_run import CASES, CONFIG, KS, SECRET

CURL = shutil.which("curl") or "/usr/bin/curl"
pytestmark = pytest.mark.skipif(not Path(CURL).exists(), reason="curl is not installed")

PARTNER = 4242
ADMIN_SECRET = "a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6"


def run(sample: str, cwd: Path, **env: str) -> str:
    """The sample as a person pastes it into a POSIX shell, with only `env` exported."""
    assert sample.startswith("curl ")
    done = subprocess.run(
        ["sh", "-c", sample.replace("curl ", f"{CURL} -sS ", 1)],
        cwd=cwd,
        env={"PATH": os.environ.get("PATH", ""), **env},
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return done.stdout


@pytest.mark.parametrize("case", CASES)
def test_the_curl_sample_sends_what_send_sends(
    case: str, console: TestClient, fake: FakeKaltura, tmp_path: Path
) -> None:
    fields, files = CASES[case]
    post_form(console, "/api_v3/testme/send", CONFIG + fields, files)
    sample = sample_of(
        post_form(console, "/api_v3/testme/code", CONFIG + fields, files).text, "curl"
    )
    assert KS not in sample and SECRET not in sample
    for filename, data in files.values():
        (tmp_path / filename).write_bytes(data)
    run(sample, tmp_path, KALTURA_KS=KS, KALTURA_SECRET=SECRET)

    ours, theirs = fake.received
    assert (theirs.method, theirs.path) == (ours.method, ours.path)
    assert theirs.json == ours.json
    assert {n: (p.filename, p.data) for n, p in theirs.parts.items()} == {
        n: (p.filename, p.data) for n, p in ours.parts.items()
    }


# -- against the sandbox ------------------------------------------------------------------


@pytest.fixture(scope="module")
def sandbox_console(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("sandbox"),
        sandbox_partner_id=PARTNER,
        sandbox_admin_secret=ADMIN_SECRET,
    )
    with serve_console(settings) as url:
        yield url


def sample_for(url: str, fields: list[tuple[str, str]], ks: str = "") -> str:
    """The curl sample the Code region shows for a JSON-format call (the KS from the env)."""
    form = [("config.format", "1"), ("config.partnerId", str(PARTNER)), ("config.ks", ks)]
    with httpx.Client(base_url=url) as client:
        page = post_form(client, "/api_v3/testme/code", form + fields, {})
    return sample_of(page.text, "curl")


def answer(url: str, fields: list[tuple[str, str]], cwd: Path, ks: str = "") -> Any:
    sample = sample_for(url, fields, ks)
    assert url in sample
    found = json.loads(run(sample, cwd, KALTURA_KS=ks, KALTURA_SECRET=ADMIN_SECRET))
    assert "KalturaAPIException" not in json.dumps(found), found
    return found


def test_a_chain_of_curl_samples_works_against_the_sandbox(
    sandbox_console: str, tmp_path: Path
) -> None:
    url = sandbox_console
    ks = answer(
        url,
        [
            ("service", "session"),
            ("action", "start"),
            ("secret", ADMIN_SECRET),
            ("type", "2"),
            ("partnerId", str(PARTNER)),
        ],
        tmp_path,
    )
    assert isinstance(ks, str) and ks.startswith("djJ8")

    entry = answer(
        url,
        [
            ("service", "media"),
            ("action", "add"),
            ("entry:objectType", "KalturaMediaEntry"),
            ("entry:name", "cat's clip"),
            ("entry:mediaType", "1"),
            ("entry:tags", "a,b"),
        ],
        tmp_path,
        ks,
    )
    assert entry["name"] == "cat's clip" and entry["mediaType"] == 1

    token = answer(url, [("service", "uploadtoken"), ("action", "add")], tmp_path, ks)
    (tmp_path / "clip one.mp4").write_bytes(b"\x00movie\xff" * 100)
    with httpx.Client(base_url=url) as client:
        form = [
            ("config.format", "1"),
            ("config.ks", ks),
            ("service", "uploadtoken"),
            ("action", "upload"),
            ("uploadTokenId", token["id"]),
        ]
        page = post_form(client, "/api_v3/testme/code", form, {"fileData": ("clip one.mp4", b"")})
    uploaded = json.loads(run(sample_of(page.text, "curl"), tmp_path, KALTURA_KS=ks))
    assert uploaded["status"] == 2 and uploaded["uploadedFileSize"] == 700

    listed = answer(
        url,
        [
            ("service", "media"),
            ("action", "list"),
            ("filter:objectType", "KalturaMediaEntryFilter"),
            ("filter:nameLike", "cat's"),
            ("pager:objectType", "KalturaFilterPager"),
            ("pager:pageSize", "5"),
        ],
        tmp_path,
        ks,
    )
    assert [o["id"] for o in listed["objects"]] == [entry["id"]]

    updated = answer(
        url,
        [
            ("service", "media"),
            ("action", "update"),
            ("entryId", entry["id"]),
            ("mediaEntry:objectType", "KalturaMediaEntry"),
            ("mediaEntry:tags__null", "1"),
        ],
        tmp_path,
        ks,
    )
    assert "tags" not in updated or not updated["tags"]

    both = answer(
        url,
        [
            ("service", "multirequest"),
            ("1:service", "media"),
            ("1:action", "list"),
            ("1:filter:objectType", "KalturaMediaEntryFilter"),
            ("1:filter:nameLike", "cat's"),
            ("2:service", "media"),
            ("2:action", "get"),
            ("2:entryId", "{1:result:objects:0:id}"),
        ],
        tmp_path,
        ks,
    )
    assert both[1]["id"] == entry["id"]
