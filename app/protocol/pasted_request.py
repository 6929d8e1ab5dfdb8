"""Pasted text → the HTTP request it describes: a curl command, a URL, a raw HTTP request or a HAR.

The console's Import reads what people copy: a curl command (Kaltura's docs, the console's Code
tab, a browser's "Copy as cURL" for bash or Windows cmd), an address with a query string, a raw
HTTP request (request line, headers, a blank line, the body) and a HAR entry (an object with
`request`, or a whole HAR whose first api_v3 call is taken). The result is a `PastedRequest`:
its URL, body and parts as the server would receive them. What the request carries that a call
cannot hold (a file's contents, an option of curl's) is in `left_out`, never lost unsaid.
Which call that is, is `app/forms/call_import.py`'s business. Pure: text only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote_plus

from app.protocol import shell_words

FORM_TYPE = "application/x-www-form-urlencoded"
API_MARK = "/api_v3"
FILE_REASON = "a file cannot travel in pasted text: choose it in the form"
FILE_CONTENTS_REASON = "a file's contents cannot travel in pasted text"


class NotARequestError(ValueError):
    """The text is no request this reads; the message says what was expected or wrong."""


def parsed_json(text: str, what: str) -> object:
    """`text` as JSON, or NotARequestError saying where `what` ("The JSON body") stops parsing."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise NotARequestError(
            f"{what} does not parse: {exc.msg} (line {exc.lineno}, column {exc.colno})."
        ) from None


@dataclass(frozen=True)
class Part:
    """One part of a multipart body: a text value, or a file (`filename`, no contents)."""

    name: str
    value: str = ""
    filename: str = ""


@dataclass(frozen=True)
class PastedRequest:
    """`body` is the body's text as sent (form-encoded or JSON, by `content_type`)."""

    url: str
    body: str = ""
    content_type: str = ""
    parts: tuple[Part, ...] = ()
    left_out: tuple[tuple[str, str], ...] = ()  # (what, why)
    notes: tuple[str, ...] = ()


EXPECTED = (
    "Paste a curl command, an address with a query string (…/api_v3/service/media/action/list"
    "?…), a raw HTTP request or a HAR entry."
)


LONGEST_PASTE = 2_000_000
"""Characters at most: a call with a file's contents in it is no call to import (files are left
out anyway), and a bigger paste only costs the server its reading."""


def read_pasted(text: str) -> PastedRequest:
    text = text.strip()
    if not text:
        raise NotARequestError("Nothing was pasted. " + EXPECTED)
    if len(text) > LONGEST_PASTE:
        raise NotARequestError(
            f"The paste is {len(text):,} characters long; an import reads at most "
            f"{LONGEST_PASTE:,}. Leave out what the call does not need (a file's contents)."
        )
    if text.startswith("{"):
        return _har(text)
    first = text.split(None, 1)[0]
    if first.lower() in ("curl", "curl.exe"):
        return _curl(text)
    if re.match(r"[A-Z]+ \S+ HTTP/\d", text):
        return _raw_http(text)
    if re.match(r"(https?://|/)\S*$", text):
        return PastedRequest(text)
    raise NotARequestError("This is not a request testme reads. " + EXPECTED)


# curl's options that take a value and change nothing of the call (how to connect, what to
# print): named in `left_out`, in one line with the flags, never with their values (`-u`, `-b`,
# `-x` and `--key` carry passwords and cookies).
_TRANSPORT_WITH_VALUE = frozenset(
    [
        "-A",
        "--user-agent",
        "-e",
        "--referer",
        "-b",
        "--cookie",
        "-o",
        "--output",
        "-u",
        "--user",
        "-m",
        "--max-time",
        "--connect-timeout",
        "-x",
        "--proxy",
        "-w",
        "--write-out",
        "-c",
        "--cookie-jar",
        "--cacert",
        "--cert",
        "--key",
        "-r",
        "--range",
        "--retry",
        "--resolve",
        "--interface",
        "-K",
        "--config",
    ]
)
_DATA = frozenset({"-d", "--data", "--data-ascii", "--data-binary", "--data-raw"})
_WITH_VALUE = _TRANSPORT_WITH_VALUE | _DATA | {
    "-X", "--request", "-H", "--header", "--data-urlencode", "-F", "--form", "--form-string",
    "--url",
}  # fmt: skip


