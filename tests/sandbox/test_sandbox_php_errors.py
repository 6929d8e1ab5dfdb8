"""Errors in format 3 (PHP serialized), the official PHP client's default.

api_v3 turns an exception into an array before `serialize()`: `code`, `message`, `objectType`
(KalturaAPIException), `args` (name => value, empty when none). The PHP client counts an answer
as an error when it is an array holding `code` and `message`; an object is a result, so an error
serialized as an object surfaced as "Invalid object type" instead of its code.
"""

from __future__ import annotations

import shutil
import subprocess

import httpx
import pytest

MISSING = "0_missing1"
ENTRY_ID_NOT_FOUND = (
    b'a:4:{s:4:"code";s:18:"ENTRY_ID_NOT_FOUND";'
    b's:7:"message";s:31:"Entry id "0_missing1" not found";'
    b's:10:"objectType";s:19:"KalturaAPIException";'
    b's:4:"args";a:1:{s:8:"ENTRY_ID";s:10:"0_missing1";}}'
)


def _php(http: httpx.Client, path: str, **params: str) -> bytes:
    return http.post(f"/api_v3/{path}", data={"format": "3", **params}).content


def test_missing_entry_is_an_error_array(http: httpx.Client, admin_ks: str) -> None:
    body = _php(http, "service/media/action/get", ks=admin_ks, entryId=MISSING)
    assert body == ENTRY_ID_NOT_FOUND


def test_error_without_arguments_has_an_empty_args_array(http: httpx.Client, admin_ks: str) -> None:
    body = _php(http, "service/uploadToken/action/get", ks=admin_ks, uploadTokenId="0_nothing")
    assert body.startswith(b'a:4:{s:4:"code";s:22:"UPLOAD_TOKEN_NOT_FOUND";')
    assert body.endswith(b's:10:"objectType";s:19:"KalturaAPIException";s:4:"args";a:0:{}}')


def _multirequest(http: httpx.Client, ks: str) -> bytes:
    calls = {
        "1:service": "system",
        "1:action": "ping",
        "2:service": "media",
        "2:action": "get",
        "2:entryId": MISSING,
    }
    return _php(http, "service/multirequest", ks=ks, **calls)


def test_multirequest_error_item_is_an_error_array(http: httpx.Client, admin_ks: str) -> None:
    assert _multirequest(http, admin_ks) == b"a:2:{i:0;b:1;i:1;" + ENTRY_ID_NOT_FOUND + b"}"


# What the PHP client does with an answer (unserialize it, then tell an error by its code and
# message), written here in a few lines of our own.
PHP_READER = r"""
$answer = unserialize(stream_get_contents(STDIN));
$items = $argv[1] === 'multi' ? $answer : [$answer];
foreach ($items as $item) {
    $isError = is_array($item) && isset($item['message']) && isset($item['code']);
    echo $isError ? "error {$item['code']} " . json_encode($item['args']) : 'result ' . gettype($item);
    echo "\n";
}
"""


@pytest.mark.skipif(shutil.which("php") is None, reason="php is not installed")
@pytest.mark.parametrize("shape", ["single", "multi"])
def test_php_reads_the_answer_as_the_php_client_does(
    http: httpx.Client, admin_ks: str, shape: str
) -> None:
    if shape == "single":
        body = _php(http, "service/media/action/get", ks=admin_ks, entryId=MISSING)
    else:
        body = _multirequest(http, admin_ks)
    php = str(shutil.which("php"))
    read = subprocess.run(
        [php, "-r", PHP_READER, shape], input=body, capture_output=True, check=True, timeout=30
    )
    lines = read.stdout.decode().splitlines()
    expected = ['error ENTRY_ID_NOT_FOUND {"ENTRY_ID":"0_missing1"}']
    assert lines == (expected if shape == "single" else ["result boolean", *expected])
