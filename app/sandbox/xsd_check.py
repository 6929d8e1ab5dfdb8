"""Checking a metadata document against a compiled profile XSD (`xsd_model`), complaining as
libxml does — api_v3 passes libxml's first words on in `INVALID_METADATA_DATA`.

Content models are matched greedily, as XML Schema's "unique particle attribution" rule lets a
validator do: each child element is claimed by the one particle that can take it. Pure: no web
imports.
"""

from __future__ import annotations

from typing import NamedTuple

from app.sandbox.xml_tree import Element
from app.sandbox.xsd_model import UNBOUNDED, Attribute, Decl, Invalid, Particle

Term = Decl | Particle


class Step(NamedTuple):
    """Where matching got to: the next child's index, the names expected there when the
    content is incomplete (None when it is not), and the names that could still come."""

    at: int
    missing: list[str] | None
    could_follow: list[str]


def check(decl: Decl, node: Element) -> None:
    content = decl.content
    if content.any:
        return
    _check_attributes(content.attributes, node)
    if content.simple is not None:
        if node.children:
            raise Invalid(
                f"Element '{node.name}': Element content is not allowed, because the content"
                " type is a simple type definition.",
                node.line,
            )
        complaint = content.simple.check(node.text)
        if complaint:
            raise Invalid(f"Element '{node.name}': {complaint}", node.line)
        return
    if node.text.strip():
        if content.particle is None:
            raise Invalid(
                f"Element '{node.name}': Character content is not allowed, because the content"
                " type is empty.",
                node.line,
            )
        raise Invalid(
            f"Element '{node.name}': Character content other than whitespace is not allowed"
            " because the content type is 'element-only'.",
            node.line,
        )
    if content.particle is None:
        if node.children:
            raise Invalid(
                f"Element '{node.name}': Element content is not allowed, because the content"
                " type is empty.",
                node.line,
            )
        return
    _check_children(content.particle, node)


def _check_attributes(declared: tuple[Attribute, ...], node: Element) -> None:
    by_name = {a.name: a for a in declared}
    for name, value in node.attrs.items():
        if "\x1f" in name:
            continue  # namespaced (xsi:…, xml:lang) attributes
        if name not in by_name:
            raise Invalid(
                f"Element '{node.name}', attribute '{name}': The attribute '{name}' is not"
                " allowed.",
                node.line,
            )
        complaint = by_name[name].type.check(value)
        if complaint:
            raise Invalid(f"Element '{node.name}', attribute '{name}': {complaint}", node.line)
    for attribute in declared:
        if attribute.required and attribute.name not in node.attrs:
            raise Invalid(
                f"Element '{node.name}': The attribute '{attribute.name}' is required but missing.",
                node.line,
            )


def _expected(names: list[str]) -> str:
    unique = list(dict.fromkeys(names))
    if len(unique) == 1:
        return f"Expected is ( {unique[0]} )."
    return f"Expected is one of ( {', '.join(unique)} )."


def _check_children(particle: Particle, parent: Element) -> None:
    children = parent.children
    step = _term(particle, children, 0)
    if step.missing is not None:
        if step.at < len(children):
            where = children[step.at]
            raise Invalid(
                f"Element '{where.name}': This element is not expected. {_expected(step.missing)}",
                where.line,
            )
        raise Invalid(
            f"Element '{parent.name}': Missing child element(s). {_expected(step.missing)}",
            parent.line,
        )
    if step.at < len(children):
        extra = children[step.at]
        more = f" {_expected(step.could_follow)}" if step.could_follow else ""
        raise Invalid(f"Element '{extra.name}': This element is not expected.{more}", extra.line)


def _first_names(term: Term) -> list[str]:
    if isinstance(term, Decl):
        return [term.name]
    if term.kind == "choice":
        return [n for item in term.items for n in _first_names(item)]
    names: list[str] = []
    for item in term.items:
        names += _first_names(item)
        if not _emptiable(item):
            break
    return names


def _emptiable(term: Term) -> bool:
    if term.min == 0 or isinstance(term, Decl):
        return term.min == 0
    if term.kind == "choice":
        return any(_emptiable(item) for item in term.items)
    return all(_emptiable(item) for item in term.items)


def _more(term: Term, count: int) -> bool:
    return term.max == UNBOUNDED or count < term.max


def _term(term: Term, children: list[Element], i: int) -> Step:
    if isinstance(term, Decl):
        count = 0
        while i < len(children) and _more(term, count) and children[i].name == term.name:
            if children[i].ns != term.ns:
                break
            check(term, children[i])
            i, count = i + 1, count + 1
        if count < term.min:
            return Step(i, [term.name], [])
        return Step(i, None, [term.name] if _more(term, count) else [])
    rounds, could_follow = 0, list[str]()
    while _more(term, rounds):
        start = i
        step = _round(term, children, i)
        if step.missing is not None:
            if rounds >= term.min and step.at == start:
                break  # a further, optional round that did not begin
            return step
        if step.at == start:
            could_follow += step.could_follow
            break
        i, rounds, could_follow = step.at, rounds + 1, step.could_follow
    if _more(term, rounds):
        could_follow = [*could_follow, *_first_names(term)]
    return Step(i, None, could_follow)


def _round(particle: Particle, children: list[Element], i: int) -> Step:
    if particle.kind == "choice":
        if i < len(children):
            for item in particle.items:
                if children[i].name in _first_names(item):
                    return _term(item, children, i)
        names = _first_names(particle)
        if any(_emptiable(item) for item in particle.items):
            return Step(i, None, names)
        return Step(i, names, [])
    optional: list[str] = []
    for item in particle.items:
        step = _term(item, children, i)
        if step.missing is not None:
            return Step(step.at, [*optional, *step.missing] if step.at == i else step.missing, [])
        optional = step.could_follow if step.at > i else [*optional, *step.could_follow]
        i = step.at
    return Step(i, None, optional)
