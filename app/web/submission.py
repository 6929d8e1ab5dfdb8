"""Reading the console's Send form into what the pure encoder takes.

The form carries three kinds of fields: request-wide ones named `config.NAME`, the controls
(`service`, `action`, `send_anyway`), and the action's parameters under Kaltura's own colon
paths. Multirequest sub-requests prefix their fields with `N:`.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.datastructures import FormData, UploadFile

from app.protocol import fieldnames
from app.protocol.call import FilePart

# Not parameters: the call chosen and the Send's own control (`fieldnames` reads every name).
# The Code region's own controls come along with the form it renders and are no parameters either.
NOT_PARAMETERS = frozenset(
    {fieldnames.SERVICE, fieldnames.ACTION, fieldnames.SEND_ANYWAY}
    | {fieldnames.LANGUAGE, fieldnames.INCLUDE_SECRETS, fieldnames.SERVER}
)


@dataclass(frozen=True)
class Submission:
    service: str
    action: str
    config: dict[str, str]
    fields: tuple[tuple[str, str], ...]
    files: tuple[FilePart, ...]
    send_anyway: bool


async def read_submission(form: FormData) -> Submission:
    config: dict[str, str] = {}
    fields: list[tuple[str, str]] = []
    files: list[FilePart] = []
    for name, value in form.multi_items():
        if isinstance(value, UploadFile):
            if value.filename:  # an empty file input sends a part with no filename
                content = await value.read()
                files.append(
                    FilePart(
                        name,
                        value.filename,
                        content,
                        value.content_type or "application/octet-stream",
                    )
                )
        elif (meaning := fieldnames.read(name)).kind == "config":
            if value != "":
                config[meaning.path] = value
        elif name not in NOT_PARAMETERS:
            fields.append((name, value))
    return Submission(
        service=str(form.get(fieldnames.SERVICE) or ""),
        action=str(form.get(fieldnames.ACTION) or ""),
        config=config,
        fields=tuple(fields),
        files=tuple(files),
        send_anyway=form.get(fieldnames.SEND_ANYWAY) == "1",
    )
