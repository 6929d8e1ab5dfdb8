"""The client samples as a new user runs them against the embedded sandbox (served with the
console on a real socket): session.start with KALTURA_KS unset — the form still holding a KS
from before — works and prints the KS; the next call prints the answer's ids and names, not an
object's address; and a call that needs a KS says which variable to set when it is unset."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.settings import Settings
from tests.e2e.conftest import serve_console
from tests.e2e.test_javascript_sample_runs import node_modules  # noqa: F401  (the fixture)
from tests.samples.conftest import post_form, sample_of

PARTNER = 4343
ADMIN_SECRET = "b1c2d3e4f5a6b7c8d9e0b1c2d3e4f5a6"
STALE_KS = "djJ8NDM0M3xzdGFsZS1rcw"  # a KS left in the form from an earlier session
ADDRESS = re.compile(r"object at 0x|#<Kaltura")  # an object printed as itself
START = [
    ("service", "session"),
    ("action", "start"),
    ("secret", ADMIN_SECRET),
    ("type", "2"),
    ("partnerId", str(PARTNER)),
]
LIST = [("service", "media"), ("action", "list")]


@pytest.fixture(scope="module")
def sandbox_console(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("sandbox"),
        sandbox_partner_id=PARTNER,
        sandbox_admin_secret=ADMIN_SECRET,
    )
    with serve_console(settings) as url:
        yield url


def sample_for(url: str, language: str, fields: list[tuple[str, str]]) -> str:
    """The sample the Code region shows for `fields`, the form holding a stale KS."""
    form = [("config.partnerId", str(PARTNER)), ("config.ks", STALE_KS)]
    with httpx.Client(base_url=url) as client:
        page = post_form(client, "/api_v3/testme/code", form + fields, {})
    sample = sample_of(page.text, language)
    assert ADMIN_SECRET not in sample and STALE_KS not in sample
    return sample


def run(command: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """The sample run with only `env` set (and PATH): what a person's shell exports."""
    return subprocess.run(
        command,
        cwd=cwd,
        env={"PATH": os.environ.get("PATH", ""), **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def python(sample: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    (cwd / "sample.py").write_text(sample)
    return run([sys.executable, "sample.py"], cwd, **env)


def test_the_python_samples_run_without_a_ks_then_with_it(
    sandbox_console: str, tmp_path: Path
) -> None:
    started = python(
        sample_for(sandbox_console, "python", START), tmp_path, KALTURA_SECRET=ADMIN_SECRET
    )
    assert started.returncode == 0, started.stderr
    ks = started.stdout.strip()
    assert ks.startswith("djJ8") and "\n" not in ks

    listing = sample_for(sandbox_console, "python", LIST)
    listed = python(listing, tmp_path, KALTURA_KS=ks)
    assert listed.returncode == 0, listed.stderr
    assert re.search(r"^\d+ in all$", listed.stdout, re.M), listed.stdout
    assert not ADDRESS.search(listed.stdout)

    unset = python(listing, tmp_path)
    assert unset.returncode == 1
    assert unset.stderr.strip() == (
        "Set KALTURA_KS to a Kaltura session (KS); session.start returns one."
    )


def test_the_python_sample_prints_an_object_by_its_fields(
    sandbox_console: str, tmp_path: Path
) -> None:
    started = python(
        sample_for(sandbox_console, "python", START), tmp_path, KALTURA_SECRET=ADMIN_SECRET
    )
    ks = started.stdout.strip()
    add = [
        ("service", "media"),
        ("action", "add"),
        ("entry:objectType", "KalturaMediaEntry"),
        ("entry:name", "cat's clip"),
        ("entry:mediaType", "1"),
    ]
    added = python(sample_for(sandbox_console, "python", add), tmp_path, KALTURA_KS=ks)
    assert added.returncode == 0, added.stderr
    assert re.fullmatch(r"id: \w+\nname: cat's clip\n", added.stdout), added.stdout


def test_the_node_session_start_sample_runs_without_a_ks(
    sandbox_console: str,
    tmp_path: Path,
    node_modules: Path,  # noqa: F811
) -> None:
    (tmp_path / "sample.js").write_text(sample_for(sandbox_console, "javascript", START))
    done = run(
        ["node", "sample.js"], tmp_path, NODE_PATH=str(node_modules), KALTURA_SECRET=ADMIN_SECRET
    )
    assert done.returncode == 0, done.stderr
    # The client logs each request first; the sample's own line is the last.
    printed = done.stdout.strip().splitlines()[-1]
    assert printed.strip('"').startswith("djJ8"), done.stdout + done.stderr


def test_the_node_sample_that_needs_a_ks_says_which_variable_to_set(
    sandbox_console: str,
    tmp_path: Path,
    node_modules: Path,  # noqa: F811
) -> None:
    (tmp_path / "sample.js").write_text(sample_for(sandbox_console, "javascript", LIST))
    done = run(["node", "sample.js"], tmp_path, NODE_PATH=str(node_modules))
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "Set KALTURA_KS to a Kaltura session (KS); session.start returns one."
    )
