"""Players: uiConf.add / get / list / listTemplates / clone / delete as api_v3 answers them,
through the official Python client (XML) and raw api_v3 calls in JSON, on a real socket."""

from __future__ import annotations

import pytest
from KalturaClient.exceptions import KalturaException
from KalturaClient.Plugins.Core import (
    KalturaUiConf,
    KalturaUiConfCreationMode,
    KalturaUiConfFilter,
    KalturaUiConfObjType,
)

from tests.sandbox.conftest import Api, LiveSandbox

KDP3_DARK = 11958342  # one of partner 0's templates, as a Kaltura deployment has them
NOT_A_TEMPLATE = 8776432  # partner 0's, shown to its own partner only (displayInSearch 1)


def _player(name: str, *, mode: int | None = KalturaUiConfCreationMode.WIZARD) -> KalturaUiConf:
    player = KalturaUiConf()
    player.name, player.objType = name, KalturaUiConfObjType.PLAYER
    if mode is not None:
        player.creationMode = mode
    return player


def test_ui_conf_add_needs_a_creation_mode_and_fills_what_api_v3_fills(live: LiveSandbox) -> None:
    """uiConf.add: creationMode may not be null, useCdn is true when not given,
    objTypeAsString names the type, and the version of the config file goes up with each
    saved config."""
    client = live.client(live.admin_ks())
    with pytest.raises(KalturaException) as refused:
        client.uiConf.add(_player("no mode", mode=None))
    assert refused.value.code == "PROPERTY_VALIDATION_CANNOT_BE_NULL"
    assert "KalturaUiConf::creationMode" in str(refused.value)
    player = _player("Main player")
    player.config = '{"plugins": {}}'
    added = client.uiConf.add(player)
    assert added.useCdn is True and added.objTypeAsString == "Widget"
    assert added.partnerId == live.credentials.partner_id and added.version == "1"
    again = KalturaUiConf()
    again.config = '{"plugins": {"share": {}}}'
    assert client.uiConf.update(added.id, again).version == "2"
    assert client.uiConf.get(added.id).name == "Main player"


def test_ui_conf_list_templates_lists_partner_zeros_network_players(live: LiveSandbox) -> None:
    """uiConf.listTemplates: partner 0's uiConfs (the partner's templatePartnerId) with
    displayInSearch at least KALTURA_NETWORK, through the filter and pager; list shows only the
    partner's own."""
    client = live.client(live.admin_ks())
    templates = client.uiConf.listTemplates()
    ids = [t.id for t in templates.objects]
    assert KDP3_DARK in ids and NOT_A_TEMPLATE not in ids
    assert templates.totalCount == len(ids) and all(t.partnerId == 0 for t in templates.objects)
    named = KalturaUiConfFilter()
    named.nameLike = "KDP3 Dark"
    assert [t.id for t in client.uiConf.listTemplates(named).objects] == [KDP3_DARK]
    assert KDP3_DARK not in [u.id for u in client.uiConf.list().objects]


def test_a_template_is_read_and_cloned_but_not_deleted(live: LiveSandbox) -> None:
    """uiConf.get and clone reach partner 0 (partnerGroup '0'), the clone is the partner's and no
    template (displayInSearch 1); delete stays within the partner, and a missing uiConf is
    INVALID_UI_CONF_ID."""
    client = live.client(live.admin_ks())
    assert client.uiConf.get(KDP3_DARK).name == "KDP3 Dark skin"
    copy = client.uiConf.clone(KDP3_DARK)
    assert copy.partnerId == live.credentials.partner_id and copy.name == "KDP3 Dark skin"
    assert copy.id in [u.id for u in client.uiConf.list().objects]
    assert copy.id not in [t.id for t in client.uiConf.listTemplates().objects]
    with pytest.raises(KalturaException) as template:
        client.uiConf.delete(KDP3_DARK)
    assert template.value.code == "INVALID_UI_CONF_ID"
    client.uiConf.delete(copy.id)
    with pytest.raises(KalturaException) as gone:
        client.uiConf.get(copy.id)
    assert gone.value.code == "INVALID_UI_CONF_ID" and f"[{copy.id}]" in str(gone.value)


def test_ui_conf_flow_in_json(api: Api) -> None:
    """The same flow in JSON (format 1), as above."""
    missing = api("uiConf", "add", uiConf={"objectType": "KalturaUiConf", "name": "x"})
    assert missing["code"] == "PROPERTY_VALIDATION_CANNOT_BE_NULL"  # type: ignore[index]
    added = api(
        "uiConf",
        "add",
        uiConf={"objectType": "KalturaUiConf", "name": "JSON player", "creationMode": 2},
    )
    assert isinstance(added, dict) and added["useCdn"] is True
    templates = api("uiConf", "listTemplates", pager={"objectType": "KalturaFilterPager"})
    assert KDP3_DARK in [t["id"] for t in templates["objects"]]  # type: ignore[index]
    assert api("uiConf", "delete", id=added["id"]) is None
    gone = api("uiConf", "get", id=added["id"])
    assert gone["code"] == "INVALID_UI_CONF_ID"  # type: ignore[index]
