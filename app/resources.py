"""Where the files that travel with the code live: templates, static assets, the default schema.

In a source checkout they sit at the top of the repository beside `app/`; in an installed wheel
they are packed inside `app/` (see `tool.hatch.build.targets.wheel.force-include`).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_path(name: str) -> Path:
    """The directory of `templates`, `static` or `schema`, wherever the project is installed."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the {name!r} directory is missing next to {_PACKAGE}")


def default_schema_path() -> Path:
    """The embedded schema of the services the sandbox implements."""
    return resource_path("schema") / "testme.xml"
