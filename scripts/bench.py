"""`make bench`: the console's hot paths, as ratios to baselines timed in the same run.

Each row times one of our operations and a plain baseline doing comparable work on the same
input on the same machine at the same moment, so the ratio means something across machines
(absolute milliseconds do not). Run: `.venv/bin/python scripts/bench.py [--schema PATH]`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
import xml.dom.minidom
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import httpx

# The same warning the test suite filters (pyproject): starlette's TestClient wants httpx2.
warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient` is deprecated")
from fastapi.testclient import TestClient  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_browser import chromium  # noqa: E402
from bench_browser import rows as browser_rows  # noqa: E402
from bench_form import rows as form_rows  # noqa: E402
from bench_send import rows as send_rows  # noqa: E402
from bench_units import unit_of  # noqa: E402
from bench_wire import rows as wire_rows  # noqa: E402

from app.protocol.highlight import highlight  # noqa: E402
from app.protocol.results import read_result  # noqa: E402
from app.protocol.schema_loader import parse_schema, read_schema  # noqa: E402
from app.reference.finder import FinderIndex  # noqa: E402
from app.sandbox.engine import build_engine  # noqa: E402
from app.sandbox.engine.coverage import coverage  # noqa: E402
from app.settings import Settings  # noqa: E402
from app.web.app import create_app  # noqa: E402

FINDER_QUERIES = ("e", "medlist", "searchEntry", "KMEF")
"""One character (the most names to rank) and the issue's examples."""


def best_ms(fn: Callable[[], object], repeat: int) -> float:
    """The median of `repeat` runs, in milliseconds (after one warm-up run)."""
    fn()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def finder_row(
    index: FinderIndex, names: list[str], query: str, repeat: int
) -> tuple[str, float, str, float]:
    """One keystroke of the finder against the plainest scan of the same names."""
    lowered = query.lower()
    return (
        f"finder keystroke {query!r} ({len(names)} names)",
        best_ms(lambda: index.find(query), repeat),
        "substring scan, all names",
        best_ms(lambda: [n for n in names if lowered in n], repeat),
    )


def big_answer(entries: int) -> bytes:
    items = "".join(
        f"<item><objectType>KalturaMediaEntry</objectType><id>0_{i:08d}</id><name>entry {i}</name>"
        f"<tags>a,b,c</tags><createdAt>1700000000</createdAt><status>2</status></item>"
        for i in range(entries)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><xml><result><objectType>KalturaMediaListResponse'
        f"</objectType><objects>{items}</objects><totalCount>{entries}</totalCount></result>"
        "<executionTime>0.1</executionTime></xml>"
    ).encode()


