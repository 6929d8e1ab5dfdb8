"""`make bench`: what a Send costs over calling the Kaltura server directly, against a bare
forwarder's cost.

A fake Kaltura server, the console and a bare FastAPI + httpx forwarder (one route that posts the
form on to the fake and returns its body) each listen on a real socket. Each round times, in turn,
(a) the call made directly to the fake with httpx, (b) a Send of the same call through the
console, (c) the same form through the forwarder; the console's overhead is b - a, the
forwarder's c - a, each the median over the rounds (interleaved, so a busy moment of a shared
machine falls on all three). The ratio of the two is the figure to watch (goal: at most 1.2 times).
With `--stages`, where a Send's time goes instead: the console and the forwarder each called in
this process (httpx's ASGI transport, the upstream a mock), and the console's steps timed one by
one (reading the form, encoding, the upstream call, reading the answer, highlighting, marking
ids, writing the Result), so what the console does beyond forwarding has a figure of its own.
Run: `.venv/bin/python scripts/bench_send.py [--repeat N] [--profile FILE | --stages]`
(scripts/bench.py calls `rows`).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI, Request, Response
from starlette.types import ASGIApp, Receive, Scope, Send

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.settings import Settings  # noqa: E402
from app.web.app import create_app  # noqa: E402
from tests.conftest import SHARED_SCHEMA  # noqa: E402
from tests.e2e.big_answers import media_list_xml  # noqa: E402
from tests.e2e.conftest import running_fake, serve_app, xml_result  # noqa: E402

WARM_UP = 10  # rounds run before the clock counts (connections opened, caches filled)
KS = "djJ8MTIzNDV8" + "A" * 140 + "=="

# (row, service, action, the console's form, the fake's answer)
CALLS: tuple[tuple[str, str, str, dict[str, str], bytes], ...] = (
    (
        "Send overhead over calling the server directly, small answer (p50)",
        "media",
        "list",
        {
            "filter:objectType": "KalturaMediaEntryFilter",
            "filter:nameLike": "x",
            "pager:objectType": "KalturaFilterPager",
            "pager:pageSize": "2",
            "config.ks": KS,
        },
        media_list_xml(2),
    ),
    (
        "Send overhead over calling the server directly, session.start (p50)",
        "session",
        "start",
        {"secret": "0123456789abcdef0123456789abcdef", "partnerId": "12345", "type": "2"},
        xml_result(KS).encode(),
    ),
)


def forwarder(upstream: str, transport: httpx.AsyncBaseTransport | None = None) -> FastAPI:
    """The baseline: a bare FastAPI + httpx forwarder, one route (`transport`: for an
    in-process upstream)."""
    app = FastAPI()
    client = httpx.AsyncClient(base_url=upstream, transport=transport)

    @app.post("/forward/{service}/{action}")
    async def forward(request: Request, service: str, action: str) -> Response:
        form = await request.form()
        params = {k: v for k, v in form.multi_items() if isinstance(v, str)}
        answer = await client.post(f"/api_v3/service/{service}/action/{action}", json=params)
        return Response(answer.content, media_type=answer.headers.get("content-type"))

    return app


class Measured:
    """An app whose requests' CPU time in the server's own thread is kept (`cpu`, ms), and
    optionally profiled (cProfile sees one thread). While a request waits for the fake, the
    thread sleeps in its event loop: what is counted is the server's own work for it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.cpu: list[float] = []
        self.profiler: cProfile.Profile | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            return await self.app(scope, receive, send)
        started = time.thread_time()
        if self.profiler:
            self.profiler.enable()
        try:
            await self.app(scope, receive, send)
        finally:
            if self.profiler:
                self.profiler.disable()
            self.cpu.append((time.thread_time() - started) * 1000)


def _ms(post: httpx.Client, url: str, **kwargs: object) -> float:
    started = time.perf_counter()
    response = post.post(url, **kwargs)  # type: ignore[arg-type]
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{url}: HTTP {response.status_code} {response.text[:300]}")
    return elapsed


