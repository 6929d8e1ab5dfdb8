"""Make a KS: the dialog on the console page (prefilled in sandbox mode), and its one POST,
which signs the KS from the posted secret and puts it into the ks field; the secret is in no
answer, cookie, log line or file of the data dir, and a bad field is said beside it."""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.protocol import ks
from app.settings import Settings
from app.web.app import create_app

MAKE = "/api_v3/testme/ks/make"
SECRET = "0123456789abcdef0123456789abcdef"
ORDER = {
    "secret": SECRET,
    "partnerId": "1234",
    "type": "0",
    "userId": "zoë",
    "expiry": "600",
    "privilege": ["sview", "actionslimit", "enableentitlement"],
    "privilege.sview": "0_abc",
    "privilege.actionslimit": "2",
    "privileges": "setrole:7",
}


def made_ks(answer: str) -> str:
    found = re.search(r'<input id="f-config-ks" name="config\.ks" value="([^"]*)"', answer)
    assert found, "the answer does not put a KS into the ks field"
    return html.unescape(found.group(1))


def test_a_made_ks_goes_into_the_ks_field_read_in_the_inspector(client: TestClient) -> None:
    answer = client.post(MAKE, data=ORDER)
    assert answer.status_code == 200
    token = made_ks(answer.text)
    info = ks.validate(token, [SECRET])
    assert isinstance(info, ks.KsInfo)
    assert (info.version, info.partner_id, info.session_type, info.user_id) == (2, 1234, 0, "zoë")
    assert info.privileges == "sview:0_abc,actionslimit:2,enableentitlement,setrole:7"
    text = html.unescape(answer.text)
    assert 'id="ks-field" class="field field-string" hx-swap-oob="true"' in answer.text
    assert "Made a v2 USER KS for partner 1234" in text
    assert "Read from the KS itself (v2, no call)" in text and "actionslimit:2" in text
    # …and it is this browser's KS from now on, as a typed or returned one is
    assert token in html.unescape(client.get("/api_v3/testme/").text)


def test_v1_on_request(client: TestClient) -> None:
    token = made_ks(client.post(MAKE, data={**ORDER, "version": "1"}).text)
    info = ks.decode(token)
    assert isinstance(info, ks.KsInfo) and info.version == 1 and info.user_id == "zoë"


def test_the_secret_is_in_no_answer_cookie_log_or_file(
    client: TestClient, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        good = client.post(MAKE, data=ORDER)
        bad = client.post(MAKE, data={**ORDER, "expiry": "soon"})
    assert made_ks(good.text) and "No KS was made" in bad.text  # both answered by the route
    for answer in (good, bad):
        assert SECRET not in answer.text
        assert SECRET not in str(answer.headers)
    assert SECRET not in caplog.text
    assert all(SECRET not in str(c.value) for c in client.cookies.jar)
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("secret", "0123456789abcdef", "32 hexadecimal characters (0-9, a-f); this one has 16"),
        ("partnerId", "acme", "The partner id is a whole number"),
        ("expiry", "-60", "a number of seconds above 0"),
        ("privileges", "edit:*;sview", "cannot hold “;”"),
    ],
)
def test_a_bad_field_is_said_beside_it_and_nothing_is_made(
    client: TestClient, field: str, value: str, says: str
) -> None:
    answer = client.post(MAKE, data={**ORDER, field: value})
    text = html.unescape(answer.text)
    assert "No KS was made" in text
    problem = re.search(
        rf'<p class="field-problem" id="make-ks-{field}-problem"[^>]*>([^<]*)<', text
    )
    assert problem and says in problem.group(1)
    assert 'id="ks-field"' not in answer.text  # the ks field keeps what it held
    assert value not in re.sub(r"<p class=\"field-problem\"[^>]*>[^<]*<", "", text)  # no echo
    assert 'name="secret"' not in answer.text  # the dialog's fields are not re-rendered


def test_a_privilege_that_needs_a_value_says_so(client: TestClient) -> None:
    answer = client.post(MAKE, data={**ORDER, "privilege.sview": ""})
    assert "sview needs a value: sview:&lt;entry id&gt;" in answer.text


def test_the_console_offers_the_dialog_outside_the_form(client: TestClient) -> None:
    page = client.get("/api_v3/testme/").text
    assert ">Make a KS</button>" in page
    dialog = page[page.index('<dialog id="make-ks"') :]
    assert page.index("</form>", page.index('<form id="console"')) < page.index(
        '<dialog id="make-ks"'
    )
    for label in (
        "Secret (admin or user)",
        "Partner id",
        "Type",
        "User",
        "Expiry (seconds from now)",
        "Privileges",
    ):
        assert f">{label}<" in dialog
    assert 'name="secret" type="password" value=""' in dialog  # no sandbox: nothing to prefill


def test_in_sandbox_mode_the_dialog_holds_the_sandbox_partner_and_admin_secret(
    tmp_path: Path,
) -> None:
    settings = Settings(data_dir=tmp_path, allowed_hosts=("testserver",))
    with TestClient(create_app(settings)) as sandboxed:
        page = sandboxed.get("/api_v3/testme/").text
        admin_secret = re.search(r"<dt>admin secret</dt><dd><code>(\w+)</code>", page)
        partner = re.search(r"<dt>partnerId</dt><dd><code>(\d+)</code>", page)
        assert admin_secret and partner
        dialog = page[page.index('<dialog id="make-ks"') :]
        assert f'name="secret" type="password" value="{admin_secret.group(1)}"' in dialog
        assert f'name="partnerId" inputmode="numeric" value="{partner.group(1)}"' in dialog
        assert '<option value="2" selected>ADMIN (2)</option>' in dialog
