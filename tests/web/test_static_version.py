"""Static files are served under a path that carries their version (app/web/static_files.py):
the modules import each other by relative URLs, so a changed module gets a new URL, and so do
all its importers; a browser's cache cannot pair an old module with a new one."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin

import pytest
from fastapi.testclient import TestClient

from app import resources
from app.web import static_files
from tests.web.conftest import FakeKaltura

MAIN = re.compile(r'<script type="module" src="([^"]+/main\.js)">')


@pytest.fixture
def static_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of static/ that the apps made in this test serve."""
    copy = tmp_path / "static"
    shutil.copytree(resources.resource_path("static"), copy)
    real = resources.resource_path
    monkeypatch.setattr(
        "app.web.app.resource_path", lambda name: copy if name == "static" else real(name)
    )
    return copy


def main_url(client: TestClient) -> str:
    found = MAIN.search(client.get("/api_v3/testme/").text)
    assert found, "the page loads no main.js module"
    return found.group(1)


def test_every_import_resolves_under_the_page_s_own_version(client: TestClient) -> None:
    main = main_url(client)
    assert re.fullmatch(r"/api_v3/testme/static/[0-9a-f]{16}/main\.js", main)
    modules = re.findall(r'"(\./[\w.-]+\.js)"', client.get(main).text)
    # main imports the concerns, and loads some when first needed (import("./follow.js"))
    assert "./history.js" in modules and "./follow.js" in modules
    for module in modules:
        got = client.get(urljoin(main, module))
        assert got.status_code == 200 and "javascript" in got.headers["content-type"], module
    assert client.get("/api_v3/testme/static/main.js").status_code == 404  # no unversioned path


def test_a_changed_module_gets_a_new_url_for_its_importers_too(
    static_copy: Path, make_client: Callable[..., TestClient], fake: FakeKaltura
) -> None:
    before = make_client(fake)
    old_main = main_url(before)
    # clipboard.js changes; main.js, which imports what imports it, does not.
    clipboard = static_copy / "clipboard.js"
    clipboard.write_text(clipboard.read_text() + "\n// changed\n")
    after = make_client(fake)
    new_main = main_url(after)

    assert new_main != old_main
    assert after.get(urljoin(new_main, "./clipboard.js")).text.endswith("// changed\n")
    # The page as it was served before the change can get nothing of the new files, so it
    # can never pair its old importers with the new clipboard.js.
    assert after.get(old_main).status_code == 404
    assert after.get(urljoin(old_main, "./clipboard.js")).status_code == 404


def test_the_version_follows_every_file_s_name_and_contents(tmp_path: Path) -> None:
    (tmp_path / "a.js").write_text("export const a = 1;\n")
    first = static_files.version(tmp_path)
    assert static_files.version(tmp_path) == first
    (tmp_path / "a.js").write_text("export const a = 2;\n")
    second = static_files.version(tmp_path)
    (tmp_path / "a.js").rename(tmp_path / "b.js")
    third = static_files.version(tmp_path)
    assert len({first, second, third}) == 3


def test_versioned_files_are_cached_for_a_year_and_never_revalidated(client: TestClient) -> None:
    """A versioned URL's content never changes, so nothing on a second load needs asking for
    (issue 20: 'static files never revalidated')."""
    page = client.get("/api_v3/testme/")
    assert "immutable" not in page.headers.get("cache-control", "")  # the page itself is not
    main = main_url(client)
    styles = re.findall(r'href="(/api_v3/testme/static/[0-9a-f]{16}/[\w.-]+\.css)"', page.text)
    assert styles, "the page links no versioned stylesheet"
    for url in (main, urljoin(main, "./events.js"), urljoin(main, "./htmx.min.js"), *styles):
        got = client.get(url)
        assert got.status_code == 200, url
        assert got.headers["cache-control"] == "public, max-age=31536000, immutable", url