@dataclass(frozen=True)
class Rounds:
    """One call's rounds, in ms: wall times (direct, through the console, through the
    forwarder) and each server's CPU for its request."""

    what: str
    direct: list[float]
    ours: list[float]
    base: list[float]
    ours_cpu: list[float]
    base_cpu: list[float]

    def overhead(self) -> tuple[float, float]:
        """The p50 of (console - direct) and of (forwarder - direct), round by round."""
        pairs = zip(self.direct, self.ours, self.base, strict=True)
        over = [(o - d, b - d) for d, o, b in pairs]
        return statistics.median(o for o, _ in over), statistics.median(b for _, b in over)


def overheads(repeat: int, profile: str = "") -> list[Rounds]:
    """Each call's rounds; `profile`: the console's Sends profiled into
    `profile.SERVICE.ACTION` (pstats)."""
    out = []
    with running_fake() as fake, tempfile.TemporaryDirectory() as data:
        settings = Settings(service_url=fake.url, schema_path=SHARED_SCHEMA, data_dir=Path(data))
        console_app = Measured(create_app(settings))
        bare_app = Measured(forwarder(fake.url))
        with (
            serve_app(console_app, lifespan="on") as (console, _),
            serve_app(bare_app) as (bare, _),
            httpx.Client() as direct_client,
            httpx.Client(headers={"Sec-Fetch-Site": "same-origin"}) as console_client,
            httpx.Client() as bare_client,
        ):
            for what, service, action, form, body in CALLS:
                fake.answer(service, action, body)
                direct_url = f"{fake.url}/api_v3/service/{service}/action/{action}"
                direct_body = json.dumps({**form, "format": 2}).encode()
                send_form = {"service": service, "action": action, **form}
                posted = {"data": send_form, "files": {"_": ("", b"")}}  # multipart, as htmx
                direct, ours, base = [], [], []
                for round_ in range(WARM_UP + repeat):
                    if round_ == WARM_UP:
                        console_app.cpu.clear()
                        bare_app.cpu.clear()
                        if profile:
                            console_app.profiler = cProfile.Profile()
                    a = _ms(direct_client, direct_url, content=direct_body)
                    b = _ms(console_client, f"{console}/api_v3/testme/send", **posted)
                    c = _ms(bare_client, f"{bare}/forward/{service}/{action}", **posted)
                    if round_ >= WARM_UP:
                        direct.append(a)
                        ours.append(b)
                        base.append(c)
                if console_app.profiler:
                    console_app.profiler.dump_stats(f"{profile}.{service}.{action}")
                    console_app.profiler = None
                cpu = (list(console_app.cpu), list(bare_app.cpu))
                out.append(Rounds(what, direct, ours, base, *cpu))
    return out


def rows(repeat: int) -> list[tuple[str, float, str, float]]:
    """(what, ms, baseline, ms): the console's p50 overhead over calling the server directly
    and the bare forwarder's; then each one's own CPU per request (p50), which a busy shared
    machine disturbs far less than wall time."""
    measured = overheads(repeat)
    found = []
    for rounds in measured:
        ours, base = rounds.overhead()
        found.append((rounds.what, ours, "bare FastAPI+httpx forwarder", base))
    for rounds, (_, service, action, _, _) in zip(measured, CALLS, strict=True):
        found.append(
            (
                f"Send's own CPU in the console, {service}.{action} (p50)",
                statistics.median(rounds.ours_cpu),
                "forwarder's own CPU",
                statistics.median(rounds.base_cpu),
            )
        )
    return found


# The steps of a Send timed by `--stages`: (module, class or "", name, is a coroutine function),
# each where the Send's code looks it up.
STAGES = (
    ("app.web.views.console", "", "read_submission", True),
    ("app.web.sending", "", "encode_form", False),
    ("app.web.sending", "", "describe_sent", False),
    ("app.web.upstream", "Upstream", "send", True),
    ("app.web.sending", "", "read_result", False),
    ("app.web.sending", "", "highlight", False),
    ("app.web.sending", "", "mark_ids", False),
    ("app.web.views.console", "", "after_send", False),
    ("app.web.views.console", "", "fragment", False),
)