def _curl(text: str) -> PastedRequest:
    try:
        words = shell_words.words(text)[1:]
    except shell_words.ShellSyntaxError as exc:
        raise NotARequestError(f"The curl command does not split into words: {exc}") from None
    options: list[tuple[str, str]] = []
    urls: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        i += 1
        if not word.startswith("-") or word == "-":
            urls.append(word)
        elif not word.startswith("--") and len(word) > 2 and word[:2] in _WITH_VALUE:
            options.append((word[:2], word[2:]))  # `-XPOST`
        elif word in _WITH_VALUE:
            options.append((word, words[i] if i < len(words) else ""))
            i += 1
        else:
            options.append((word, ""))  # a flag, or a bundle of them (`-sSL`)
    return _curl_request(options, urls)


def _curl_request(options: list[tuple[str, str]], urls: list[str]) -> PastedRequest:
    data: list[str] = []
    parts: list[Part] = []
    headers: list[str] = []
    ignored: list[str] = []
    left_out: list[tuple[str, str]] = []
    get = False
    for option, value in options:
        if option in ("-H", "--header"):
            headers.append(value)
        elif option in _DATA:
            if value.startswith("@") and option != "--data-raw":
                left_out.append((value, FILE_CONTENTS_REASON))
            else:
                data.append(value)
        elif option == "--data-urlencode":
            data.append(_urlencoded(value, left_out))
        elif option in ("-F", "--form", "--form-string"):
            parts.append(_form_part(value, literal=option == "--form-string"))
        elif option == "--url":
            urls.insert(0, value)
        elif option in ("-G", "--get"):
            get = True
        elif option not in ("-X", "--request"):
            ignored.append(option)  # by name only: a value may be a password or a cookie
    if not urls:
        raise NotARequestError("The curl command names no address.")
    left_out += [
        (_without_query(url), "a second address: only the first is read") for url in urls[1:]
    ]
    if ignored:
        left_out.append((" ".join(ignored), "curl's own options: how it connects, not the call"))
    left_out += _headers_left(headers)
    url, content_type, body = (
        urls[0],
        _header(headers, "content-type"),
        "&".join(d for d in data if d),
    )
    if get and body:
        url, body = url + ("&" if "?" in url else "?") + body, ""
    elif body and not content_type:
        content_type = FORM_TYPE
    return PastedRequest(url, body, content_type, tuple(parts), tuple(left_out))


def _urlencoded(value: str, left_out: list[tuple[str, str]]) -> str:
    """`--data-urlencode`'s forms: `content`, `=content`, `name=content` (curl encodes the
    content; the name is taken as already encoded), `@file`, `name@file`."""
    name, sep, content = value.partition("=")
    if sep and "@" not in name:
        return (name + "=" if name else "") + quote_plus(content)
    if "@" in name:
        left_out.append((value, FILE_CONTENTS_REASON))
        return ""
    return quote_plus(value)


def _form_part(value: str, literal: bool) -> Part:
    name, _, content = value.partition("=")
    if not literal and content.startswith(("@", "<")):
        path = content[1:].split(";", 1)[0].strip('"')
        return Part(name, filename=path.rsplit("/", 1)[-1] or path)
    return Part(name, content if literal else content.split(";type=", 1)[0])


def _header(headers: Sequence[str], wanted: str) -> str:
    for line in headers:
        name, _, value = line.partition(":")
        if name.strip().lower() == wanted:
            return value.strip()
    return ""


# Headers the request's own reading uses (the others are named in `left_out`).
_READ_HEADERS = frozenset({"content-type", "content-length", "host"})
HEADERS_REASON = "headers: the console sends its own"


def _without_query(url: str) -> str:
    """An address as `left_out` names it: without its query, which may carry a KS."""
    return url.split("?", 1)[0] + ("?…" if "?" in url else "")


