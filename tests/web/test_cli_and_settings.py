"""The command line, the settings object, and where the schema comes from."""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from app.access_log import StripQueryString
from app.cli import main
from app.protocol.schema_loader import SchemaError
from app.resources import default_schema_path
from app.settings import Settings, SettingsError
from app.web.schema_source import cache_path, load_local, load_remote
from app.web.upstream import Upstream
from tests.web.conftest import in_fresh_loop

ROOT = Path(__file__).resolve().parents[2]


def test_schema_check_prints_the_summary_and_exits_zero(
    real_schema_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema", "check", str(real_schema_path)]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "22.15.0: 111 services, 884 actions, 674 classes, 312 enums, 653 errors"
    assert "unknown type" in err  # the plugin classes this server left out, with their lines


def test_schema_check_strict_fails_on_unknown_types(real_schema_path: Path) -> None:
    assert main(["schema", "check", "--strict", str(real_schema_path)]) == 1


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("<xml>\n<services>\n<service id='x'", ":3: not well-formed XML"),
        ("<rss><channel/></rss>", ":1: not a Kaltura schema"),
        ("{}", ":1: not well-formed XML"),
    ],
)
def test_schema_check_names_file_and_line_of_a_broken_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, expected: str
) -> None:
    path = tmp_path / "broken.xml"
    path.write_text(content)
    assert main(["schema", "check", str(path)]) == 1
    assert f"{path}{expected}" in capsys.readouterr().err


def test_testme_command_runs_as_a_module(real_schema_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "app", "schema", "check", str(real_schema_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.startswith("22.15.0: 111 services")


def test_serving_with_a_broken_schema_stops_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.xml"
    path.write_text("<xml>\n<oops>")
    assert main(["--schema", str(path), "--data-dir", str(tmp_path)]) == 1
    assert f"{path}:2" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"TESTME_UPSTREAM_TIMEOUT": "soon"}, "TESTME_UPSTREAM_TIMEOUT"),
        ({"TESTME_UPSTREAM_TIMEOUT": "-1"}, "TESTME_UPSTREAM_TIMEOUT"),
        ({"TESTME_PORT": "http"}, "TESTME_PORT"),
        ({"TESTME_SANDBOX_PARTNER_ID": "abc"}, "TESTME_SANDBOX_PARTNER_ID"),
        ({"TESTME_SANDBOX_READY_DELAY": "soon"}, "TESTME_SANDBOX_READY_DELAY"),
        ({"TESTME_SANDBOX_READY_DELAY": "-1"}, "TESTME_SANDBOX_READY_DELAY"),
        ({"TESTME_SANDBOX_READY_DELAY": "nan"}, "TESTME_SANDBOX_READY_DELAY"),
        ({"TESTME_SERVICE_URL": "ftp://kaltura.example"}, "TESTME_SERVICE_URL"),
        ({"TESTME_SERVICE_URL": "https://user:pw@kaltura.example"}, "TESTME_SERVICE_URL"),
        ({"TESTME_SERVICE_URL": "https://kaltura.example/?x=1"}, "TESTME_SERVICE_URL"),
        ({"TESTME_SERVERS": "https://www.kaltura.com"}, "TESTME_SERVERS.*not name=url"),
        ({"TESTME_SERVERS": "=https://www.kaltura.com"}, "TESTME_SERVERS.*not name=url"),
        ({"TESTME_SERVERS": "prod="}, "TESTME_SERVERS.*not name=url"),
        ({"TESTME_SERVERS": "a=http://a.example,A=http://b.example"}, "TESTME_SERVERS.*twice"),
        ({"TESTME_SERVERS": "sandbox=http://a.example"}, "TESTME_SERVERS.*reserved"),
        ({"TESTME_SERVERS": "prod=ftp://a.example"}, "TESTME_SERVERS must be an http"),
        ({"TESTME_SERVERS": "prod=www.kaltura.com"}, "TESTME_SERVERS must be an http"),
    ],
)
def test_a_bad_setting_fails_naming_the_setting(env: dict[str, str], named: str) -> None:
    with pytest.raises(SettingsError, match=named):
        Settings.from_env(env)


@pytest.mark.parametrize(
    ("raw", "base"),
    [
        ("https://www.kaltura.com", "https://www.kaltura.com"),
        ("https://www.kaltura.com/api_v3/", "https://www.kaltura.com"),
        ("http://10.0.0.5:8080/kaltura/api_v3", "http://10.0.0.5:8080/kaltura"),
    ],
)
def test_service_url_is_normalized_to_the_api_base(raw: str, base: str) -> None:
    assert Settings.from_env({"TESTME_SERVICE_URL": raw}).service_url == base


