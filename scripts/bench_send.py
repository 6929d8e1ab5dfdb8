"""`make bench`: what a Send costs over calling the Kaltura server directly, against a bare
forwarder's cost.

A fake Kaltura server, the console and a bare FastAPI + httpx forwarder (one route that posts the
form on to the fake and returns its body) each listen on a real socket. Each round times, in turn,
(a) the call made directly to the fake with httpx, (b) a Send of the same call through the
console, (c) the same form through the forwarder; the console's overhead is b - a, the
forwarder's c - a, each the median over the rounds (interleaved, so a busy moment of a shared
machine falls on all three). The ratio of the two is the figure to watch (goal: at most 1.2 times).
Run: `.venv/bin/python scripts/bench_send.py [--repeat N] [--profile FILE]` (scripts/bench.py
calls `rows`).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx
from fastapi import FastAPI, Request, Response
from starlette.types import ASGIApp, Receive, Scope, Send

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.settings import Settings  # noqa: E402
from app.web.app import create_app  # noqa: E402
from tests.e2e.big_answers import media_list_xml  # noqa: E402
from tests.e2e.conftest import running_fake, serve_app, xml_result  # noqa: E402

SCHEMA = Path("/work/shared/kaltura/KalturaClient-22.15.0.xml")
if not SCHEMA.is_file():
    SCHEMA = ROOT.parent / "shared" / "kaltura" / "KalturaClient-22.15.0.xml"
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


def forwarder(upstream: str) -> FastAPI:
    """The baseline: a bare FastAPI + httpx forwarder, one route."""
    app = FastAPI()
    client = httpx.AsyncClient(base_url=upstream)

    @app.post("/forward/{service}/{action}")
    async def forward(request: Request, service: str, action: str) -> Response:
        form = await request.form()
        params = {k: v for k, v in form.multi_items() if isinstance(v, str)}
        answer = await client.post(f"/api_v3/service/{service}/action/{action}", json=params)
        return Response(answer.content, media_type=answer.headers.get("content-type"))

    return app


class Profiled:
    """The console's ASGI app with each request profiled in the server's own thread (cProfile
    sees one thread): the time from the request's arrival to its answer, waiting included."""

    def __init__(self, app: ASGIApp, profiler: cProfile.Profile) -> None:
        self.app, self.profiler = app, profiler

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].endswith("/send"):
            return await self.app(scope, receive, send)
        self.profiler.enable()
        try:
            await self.app(scope, receive, send)
        finally:
            self.profiler.disable()


def _ms(post: httpx.Client, url: str, **kwargs: object) -> float:
    started = time.perf_counter()
    response = post.post(url, **kwargs)  # type: ignore[arg-type]
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise RuntimeError(f"{url}: HTTP {response.status_code} {response.text[:300]}")
    return elapsed


def overheads(
    repeat: int, profile: str = ""
) -> list[tuple[str, list[float], list[float], list[float]]]:
    """For each call: the direct, console and forwarder times of each round, in ms;
    `profile`: the console's Sends profiled into `profile.SERVICE.ACTION` (pstats)."""
    out = []
    profiler = cProfile.Profile()
    with running_fake() as fake, tempfile.TemporaryDirectory() as data:
        settings = Settings(service_url=fake.url, schema_path=SCHEMA, data_dir=Path(data))
        console_app: ASGIApp = create_app(settings)
        if profile:
            console_app = Profiled(console_app, profiler)
        with (
            serve_app(console_app, lifespan="on") as (console, _),
            serve_app(forwarder(fake.url)) as (bare, _),
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
                    a = _ms(direct_client, direct_url, content=direct_body)
                    b = _ms(console_client, f"{console}/api_v3/testme/send", **posted)
                    c = _ms(bare_client, f"{bare}/forward/{service}/{action}", **posted)
                    if round_ == WARM_UP - 1:
                        profiler = cProfile.Profile()
                        if isinstance(console_app, Profiled):
                            console_app.profiler = profiler
                    if round_ >= WARM_UP:
                        direct.append(a)
                        ours.append(b)
                        base.append(c)
                if profile:
                    profiler.dump_stats(f"{profile}.{service}.{action}")
                out.append((what, direct, ours, base))
    return out


def rows(repeat: int) -> list[tuple[str, float, str, float]]:
    """(what, ms, baseline, ms): the console's p50 overhead and the bare forwarder's."""
    found = []
    for what, direct, ours, base in overheads(repeat):
        found.append(
            (
                what,
                statistics.median(o - d for o, d in zip(ours, direct, strict=True)),
                "bare FastAPI+httpx forwarder",
                statistics.median(b - d for b, d in zip(base, direct, strict=True)),
            )
        )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--profile", default="", help="cProfile the console's rounds into FILE.*")
    args = parser.parse_args()
    for what, direct, ours, base in overheads(args.repeat, args.profile):
        d, o, b = (statistics.median(x) for x in (direct, ours, base))
        over = statistics.median(x - y for x, y in zip(ours, direct, strict=True))
        bare = statistics.median(x - y for x, y in zip(base, direct, strict=True))
        print(
            f"{what}: direct {d:.2f} ms, console {o:.2f} ms, forwarder {b:.2f} ms; "
            f"overhead {over:.2f} vs {bare:.2f} ms: {over / bare:.2f}x"
        )


if __name__ == "__main__":
    main()
