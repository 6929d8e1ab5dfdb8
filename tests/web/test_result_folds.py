"""The Result's answer as folds and tools: each fold's body one span, closed even when the answer
is cut short; the tools come with an answer, never with a problem list alone."""

from __future__ import annotations

import re
from types import SimpleNamespace

import httpx
import pytest
from fastapi.testclient import TestClient

from app.protocol.highlight import highlight
from app.web.templating import templates
from tests.e2e.big_answers import media_list_json
from tests.web.conftest import FakeKaltura
from tests.web.test_send import send

MEDIA_LIST = {"service": "media", "action": "list", "config.format": "1"}
JSON = {"Content-Type": "application/json"}


def answer_markup(html: str) -> str:
    match = re.search(
        r'<pre class="code"[^>]*data-answer="whole"[^>]*><code>(.*?)</code></pre>', html, re.S
    )
    assert match, html
    return match.group(1)


def answer_text(text: str, kind: str) -> str:
    """`_result.html`'s answer_text over the highlighted `text`, as the Result prints it."""
    nothing = SimpleNamespace(answer=None, view=None, heading=None, problems=(), sent=None)
    module = templates.env.get_template("_answer.html").make_module(
        {"outcome": nothing, "oob": False}
    )
    return str(module.answer_text(highlight(text, kind), "Answer", "whole"))


@pytest.mark.parametrize(
    ("text", "kind", "folds"),
    [
        ('{"objects": [{"id": "0_a"}, {"id": "0_b"', "json", 4),  # the answer, objects, 2 entries
        ("<xml><result><objects><item><id>0_a</id></item><item><id>", "xml", 5),
        ('{"a": 1}]]', "json", 1),
    ],
)
def test_a_cut_short_answer_closes_its_open_folds(text: str, kind: str, folds: int) -> None:
    markup = answer_text(text, kind)
    assert markup.count('<span class="fold">') == folds
    assert markup.count("<span") == markup.count("</span>")


def test_a_whole_answer_nests_its_folds(client: TestClient, fake: FakeKaltura) -> None:
    fake.answer = httpx.Response(200, json={"objects": [{"id": "0_a"}], "totalCount": 1})
    markup = answer_markup(send(client, MEDIA_LIST).text)
    assert markup.count('<span class="fold">') == 3
    assert markup.count("<span") == markup.count("</span>")
    assert re.search(
        r'>\[</span><span class="fold"><span class="punct">\s*\{</span><span class="fold">', markup
    )


def test_the_tools_come_with_an_answer(client: TestClient, fake: FakeKaltura) -> None:
    fake.answer = httpx.Response(200, json={"totalCount": 1})
    html = send(client, MEDIA_LIST).text
    assert 'aria-label="Path filter"' in html and 'data-kind="json"' in html
    problems_only = send(client, {"service": "media", "action": "get"}).text
    assert "data-result-tools" not in problems_only


def test_a_list_cut_short_says_how_many_items_the_whole_answer_holds(
    client: TestClient, fake: FakeKaltura
) -> None:
    fake.answer = httpx.Response(200, content=media_list_json(500), headers=JSON)
    markup = answer_markup(send(client, MEDIA_LIST).text)
    assert re.findall(r'<span class="fold" data-total="(\d+)">', markup) == ["1", "500"]
    assert re.search(r'objects&#34;</span>.{0,80}<span class="fold" data-total="500">', markup)
