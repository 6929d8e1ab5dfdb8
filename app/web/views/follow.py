"""`GET /api_v3/testme/follow`: the menu of an id in the Result, asked for when it is opened.

The Result marks each id it can follow (`app/protocol/answer_ids.py`) and nothing more, so a
long answer carries a bare button per id; static/follow.js asks here for that id's menu: the
actions that take it (`app/forms/following.py`), each a console link that opens the action's
form filled (keeping the configuration's choices, the answer format, and the tab's server),
and where "Use in the form" puts it in the form as it is now (the browser sends the form's
selects: the calls and the configuration chosen, never a value typed, so never a secret).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.forms import following
from app.protocol.answer_ids import LONGEST_ID
from app.web.templating import fragment
from app.web.urls import CONSOLE, url_for
from app.web.views.console import state

router = APIRouter(prefix=CONSOLE)


@dataclass(frozen=True)
class Followed:
    """An action's link (`label`: `media.get`), opening its form with the id in `path`."""

    label: str
    href: str
    path: str


@dataclass(frozen=True)
class FollowMenu:
    id: str
    kind: str
    actions: tuple[Followed, ...]
    targets: str  # the form fields that take it, space-separated, in the order tried
    absent: str  # what "Use in the form" says when the form shows none of them
    nothing_takes: str  # … and when no field of the form takes the id


@router.get("/follow", response_class=HTMLResponse, name="follow")
async def follow(request: Request, kind: str = "", id: str = "", type: str = "") -> HTMLResponse:
    value = id[:LONGEST_ID]
    pairs = list(request.query_params.multi_items())
    found = following.menu(state(request).schema, kind, type, pairs)
    page = url_for(request.app, "page")
    actions = tuple(
        Followed(o.label, f"{page}?{urlencode([*o.fields(value), *found.kept])}", o.path)
        for o in found.offers
    )
    targets = " ".join(t.name for t in found.targets)
    menu = FollowMenu(value, kind, actions, targets, found.absent, found.nothing_takes)
    return fragment(request, "_follow_menu.html", menu)
