"""The partner and what it starts with: partner.get / getInfo / getUsage / getSecrets / update,
its default access control and conversion profiles, through the official Python client (XML)
and raw api_v3 calls in JSON, on a real socket."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from pathlib import Path

import pytest
from KalturaClient.exceptions import KalturaException
from KalturaClient.Plugins.Core import (
    KalturaConversionProfile,
    KalturaConversionProfileType,
    KalturaPartner,
    KalturaSessionType,
)

from app.sandbox import SandboxConfig
from app.sandbox.seeding import ensure_partner
from app.sandbox.store import Store
from tests.sandbox.conftest import Api, LiveSandbox, start_live

MEDIA_DEFAULT_FLAVORS = "0,2,3,4,5,6,7,19"


def _user_ks(live: LiveSandbox, user_id: str = "viewer") -> str:
    ks: str = live.client().session.start(
        live.credentials.user_secret, user_id, KalturaSessionType.USER, live.credentials.partner_id
    )
    return ks


def test_partner_get_and_get_info_answer_the_sessions_partner_with_its_secrets(
    live: LiveSandbox,
) -> None:
    """partner.get without an id is the KS's partner, as is getInfo; list and count include
    the partner itself; KalturaPartner's secret and adminSecret need a permission to be
    read."""
    client = live.client(live.admin_ks())
    partner = client.partner.get()
    assert partner.id == live.credentials.partner_id
    assert partner.adminEmail == live.credentials.admin_login
    assert (partner.secret, partner.adminSecret) == (
        live.credentials.user_secret,
        live.credentials.admin_secret,
    )
    assert client.partner.getInfo().id == partner.id
    with pytest.raises(KalturaException) as other:
        client.partner.get(partner.id + 1)
    assert other.value.code == "INVALID_PARTNER_ID"
    assert [p.id for p in client.partner.list().objects] == [partner.id]
    assert client.partner.count() == 1
    as_user = live.client(_user_ks(live)).partner.get()
    assert as_user.id == partner.id and not as_user.adminSecret and not as_user.secret


def test_partner_get_secrets_needs_the_admins_email_and_password(live: LiveSandbox) -> None:
    """partner.getSecrets needs no KS; a failed login or a login that is not an admin are
    both USER_DATA_ERROR."""
    anonymous = live.client()
    creds = live.credentials
    found = anonymous.partner.getSecrets(creds.partner_id, creds.admin_login, creds.admin_password)
    assert (found.adminSecret, found.secret) == (creds.admin_secret, creds.user_secret)
    assert found.cmsPassword == creds.admin_password
    with pytest.raises(KalturaException) as wrong:
        anonymous.partner.getSecrets(creds.partner_id, creds.admin_login, "not-the-password")
    assert wrong.value.code == "USER_DATA_ERROR"


def test_partner_get_usage_and_update(live: LiveSandbox, tmp_path: Path) -> None:
    """partner.getUsage (usageGraph one point a day of the month, or a month of the year) and
    partner.update (the KS's partner)."""
    client = live.client(live.admin_ks())
    usage = client.partner.getUsage(2024, 2)
    assert usage.hostingGB >= 0
    days = calendar.monthrange(2024, 2)[1]
    assert usage.usageGraph == "".join(f"{day},0;" for day in range(1, days + 1))
    assert client.partner.getUsage().usageGraph in ("", None)
    change = KalturaPartner()
    change.website = "https://example.org"
    assert client.partner.update(change).website == "https://example.org"
    assert client.partner.get().website == "https://example.org"


def test_partner_actions_in_json(api: Api, live: LiveSandbox) -> None:
    """The same calls in JSON (format 1), as above."""
    partner = api("partner", "get")
    assert isinstance(partner, dict)
    assert partner["objectType"] == "KalturaPartner"
    assert partner["adminSecret"] == live.credentials.admin_secret
    assert api("partner", "getInfo")["id"] == partner["id"]  # type: ignore[index]
    secrets = Api(api.http, "")(
        "partner",
        "getSecrets",
        partnerId=live.credentials.partner_id,
        adminEmail=live.credentials.admin_login,
        cmsPassword="wrong",
    )
    assert secrets["code"] == "USER_DATA_ERROR"  # type: ignore[index]
    usage = api("partner", "getUsage", year=2024, month=12, resolution="months")
    assert usage["objectType"] == "KalturaPartnerUsage"  # type: ignore[index]
    assert usage["usageGraph"].count(";") == 12  # type: ignore[index]


def test_a_new_partner_has_a_default_access_control_and_conversion_profiles(
    live: LiveSandbox,
) -> None:
    """What a new partner copies from the template partner: its access control and
    conversion profiles, as a Kaltura deployment has them (docs/SANDBOX.md, What a partner
    starts with); conversionProfile.getDefault."""
    client = live.client(live.admin_ks())
    controls = client.accessControlProfile.list().objects
    default_control = [c for c in controls if c.isDefault.getValue() == 1]
    assert [c.name for c in default_control] == ["Default"]
    default = client.conversionProfile.getDefault()
    assert (default.name, default.flavorParamsIds) == ("Default", MEDIA_DEFAULT_FLAVORS)
    assert default.type.getValue() == KalturaConversionProfileType.MEDIA
    assert default.isPartnerDefault
    live_default = client.conversionProfile.getDefault(KalturaConversionProfileType.LIVE_STREAM)
    assert live_default.name == "Cloud transcode"
    names = {p.name for p in client.conversionProfile.list().objects}
    assert {"Default", "Cloud transcode", "Passthrough"} <= names


def test_the_default_profiles_cannot_be_deleted_until_another_is_the_default(
    live: LiveSandbox,
) -> None:
    """accessControlProfile.delete and conversionProfile.delete refuse a default
    (CANNOT_DELETE_DEFAULT_ACCESS_CONTROL / …_CONVERSION_PROFILE)."""
    client = live.client(live.admin_ks())
    default = client.conversionProfile.getDefault()
    with pytest.raises(KalturaException) as refused:
        client.conversionProfile.delete(default.id)
    assert refused.value.code == "CANNOT_DELETE_DEFAULT_CONVERSION_PROFILE"
    control = next(c for c in client.accessControlProfile.list().objects if c.isDefault)
    with pytest.raises(KalturaException) as kept:
        client.accessControlProfile.delete(control.id)
    assert kept.value.code == "CANNOT_DELETE_DEFAULT_ACCESS_CONTROL"
    web = KalturaConversionProfile()
    web.name, web.type = "Web", KalturaConversionProfileType.MEDIA
    added = client.conversionProfile.add(web)
    client.conversionProfile.setAsDefault(added.id)
    assert client.conversionProfile.getDefault().id == added.id
    assert not client.conversionProfile.get(default.id).isPartnerDefault
    live_default = client.conversionProfile.getDefault(KalturaConversionProfileType.LIVE_STREAM)
    assert live_default.name == "Cloud transcode"  # each type has its own default
    client.conversionProfile.delete(default.id)
    with pytest.raises(KalturaException) as gone:
        client.conversionProfile.get(default.id)
    assert gone.value.code == "CONVERSION_PROFILE_ID_NOT_FOUND"


def test_profile_defaults_in_json(api: Api) -> None:
    """conversionProfile.getDefault and the default access control in JSON (as above)."""
    default = api("conversionProfile", "getDefault", type="1")
    assert isinstance(default, dict) and default["isDefault"] == 1
    controls = api("accessControlProfile", "list")
    assert any(c["isDefault"] == 1 for c in controls["objects"])  # type: ignore[index]


@pytest.fixture
def data_dir(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "kept"


def test_a_partner_kept_from_before_gets_the_defaults_once(data_dir: Path) -> None:
    """A data dir whose partner was created before the defaults existed gets them at the next
    start, once: a profile deleted afterwards stays deleted (seeding.py; the profiles a new
    partner copies from the template partner)."""
    store = Store(data_dir / "sandbox.sqlite3")
    with store.transaction() as db:  # the partner as an older sandbox left it
        db.save_partner(4242, "a" * 32, "b" * 32, "admin@testme.local", "pw")
    store.close()
    config = SandboxConfig(data_dir=data_dir, partner_id=4242)
    sandbox = start_live(config)
    try:
        client = sandbox.client(sandbox.admin_ks())
        profiles = client.conversionProfile.list().objects
        assert sorted(p.name for p in profiles) == ["Cloud transcode", "Default", "Passthrough"]
        passthrough = next(p for p in profiles if p.name == "Passthrough")
        client.conversionProfile.delete(passthrough.id)
    finally:
        sandbox.stop()
    store = Store(data_dir / "sandbox.sqlite3")
    with store.transaction() as db:
        ensure_partner(db, config)
        ensure_partner(db, config)
    store.close()
    again = start_live(config)
    try:
        client = again.client(again.admin_ks())
        names = sorted(p.name for p in client.conversionProfile.list().objects)
        assert names == ["Cloud transcode", "Default"]
        assert len(client.accessControlProfile.list().objects) == 1
        assert client.partner.get().id == 4242
    finally:
        again.stop()
