"""`testme schema pull`: a server's schema saved byte for byte, and nothing saved when the
server gives something else."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from app.cli import main
from app.schema_pull import schema_pull
from tests.web.conftest import FAKE_URL, FakeKaltura

SCHEMA = (
    '\ufeff<?xml version="1.0"?><xml apiVersion="7.1.0" generatedDate="1">'
    '<services><service id="thing" name="thing"/></services></xml>'
)


def test_pull_saves_the_servers_schema(
    tmp_path: Path, fake: FakeKaltura, capsys: pytest.CaptureFixture[str]
) -> None:
    fake.reply_xml(SCHEMA)
    out = tmp_path / "snap.xml"
    argv = ["--service-url", FAKE_URL + "/api_v3/", "-o", str(out)]
    assert schema_pull(argv, transport=httpx.MockTransport(fake)) == 0
    assert out.read_bytes() == SCHEMA.encode()
    assert str(fake.received[-1].url) == FAKE_URL + "/api_v3/api_schema.php"
    assert "7.1.0: 1 services" in capsys.readouterr().err


def test_pull_names_the_file_after_the_version(
    tmp_path: Path, fake: FakeKaltura, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake.reply_xml(SCHEMA)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TESTME_SERVICE_URL", FAKE_URL)
    assert schema_pull([], transport=httpx.MockTransport(fake)) == 0
    assert (tmp_path / "kaltura-schema-7.1.0.xml").read_bytes() == SCHEMA.encode()


@pytest.mark.parametrize(
    ("body", "status", "said"),
    [
        ("<html>Maintenance</html>", 200, "not a Kaltura schema"),
        (SCHEMA, 503, "HTTP 503"),
    ],
)
def test_pull_writes_nothing_when_the_server_gives_no_schema(
    tmp_path: Path,
    fake: FakeKaltura,
    capsys: pytest.CaptureFixture[str],
    body: str,
    status: int,
    said: str,
) -> None:
    fake.reply_xml(body, status)
    out = tmp_path / "snap.xml"
    out.write_text("the last good one")
    argv = ["--service-url", FAKE_URL, "-o", str(out)]
    assert schema_pull(argv, transport=httpx.MockTransport(fake)) == 1
    assert out.read_text() == "the last good one"
    assert said in capsys.readouterr().err


def test_pull_without_a_server_says_what_to_give(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("TESTME_SERVICE_URL", raising=False)
    assert main(["schema", "pull"]) == 2
    assert "--service-url" in capsys.readouterr().err


def test_pull_refuses_a_url_that_is_not_http(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "pull", "--service-url", "file:///etc/passwd"]) == 2
    assert "must be an http(s) URL" in capsys.readouterr().err
