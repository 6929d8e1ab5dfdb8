"""README "Using the sandbox in your application's CI": its blocks, run as written.

The start block (`sh`), the client block (`python`) and the tear-down block (`sh`) are taken
from the README and run in one bash script, on a free port, with the venv's `testme` on the
PATH and this checkout's code first on PYTHONPATH: a real server process, the official Python
client, the upload flow (session.start → media.add → uploadToken.add → upload → addContent →
media.get READY). If the README changes, this runs the new text; it cannot drift.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECTION = "## Using the sandbox in your application's CI"
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def _section(readme: str) -> str:
    start = readme.index(SECTION)
    end = readme.find("\n## ", start + len(SECTION))
    return readme[start : end if end != -1 else len(readme)]


def readme_blocks() -> list[tuple[str, str]]:
    """(language, code) of each fenced block of the section, in order."""
    return BLOCK.findall(_section((ROOT / "README.md").read_text()))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_the_section_has_a_start_a_client_and_a_tear_down_block() -> None:
    languages = [language for language, _ in readme_blocks()]
    assert languages[:3] == ["sh", "python", "sh"]


@pytest.mark.skipif(shutil.which("curl") is None, reason="the start block waits with curl")
def test_the_readme_ci_example_runs_against_a_real_server(tmp_path: Path) -> None:
    (_, start), (_, client), (_, stop) = readme_blocks()[:3]
    script = tmp_path / "ci.sh"
    # The client block as a CI would run it: a file of its own, run by the job's Python.
    (tmp_path / "ci_check.py").write_text(client)
    script.write_text(
        "set -eu\n"
        f"{start}\n"
        'server="$(cat "$TESTME_DATA_DIR/testme.pid")"\n'
        "trap 'kill \"$server\" 2>/dev/null || true' EXIT  # even when the client fails\n"
        'echo "data dir: $TESTME_DATA_DIR" >&2\n'
        f'"{sys.executable}" "{tmp_path / "ci_check.py"}"\n'
        f"{stop}\n"
    )
    env = {
        **os.environ,
        "TESTME_PORT": str(_free_port()),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("TESTME_DATA_DIR", None)
    # A session of its own, so a run that hangs takes its server down with it.
    run = subprocess.Popen(
        ["bash", str(script)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = run.communicate(timeout=120)
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
            run.wait()
    assert run.returncode == 0, out + err
    assert re.fullmatch(r"0_[a-z0-9]{8} is READY\n", out), out
    data_dir = re.search(r"data dir: (\S+)", err)
    assert data_dir and not Path(data_dir.group(1)).exists()  # torn down
