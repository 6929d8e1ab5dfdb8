"""Hostile upload file names never leave the data dir: uploadToken.upload keeps each file under
`sandbox-uploads/` named by partner and token, whatever name the multipart part carries (`../`,
absolute paths, NUL, backslashes), and a hostile token id is refused as not found."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.sandbox import SandboxConfig
from tests.sandbox.conftest import LiveSandbox, start_live

BOUNDARY = "hostile-names-boundary"
CONTENT = b"hostile name test\n"


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder around the data dir: nothing may be written here but inside `data/`."""
    return tmp_path_factory.mktemp("upload-names")


@pytest.fixture(scope="module")
def sandbox(root: Path) -> Iterator[LiveSandbox]:
    live = start_live(SandboxConfig(data_dir=root / "data" / "inner"))
    yield live
    live.stop()


def multipart(fields: dict[str, str], filename: bytes) -> bytes:
    """Built by hand so that any byte (NUL included) reaches the server as the file name."""
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields.items()
    ]
    parts.append(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="fileData"; filename="'.encode()
        + filename
        + b'"\r\nContent-Type: application/octet-stream\r\n\r\n'
        + CONTENT
        + b"\r\n"
    )
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


def upload(live: LiveSandbox, token_id: str, filename: bytes) -> dict[str, object]:
    ks = live.admin_ks()
    fields = {"ks": ks, "format": "1", "uploadTokenId": token_id, "finalChunk": "1"}
    answer = httpx.post(
        f"{live.url}/api_v3/service/uploadToken/action/upload",
        content=multipart(fields, filename),
        headers={"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"},
        timeout=30,
    )
    assert answer.status_code == 200
    result = answer.json()
    assert isinstance(result, dict)
    return result


def new_token(live: LiveSandbox) -> str:
    answer = httpx.post(
        f"{live.url}/api_v3/service/uploadToken/action/add",
        json={"format": 1, "ks": live.admin_ks()},
        timeout=30,
    )
    return str(answer.json()["id"])


def files_outside_data(root: Path) -> list[Path]:
    data = root / "data"
    return [p for p in root.rglob("*") if p != data and data not in p.parents]


HOSTILE_NAMES = [
    pytest.param(b"../escape.txt", id="parent"),
    pytest.param(b"../../../escape.txt", id="grandparents"),
    pytest.param(b"../../../../../../../../../../../../tmp/escape.txt", id="deep-parents"),
    pytest.param(b"/tmp/absolute-escape.txt", id="absolute"),
    pytest.param(b"sandbox-uploads/../../escape.txt", id="parent-in-the-middle"),
    pytest.param(b"..\\..\\escape.txt", id="backslashes"),
    pytest.param(b"C:\\Windows\\escape.txt", id="windows-absolute"),
    pytest.param(b"clip\x00../../escape.txt", id="nul"),
    pytest.param(b"%2e%2e%2fescape.txt", id="percent-encoded"),
    pytest.param(b"..", id="dot-dot"),
    pytest.param(b"", id="empty"),
    pytest.param("../\u2025/escape-\u00e9.txt".encode(), id="unicode-dots"),
]


@pytest.mark.parametrize("filename", HOSTILE_NAMES)
def test_a_hostile_file_name_lands_inside_the_data_dir(
    sandbox: LiveSandbox, root: Path, filename: bytes
) -> None:
    token_id = new_token(sandbox)
    result = upload(sandbox, token_id, filename)
    # Stored (full upload) or refused with a Kaltura error: either way nothing outside.
    assert result.get("status") == 2 or result.get("objectType") == "KalturaAPIException"
    assert files_outside_data(root) == []
    if result.get("status") == 2:
        stored = sandbox.config.uploads_dir / f"{sandbox.credentials.partner_id}-{token_id}"
        assert stored.read_bytes() == CONTENT
    assert not Path("/tmp/escape.txt").exists() and not Path("/tmp/absolute-escape.txt").exists()


@pytest.mark.parametrize(
    ("token_id", "code"),
    [
        ("../escape", "UPLOAD_TOKEN_NOT_FOUND"),
        ("../../../../tmp/escape", "UPLOAD_TOKEN_NOT_FOUND"),
        ("/tmp/escape", "UPLOAD_TOKEN_NOT_FOUND"),
        ("0_x/../../escape", "UPLOAD_TOKEN_NOT_FOUND"),
        ("..", "UPLOAD_TOKEN_NOT_FOUND"),
        ("0_x\x00", "INVALID_PARAMETER_CHAR"),
    ],
)
def test_a_hostile_token_id_is_refused_and_writes_nothing(
    sandbox: LiveSandbox, root: Path, token_id: str, code: str
) -> None:
    result = upload(sandbox, token_id, b"clip.mp4")
    assert result.get("code") == code
    assert files_outside_data(root) == []