def _headers_left(lines: Sequence[str]) -> list[tuple[str, str]]:
    """One `left_out` line naming the headers not read (a browser's copy has a dozen)."""
    names = [line.partition(":")[0].strip() for line in lines]
    names = [name for name in names if name and name.lower() not in _READ_HEADERS]
    return [(", ".join(names), HEADERS_REASON)] if names else []


def _raw_http(text: str) -> PastedRequest:
    head, body = _head_and_body(text)
    lines = head.splitlines()
    _, target, _ = lines[0].split(" ", 2)
    headers = lines[1:]
    host = _header(headers, "host")
    url = target if "://" in target or not host else f"https://{host}{target}"
    content_type = _header(headers, "content-type")
    left_out = tuple(_headers_left(headers))
    if content_type.lower().startswith("multipart/"):
        parts = _multipart(content_type, body)
        return PastedRequest(url, "", content_type, parts, left_out)
    return PastedRequest(url, body, content_type, left_out=left_out)


def _head_and_body(text: str) -> tuple[str, str]:
    """Headers and body, at the first blank line."""
    found = re.split(r"\r?\n\r?\n", text, maxsplit=1)
    return found[0], found[1] if len(found) > 1 else ""


def _multipart(content_type: str, body: str) -> tuple[Part, ...]:
    found = re.search(r'boundary="?([^";]+)"?', content_type)
    if not found:
        raise NotARequestError("The multipart body names no boundary.")
    parts: list[Part] = []
    for chunk in body.split("--" + found.group(1))[1:]:
        if chunk.startswith("--"):
            break
        head, content = _head_and_body(chunk.lstrip("\r\n"))
        name = re.search(r'name="([^"]*)"', head)
        filename = re.search(r'filename="([^"]*)"', head)
        if name is None:
            continue
        if filename is not None:
            parts.append(Part(name.group(1), filename=filename.group(1)))
        else:
            parts.append(Part(name.group(1), re.sub(r"\r?\n$", "", content)))
    return tuple(parts)


def _har(text: str) -> PastedRequest:
    found = parsed_json(text, "The pasted JSON")
    if not isinstance(found, Mapping):
        raise NotARequestError("The pasted JSON is no HAR entry. " + EXPECTED)
    notes: list[str] = []
    if isinstance(found.get("log"), Mapping):
        entries = [e for e in found["log"].get("entries") or [] if isinstance(e, Mapping)]
        calls = [(n, e) for n, e in enumerate(entries, 1) if API_MARK in _har_url(e)]
        if not calls:
            raise NotARequestError("The HAR holds no api_v3 call.")
        number, found = calls[0]
        notes.append(
            f"The HAR holds {len(entries)} entries; the first api_v3 call (entry {number}) "
            "was imported."
        )
    request = found.get("request")
    if not isinstance(request, Mapping) or not isinstance(request.get("url"), str):
        raise NotARequestError("The pasted JSON is no HAR entry: it has no request with a url.")
    found_post = request.get("postData")
    post: Mapping[str, Any] = found_post if isinstance(found_post, Mapping) else {}
    content_type = str(post.get("mimeType", ""))
    body = str(post.get("text", ""))
    parts: tuple[Part, ...] = ()
    if content_type.lower().startswith("multipart/"):
        listed = [p for p in post.get("params") or [] if isinstance(p, Mapping)]
        parts = tuple(
            Part(str(p.get("name", "")), str(p.get("value", "")), str(p.get("fileName", "")))
            for p in listed
        ) or (_multipart(content_type, body) if body else ())
        body = ""
    headers = [
        f"{h.get('name', '')}: {h.get('value', '')}"
        for h in request.get("headers") or []
        if isinstance(h, Mapping) and not str(h.get("name", "")).startswith(":")
    ]
    return PastedRequest(
        str(request["url"]), body, content_type, parts, tuple(_headers_left(headers)), tuple(notes)
    )


def _har_url(entry: Mapping[str, object]) -> str:
    request = entry.get("request")
    return str(request.get("url", "")) if isinstance(request, Mapping) else ""
