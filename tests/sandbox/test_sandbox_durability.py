"""Durability: the sandbox in its own process on a real SQLite file, killed with SIGKILL in the
middle of a burst of media.add calls and started again: every add it acknowledged is there, and
the database opens cleanly (integrity_check says ok)."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
PARTNER_ID = 4242
SECRET = "d" * 32
WRITERS = 6
ACKNOWLEDGED_BEFORE_KILL = 60
RUNNER = """
import sys
from pathlib import Path
import uvicorn
from app.sandbox import SandboxConfig, create_sandbox_app
config = SandboxConfig(data_dir=Path(sys.argv[1]), partner_id=int(sys.argv[3]),
                       admin_secret=sys.argv[4])
uvicorn.run(create_sandbox_app(config), host="127.0.0.1", port=int(sys.argv[2]),
            log_level="warning", lifespan="off")
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def sandbox_process(data_dir: Path) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """The sandbox alone, served by uvicorn in a child process; yields it once it answers."""
    port = free_port()
    args = [str(data_dir), str(port), str(PARTNER_ID), SECRET]
    process = subprocess.Popen([sys.executable, "-c", RUNNER, *args], cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, "the sandbox process exited at start-up"
            assert time.monotonic() < deadline, "the sandbox process did not answer"
            try:
                httpx.get(f"{url}/api_v3/service/system/action/ping", timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        yield process, url
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)


def call(client: httpx.Client, service: str, action: str, body: dict[str, object]) -> object:
    answer = client.post(f"/api_v3/service/{service}/action/{action}", json={"format": 1, **body})
    return answer.json()


def start_ks(url: str) -> str:
    with httpx.Client(base_url=url, timeout=30) as client:
        ks = call(
            client, "session", "start", {"secret": SECRET, "type": 2, "partnerId": PARTNER_ID}
        )
    assert isinstance(ks, str)
    return ks


def writer(url: str, ks: str, number: int, acknowledged: list[str], cut: list[str]) -> None:
    """Adds entries until the connection breaks; keeps the id of every add answered."""
    with httpx.Client(base_url=url, timeout=30) as client:
        for count in range(100_000):
            entry = {"objectType": "KalturaMediaEntry", "name": f"w{number}-{count}"}
            try:
                added = call(client, "media", "add", {"ks": ks, "entry": {**entry, "mediaType": 1}})
            except httpx.TransportError as exc:
                cut.append(type(exc).__name__)
                return
            assert isinstance(added, dict) and added.get("objectType") == "KalturaMediaEntry"
            acknowledged.append(str(added["id"]))


def stored_ids(url: str, ks: str) -> set[str]:
    ids: set[str] = set()
    with httpx.Client(base_url=url, timeout=60) as client:
        for page in range(1, 1000):
            pager = {"objectType": "KalturaFilterPager", "pageSize": 500, "pageIndex": page}
            listed = call(client, "media", "list", {"ks": ks, "pager": pager})
            assert isinstance(listed, dict), listed
            objects = listed["objects"]
            ids |= {str(entry["id"]) for entry in objects}
            if len(objects) < 500:
                return ids
    raise AssertionError("more pages than expected")


def test_every_acknowledged_add_survives_a_kill_9_in_the_middle_of_a_burst(
    tmp_path: Path,
) -> None:
    acknowledged: list[str] = []
    cut: list[str] = []
    with sandbox_process(tmp_path) as (process, url):
        ks = start_ks(url)
        writers = [
            threading.Thread(target=writer, args=(url, ks, n, acknowledged, cut), daemon=True)
            for n in range(WRITERS)
        ]
        for thread in writers:
            thread.start()
        deadline = time.monotonic() + 120
        while len(acknowledged) < ACKNOWLEDGED_BEFORE_KILL and time.monotonic() < deadline:
            time.sleep(0.01)
        os.kill(process.pid, signal.SIGKILL)
        for thread in writers:
            thread.join(timeout=60)
    assert len(acknowledged) >= ACKNOWLEDGED_BEFORE_KILL
    assert len(cut) == WRITERS  # every writer was still writing when the process died

    with sqlite3.connect(tmp_path / "sandbox.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    with sandbox_process(tmp_path) as (_, url):
        ks = start_ks(url)
        missing = set(acknowledged) - stored_ids(url, ks)
    assert not missing, f"{len(missing)} acknowledged adds lost"
