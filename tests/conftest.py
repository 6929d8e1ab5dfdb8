"""Fixtures shared by every test: where the real schema lives, and how Chromium is launched.

Browser tests (marker `browser`) use pytest-playwright with Debian's Chromium: `make test` finds
or installs one and passes its path in TESTME_CHROMIUM (see scripts/find-chromium).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[1]
SHARED_SCHEMA = ROOT.parent / "shared" / "kaltura" / "KalturaClient-22.15.0.xml"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# `make test` runs three test processes on two cores beside three Chromiums: a swap that settles
# in 100 ms alone may take seconds there. Expectations wait up to 10 s (Playwright's default is
# 5 s); one that holds returns at once, so only a failing one takes longer to say so.
expect.set_options(timeout=10_000)


def chromium_path() -> str | None:
    found = os.environ.get("TESTME_CHROMIUM") or shutil.which("chromium")
    return found if found and Path(found).exists() else None


@pytest.fixture(scope="session")
def real_schema_path() -> Path:
    if not SHARED_SCHEMA.is_file():
        pytest.fail(f"the real Kaltura schema is expected at {SHARED_SCHEMA}")
    return SHARED_SCHEMA


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    path = chromium_path()
    args = {**browser_type_launch_args, "args": CHROMIUM_ARGS}
    if path:
        args["executable_path"] = path
    return args
