"""The core is pure and layered: no module of `app/protocol`, `app/forms` or `app/reference`, in
any subfolder, imports a web framework, the outbound client or the sandbox; `protocol` imports
neither of the other two, and `forms` does not import `reference` (docs/ARCHITECTURE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "app"
PACKAGES = ("protocol", "forms", "reference")  # each may import only the ones before it
FORBIDDEN = ("fastapi", "starlette", "jinja2", "httpx", "uvicorn", "app.web", "app.sandbox")


def imported(path: Path) -> set[str]:
    """Every module a file imports; a relative import is kept as `.name` (the core has none, and
    it is banned below, so it cannot hide a forbidden one)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.add("." * node.level + (node.module or ""))
    return names


def modules(app: Path) -> list[Path]:
    """Every module of the core packages, however deep (`reference/samples/…` included)."""
    return sorted(p for package in PACKAGES for p in (app / package).rglob("*.py"))


def broken(app: Path, path: Path) -> list[str]:
    """What one module imports against the rule: a relative import (the core spells every
    import in full), a forbidden name, or a package after its own in `PACKAGES`."""
    package = path.relative_to(app).parts[0]
    banned = (*FORBIDDEN, *(f"app.{p}" for p in PACKAGES[PACKAGES.index(package) + 1 :]))
    return sorted(
        name
        for name in imported(path)
        if name.startswith(".") or any(name == b or name.startswith(b + ".") for b in banned)
    )


def violations(app: Path) -> list[str]:
    """What breaks the rule in the core under `app`, as `file: imported name`."""
    return [
        f"{path.relative_to(app).as_posix()}: {name}"
        for path in modules(app)
        for name in broken(app, path)
    ]


@pytest.mark.parametrize("path", modules(APP), ids=lambda p: p.relative_to(APP).as_posix())
def test_core_module_imports_nothing_from_the_web_the_sandbox_or_a_later_package(
    path: Path,
) -> None:
    assert broken(APP, path) == []


def test_the_boundary_check_sees_every_core_module_in_every_subfolder() -> None:
    found = {p.relative_to(APP).as_posix() for p in modules(APP)}
    assert {"protocol/wire.py", "forms/form_calls.py", "reference/finder.py"} <= found
    assert "reference/samples/python.py" in found
    assert len(found) == len(list(APP.glob("protocol/**/*.py"))) + len(
        list(APP.glob("forms/**/*.py"))
    ) + len(list(APP.glob("reference/**/*.py")))
    assert "app.protocol.schema" in imported(APP / "forms" / "fields.py")


def _plant(app: Path, where: str, source: str) -> None:
    for package in PACKAGES:
        (app / package).mkdir(parents=True, exist_ok=True)
        (app / package / "__init__.py").write_text("")
    path = app / where
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source)


@pytest.mark.parametrize(
    ("where", "source", "caught"),
    [
        ("reference/samples/deep/planted.py", "from fastapi import Request\n", "fastapi"),
        ("forms/sub/planted.py", "import httpx\n", "httpx"),
        ("protocol/planted.py", "from app.forms import links\n", "app.forms"),
        ("forms/planted.py", "from app.reference.samples import render\n", "app.reference.samples"),
        ("reference/planted.py", "from app.web.templating import render\n", "app.web.templating"),
        ("reference/samples/planted.py", "from ..deep import x\n", "..deep"),
    ],
)
def test_the_boundary_check_catches_an_import_planted_anywhere_in_the_core(
    tmp_path: Path, where: str, source: str, caught: str
) -> None:
    app = tmp_path / "app"
    _plant(app, where, source)
    _plant(app, "forms/clean.py", "from app.protocol import schema\n")
    assert violations(app) == [f"{where}: {caught}"]
