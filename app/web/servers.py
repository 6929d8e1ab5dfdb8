"""The servers a console talks to, by name: TESTME_SERVERS, beside the embedded sandbox.

Each server has its own `ConsoleState` (schema, forms, upstream). A browser only ever names a
server (the Server select posts its name; `?__server=` picks one for a page, the docs or the
schema file); an unknown name is refused, so the outbound allow-list is exactly these bases.
The chosen name is kept in the session for the pages that do not name one; a console page's
fragments always name theirs (send.js), so two tabs on two servers never mix.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

from fastapi import Request

from app.protocol import fieldnames
from app.web.console_state import ConsoleState
from app.web.errors import ConsoleError

CHOSEN = "server"  # the session key of the chosen server's name


class UnknownServer(ConsoleError):
    status_code = 400


@dataclass(frozen=True)
class Server:
    name: str
    console: ConsoleState
    note: str = ""  # "unreachable, embedded schema" when its schema could not be fetched
    notice: str = ""  # the same beside Target, in a sentence (`LoadedSchema.notice`)

    @property
    def target(self) -> str:
        return self.console.settings.service_url or "embedded sandbox"

    def target_line(self, servers: Servers) -> str:
        """What the page's Target says: with several servers, the name too, since the Server
        select may be too narrow to show a long one whole."""
        return f"{self.name} — {self.target}" if servers.several else self.target

    @property
    def label(self) -> str:
        return f"{self.name} — {self.target}" + (f" ({self.note})" if self.note else "")


@dataclass(frozen=True)
class Servers:
    """In the order configured; the first is the one a new browser starts with."""

    servers: tuple[Server, ...]

    @property
    def default(self) -> Server:
        return self.servers[0]

    @property
    def several(self) -> bool:
        return len(self.servers) > 1

    def named(self, name: str) -> Server:
        for server in self.servers:
            if server.name == name:
                return server
        known = ", ".join(s.name for s in self.servers)
        raise UnknownServer(f"No server named {name!r} in TESTME_SERVERS (known: {known}).")

    def chosen(self, request: Request, posted: str = "") -> Server:
        """The server a request is for: the name it posts or asks for, else this browser's
        last choice, else the first. A name a page's address asks for (the Server select's
        `?__server=`) becomes the browser's choice; a posted one is a tab's own and does not:
        every fragment posts its tab's server, and were each to write the choice, overlapping
        requests would put back each other's older cookie (session_cookie.py)."""
        if posted:
            return self.named(posted)
        asked = request.query_params.get(fieldnames.SERVER, "")
        if asked:
            server = self.named(asked)
            if self.several:
                request.session[CHOSEN] = server.name
            return server
        kept = str(request.session.get(CHOSEN, ""))
        known = {s.name for s in self.servers}
        return self.named(kept) if kept in known else self.default

    def replaced(self, name: str, console: ConsoleState) -> Servers:
        """The registry with server `name` holding `console` (a reloaded schema, so its
        "unreachable" note and notice go), for the caller to swap in with one assignment."""
        return Servers(
            tuple(Server(s.name, console) if s.name == name else s for s in self.servers)
        )

    def memory(self, request: Request, server: Server) -> MutableMapping[str, Any]:
        """Where the session keeps what is per server (the KS): the first server's is the
        session itself, so one-server consoles keep the cookies they had; the others' are
        kept under their names, so a KS never travels to another server."""
        if server is self.default:
            return request.session
        kept: dict[str, dict[str, Any]] = request.session.setdefault("servers", {})
        return kept.setdefault(server.name, {})
