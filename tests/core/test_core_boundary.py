"""The Kaltura core is pure: no module of app/kaltura imports a web framework, the outbound
client or the sandbox (STYLE.md: the boundary is written down, and this test keeps it)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[2] / "app" / "kaltura"
FORBIDDEN = ("fastapi", "starlette", "jinja2", "httpx", "uvicorn", "app.web", "app.sandbox")


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted(CORE.glob("*.py")), ids=lambda p: p.name)
def test_core_module_imports_nothing_from_the_web_or_the_sandbox(path: Path) -> None:
    bad = sorted(
        name for name in imported(path) for f in FORBIDDEN if name == f or name.startswith(f + ".")
    )
    assert bad == [], f"{path.name} imports {bad}"


def test_the_boundary_check_sees_the_core() -> None:
    assert len(list(CORE.glob("*.py"))) >= 8
    assert "app.kaltura.schema" in imported(CORE / "forms.py")