@pytest.mark.parametrize(
    ("raw", "servers"),
    [
        ("", ()),
        (
            "prod=https://www.kaltura.com/api_v3/, qa = http://qa.example:8080 ,",
            (("prod", "https://www.kaltura.com"), ("qa", "http://qa.example:8080")),
        ),
        ("QA=http://qa.example", (("QA", "http://qa.example"),)),
    ],
)
def test_servers_are_read_as_named_api_bases(raw: str, servers: tuple[object, ...]) -> None:
    assert Settings.from_env({"TESTME_SERVERS": raw}).servers == servers


@pytest.mark.parametrize(("raw", "seconds"), [("", 0.0), ("0", 0.0), ("2.5", 2.5)])
def test_sandbox_ready_delay_is_read_in_seconds(raw: str, seconds: float) -> None:
    assert Settings.from_env({"TESTME_SANDBOX_READY_DELAY": raw}).sandbox_ready_delay == seconds


def test_flags_win_over_the_environment() -> None:
    settings = Settings.from_env({"TESTME_PORT": "9000", "TESTME_HOST": "0.0.0.0"}, port=8100)
    assert (settings.port, settings.host) == (8100, "0.0.0.0")
    assert Settings.from_env({}).sandbox


def test_readme_documents_every_setting() -> None:
    readme = (ROOT / "README.md").read_text()
    source = (ROOT / "app" / "settings.py").read_text()
    names = set(re.findall(r'"(TESTME_[A-Z_]+)"', source))
    assert names, "settings.py names its variables"
    missing = sorted(n for n in names if n not in readme)
    assert missing == []


def test_a_broken_schema_file_stops_start_up(tmp_path: Path) -> None:
    path = tmp_path / "s.xml"
    path.write_text("<xml><services>")
    with pytest.raises(SchemaError):
        load_local(Settings(service_url="http://k.test", schema_path=path, data_dir=tmp_path))


def test_server_schema_is_fetched_cached_and_used_when_the_server_is_down(tmp_path: Path) -> None:
    in_fresh_loop(_fetched_cached_and_fallback(tmp_path))


def test_a_garbage_server_schema_is_not_cached(tmp_path: Path) -> None:
    in_fresh_loop(_garbage_not_cached(tmp_path))


async def _fetched_cached_and_fallback(tmp_path: Path) -> None:
    settings = Settings(service_url="http://kaltura.test", data_dir=tmp_path)
    served = default_schema_path().read_bytes()
    up = httpx.MockTransport(lambda r: httpx.Response(200, content=served))
    async with httpx.AsyncClient(transport=up) as client:
        loaded = await load_remote(settings, Upstream(client, "http://kaltura.test"))
    assert loaded.origin == "http://kaltura.test/api_v3/api_schema.php"
    assert cache_path(settings).read_bytes() == served == loaded.xml

    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused")

    async with httpx.AsyncClient(transport=httpx.MockTransport(down)) as client:
        cached = await load_remote(settings, Upstream(client, "http://kaltura.test"))
    assert (
        cached.origin.startswith("cached copy")
        and cached.schema.summary() == loaded.schema.summary()
        and cached.xml == served
    )

    cache_path(settings).unlink()
    async with httpx.AsyncClient(transport=httpx.MockTransport(down)) as client:
        fallback = await load_remote(settings, Upstream(client, "http://kaltura.test"))
    assert fallback.origin.startswith("embedded")


async def _garbage_not_cached(tmp_path: Path) -> None:
    settings = Settings(service_url="http://kaltura.test", data_dir=tmp_path)
    up = httpx.MockTransport(lambda r: httpx.Response(200, content=b"<html>login</html>"))
    async with httpx.AsyncClient(transport=up) as client:
        loaded = await load_remote(settings, Upstream(client, "http://kaltura.test"))
    assert loaded.origin.startswith("embedded") and not cache_path(settings).exists()


@pytest.mark.parametrize(
    "path",
    [
        "/api_v3/../admin",
        "/api_v3/service/x?host=evil",
        "/other/api",
        "//evil.example/api_v3/",
        "/api_v3//x",
    ],
)
def test_upstream_refuses_paths_outside_api_v3(path: str) -> None:
    upstream = Upstream(httpx.AsyncClient(), "http://kaltura.test")
    with pytest.raises(ValueError, match="refusing"):
        upstream.url(path)


def test_access_log_drops_query_strings_that_may_hold_secrets() -> None:
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", "/api_v3/index.php?service=session&secret=abc", "1.1", 200),
        None,
    )
    assert StripQueryString().filter(record)
    assert "secret" not in record.getMessage() and "/api_v3/index.php?…" in record.getMessage()


def test_access_log_masks_the_ks_in_the_sandboxs_media_urls() -> None:
    path = (
        "/p/12/sp/1200/playManifest/entryId/0_a/format/url/protocol/http/ks/djJ8MTJ8c2VjcmV0/a.mp4"
    )
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", path + "?ks=djJ8", "1.1", 206),
        None,
    )
    assert StripQueryString().filter(record)
    assert "djJ8" not in record.getMessage()
    assert "/protocol/http/ks/…/a.mp4?…" in record.getMessage()