def _timed(spent: dict[str, float], where: object, name: str, coroutine: bool) -> None:
    """Wraps `where.name` so that its time adds up in `spent[name]` (seconds)."""
    original = getattr(where, name)

    if coroutine:

        async def run_async(*args: object, **kwargs: object) -> object:
            started = time.perf_counter()
            try:
                return await original(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - started

        setattr(where, name, run_async)
    else:

        def run(*args: object, **kwargs: object) -> object:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - started

        setattr(where, name, run)


async def _per_send(client: httpx.AsyncClient, url: str, posted: dict[str, Any], n: int) -> float:
    """ms per POST of `posted` to `url`, over `n` of them."""
    started = time.perf_counter()
    for _ in range(n):
        (await client.post(url, **posted)).raise_for_status()
    return (time.perf_counter() - started) * 1000 / n


def stages(repeat: int) -> None:
    """Prints, per call of CALLS, ms per Send in this process for the console and the
    forwarder, and the console's steps (STAGES) in ms per Send."""
    import asyncio
    import importlib

    spent: dict[str, float] = dict.fromkeys((name for _, _, name, _ in STAGES), 0.0)
    for module, owner, name, coroutine in STAGES:
        where = importlib.import_module(module)
        _timed(spent, getattr(where, owner) if owner else where, name, coroutine)

    async def run() -> None:
        for _, service, action, form, body in CALLS:
            answer = httpx.Response(200, content=body, headers={"content-type": "text/xml"})
            upstream = httpx.MockTransport(lambda _request: answer)  # noqa: B023
            posted = {
                "data": {"service": service, "action": action, **form},
                "files": {"_": ("", b"")},
            }
            with tempfile.TemporaryDirectory() as data:
                settings = Settings(
                    service_url="http://kaltura.test",
                    schema_path=SHARED_SCHEMA,
                    data_dir=Path(data),
                )
                console_app = create_app(settings, transport=upstream)
                async with console_app.router.lifespan_context(console_app):
                    transport = httpx.ASGITransport(app=console_app)
                    headers = {"Sec-Fetch-Site": "same-origin"}
                    async with httpx.AsyncClient(
                        transport=transport, base_url="http://localhost", headers=headers
                    ) as client:
                        await _per_send(client, "/api_v3/testme/send", posted, WARM_UP)
                        for name in spent:
                            spent[name] = 0.0
                        ours = await _per_send(client, "/api_v3/testme/send", posted, repeat)
            bare_app = forwarder("http://kaltura.test", transport=upstream)
            async with httpx.AsyncClient(
                transport=httpx.ASGITransport(app=bare_app), base_url="http://localhost"
            ) as client:
                await _per_send(client, f"/forward/{service}/{action}", posted, WARM_UP)
                base = await _per_send(client, f"/forward/{service}/{action}", posted, repeat)
            print(f"{service}.{action}: console {ours:.2f} ms per Send, forwarder {base:.2f} ms")
            for name, seconds in spent.items():
                print(f"  {name:16} {seconds * 1000 / repeat:.3f} ms")

    asyncio.run(run())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--profile", default="", help="cProfile the console's rounds into FILE.*")
    parser.add_argument("--stages", action="store_true", help="time each step of a Send")
    args = parser.parse_args()
    if args.stages:
        stages(args.repeat)
        return
    for rounds in overheads(args.repeat, args.profile):
        d, o, b = (statistics.median(x) for x in (rounds.direct, rounds.ours, rounds.base))
        over, bare = rounds.overhead()
        cpu, bare_cpu = statistics.median(rounds.ours_cpu), statistics.median(rounds.base_cpu)
        print(
            f"{rounds.what}: direct {d:.2f} ms, console {o:.2f} ms, forwarder {b:.2f} ms; "
            f"overhead {over:.2f} vs {bare:.2f} ms: {over / bare:.2f}x; "
            f"own CPU {cpu:.2f} vs {bare_cpu:.2f} ms: {cpu / bare_cpu:.2f}x"
        )


if __name__ == "__main__":
    main()
