"""The browser code is ES modules with one owner per concern (static/README.md): a static scan
of `static/*.js` that fails if a `window.testme…` global (or any other global the page's own
code defines) comes back, if a module adds a document-level listener of its own instead of
registering with events.js (which adds one per event type), or if a module is left that
nothing imports."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.resources import resource_path

STATIC = Path(resource_path("static"))
BASE = Path(resource_path("templates")) / "base.html"
VENDORED = {"htmx.min.js"}  # htmx's own classic script, served as released
SCRIPTS = sorted(p for p in STATIC.glob("*.js") if p.name not in VENDORED)
IMPORT = re.compile(r"""^\s*import\s+(?:[^"';]*?\s+from\s+)?["'](\./[\w.-]+)["']""", re.M)
LATER = re.compile(r"""\bimport\(\s*["'](\./[\w.-]+)["']\s*\)""")
"""A module loaded when first needed (`import("./follow.js")` in main.js)."""
ENTRY = re.compile(
    r"""<script\s+type="module"\s+src="\{\{\s*static_url\("([\w.-]+)"\)\s*\}\}"></script>"""
)
CLASSIC = re.compile(
    r"""<script\s+src="\{\{\s*static_url\("([\w.-]+)"\)\s*\}\}"(?:\s+defer)?></script>"""
)


def imports(script: Path) -> list[str]:
    text = script.read_text()
    return [target.removeprefix("./") for target in IMPORT.findall(text) + LATER.findall(text)]


def is_module(script: Path) -> bool:
    return bool(re.search(r"^\s*(import|export)\b", script.read_text(), re.M))


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_no_script_defines_a_window_global(script: Path) -> None:
    text = script.read_text()
    assert "window.testme" not in text
    assert re.findall(r"\b(?:window|globalThis|self)\.[\w$]+\s*=(?!=)", text) == []


def test_only_events_js_listens_on_the_document_once_per_event_type() -> None:
    """A module registers with `on(type, handler)` from events.js, which adds the one
    document-level listener of each type; a second `document.addEventListener` anywhere
    would be a second listener for some type."""
    adding = {
        script.name: len(re.findall(r"\bdocument\s*\.\s*addEventListener\s*\(", script.read_text()))
        for script in SCRIPTS
    }
    assert {name: n for name, n in adding.items() if n} == {"events.js": 1}
    events = (STATIC / "events.js").read_text()
    assert "if (!handlers.has(type))" in events  # added only for a type not seen before


def test_every_module_is_loaded_by_the_page_or_imported_by_another() -> None:
    page = BASE.read_text()
    entries, classic = ENTRY.findall(page), CLASSIC.findall(page)
    assert entries == ["main.js"]
    assert "<script>" not in page and '<script type="module">' not in page  # none inline
    modules = [script for script in SCRIPTS if is_module(script)]
    imported = {target for script in modules for target in imports(script)}
    assert sorted(imported - {p.name for p in modules}) == []  # every import names a module
    orphans = [p.name for p in modules if p.name not in imported and p.name not in entries]
    assert orphans == []
    # The rest are classic scripts the page loads itself: htmx, and the theme before first paint.
    assert sorted(p.name for p in SCRIPTS if not is_module(p)) == ["theme-first-paint.js"]
    assert sorted(classic) == ["htmx.min.js", "theme-first-paint.js"]
    assert page.index("htmx.min.js") < page.index('static_url("main.js")')


def test_main_imports_every_module_that_answers_events() -> None:
    """main.js fixes the order handlers run in for one event: every module that registers a
    handler is imported there, not only through another module."""
    main = set(imports(STATIC / "main.js"))
    listening = {p.name for p in SCRIPTS if re.search(r"^\s*on\(|\n\s+on\(", p.read_text())}
    assert sorted(listening - main - {"events.js"}) == []
