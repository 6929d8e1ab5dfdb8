"""Walking every action of a schema through one in-process sandbox with minimal arguments, and
judging each answer against the schema: a value of the declared result type, or a Kaltura error
that is not "does not exist" and not an internal error."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient

from app.protocol.schema import ActionDef, Schema, TypeRef

NEVER = ("SERVICE_DOES_NOT_EXISTS", "ACTION_DOES_NOT_EXISTS", "INTERNAL_SERVERL_ERROR")


def minimal(schema: Schema, ref: TypeRef) -> Any:
    """The smallest value a mandatory parameter of this type accepts."""
    match schema.kind(ref):
        case "int":
            return 1
        case "float":
            return 1.5
        case "bool":
            return 0
        case "enum":
            return schema.enums[ref.enum_type].consts[0].value
        case "object":
            concrete = schema.concrete_types(ref.type)
            return {"objectType": concrete[0]} if concrete else {}
        case "array":
            return []
        case "map":
            return {}
    return "x"


def arguments(schema: Schema, action: ActionDef) -> dict[str, Any]:
    return {p.name: minimal(schema, p.ref) for p in action.params if not p.optional}


def _fits(schema: Schema, ref: TypeRef, value: Any, where: str) -> list[str]:
    if value is None:
        return []
    kind = schema.kind(ref)
    expected: dict[str, type | tuple[type, ...]] = {
        "int": int,
        "float": (int, float),
        "bool": bool,
        "string": str,
        "array": list,
        "map": dict,
    }
    if kind == "enum":
        return [] if isinstance(value, int | str) else [f"{where}: {value!r} is no enum value"]
    if kind == "object":
        return judge_object(schema, ref.type, value, where)
    if kind in expected and not isinstance(value, expected[kind]):
        return [f"{where}: {value!r} is not {kind}"]
    if kind == "array" and ref.array_type:
        item = TypeRef(ref.array_type)
        return [p for i, v in enumerate(value) for p in _fits(schema, item, v, f"{where}[{i}]")]
    return []


def judge_object(schema: Schema, declared: str, value: Any, where: str) -> list[str]:
    if not isinstance(value, dict) or not schema.is_subclass(
        str(value.get("objectType")), declared
    ):
        return [f"{where}: {value!r} is not a {declared}"]
    cls = str(value["objectType"])
    problems = []
    for name, item in value.items():
        prop = schema.property(cls, name)
        if name == "objectType":
            continue
        if prop is None:
            problems.append(f"{where}.{name}: {cls} has no such property")
            continue
        problems += _fits(schema, prop.ref, item, f"{where}.{name}")
    listed = isinstance(value.get("totalCount"), int) and isinstance(value.get("objects"), list)
    if declared.endswith("ListResponse") and not listed:
        problems.append(f"{where}: a list response without totalCount and objects")
    return problems


def judge(schema: Schema, action: ActionDef, answer: Any, where: str) -> list[str]:
    if isinstance(answer, dict) and answer.get("objectType") == "KalturaAPIException":
        return [f"{where}: {answer['code']}"] if answer["code"] in NEVER else []
    if action.result is None:
        return [] if answer is None else [f"{where}: a void action answered {answer!r}"]
    return _fits(schema, action.result, answer, where)


def walk(schema: Schema, client: TestClient, ks: str) -> tuple[list[str], int]:
    """Every action once (session's last, so ending the session spoils nothing); the problems
    found and the number of calls made."""
    calls = [(s, a) for s in schema.services for a in s.actions]
    calls.sort(key=lambda call: call[0].name == "session")
    problems: list[str] = []
    for service, action in calls:
        body = {"format": "1", "ks": ks, **arguments(schema, action)}
        answer = client.post(f"/api_v3/service/{service.id}/action/{action.name}", json=body)
        where = f"{service.name}.{action.name}"
        if answer.status_code != 200:
            problems.append(f"{where}: HTTP {answer.status_code}")
            continue
        problems += judge(schema, action, answer.json(), where)
    return problems, len(calls)
