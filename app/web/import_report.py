"""What the page an Import opened says about it: the call, notes, and what was not placed.

Kept in the session (the signed cookie, beside the KS) between the Import's POST and the page it
redirects to, and taken once. The cookie holds about 4 KB, so a long list is cut short and
counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.forms.call_import import Imported
from app.web.ks_memory import Session

REPORT_KEY = "import_report"
# The report rides in the session cookie (about 4 KB with the KS): a long list is cut short.
SHOWN_LINES, LONGEST = 8, 100


@dataclass(frozen=True)
class ImportReport:
    """What the page opened by an Import says: the call, notes, and each (name, why) not placed."""

    call: str
    notes: tuple[str, ...]
    not_placed: tuple[tuple[str, str], ...]
    more: int = 0  # lines past SHOWN_LINES, counted only


def _cut(text: str) -> str:
    return text if len(text) <= LONGEST else text[: LONGEST - 1] + "…"


def keep_report(session: Session, imported: Imported) -> None:
    lines = [[_cut(d.name), _cut(d.reason)] for d in imported.not_placed]
    session[REPORT_KEY] = {
        "call": imported.call,
        "notes": [_cut(n) for n in imported.notes],
        "not_placed": lines[:SHOWN_LINES],
        "more": max(0, len(lines) - SHOWN_LINES),
    }


def take_report(session: Session) -> ImportReport | None:
    """The report of the Import that opened this page, once."""
    kept: Any = session.pop(REPORT_KEY, None)
    if not isinstance(kept, dict):
        return None
    return ImportReport(
        str(kept.get("call", "")),
        tuple(str(n) for n in kept.get("notes", [])),
        tuple((str(n), str(r)) for n, r in kept.get("not_placed", [])),
        int(kept.get("more", 0)),
    )
