"""The sandbox under concurrent calls (the cause of the load run's long tail, README "Load"):
calls run one at a time on one thread in the order they came, on one kept SQLite connection.
A pool of threads each opening its own connection made them race for SQLite's write lock, whose
busy handler sleeps and retries, so some calls waited seconds while others went first."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.sandbox import SandboxConfig, create_sandbox_app, sandbox_credentials
from app.sandbox.dispatch import Dispatcher
from app.sandbox.render import Outcome
from app.sandbox.store import Store

CALLS = 12


def test_concurrent_calls_run_one_at_a_time_in_arrival_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_sandbox_app(SandboxConfig(data_dir=tmp_path))
    credentials = sandbox_credentials(app)
    started: list[str] = []
    threads: set[int] = set()
    running = [0, 0]  # now, most at once
    lock = threading.Lock()
    real_call = Dispatcher.call

    def watched(self: Dispatcher, service: str, action: str, raw: Any, origin: str = "") -> Outcome:
        with lock:
            started.append(str(raw.get("clientTag")))
            threads.add(threading.get_ident())
            running[0] += 1
            running[1] = max(running)
        time.sleep(0.01)  # long enough for a second thread to start meanwhile, if any could
        with lock:
            running[0] -= 1
        return real_call(self, service, action, raw, origin)

    monkeypatch.setattr(Dispatcher, "call", watched)

    async def burst() -> None:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://sandbox") as client:
            url = "/api_v3/service/session/action/start"
            secret = credentials.admin_secret
            calls = [
                client.post(url, json={"secret": secret, "type": 2, "clientTag": str(n)})
                for n in range(CALLS)
            ]
            await asyncio.gather(*calls)

    # On a thread of its own: another module's browser may hold this thread's event loop.
    with ThreadPoolExecutor(max_workers=1) as own_loop:
        own_loop.submit(lambda: asyncio.run(burst())).result()
    assert running[1] == 1
    assert len(threads) == 1
    assert started == [str(n) for n in range(CALLS)]


def test_transactions_share_one_kept_connection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Closing a WAL database's last connection checkpoints it with an fsync: a connection
    per call paid that on every call (~17 ms, measured)."""
    store = Store(tmp_path / "db.sqlite3")
    opened: list[str] = []
    real_connect = sqlite3.connect

    def counting(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        opened.append(str(args[0]))
        return real_connect(*args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", counting)
    for number in range(20):
        with store.transaction() as db:
            db.put("entry", f"0_{number}", 1, {"id": number})
    assert len(opened) <= 1
    with store.transaction() as db:
        assert len(db.all("entry", 1)) == 20
    store.close()
