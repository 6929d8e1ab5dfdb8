"""`pip install .` gives a working `testme`: templates, static files and the default schema
travel inside the wheel, and the installed package serves the console from anywhere."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SMOKE = """
import re
import sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
import app, app.resources
assert Path(app.__file__).is_relative_to(sys.argv[1]), app.__file__
from fastapi.testclient import TestClient
from app.settings import Settings
from app.web.app import create_app
with TestClient(create_app(Settings(data_dir=Path(sys.argv[2]), allowed_hosts=("testserver",)))) as client:
    page = client.get("/api_v3/testme/")
    assert page.status_code == 200 and "Select service" in page.text, page.status_code
    htmx = re.search(r'src="([^"]*/htmx[.]min[.]js)"', page.text)
    assert htmx and client.get(htmx.group(1)).status_code == 200, page.text
    ping = client.post("/api_v3/service/system/action/ping")
    assert "<result>1</result>" in ping.text, ping.text
print("ok", app.resources.resource_path("templates"))
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    return next(out.glob("testme-*.whl"))


def test_wheel_carries_templates_static_schema_and_the_command(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {
        "app/templates/console.html",
        "app/static/htmx.min.js",
        "app/schema/testme.xml",
    } <= names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "testme = app.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_installed_package_serves_the_console_outside_the_checkout(
    wheel: Path, tmp_path: Path
) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    done = subprocess.run(
        [sys.executable, "-c", SMOKE, str(target), str(tmp_path / "var")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"ok {target}/app/templates" in done.stdout
