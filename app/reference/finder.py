"""The finder: fuzzy matching over a schema's services, actions, classes, enums and errors.

`FinderIndex(schema)` is built once per schema; `index.find(query)` ranks the entries by tier:
an exact name, then a name's prefix, then the query read as prefixes of successive words of the
name (`medlist` → media.list, `KMEF` → KalturaMediaEntryFilter), then a substring, then any
subsequence. Words are camelCase humps and the parts between `.` and `_`. A cheap regex prefilter
(run by `re` in C) keeps the per-keystroke Python work to the few names that can match at all.
Pure: no I/O, no web imports; the web layer turns a `Hit` into a link.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Literal

from app.protocol.schema import Schema

Kind = Literal["service", "action", "class", "enum", "error"]
KIND_ORDER: dict[Kind, int] = {"service": 0, "action": 1, "class": 2, "enum": 3, "error": 4}

_WORDS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")

EXACT, PREFIX, WORDS, SUBSTRING, SUBSEQUENCE = 5000, 4000, 3000, 2000, 1000


@dataclass(frozen=True)
class Hit:
    """One thing found: `label` as shown (`media.list`), what it is, and where it lives
    (`service` and `action` for an action, `name` for the rest)."""

    kind: Kind
    label: str
    service: str = ""
    action: str = ""
    name: str = ""


@dataclass(frozen=True)
class _Entry:
    hit: Hit
    keys: tuple[str, ...]  # lowercased names to match whole (label, bare action, no "Kaltura")
    words: tuple[str, ...]  # lowercased words of the label
    haystack: str  # the keys joined by "\n", for the prefilter


def words_of(name: str) -> tuple[str, ...]:
    """`KalturaMediaEntryFilter` → kaltura, media, entry, filter; `elasticsearch_esearch.
    searchEntry` → elasticsearch, esearch, search, entry; `ENTRY_ID_NOT_FOUND` → entry, id…"""
    return tuple(w.lower() for w in _WORDS.findall(name))


def _entry(hit: Hit, *names: str) -> _Entry:
    keys = tuple(dict.fromkeys(n.lower() for n in names if n))
    return _Entry(hit, keys, words_of(hit.label), "\n".join(keys))


def _entries(schema: Schema) -> list[_Entry]:
    found: list[_Entry] = []
    for service in schema.services:
        found.append(_entry(Hit("service", service.id, service=service.id), service.id))
        for action in service.actions:
            label = f"{service.id}.{action.name}"
            hit = Hit("action", label, service=service.id, action=action.name)
            found.append(_entry(hit, label, action.name, f"{service.name}.{action.name}"))
    for kind, names in (("class", schema.classes), ("enum", schema.enums)):
        for name in names:
            short = name.removeprefix("Kaltura")
            found.append(_entry(Hit(kind, name, name=name), name, short))  # type: ignore[arg-type]
    for error in schema.errors.values():  # found by code too (OTT's are numbers), shown by name
        hit = Hit("error", error.name, name=error.name)
        found.append(_entry(hit, error.name, error.code.strip()))
    return found


def _word_pattern(query: str) -> re.Pattern[str] | None:
    """A regex over one line of space-led words (` kaltura media entry filter`) matching when
    `query` reads as non-empty prefixes of successive words, words between skipped: each next
    character continues the word or starts a later one."""
    chars = [re.escape(c) for c in query if c.isalnum()]
    if not chars:
        return None
    step = "(?:[^ \n]*(?: [^ \n]*)*? )?"
    return re.compile(" " + step.join(chars))


def score(query: str, entry: _Entry, by_words: set[int], first_word: set[int], i: int) -> float:
    """Entry `i`'s score for a lowercased, space-free `query` (higher is better); `by_words`
    holds the entries whose words the query reads as prefixes of, `first_word` those where
    that reading starts at the first word."""
    tier = SUBSEQUENCE
    for key in entry.keys:
        if key == query:
            tier = EXACT
            break
        if key.startswith(query):
            tier = PREFIX
    if tier == SUBSEQUENCE:
        if i in by_words:
            tier = WORDS + (50 if i in first_word else 0)
        elif query in entry.haystack:
            tier = SUBSTRING
    return tier - len(entry.hit.label)  # the shorter name first within a tier


@dataclass(frozen=True)
class FinderIndex:
    """Everything findable in one schema, built once (`FinderIndex.of(schema)`)."""

    entries: tuple[_Entry, ...] = field(repr=False)
    haystack: str = field(repr=False)  # every entry's keys, one entry per line, for the prefilter
    starts: tuple[int, ...] = field(repr=False)  # where each line of the haystack starts
    words: str = field(repr=False)  # every entry's words, space-led, one entry per line
    word_starts: tuple[int, ...] = field(repr=False)

    @classmethod
    def of(cls, schema: Schema) -> FinderIndex:
        entries = tuple(_entries(schema))
        lines = [e.haystack.replace("\n", "\t") for e in entries]
        words = ["".join(" " + w for w in e.words) for e in entries]
        return cls(entries, "\n".join(lines), _starts(lines), "\n".join(words), _starts(words))

    def find(self, query: str, limit: int = 12) -> list[Hit]:
        q = "".join(query.split()).lower()
        if not q:
            return []
        # A subsequence within one line, found by `re`: the entries that can match at all. Tried
        # from line starts only, with possessive skips (`[^\nc]*+c`, the first c): linear.
        skips = "".join(f"[^\\n{re.escape(c)}]*+{re.escape(c)}" for c in q)
        pattern = re.compile("^" + skips, re.MULTILINE)
        lines = _lines(pattern, self.haystack, self.starts)
        by_words: set[int] = set()
        first_word: set[int] = set()
        words = _word_pattern(q)
        if words:
            for m in words.finditer(self.words):
                line = bisect_right(self.word_starts, m.start()) - 1
                by_words.add(line)
                if m.start() == self.word_starts[line]:
                    first_word.add(line)
        scored = []
        for i in lines | by_words:
            hit = self.entries[i].hit
            points = score(q, self.entries[i], by_words, first_word, i)
            scored.append((-points, KIND_ORDER[hit.kind], hit.label, hit))
        scored.sort(key=lambda s: s[:3])
        return [s[3] for s in scored[:limit]]


def _starts(lines: list[str]) -> tuple[int, ...]:
    """Where each line starts in the lines joined by newlines."""
    starts, at = [], 0
    for line in lines:
        starts.append(at)
        at += len(line) + 1
    return tuple(starts)


def _lines(pattern: re.Pattern[str], text: str, starts: tuple[int, ...]) -> set[int]:
    return {bisect_right(starts, m.start()) - 1 for m in pattern.finditer(text)}