def shown(figure: float) -> str:
    """A figure and its unit (milliseconds unless it says otherwise: bench_units.py)."""
    return f"{figure:8.2f} {unit_of(figure):<3}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    default = ROOT.parent / "shared" / "kaltura" / "KalturaClient-22.15.0.xml"
    parser.add_argument("--schema", type=Path, default=default if default.exists() else None)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument(
        "--browser-repeat", type=int, default=5, help="runs of each browser row (0: none)"
    )
    parser.add_argument("--send-repeat", type=int, default=200, help="rounds of each Send row")
    args = parser.parse_args()
    schema_path = args.schema or (ROOT / "schema" / "testme.xml")
    data = schema_path.read_bytes()
    answer = big_answer(5000)

    rows: list[tuple[str, float, str, float]] = []
    rows.append(
        (
            f"load schema ({len(data) // 1024} KB)",
            best_ms(lambda: read_schema(data, "bench"), args.repeat),
            "ElementTree.fromstring",
            best_ms(lambda: ET.fromstring(data), args.repeat),
        )
    )

    def sandbox_start() -> None:  # what the sandbox does before it has answered every action
        loaded = read_schema(data, "bench")
        coverage(loaded, build_engine(loaded))  # decides each action once, as calls would

    rows.append(
        (
            "sandbox start-up, every action decided",
            best_ms(sandbox_start, max(3, args.repeat // 3)),
            "load schema alone",
            best_ms(lambda: read_schema(data, "bench"), max(3, args.repeat // 3)),
        )
    )

    schema = parse_schema(data, "bench")
    index = FinderIndex.of(schema)
    names = [e.hit.label.lower() for e in index.entries]
    for query in FINDER_QUERIES:
        rows.append(finder_row(index, names, query, args.repeat))
    rows.append(
        (
            "finder index (once per schema)",
            best_ms(lambda: FinderIndex.of(schema), args.repeat),
            "lowercase all names",
            best_ms(lambda: [n.lower() for n in names], args.repeat),
        )
    )

    def ours_result() -> None:
        view = read_result(answer, "text/xml", "2", "media", "list")
        highlight(view.pretty, view.kind)

    rows.append(
        (
            f"read + highlight answer ({len(answer) // 1024} KB)",
            best_ms(ours_result, args.repeat),
            "minidom pretty-print",
            best_ms(lambda: xml.dom.minidom.parseString(answer).toprettyxml(), args.repeat),
        )
    )

    fake = httpx.MockTransport(
        lambda r: httpx.Response(200, content=answer[:2000] + b"</objects></result></xml>")
    )
    settings = Settings(
        service_url="http://kaltura.bench",
        schema_path=schema_path,
        data_dir=ROOT / "var" / "bench",
        allowed_hosts=("testserver",),  # TestClient's Host
    )
    with TestClient(create_app(settings, transport=fake)) as client:
        baseline = best_ms(lambda: client.get("/healthz"), args.repeat * 4)
        opened = {
            "service": "media",
            "action": "list",
            "filter:objectType": "KalturaMediaEntryFilter",
        }
        rows.append(
            (
                "console page",
                best_ms(lambda: client.get("/api_v3/testme/"), args.repeat),
                "GET /healthz",
                baseline,
            )
        )
        rows.append(
            (
                "media.list form, filter opened",
                best_ms(lambda: client.get("/api_v3/testme/params", params=opened), args.repeat),
                "GET /healthz",
                baseline,
            )
        )
        rows.append(
            (
                "finder answer GET /find?q=medlist",
                best_ms(
                    lambda: client.get("/api_v3/testme/find", params={"q": "medlist"}), args.repeat
                ),
                "GET /healthz",
                baseline,
            )
        )
        for label, path, query in (
            ("docs index", "/api_v3/testmeDoc/", {}),
            ("docs service page (media)", "/api_v3/testmeDoc/", {"service": "media"}),
            (
                "docs class page (KalturaMediaEntry)",
                "/api_v3/testmeDoc/",
                {"object": "KalturaMediaEntry"},
            ),
            ("docs error list", "/api_v3/testmeDoc/errors", {}),
        ):
            rows.append(
                (
                    label,
                    best_ms(lambda: client.get(path, params=query), args.repeat),  # noqa: B023
                    "GET /healthz",
                    baseline,
                )
            )
        form = {
            **opened,
            "filter:nameLike": "x",
            "pager:objectType": "KalturaFilterPager",
            "pager:pageSize": "5",
        }
        rows.append(
            (
                "Send media.list (fake upstream)",
                best_ms(
                    lambda: client.post("/api_v3/testme/send", data=form, files={"_": ("", b"")}),
                    args.repeat,
                ),
                "GET /healthz",
                baseline,
            )
        )

    rows.extend(send_rows(args.send_repeat))
    if args.browser_repeat and chromium():
        rows.extend(browser_rows(args.browser_repeat))
        rows.extend(wire_rows(args.browser_repeat))
        rows.extend(form_rows(args.browser_repeat, floor=True))
    elif args.browser_repeat:
        print("no Chromium (TESTME_CHROMIUM or chromium on PATH): browser rows left out")

    width = max(len(r[0]) for r in rows)
    print(f"{'operation':<{width}}  {'ours':>12}  {'baseline':<24} {'':>12}  ratio")
    for name, ours, base_name, base in rows:
        ratio = f"{ours / base:5.1f}x" if base else "    -"
        print(f"{name:<{width}}  {shown(ours)}  {base_name:<24} {shown(base)}  {ratio}")


if __name__ == "__main__":
    main()
