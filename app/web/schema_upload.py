"""A schema file posted to the docs' Changes page: read in memory, never stored.

The multipart body is parsed as it streams in, its file kept in memory (python-multipart would
spill a file over 1 MiB to a temporary file; the cap below keeps it from ever reaching that
size's limit), and the body is cut off past `UPLOAD_LIMIT`: the rest is read and dropped so the
browser gets the page saying why rather than a reset connection.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import Request
from python_multipart.multipart import Field, File, FormParser, parse_options_header

UPLOAD_LIMIT = 16 * 1024 * 1024  # 22.15.0's whole schema is 1.2 MB; OTT's are smaller


class UploadProblem(Exception):
    """Why nothing can be read from the posted form; the message is the page's."""


@dataclass
class Upload:
    filename: str = ""
    data: bytes = b""
    fields: dict[str, str] = field(default_factory=dict)


async def read_upload(request: Request, file_field: str, limit: int = UPLOAD_LIMIT) -> Upload:
    """The file posted as `file_field` (its name and bytes) and the form's other fields."""
    media_type, options = parse_options_header(request.headers.get("content-type", ""))
    boundary = options.get(b"boundary")
    if media_type != b"multipart/form-data" or not boundary:
        raise UploadProblem("Choose a schema file to compare (the form posts it as a file).")
    upload = Upload()

    def on_field(posted: Field) -> None:
        name, value = posted.field_name or b"", posted.value or b""
        upload.fields[name.decode(errors="replace")] = value.decode(errors="replace")

    def on_file(posted: File) -> None:
        if posted.field_name and posted.field_name.decode(errors="replace") == file_field:
            posted.file_object.seek(0)
            upload.filename = (posted.file_name or b"").decode(errors="replace")
            upload.data = posted.file_object.read()

    config = {"MAX_MEMORY_FILE_SIZE": limit + 1}  # in memory: the body itself is capped at limit
    parser = FormParser("multipart/form-data", on_field, on_file, boundary=boundary, config=config)
    seen, broken = 0, ""
    async for chunk in request.stream():
        seen += len(chunk)
        if seen > limit or broken:
            continue  # read to the end and dropped, so the browser gets the page
        try:
            parser.write(chunk)
        except ValueError as exc:  # python-multipart's parse errors are ValueErrors
            broken = str(exc)
    if seen > limit:
        raise UploadProblem(f"The file is too big: up to {limit // (1024 * 1024)} MB is read.")
    try:
        parser.finalize()
    except ValueError as exc:
        broken = broken or str(exc)
    if broken:
        raise UploadProblem(f"The form could not be read: {broken}")
    return upload
