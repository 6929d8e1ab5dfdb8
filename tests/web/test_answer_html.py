"""The answer's highlighted text is written in Python (app/web/answer_html.py) exactly as the
Jinja loop it replaced wrote it: the same spans, the same escaping, folds opened, closed and
closed at the end, `data-total` on an opener left open, whatever the text holds."""

from __future__ import annotations

import jinja2
import pytest

from app.protocol.highlight import Token, highlight
from app.web.answer_html import answer_code
from tests.e2e.big_answers import media_list_json, media_list_xml

# The loop `templates/_answer.html` ran before, kept here as the reference.
JINJA_LOOP = (
    "{% for t in tokens %}{% if t.fold < 0 %}</span>{% endif %}"
    '{% if t.ref %}<button class="{{ t.cls }} follow" tabindex="-1" aria-haspopup="menu" '
    'aria-expanded="false" '
    'data-follow="{{ t.ref }}"{% if t.ref_type %} data-type="{{ t.ref_type }}"{% endif %}>'
    "{{ t.text }}</button>{% else %}"
    '<span class="{{ t.cls }}">{{ t.text }}</span>{% endif %}{% if t.fold > 0 %}<span class="fold"'
    '{% if t.total %} data-total="{{ t.total }}"{% endif %}>{% endif %}{% endfor %}'
    '{{ "</span>" | safe * (tokens | sum(attribute="fold")) }}'
)
reference = jinja2.Environment(autoescape=True).from_string(JINJA_LOOP)

TOKENS: list[tuple[Token, ...]] = [
    (),
    (Token("text", "plain & <simple> 'quoted' \"double\""),),
    (Token("text", "a\x00NUL and another\x00"), Token("tag", "<b>")),
    (Token("punct", "{", 1), Token("key", '"a"'), Token("punct", "}", -1)),
    (Token("punct", "[", 1, total=500), Token("number", "1"), Token("punct", "[", 1)),
    (Token("punct", "}", -1), Token("text", "stray closer")),
    (Token("string", "0_abc", ref="entry", ref_type="KalturaMediaEntry"), Token("punct", ",")),
    (Token("number", "12", ref="category"), Token("string", '"<&>"', ref='a"b', ref_type="<T>")),
    highlight(media_list_xml(3).decode(), "xml"),
    highlight(media_list_json(3).decode(), "json"),
    highlight('cb({"a": [1, "<x>&amp;", null, true]})', "jsonp"),
]


@pytest.mark.parametrize("tokens", TOKENS)
def test_the_answer_text_is_written_as_the_template_loop_wrote_it(
    tokens: tuple[Token, ...],
) -> None:
    assert str(answer_code(tokens)) == reference.render(tokens=tokens)
