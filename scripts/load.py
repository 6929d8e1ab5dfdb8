"""`make load`: the console under load, as a browser's Send reaches it, against its sandbox.

Starts the console with its embedded sandbox in a real uvicorn process on loopback (a fresh data
dir), starts a KS with session.start through the console's Send, then sends `--sends` media.add
Sends through the console's Send route from `--concurrency` simulated browsers (a client and a
connection each), twice in the same process. Prints throughput, p50/p99 latency and the console
process's resident memory (peak, and after each run's Sends).

Exits non-zero when a promise fails: an error; media.count not grown by exactly the number of
acknowledged adds; p99 above 4x p50; memory grown by 5 MB or more between the two runs.
Run: `.venv/bin/python scripts/load.py [--sends 2000] [--concurrency 50]`.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
SEND = "/api_v3/testme/send"
SECRET = "load-admin-secret"  # a throwaway sandbox in a temporary data dir
PARTNER_ID = "7001"
MAX_P99_OVER_P50 = 4.0
MAX_GROWTH_MB = 5.0
KS_FIELD = re.compile(r'id="ks-field"[^>]*>.*?value="([^"]+)"', re.S)


@dataclass(frozen=True)
class Run:
    sends: int
    seconds: float
    latencies_ms: list[float]
    acknowledged: int
    errors: list[str]

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def memory_mb(pid: int, field: str) -> float:
    """VmRSS (resident now) or VmHWM (peak resident) of a process, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"{field} not in /proc/{pid}/status")


@contextmanager
def console(port: int, data_dir: Path, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    env = {
        **os.environ,
        "TESTME_SANDBOX_ADMIN_SECRET": SECRET,
        "TESTME_SANDBOX_PARTNER_ID": PARTNER_ID,
    }
    command = [sys.executable, "-m", "app", "--port", str(port), "--data-dir", str(data_dir)]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out)
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


