"""`uploadToken.*`: files uploaded whole or in chunks, kept under the data dir.

`upload` honours `resume` (append, or write at `resumeAt`; chunks may come in any order and
wait for the ones before them, `app.sandbox.chunks`), `finalChunk` (PARTIAL_UPLOAD until the
last chunk, then FULL_UPLOAD; a final chunk at `resumeAt` while earlier ones are missing is
UPLOAD_TOKEN_CANNOT_MATCH_EXPECTED_SIZE, to be sent again) and `autoFinalize` with `fileSize`;
a file beyond the configured cap is `FILE_SIZE_EXCEEDED`. `media.upload`/`baseEntry.upload`
make a complete token in one call (`upload_whole`), which `addFromUploadedFile` takes.

A token is attached to an object (`media.addContent`) before or after its file is complete, as
api_v3 allows: attached when FULL_UPLOAD it is CLOSED at once; attached while PENDING or
PARTIAL_UPLOAD it stays so, and the upload that completes it hands the file to the object's
finisher (registered by the object's service with `when_uploaded`) and is CLOSED then.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from pathlib import Path

from app.sandbox import chunks, listing
from app.sandbox.context import CallContext, Params, handles
from app.sandbox.errors import KalturaApiError
from app.sandbox.services.changes import apply_changes
from app.sandbox.store import KObject
from app.sandbox.wire import UploadedFile

TOKEN_KIND = "uploadToken"
PENDING, PARTIAL_UPLOAD, FULL_UPLOAD, CLOSED = 0, 1, 2, 3
TRUE_VALUE = 1
_COPY_CHUNK = 1024 * 1024

# Called with the object a completed token is attached to; True when it took the file.
UploadFinisher = Callable[[CallContext, str, KObject], bool]
_finishers: dict[str, UploadFinisher] = {}


def when_uploaded(object_type: str) -> Callable[[UploadFinisher], UploadFinisher]:
    """Register what happens to an `object_type` when a token attached to it is complete."""

    def register(finisher: UploadFinisher) -> UploadFinisher:
        _finishers[object_type] = finisher
        return finisher

    return register


def token_file(ctx: CallContext, token_id: str) -> Path:
    """Where a token's bytes are kept while it is open."""
    return ctx.config.uploads_dir / f"{ctx.partner_id}-{token_id}"


def _find(ctx: CallContext, token_id: str) -> KObject:
    token = ctx.db.get(TOKEN_KIND, token_id, ctx.partner_id)
    session = ctx.user_session
    if token is None or not (session.sees_everything or token.get("userId") == session.user_id):
        raise KalturaApiError("UPLOAD_TOKEN_NOT_FOUND")
    return token


def _save(ctx: CallContext, token: KObject) -> KObject:
    token["updatedAt"] = ctx.now
    ctx.db.put(TOKEN_KIND, str(token["id"]), ctx.partner_id, token)
    return token


def _new_token(ctx: CallContext) -> KObject:
    return {
        "objectType": "KalturaUploadToken",
        "id": "0_" + secrets.token_hex(16),
        "partnerId": ctx.partner_id,
        "userId": ctx.user_session.user_id,
        "status": PENDING,
        "uploadedFileSize": 0.0,
        "createdAt": ctx.now,
    }


@handles("uploadToken", "add")
def add(ctx: CallContext, params: Params) -> KObject:
    token = _new_token(ctx)
    apply_changes(ctx.schema, token, params["uploadToken"], inserting=True)
    return _save(ctx, token)


def upload_whole(ctx: CallContext, data: UploadedFile) -> KObject:
    """A token holding `data` complete (FULL_UPLOAD): what the deprecated `media.upload` and
    `baseEntry.upload` hand back (their string is its id), for `addFromUploadedFile`."""
    token = _save(ctx, _new_token(ctx))
    whole: KObject = upload(
        ctx,
        {
            "uploadTokenId": token["id"],
            "fileData": data,
            "resume": False,
            "resumeAt": None,
            "finalChunk": True,
        },
    )
    return whole


def full_token(ctx: CallContext, token_id: str) -> KObject:
    """A token `addFromUploadedFile` may take: the caller's, complete and not used yet."""
    token = ctx.db.get(TOKEN_KIND, token_id, ctx.partner_id)
    if token is None:
        raise KalturaApiError("UPLOADED_FILE_NOT_FOUND_BY_TOKEN")
    if token.get("status") != FULL_UPLOAD:
        raise KalturaApiError("UPLOAD_TOKEN_INVALID_STATUS_FOR_ADD_ENTRY")
    return token


def close(ctx: CallContext, token: KObject) -> None:
    """Its file was taken: the token is CLOSED and its bytes are gone from the uploads."""
    token["status"] = CLOSED
    _save(ctx, token)
    token_file(ctx, str(token["id"])).unlink(missing_ok=True)


