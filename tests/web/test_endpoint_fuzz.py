"""Property tests over the console's endpoints: hostile field names and values in Send, the
fragments, the Code region and the ks note; hostile service, action and type names in deep links
and docs URLs. Never a 500, never an exception escaping (the TestClient re-raises any).

Bounded and derandomized (see tests/core/test_form_fuzz.py); an example found here is pinned as a
regular test below the properties.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.settings import Settings
from app.web.app import create_app
from tests.core.test_form_fuzz import field_name, field_value, hostile_text
from tests.web.conftest import FAKE_URL, FakeKaltura

FUZZ = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
# The docs index is a big page: fewer examples for the same ground (names that miss all end there).
FUZZ_DOCS = settings(FUZZ, max_examples=12)
CONSOLE = "/api_v3/testme"
DOCS = "/api_v3/testmeDoc/"

names = st.sampled_from(["media", "list", "get", "multirequest", "session", "start", ""])
hostile_name = names | hostile_text
controls = st.sampled_from(
    [
        "service",
        "action",
        "prefix",
        "__path",
        "__declared",
        "__kind",
        "__item_type",
        "__index",
        "__language",
        "__include_secrets",
        "__server",
        "send_anyway",
        "config.ks",
        "config.format",
        "config.partnerId",
        "1:service",
        "1:action",
        "2:service",
        "-1:service",
    ]
)
form = st.lists(
    st.tuples(controls | field_name, hostile_name | field_value),
    max_size=20,
)
query = st.lists(st.tuples(controls | field_name | hostile_text, hostile_name), max_size=8)


@pytest.fixture(scope="module")
def console(
    real_schema_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    """One console for the module (the real schema takes seconds to load), its upstream a fake
    answering every call."""
    fake = FakeKaltura(
        answer=httpx.Response(
            200, content=b"<xml><result>1</result></xml>", headers={"Content-Type": "text/xml"}
        )
    )
    settings = Settings(
        service_url=FAKE_URL,
        schema_path=real_schema_path,
        data_dir=tmp_path_factory.mktemp("fuzz"),
        secret_key="k",
        allowed_hosts=("testserver",),
    )
    with TestClient(create_app(settings, transport=httpx.MockTransport(fake))) as client:
        yield client


def answered(response: httpx.Response) -> None:
    assert response.status_code < 500, response.text[:2000]
    # reached the routes: not turned away at the door by the host and cross-site guard
    assert not response.headers.get("content-type", "").startswith("text/plain"), response.text


def post(console: TestClient, route: str, values: list[tuple[str, str]]) -> httpx.Response:
    # multipart as the page sends Send and Code; the fragments take the same body
    data: dict[str, list[str]] = {}
    for name, value in values:
        data.setdefault(name, []).append(value)
    return console.post(CONSOLE + route, data=data, files={"_": ("", b"")})


@pytest.mark.parametrize("route", ["/send", "/code", "/params", "/object", "/ks"])
@FUZZ
@given(values=form)
def test_a_hostile_form_never_makes_a_500(console: TestClient, route: str, values: list) -> None:
    answered(post(console, route, values))


@FUZZ
@given(service=hostile_name, action=hostile_name, values=form)
def test_a_hostile_send_of_a_chosen_action_never_makes_a_500(
    console: TestClient, service: str, action: str, values: list
) -> None:
    answered(post(console, "/send", [("service", service), ("action", action), *values]))


@pytest.mark.parametrize("route", ["/", "/actions", "/params", "/item", "/references", "/request"])
@FUZZ
@given(items=query)
def test_a_hostile_query_never_makes_a_500(console: TestClient, route: str, items: list) -> None:
    answered(console.get(CONSOLE + route, params=items))


@FUZZ
@given(service=hostile_name, action=hostile_name, items=query)
def test_a_hostile_deep_link_never_makes_a_500(
    console: TestClient, service: str, action: str, items: list
) -> None:
    answered(console.get(CONSOLE + "/", params=[("service", service), ("action", action), *items]))


@FUZZ_DOCS
@given(service=hostile_name, obj=hostile_name)
def test_a_hostile_docs_url_never_makes_a_500(console: TestClient, service: str, obj: str) -> None:
    answered(console.get(DOCS, params={"service": service, "object": obj}))


@FUZZ
@given(q=hostile_text | field_name)
def test_a_hostile_finder_query_never_makes_a_500(console: TestClient, q: str) -> None:
    answered(console.get(CONSOLE + "/find", params={"q": q}))


@FUZZ
@given(
    path=field_name | hostile_text,
    kind=st.sampled_from(["array", "map"]) | hostile_text,
    item_type=st.sampled_from(["KalturaMediaEntry", "KalturaString", "string", "int"])
    | hostile_text,
    index=st.integers() | hostile_text,
    declared=st.sampled_from(["KalturaMediaEntryFilter", "KalturaMediaEntry", "KalturaFilter"])
    | hostile_text,
    values=form,
)
def test_hostile_item_and_object_fragments_never_make_a_500(
    console: TestClient,
    path: str,
    kind: str,
    item_type: str,
    index: int | str,
    declared: str,
    values: list,
) -> None:
    item = {"__path": path, "__kind": kind, "__item_type": item_type, "__index": str(index)}
    answered(console.get(CONSOLE + "/item", params=item))
    answered(post(console, "/object", [("__path", path), ("__declared", declared), *values]))
    answered(console.get(CONSOLE + "/request", params={"n": str(index)}))
