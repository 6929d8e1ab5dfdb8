"""Making a KS from a partner's secret, as the console's "Make a KS" dialog asks for one.

The order arrives as the dialog's text fields; `read_order` checks each one and says, in the
user's terms, what a field should hold when it does not; `make` signs the KS with
`app.protocol.ks` (v2 by default, as the official clients' `generateSessionV2`, v1 as their
`generateSession`). `PRIVILEGES` are the privileges the dialog offers, each with what api_v3
does with it (docs/SANDBOX.md, KS privileges). Pure: no I/O, no web
imports; the secret is a value passed in and out, never kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.protocol import ks
from app.protocol.ks_status import TYPES

SECRET_PATTERN = re.compile(r"[0-9a-fA-F]{32}")
DEFAULT_EXPIRY = 86400  # the clients' and session.start's default lifetime, in seconds
# A privilege's name: what api_v3 splits on ":" and the v2 field list keys on. Names starting
# with "_" are v2's own fields (_e, _t, _u…); ";" would end v1's privileges field early.
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


@dataclass(frozen=True)
class Privilege:
    """One privilege the dialog offers: `value` says what follows `name:` ("" when nothing)."""

    name: str
    value: str
    explanation: str


PRIVILEGES: tuple[Privilege, ...] = (
    Privilege("sview", "entry id", "May play this entry even where it is scheduled or needs a KS."),
    Privilege("edit", "entry id or *", "May change this entry (or every entry, with *)."),
    Privilege("download", "entry id", "May download this entry's files."),
    Privilege("list", "entry id or *", "May list entries beyond the user's own."),
    Privilege("setrole", "role id", "Calls run with this user role's permissions instead."),
    Privilege("privacycontext", "context", "The categories' privacy context entitlement uses."),
    Privilege("enableentitlement", "", "Entitlement is enforced: only entitled entries are seen."),
    Privilege("disableentitlement", "", "Entitlement is not enforced: every entry is seen."),
    Privilege(
        "disableentitlementforentry", "entry id", "This entry is seen whatever entitlement says."
    ),
    Privilege("actionslimit", "number of calls", "The KS is refused after this many calls."),
    Privilege("iprestrict", "IP address", "The KS is taken only from this IP address."),
    Privilege("urirestrict", "URI prefix", "The KS is taken only for these URIs (* ends one)."),
    Privilege("enablechangeaccount", "partner id", "user.loginByKs may switch to this partner."),
)
KNOWN = {p.name: p for p in PRIVILEGES}
SESSION_TYPES = tuple(sorted(TYPES.items()))
"""(type, its name): USER (0) and ADMIN (2), as the KS inspector names them (ks_status.TYPES)."""
VERSIONS = ((2, "v2 (sealed)"), (1, "v1 (readable)"))
"""The KS versions the dialog offers, the first the default (what session.start gives)."""


@dataclass(frozen=True)
class KsOrder:
    """A checked order: everything `make` needs. `expiry` is seconds from now."""

    secret: str
    partner_id: int
    session_type: int
    user_id: str
    expiry: int
    privileges: str
    version: int = VERSIONS[0][0]

    @property
    def session_label(self) -> str:
        """`ADMIN` or `USER`."""
        return TYPES.get(self.session_type, str(self.session_type))


def compose_privileges(chosen: Iterable[str], values: Mapping[str, str], more: str) -> str:
    """The privileges string from the dialog: each chosen known privilege (with its value when
    it takes one), then the free text as written."""
    items = []
    for name in chosen:
        value = values.get(name, "").strip() if KNOWN.get(name, Privilege("", "", "")).value else ""
        items.append(ks.privilege_text(name, value))
    if more.strip():
        items.append(more.strip().strip(","))
    return ",".join(items)


def privilege_problem(privileges: str) -> str:
    """What is wrong with a privileges string ("" when nothing is)."""
    if ";" in privileges:
        return "A privilege cannot hold “;” (it ends the privileges in a v1 KS)."
    for name, value in ks.parse_privileges(privileges):
        if not _NAME.fullmatch(name):
            return (
                f"“{name}” is not a privilege name: a letter, then letters, digits or “_”, "
                "optionally followed by “:value”; privileges are separated by commas."
            )
        known = KNOWN.get(name)
        if known and known.value and not value:
            return f"{name} needs a value: {name}:<{known.value}>."
        if name == "actionslimit" and not (value.isdigit() and int(value) > 0):
            return "actionslimit needs a whole number of calls above 0, e.g. actionslimit:2."
    return ""


def read_order(fields: Mapping[str, str]) -> KsOrder | dict[str, str]:
    """The order in the dialog's fields (`secret`, `partnerId`, `type`, `userId`, `expiry`,
    `privileges`, `version`), or a message for each field that does not hold what it should."""
    problems: dict[str, str] = {}
    secret = fields.get("secret", "").strip()
    if not SECRET_PATTERN.fullmatch(secret):
        problems["secret"] = (
            "A partner's admin or user secret is 32 hexadecimal characters (0-9, a-f); "
            f"this one has {len(secret)} characters"
            + ("." if not secret or re.fullmatch(r"[0-9a-fA-F]*", secret) else ", not all hex.")
        )
    partner = fields.get("partnerId", "").strip()
    if not partner.isdigit():
        problems["partnerId"] = "The partner id is a whole number, e.g. 102."
    session_type = fields.get("type", "").strip()
    if session_type not in {str(value) for value, _ in SESSION_TYPES}:
        problems["type"] = "The type is USER (0) or ADMIN (2)."
    expiry = fields.get("expiry", "").strip()
    if not (expiry.isdigit() and int(expiry) > 0):
        problems["expiry"] = "The expiry is a number of seconds above 0, e.g. 86400 for a day."
    user_id = fields.get("userId", "").strip()
    if ";" in user_id:
        problems["userId"] = "A user id cannot hold “;” (it separates a v1 KS's fields)."
    privileges = fields.get("privileges", "").strip()
    if problem := privilege_problem(privileges):
        problems["privileges"] = problem
    version = fields.get("version", "").strip() or str(VERSIONS[0][0])
    if version not in {str(value) for value, _ in VERSIONS}:
        problems["version"] = "The KS version is 2 (sealed) or 1 (readable by anyone)."
    if problems:
        return problems
    return KsOrder(
        secret, int(partner), int(session_type), user_id, int(expiry), privileges, int(version)
    )


def make(
    order: KsOrder, now: int, *, random_bytes: bytes | None = None, rand: int | None = None
) -> str:
    """The KS `order` asks for, expiring `order.expiry` seconds after `now`. `random_bytes`
    (v2) and `rand` (v1) pin what is otherwise random, as tests need."""
    expiry = now + order.expiry
    if order.version == 1:
        return ks.encode_v1(
            order.secret,
            order.partner_id,
            user_id=order.user_id,
            session_type=order.session_type,
            expiry=expiry,
            privileges=order.privileges,
            rand=rand,
        )
    return ks.encode_v2(
        order.secret,
        order.partner_id,
        user_id=order.user_id,
        session_type=order.session_type,
        expiry=expiry,
        privileges=order.privileges,
        random_bytes=random_bytes,
    )