@handles("uploadToken", "get")
def get(ctx: CallContext, params: Params) -> KObject:
    return _find(ctx, params["uploadTokenId"])


@handles("uploadToken", "delete")
def delete(ctx: CallContext, params: Params) -> None:
    token = _find(ctx, params["uploadTokenId"])
    ctx.db.delete(TOKEN_KIND, str(token["id"]), ctx.partner_id)
    token_file(ctx, str(token["id"])).unlink(missing_ok=True)


@handles("uploadToken", "list")
def list_tokens(ctx: CallContext, params: Params) -> KObject:
    session = ctx.user_session
    tokens = [
        t
        for t in ctx.db.all(TOKEN_KIND, ctx.partner_id)
        if session.sees_everything or t.get("userId") == session.user_id
    ]
    return listing.list_response(
        ctx.schema,
        "KalturaUploadTokenListResponse",
        "KalturaUploadToken",
        tokens,
        params["filter"],
        params["pager"],
    )


@handles("uploadToken", "upload")
def upload(ctx: CallContext, params: Params) -> KObject:
    token = _find(ctx, params["uploadTokenId"])
    if token.get("status") not in (PENDING, PARTIAL_UPLOAD):
        raise KalturaApiError("UPLOAD_TOKEN_INVALID_STATUS_FOR_UPLOAD")
    data: UploadedFile = params["fileData"]
    path = token_file(ctx, str(token["id"]))
    raw_at = params["resumeAt"]
    resume_at = None if raw_at is None or raw_at < 0 else int(raw_at)
    chunk_size = chunks.size_of(data.stream)
    current = path.stat().st_size if params["resume"] and path.exists() else 0
    offset = current if resume_at is None else resume_at
    if offset + chunk_size > ctx.config.max_upload_bytes:
        raise KalturaApiError("FILE_SIZE_EXCEEDED", ctx.config.max_upload_bytes)
    if not params["resume"]:
        uploaded = chunks.start(path, data.stream)
    elif not path.exists():
        raise KalturaApiError("UPLOAD_TOKEN_CANNOT_RESUME")
    else:
        uploaded = chunks.place(path, data.stream, resume_at)
        # The final chunk at `resumeAt` ends the file: until the chunks before it are all in,
        # api_v3 refuses it, and the client sends it again (uploadToken.upload's description).
        if params["finalChunk"] and resume_at and uploaded != resume_at + chunk_size:
            raise KalturaApiError("UPLOAD_TOKEN_CANNOT_MATCH_EXPECTED_SIZE")
    token["uploadedFileSize"] = float(uploaded)
    token["fileName"] = token.get("fileName") or data.filename
    expected = token.get("fileSize")
    auto_done = token.get("autoFinalize") == TRUE_VALUE and expected and uploaded >= expected
    token["status"] = FULL_UPLOAD if params["finalChunk"] or auto_done else PARTIAL_UPLOAD
    if token["status"] == FULL_UPLOAD:
        chunks.discard_parked(path)
        _hand_over(ctx, token)
    return _save(ctx, token)


def _hand_over(ctx: CallContext, token: KObject) -> None:
    """api_v3 gives a completed token's file to the object it is attached to and closes the token in
    the same call; a token attached to nothing, or to an object gone since, stays FULL_UPLOAD for a
    later `addContent`."""
    finisher = _finishers.get(str(token.get("attachedObjectType") or ""))
    if finisher and finisher(ctx, str(token.get("attachedObjectId") or ""), token):
        token["status"] = CLOSED


def attach_token(ctx: CallContext, token_id: str, object_type: str, object_id: str) -> KObject:
    """Attach a token to an object (`media.addContent`); the caller reads the returned token's
    status: CLOSED means the file is there now, PENDING or PARTIAL_UPLOAD that it will follow.

    api_v3 answers UPLOAD_TOKEN_NOT_FOUND for an unknown or deleted token. It does not check a
    used (CLOSED) or timed-out token and leaves the entry waiting in IMPORT for ever; the
    sandbox refuses those with the error api_v3 defines for "the token was used" instead.
    """
    token = ctx.db.get(TOKEN_KIND, token_id, ctx.partner_id)
    if token is None:
        raise KalturaApiError("UPLOAD_TOKEN_NOT_FOUND")
    status = token.get("status")
    if status not in (PENDING, PARTIAL_UPLOAD, FULL_UPLOAD):
        raise KalturaApiError("UPLOAD_TOKEN_INVALID_STATUS_FOR_ADD_ENTRY")
    token.update(attachedObjectType=object_type, attachedObjectId=object_id)
    if status == FULL_UPLOAD:
        token["status"] = CLOSED
    return _save(ctx, token)
