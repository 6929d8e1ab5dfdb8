"""The URLs an entry's content is delivered at, in api_v3's shapes, and reading them back. Pure.

    {origin}/p/{pid}/sp/{pid}00/playManifest/entryId/{id}/format/url/protocol/http/ks/{ks}/a.mp4
    {origin}/p/{pid}/sp/{pid}00/playManifest/entryId/{id}/flavorId/{fid}/format/download/…
    {origin}/p/{pid}/sp/{pid}00/playManifest/entryId/{id}/flavorIds/{fid}/format/url/…/a.mp4
    {origin}/p/{pid}/sp/{pid}00/raw/entry_id/{id}/version/{v}/ks/{ks}
    {origin}/p/{pid}/sp/{pid}00/thumbnail/entry_id/{id}/version/{v}/ks/{ks}

An entry's `dataUrl`, `downloadUrl` and `thumbnailUrl` in api_v3 are the first, the download
and the last (under the partner's "/p/{pid}/sp/{pid}00"); the extwidget
module's preview and openGraph actions build playManifest URLs ending in the file name `a.mp4`
(docs/SANDBOX.md "Playable media"). The path after the module is `name/value` pairs; an odd last
segment is a file name. The KS rides in the path as `ks/{ks}`, where api_v3 reads it too.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlsplit

MODULES = ("playManifest", "raw", "thumbnail")


def partner_path(partner_id: int) -> str:
    return f"/p/{partner_id}/sp/{partner_id}00"


def _ks_part(ks: str) -> str:
    return f"/ks/{quote(ks, safe='')}" if ks else ""


def play_manifest_url(
    origin: str,
    partner_id: int,
    entry_id: str,
    ks: str,
    *,
    file_format: str = "url",
    flavor_id: str = "",
    file_name: str = "a.mp4",
    flavor_key: str = "flavorId",
) -> str:
    """`flavor_key` is `flavorIds` in a playback source, as api_v3 builds its URL."""
    scheme = urlsplit(origin).scheme or "http"
    flavor = f"/{flavor_key}/{flavor_id}" if flavor_id else ""
    return (
        f"{origin}{partner_path(partner_id)}/playManifest/entryId/{entry_id}{flavor}"
        f"/format/{file_format}/protocol/{scheme}{_ks_part(ks)}/{quote(file_name)}"
    )


def raw_url(origin: str, partner_id: int, entry_id: str, version: int, ks: str) -> str:
    return (
        f"{origin}{partner_path(partner_id)}/raw/entry_id/{entry_id}/version/{version}"
        f"{_ks_part(ks)}"
    )


def thumbnail_url(
    origin: str, partner_id: int, entry_id: str, version: int, ks: str, thumb_id: str = ""
) -> str:
    asset = f"/thumb_asset_id/{thumb_id}" if thumb_id else ""
    return (
        f"{origin}{partner_path(partner_id)}/thumbnail/entry_id/{entry_id}{asset}"
        f"/version/{version}{_ks_part(ks)}"
    )


@dataclass(frozen=True)
class Delivery:
    """A delivery URL read back: what to serve, and the KS that asks for it."""

    module: str
    entry_id: str
    flavor_id: str = ""
    thumb_id: str = ""
    ks: str = ""
    file_name: str = ""
    file_format: str = ""  # playManifest's `format`: url (play), download


def read_path(module: str, rest: str) -> Delivery | None:
    """The `name/value/…[/file]` tail after `/p/{pid}[/sp/{sp}]/{module}/`; None when it names
    no entry."""
    if module not in MODULES:
        return None
    parts = [p for p in rest.split("/") if p]
    file_name = parts.pop() if len(parts) % 2 else ""
    pairs = dict(zip(parts[::2], parts[1::2], strict=True))
    entry_id = pairs.get("entryId") or pairs.get("entry_id") or ""
    if not entry_id:
        return None
    return Delivery(
        module=module,
        entry_id=entry_id,
        flavor_id=(pairs.get("flavorId") or pairs.get("flavorIds") or "").split(",")[0],
        thumb_id=pairs.get("thumb_asset_id") or "",
        ks=pairs.get("ks", ""),
        file_name=file_name,
        file_format=pairs.get("format", ""),
    )
