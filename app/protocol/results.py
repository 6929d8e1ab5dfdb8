"""What an upstream answer says: its format, a pretty text, a Kaltura error, a KS to capture.

Kaltura answers errors with HTTP 200 and the error in the body (docs/PROTOCOL.md §4): XML
`<result><error>…</error></result>` or a JSON object whose `objectType` is `KalturaAPIException`;
a multirequest answers one item per request, each of which may be an error, and each is split
out (`items`) to be shown on its own beside the whole answer. A KS comes back as a
bare scalar from the session-starting actions, or as the `ks` property of an object (appToken's
`KalturaSessionInfo`). Nothing here raises on a bad body: garbage, HTML error pages, truncated XML
and binary files become `kind="raw"` with a `note` saying why. XML with a DOCTYPE is never parsed,
so no entity is ever expanded. Pure: stdlib only.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal
from xml.parsers import expat

from app.protocol.answer_kinds import XML_ENDS_EARLY, kind_of, not_as_claimed, text_of, unreadable
from app.protocol.facts import API_EXCEPTION, MULTIREQUEST, OBJECT_TYPE
from app.protocol.first_part import (
    SHOWN_CHARS,
    Part,
    json_folds,
    json_part,
    shared_parts,
    text_part,
    xml_folds,
    xml_part,
    xml_start,
)

ResultKind = Literal["xml", "json", "jsonp", "php", "raw", "empty"]

# Actions whose scalar result is a KS (their result type is `string`, so the schema cannot say).
KS_ACTIONS = frozenset(
    {
        ("session", "start"),
        ("session", "impersonate"),
        ("user", "login"),
        ("user", "loginbyloginid"),
        ("adminuser", "login"),
        ("systempartner_systempartner", "getadminsession"),
    }
)
FORMAT_KINDS: dict[str, ResultKind] = {"1": "json", "2": "xml", "3": "php", "9": "jsonp"}

NOT_KALTURA_HTML = "Not a Kaltura answer: the server sent an HTML page."
NOT_KALTURA_TEXT = "Not a Kaltura answer: neither XML nor JSON."
NOT_KALTURA_XML = "XML, but not a Kaltura answer: no <xml><result>."
# An action whose result type is `file` (data.serve) answers the file's own bytes: not a
# Kaltura document, and no problem (docs/PROTOCOL.md §4).
_FILE_NOTES = frozenset({NOT_KALTURA_HTML, NOT_KALTURA_TEXT, NOT_KALTURA_XML})

_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_JSONP = re.compile(r"\s*[A-Za-z_$][\w$.]*\s*\((.*)\)\s*;?\s*", re.DOTALL)
_KS_TEXT = re.compile(r"[A-Za-z0-9+/=_\-|.]{8,4096}")


@dataclass(frozen=True)
class KalturaError:
    """An error the Kaltura API returned: `ENTRY_ID_NOT_FOUND`, its message and named args."""

    code: str
    message: str
    args: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ItemView:
    """One multirequest request's answer: its number and call (`media.list`; "" for an item
    beyond the requests sent), its own pretty text (`complete` False: its first part only,
    `first_part.py`, and `folds` what each fold of the whole holds) and its error."""

    number: int
    call: str
    pretty: str
    error: KalturaError | None = None
    complete: bool = True
    folds: tuple[int, ...] = ()


@dataclass(frozen=True)
class ResultView:
    """An upstream answer, ready to show. `items` has one entry per multirequest item (none
    when the answer is not one item per request: a whole failure, JSONP's text, PHP, raw).
    `pretty` is the first part of a long answer when `complete` is False (`first_part.py`);
    then `folds` counts what each fold of the whole holds (XML, JSON), for the Result to say."""

    kind: ResultKind
    pretty: str
    error: KalturaError | None = None
    items: tuple[ItemView, ...] = ()
    ks: str | None = None
    note: str = ""
    complete: bool = True
    folds: tuple[int, ...] = ()
    about: str = ""  # what the answer is, when that is no problem (a file a serve action sent)

    @property
    def item_errors(self) -> tuple[KalturaError | None, ...]:
        return tuple(item.error for item in self.items)

    @property
    def is_error(self) -> bool:
        return self.error is not None or any(self.item_errors)


def read_result(
    body: bytes,
    content_type: str,
    requested_format: str = "2",
    service: str = "",
    action: str = "",
    sub_actions: Sequence[tuple[str, str]] = (),
    cut_short: bool = False,
    limit: int = SHOWN_CHARS,
    answers_file: bool = False,
) -> ResultView:
    """Interpret an answer. For a multirequest pass each request's (service, action) as
    `sub_actions` so a KS among its items can be captured. `cut_short`: the connection closed
    before the end the server announced, so `body` is only its beginning. Pretty texts stop at
    `limit` characters (the whole answer's, and the items' together). `answers_file`: the
    action's result type is `file`, so text that is not a Kaltura answer is what it should be."""
    if cut_short:
        return _limited(
            ResultView(
                "raw",
                text_of(body),
                note=f"The answer was cut short: the connection closed after {len(body)} bytes, "
                "before the end the server announced; shown as text.",
            ),
            limit,
        )
    if not body.strip():
        return ResultView("empty", "", note="The server answered with an empty body.")
    media = content_type.partition(";")[0].strip().lower()
    calls = list(sub_actions) if service.lower() == MULTIREQUEST else [(service, action)]
    kind = kind_of(media, body)
    wrong = not_as_claimed(kind, media, body)
    view = (
        ResultView("raw", text_of(body), note=wrong)
        if wrong
        else _read_as(kind, body, media, calls, service.lower() == MULTIREQUEST, limit)
    )
    view = _limited(view, limit)
    if answers_file and view.error is None and (not view.note or view.note in _FILE_NOTES):
        about = f"{service}.{action} answers a file, not XML or JSON: its content, as text."
        return replace(view, note="", about=about)
    expected = FORMAT_KINDS.get(requested_format.strip())
    if expected and view.kind in FORMAT_KINDS.values() and view.kind != expected and not view.note:
        note = f"Asked for {expected.upper()}; the server answered {view.kind.upper()}."
        return replace(view, note=note)
    return view


def _limited(view: ResultView, limit: int) -> ResultView:
    """A text shown as it came (JSONP, PHP, raw) cut to its first part like the others."""
    if view.complete and len(view.pretty) > limit:
        return replace(view, pretty=text_part(view.pretty, limit).text, complete=False)
    return view


def _read_as(
    kind: str, body: bytes, media: str, calls: list[tuple[str, str]], multi: bool, limit: int
) -> ResultView:
    text = body.decode("utf-8", errors="replace")
    if kind == "xml":
        return _read_xml(body, text, media, calls, multi, limit)
    if kind == "json":
        try:
            value = json.loads(body)
        except json.JSONDecodeError as problem:
            # Out of input: at the end, or inside a string that never closes.
            ends_early = problem.pos >= len(problem.doc.rstrip()) or problem.msg.startswith(
                "Unterminated string"
            )
            return ResultView("raw", text, note=unreadable("json", media, str(problem), ends_early))
        except (ValueError, RecursionError) as problem:
            return ResultView("raw", text, note=unreadable("json", media, str(problem), False))
        return _json_view("json", json_part(value, limit), value, calls, multi, limit)
    if kind == "jsonp":
        match = _JSONP.fullmatch(text)
        try:
            value = json.loads(match.group(1)) if match else None
        except (ValueError, RecursionError):
            value = None
        return _json_view("jsonp", Part(text, True), value, calls, multi, limit)
    if kind == "php":
        return _read_php(body, text, calls)
    if kind == "html":
        return ResultView("raw", text, note=NOT_KALTURA_HTML)
    if "\ufffd" in text or "\x00" in text:
        what = media or "no Content-Type"
        return ResultView(
            "raw", "", note=f"{len(body)} bytes of binary content ({what}), not shown."
        )
    return ResultView("raw", text, note=NOT_KALTURA_TEXT)


# -- XML -----------------------------------------------------------------------------------------


def _read_xml(
    body: bytes,
    text: str,
    media: str,
    calls: list[tuple[str, str]],
    multi: bool,
    limit: int,
) -> ResultView:
    if _DOCTYPE.search(body):
        return ResultView(
            "raw", text, note="XML with a DOCTYPE is shown raw: entities are never expanded."
        )
    try:
        body = body.lstrip()  # PHP notices can leave blank lines before <?xml
        if multi or len(body) <= limit:
            root = ET.fromstring(body)
            shown = xml_part(root, limit)
            folds = () if shown.complete else xml_folds(root)
        else:  # only the start: an error or a KS comes first, and small (a multirequest's not)
            root, shown, folds = xml_start(body, limit)
    except (ET.ParseError, expat.ExpatError) as problem:
        ends_early = problem.code in XML_ENDS_EARLY
        return ResultView("raw", text, note=unreadable("xml", media, str(problem), ends_early))
    except RecursionError:
        return ResultView("raw", text, note="XML nested too deeply to re-indent; shown raw.")
    result = root.find("result")
    if root.tag != "xml" or result is None:
        return ResultView(
            "xml", shown.text, note=NOT_KALTURA_XML, complete=shown.complete, folds=folds
        )
    error = _xml_error(result)
    if multi and error is None:
        items = result.findall("item")
        # each item on its own, indented from its own start
        parts = shared_parts(items, xml_part, limit)
        views = tuple(
            ItemView(n, _label(calls, n), part.text, _xml_error(item), part.complete, counts)
            for n, (item, part) in enumerate(zip(items, parts, strict=True), start=1)
            for counts in [() if part.complete else xml_folds(item)]
        )
        found = [_xml_ks(item, call) for item, call in zip(items, calls, strict=False)]
        return ResultView("xml", shown.text, None, views, _last(found), "", shown.complete, folds)
    ks = None if error else _xml_ks(result, calls[0] if calls else ("", ""))
    return ResultView("xml", shown.text, error, ks=ks, complete=shown.complete, folds=folds)


def _xml_error(node: ET.Element) -> KalturaError | None:
    error = node.find("error")
    if error is None and node.findtext(OBJECT_TYPE) == API_EXCEPTION:
        error = node
    if error is None:
        return None
    args = tuple(
        (item.findtext("name") or "", item.findtext("value") or "")
        for item in error.iterfind("args/item")
    )
    return KalturaError(error.findtext("code") or "", error.findtext("message") or "", args)


def _xml_ks(node: ET.Element, call: tuple[str, str]) -> str | None:
    if len(node) == 0:
        return _ks_or_none(node.text or "") if _is_ks_action(call) else None
    if node.find(OBJECT_TYPE) is not None and node.findtext(OBJECT_TYPE) != API_EXCEPTION:
        return _ks_or_none(node.findtext("ks") or "")
    return None


# -- JSON and JSONP ------------------------------------------------------------------------------


def _json_view(
    kind: ResultKind,
    shown: Part,
    value: object,
    calls: list[tuple[str, str]],
    multi: bool,
    limit: int,
) -> ResultView:
    error = _json_error(value)
    folds = () if shown.complete else json_folds(value)
    if multi and isinstance(value, list) and error is None:
        parts = shared_parts(value, json_part, limit)
        items = tuple(
            ItemView(n, _label(calls, n), part.text, _json_error(item), part.complete, counts)
            for n, (item, part) in enumerate(zip(value, parts, strict=True), start=1)
            for counts in [() if part.complete else json_folds(item)]
        )
        found = [_json_ks(item, call) for item, call in zip(value, calls, strict=False)]
        return ResultView(kind, shown.text, None, items, _last(found), "", shown.complete, folds)
    ks = None if error else _json_ks(value, calls[0] if calls else ("", ""))
    return ResultView(kind, shown.text, error, ks=ks, complete=shown.complete, folds=folds)


def _json_error(value: object) -> KalturaError | None:
    if not isinstance(value, dict) or value.get(OBJECT_TYPE) != API_EXCEPTION:
        return None
    raw_args = value.get("args") or {}
    if isinstance(raw_args, dict):
        args = tuple((str(k), _text(v)) for k, v in raw_args.items())
    elif isinstance(raw_args, list):
        args = tuple(
            (_text(a.get("name")), _text(a.get("value"))) for a in raw_args if isinstance(a, dict)
        )
    else:
        args = ()
    return KalturaError(_text(value.get("code")), _text(value.get("message")), args)


def _json_ks(value: object, call: tuple[str, str]) -> str | None:
    if isinstance(value, str):
        return _ks_or_none(value) if _is_ks_action(call) else None
    if isinstance(value, dict) and OBJECT_TYPE in value and isinstance(value.get("ks"), str):
        return _ks_or_none(value["ks"])
    return None


# -- PHP serialized (format 3): shown raw; errors and KS read with a few patterns ----------------


def _read_php(body: bytes, text: str, calls: list[tuple[str, str]]) -> ResultView:
    error = None
    if f'"{API_EXCEPTION}"'.encode() in body[:200]:
        error = KalturaError(_php_string(body, "code"), _php_string(body, "message"))
    ks = None
    scalar = re.fullmatch(rb's:(\d+):"(.*)";\s*', body, re.DOTALL)
    if scalar and not error and calls and _is_ks_action(calls[0]):
        ks = _ks_or_none(scalar.group(2).decode("utf-8", "replace"))
    return ResultView("php", text, error, ks=ks)


def _php_string(body: bytes, key: str) -> str:
    """The string value serialized after the property `key` (PHP strings are byte-counted)."""
    match = re.search(rb's:\d+:"' + re.escape(key.encode()) + rb'";s:(\d+):"', body)
    if not match:
        return ""
    start = match.end()
    return body[start : start + int(match.group(1))].decode("utf-8", "replace")


# -- helpers -------------------------------------------------------------------------------------


def _is_ks_action(call: tuple[str, str]) -> bool:
    return (call[0].lower(), call[1].lower()) in KS_ACTIONS


def _label(calls: Sequence[tuple[str, str]], number: int) -> str:
    """`media.list` for request `number` as it was sent; "" beyond the requests sent."""
    return ".".join(calls[number - 1]) if number <= len(calls) else ""


def _ks_or_none(text: str) -> str | None:
    text = text.strip()
    return text if _KS_TEXT.fullmatch(text) else None


def _last(found: Sequence[str | None]) -> str | None:
    return next((ks for ks in reversed(found) if ks), None)


def _text(value: object) -> str:
    return "" if value is None else value if isinstance(value, str) else json.dumps(value)
