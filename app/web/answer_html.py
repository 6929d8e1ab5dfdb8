"""An answer's highlighted tokens as the HTML inside its `<code>`, written in Python.

`templates/_answer.html` printed these with a Jinja loop, which escaped and looked up each
token's fields through the template's machinery: for a small `media.list` that loop was half the
cost of a Send's own work. This writes the same markup, byte for byte (escaped as Jinja's
autoescape escapes, `markupsafe.escape`): each token `<span class="{cls}">{text}</span>` (an id
the console can follow, `Token.ref`, a `<button>` for follow.js instead), a
fold's body one `<span class="fold">` (with `data-total` when the whole answer holds more) from
its opener to its closer, and what is still open closed at the end (see `highlight.py`).
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from app.protocol.highlight import Token

_CLOSE = "</span>"
_span_of: dict[str, str] = {}  # a class → its span's start tag (a handful of classes)


def answer_code(tokens: Sequence[Token]) -> Markup:
    out: list[str] = []
    add = out.append
    depth = 0
    for (cls, _, fold, total, ref, ref_type), text in zip(tokens, _escaped(tokens), strict=True):
        if fold < 0:
            add(_CLOSE)
        if ref:
            add(_button(cls, ref, ref_type))
            add(text)
            add("</button>")
        else:
            start = _span_of.get(cls)
            if start is None:
                start = _span_of.setdefault(cls, f'<span class="{escape(cls)}">')
            add(start)
            add(text)
            add(_CLOSE)
        if fold > 0:
            add(f'<span class="fold" data-total="{total}">' if total else '<span class="fold">')
        depth += fold
    add(_CLOSE * depth)
    return Markup("".join(out))


def _button(cls: str, ref: str, ref_type: str) -> str:
    """An id's button: one Tab stop per answer is follow.js's to place, so each starts out of it."""
    typed = f' data-type="{escape(ref_type)}"' if ref_type else ""
    return (
        f'<button class="{escape(cls)} follow" tabindex="-1" aria-haspopup="menu"'
        f' aria-expanded="false" data-follow="{escape(ref)}"{typed}>'
    )


def _escaped(tokens: Sequence[Token]) -> list[str]:
    """Each token's text escaped: in one call on them all, joined by a NUL, when no text holds
    one (escaping leaves it alone), else one by one."""
    texts = [t.text for t in tokens]
    joined = "\x00".join(texts)
    if joined.count("\x00") == len(texts) - 1:
        return str(escape(joined)).split("\x00")
    return [str(escape(text)) for text in texts]
