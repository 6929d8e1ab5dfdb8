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


def imported_modules(path: Path) -> set[str]:
    """`imported`, and each name a `from` import takes (`from app.forms import links` takes the
    module `app.forms.links`; a name that is no module is dropped by the caller)."""
    names = imported(path)
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def import_cycle(app: Path) -> list[str]:
    """A chain of core modules that import each other round to the first, or [] if none."""
    name_of = {
        path: ".".join(("app", *path.relative_to(app).with_suffix("").parts)).removesuffix(
            ".__init__"
        )
        for path in modules(app)
    }
    graph = {
        name: sorted({n for n in imported_modules(path) if n in name_of.values()} - {name})
        for path, name in name_of.items()
    }
    done: set[str] = set()

    def visit(name: str, chain: list[str]) -> list[str]:
        if name in chain:
            return [*chain[chain.index(name) :], name]
        if name in done:
            return []
        for nxt in graph[name]:
            if found := visit(nxt, [*chain, name]):
                return found
        done.add(name)
        return []

    return next((c for name in sorted(graph) if (c := visit(name, []))), [])


def test_no_two_core_modules_import_each_other_round() -> None:
    assert import_cycle(APP) == []


def test_the_cycle_check_finds_a_planted_cycle(tmp_path: Path) -> None:
    app = tmp_path / "app"
    _plant(app, "forms/a.py", "from app.forms import b\n")
    _plant(app, "forms/b.py", "from app.forms.c import x\n")
    _plant(app, "forms/c.py", "import app.forms.a\n")
    assert import_cycle(app) == ["app.forms.a", "app.forms.b", "app.forms.c", "app.forms.a"]
