"""Every action of 22.15.0, and of a small generated schema with a service the project has never
seen, answers schema-valid values or Kaltura errors — never "does not exist", never a 500."""

from __future__ import annotations

import time
from pathlib import Path

from starlette.testclient import TestClient

from app.protocol.schema_loader import load_schema
from app.sandbox import SandboxConfig, create_sandbox_app, sandbox_credentials
from tests.sandbox.walk import walk

UNSEEN = """<?xml version="1.0"?>
<xml apiVersion="1.0.0" generatedDate="1764288000">
  <enums>
    <enum name="KalturaGizmoStatus" enumType="int">
      <const name="ACTIVE" value="1"/><const name="DELETED" value="3"/>
    </enum>
    <enum name="KalturaGizmoOrderBy" enumType="string">
      <const name="NAME_ASC" value="+name"/><const name="NAME_DESC" value="-name"/>
    </enum>
  </enums>
  <classes>
    <class name="KalturaGizmo">
      <property name="id" type="int" readOnly="1"/>
      <property name="name" type="string"/>
      <property name="serial" type="string" insertOnly="1"/>
      <property name="status" type="int" enumType="KalturaGizmoStatus" readOnly="1"/>
      <property name="createdAt" type="int" readOnly="1"/>
    </class>
    <class name="KalturaFilter"><property name="orderBy" type="string"/></class>
    <class name="KalturaGizmoFilter" base="KalturaFilter">
      <property name="nameLike" type="string"/><property name="idIn" type="string"/>
    </class>
    <class name="KalturaFilterPager">
      <property name="pageSize" type="int"/><property name="pageIndex" type="int"/>
    </class>
    <class name="KalturaGizmoListResponse">
      <property name="objects" type="array" arrayType="KalturaGizmo" readOnly="1"/>
      <property name="totalCount" type="int" readOnly="1"/>
    </class>
  </classes>
  <services>
    <service id="gizmo" name="gizmo">
      <action name="add" sessionRequired="none">
        <param name="gizmo" type="KalturaGizmo"/><result type="KalturaGizmo"/>
      </action>
      <action name="get" sessionRequired="none">
        <param name="id" type="int"/><result type="KalturaGizmo"/>
      </action>
      <action name="update" sessionRequired="none">
        <param name="id" type="int"/><param name="gizmo" type="KalturaGizmo"/>
        <result type="KalturaGizmo"/>
      </action>
      <action name="delete" sessionRequired="none"><param name="id" type="int"/></action>
      <action name="list" sessionRequired="none">
        <param name="filter" type="KalturaGizmoFilter" optional="1"/>
        <param name="pager" type="KalturaFilterPager" optional="1"/>
        <result type="KalturaGizmoListResponse"/>
      </action>
      <action name="frobnicate" sessionRequired="none">
        <param name="id" type="int"/><result type="bool"/>
      </action>
    </service>
  </services>
</xml>
"""


def _sandbox(data_dir: Path, schema_path: Path) -> tuple[TestClient, str]:
    app = create_sandbox_app(SandboxConfig(data_dir=data_dir, schema_path=schema_path))
    creds = sandbox_credentials(app)
    client = TestClient(app)
    start = {
        "format": "1",
        "secret": creds.admin_secret,
        "type": "2",
        "partnerId": creds.partner_id,
    }
    ks = client.post("/api_v3/service/session/action/start", json=start).json()
    return client, ks if isinstance(ks, str) else ""


def test_every_action_of_22_15_answers_schema_valid_or_a_kaltura_error(
    tmp_path: Path, real_schema_path: Path
) -> None:
    started = time.perf_counter()
    client, ks = _sandbox(tmp_path, real_schema_path)
    problems, calls = walk(load_schema(real_schema_path), client, ks)
    assert calls == 884
    assert problems == []
    assert time.perf_counter() - started < 30


def test_a_service_the_project_has_never_seen_keeps_state_by_convention(tmp_path: Path) -> None:
    schema_path = tmp_path / "unseen.xml"
    schema_path.write_text(UNSEEN)
    client, _ = _sandbox(tmp_path / "data", schema_path)
    problems, calls = walk(load_schema(schema_path), client, "")
    assert (problems, calls) == ([], 6)

    def call(action: str, **params: object) -> object:
        body = {"format": "1", **params}
        return client.post(f"/api_v3/service/gizmo/action/{action}", json=body).json()

    added = call("add", gizmo={"objectType": "KalturaGizmo", "name": "cog", "serial": "A1"})
    assert isinstance(added, dict) and added["status"] == 1 and added["createdAt"] > 0
    assert call("get", id=added["id"]) == added
    renamed = call("update", id=added["id"], gizmo={"objectType": "KalturaGizmo", "name": "gear"})
    assert isinstance(renamed, dict) and renamed["name"] == "gear"
    refused = call("update", id=added["id"], gizmo={"objectType": "KalturaGizmo", "serial": "B2"})
    assert isinstance(refused, dict) and refused["code"] == "PROPERTY_VALIDATION_NOT_UPDATABLE"
    listed = call("list", filter={"objectType": "KalturaGizmoFilter", "nameLike": "ge"})
    assert isinstance(listed, dict) and listed["totalCount"] == 1
    call("delete", id=added["id"])
    assert call("list") == {
        "objects": [],
        "totalCount": 0,
        "objectType": "KalturaGizmoListResponse",
    }
    frobnicated = call("frobnicate", id=1)
    assert isinstance(frobnicated, dict) and frobnicated["code"] == "SANDBOX_ACTION_NOT_SIMULATED"


def test_an_error_the_schemas_table_lacks_keeps_its_own_code(tmp_path: Path) -> None:
    schema_path = tmp_path / "unseen.xml"
    table = '<errors><error name="INTERNAL_SERVERL_ERROR" code="INTERNAL_SERVERL_ERROR">Internal server error occurred</error></errors>'
    schema_path.write_text(UNSEEN.replace("</services>", "</services>" + table))
    client, _ = _sandbox(tmp_path / "data", schema_path)
    missing = client.post("/api_v3/service/gizmo/action/get", json={"format": "1", "id": 99})
    said = missing.json()
    assert said["code"] == "OBJECT_NOT_FOUND", said  # not an internal error
    assert "99" in said["message"]