async def wait_ready(client: httpx.AsyncClient, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the console exited with {process.returncode}")
        try:
            if (await client.get("/healthz")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.2)
    raise RuntimeError("the console did not become ready in 120 s")


async def send(client: httpx.AsyncClient, fields: dict[str, str]) -> httpx.Response:
    # The page's Send: a multipart form POST from the page itself (htmx, same origin).
    return await client.post(SEND, data=fields, files={"_": ("", b"")})


async def start_ks(client: httpx.AsyncClient) -> str:
    fields = {"service": "session", "action": "start", "secret": SECRET, "type": "2"}
    answer = await send(client, {**fields, "partnerId": PARTNER_ID, "userId": "load"})
    found = KS_FIELD.search(answer.text)
    if answer.status_code != 200 or not found:
        raise RuntimeError(f"session.start through the console failed: HTTP {answer.status_code}")
    return html.unescape(found.group(1))


async def media_count(client: httpx.AsyncClient, ks: str) -> int:
    """Asked of the sandbox itself (mounted under /api_v3/service/), not through the console."""
    answer = await client.post("/api_v3/service/media/action/count", json={"ks": ks, "format": 1})
    return int(json.loads(answer.text))


async def add_entry(client: httpx.AsyncClient, ks: str, number: int) -> tuple[float, str]:
    """One media.add Send; its latency and "" when acknowledged, or what went wrong."""
    fields = {
        "service": "media",
        "action": "add",
        "config.ks": ks,
        "entry:objectType": "KalturaMediaEntry",
        "entry:name": f"load {number}",
        "entry:mediaType": "1",
    }
    started = time.perf_counter()
    try:
        answer = await send(client, fields)
    except httpx.HTTPError as exc:
        return (time.perf_counter() - started) * 1000, f"{type(exc).__name__}: {exc}"
    elapsed = (time.perf_counter() - started) * 1000
    if answer.status_code != 200:
        return elapsed, f"HTTP {answer.status_code}"
    if "error-box" in answer.text or 'data-history-status="200"' not in answer.text:
        return elapsed, "the Result shows an error"
    return elapsed, ""


def browser(base: str, connections: int = 1) -> httpx.AsyncClient:
    """A client making the page's requests: same origin, htmx. Idle connections are dropped
    well before uvicorn's 5 s keep-alive timeout, so it never sends on one the console is
    closing (a browser retries those; httpx does not)."""
    headers = {"Origin": base, "Sec-Fetch-Site": "same-origin", "HX-Request": "true"}
    limits = httpx.Limits(max_connections=connections, keepalive_expiry=1.0)
    return httpx.AsyncClient(base_url=base, headers=headers, limits=limits, timeout=120)


async def load_run(base: str, ks: str, sends: int, concurrency: int, shared: bool) -> Run:
    """`concurrency` browsers, each with its own connection, sending one Send after another.
    `shared`: one httpx client and its pool for all (its queue adds seconds to a few Sends)."""
    numbers = iter(range(sends))
    latencies: list[float] = []
    errors: list[str] = []

    async def worker(client: httpx.AsyncClient) -> None:
        for number in numbers:  # one shared iterator: each number is taken once
            elapsed, error = await add_entry(client, ks, number)
            latencies.append(elapsed)
            if error:
                errors.append(error)

    clients = (
        [browser(base, concurrency)] if shared else [browser(base) for _ in range(concurrency)]
    )
    started = time.perf_counter()
    await asyncio.gather(*(worker(clients[n % len(clients)]) for n in range(concurrency)))
    seconds = time.perf_counter() - started
    for client in clients:
        await client.aclose()
    return Run(sends, seconds, latencies, sends - len(errors), errors)


def report(name: str, run: Run, grown: int, rss: float, peak: float) -> list[str]:
    p50, p99 = run.percentile(0.50), run.percentile(0.99)
    print(
        f"{name}: {run.sends} Sends in {run.seconds:.1f} s = {run.sends / run.seconds:.0f}/s; "
        f"p50 {p50:.0f} ms, p99 {p99:.0f} ms (p99/p50 {p99 / p50:.1f}), "
        f"max {max(run.latencies_ms):.0f} ms; {len(run.errors)} errors; "
        f"media.count +{grown} for {run.acknowledged} acknowledged; "
        f"console RSS {rss:.1f} MB, peak {peak:.1f} MB"
    )
    failed = [f"{name}: {e}" for e in sorted(set(run.errors))]
    if grown != run.acknowledged:
        failed.append(f"{name}: media.count grew by {grown}, {run.acknowledged} acknowledged")
    if p99 > MAX_P99_OVER_P50 * p50:
        failed.append(f"{name}: p99 {p99:.0f} ms is over {MAX_P99_OVER_P50:g}x p50 {p50:.0f} ms")
    return failed


async def main_async(args: argparse.Namespace, data_dir: Path) -> int:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with console(port, data_dir, data_dir / "console.log") as process:
        async with browser(base) as client:
            await wait_ready(client, process)
            ks = await start_ks(client)
            await load_run(base, ks, args.concurrency, args.concurrency, args.shared)  # warm-up
            print(
                f"console pid {process.pid} on {base}, {os.cpu_count()} CPUs, load average "
                f"{os.getloadavg()[0]:.1f}; {args.sends} media.add Sends at {args.concurrency} "
                f"concurrency ({'one shared client' if args.shared else 'a client each'}), twice"
            )
            failed: list[str] = []
            rss: list[float] = []
            count = await media_count(client, ks)
            for name in ("run 1", "run 2"):
                run = await load_run(base, ks, args.sends, args.concurrency, args.shared)
                # Read before counting: media.count holds every entry at once for a moment.
                rss.append(memory_mb(process.pid, "VmRSS"))
                peak = memory_mb(process.pid, "VmHWM")
                count, before = await media_count(client, ks), count
                failed += report(name, run, count - before, rss[-1], peak)
    growth = rss[1] - rss[0]
    print(f"memory: {growth:+.1f} MB from run 1 to run 2 (promise: < {MAX_GROWTH_MB:g} MB)")
    if growth >= MAX_GROWTH_MB:
        failed.append(f"memory grew by {growth:.1f} MB between the runs")
    for line in failed:
        print(f"FAILED {line}", file=sys.stderr)
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sends", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument(
        "--shared",
        action="store_true",
        help="send through one httpx client (one pool) instead of one client per browser",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="testme-load-") as data_dir:
        try:
            return asyncio.run(main_async(args, Path(data_dir)))
        except RuntimeError as exc:
            print(f"FAILED {exc}", file=sys.stderr)
            log = Path(data_dir) / "console.log"
            print(log.read_text(errors="replace")[-2000:] if log.exists() else "", file=sys.stderr)
            return 1


if __name__ == "__main__":
    sys.exit(main())
