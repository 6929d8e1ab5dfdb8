"""The engine: for every action of the loaded schema, the behaviour that answers it.

An action is answered, in this order, by a hand-written handler registered on the engine
(api_v3's unconventional parts: sessions, upload tokens, entries' content…), by the conventions
of `shapes.py` over the document store (`crud.py`), or by `SANDBOX_ACTION_NOT_SIMULATED`, an
honest Kaltura error naming the action and what to use instead. Nothing here is decided by
import side effects: `register_module` takes the handlers `context.handles` marked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from types import ModuleType
from typing import Literal

from app.protocol.schema import ActionDef, Schema, ServiceDef
from app.sandbox.context import CallContext, Handler, Params, marked
from app.sandbox.engine import crud
from app.sandbox.engine.shapes import Plan, Shapes
from app.sandbox.errors import NOT_SIMULATED, KalturaApiError

Behaviour = Literal["stateful", "simulated", "not simulated"]
INSTEAD = "point testme at a Kaltura server (--service-url) to call it"


@dataclass(frozen=True)
class Answer:
    handler: Handler
    behaviour: Behaviour
    how: str  # "hand-written", "convention: list", "none"


class Engine:
    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        self.shapes = Shapes(schema)
        self._hand_written: dict[tuple[str, str], tuple[Handler, Behaviour]] = {}
        self._answers: dict[tuple[str, str], Answer] = {}

    def register(
        self, service: str, action: str, handler: Handler, behaviour: Behaviour = "stateful"
    ) -> None:
        self._hand_written[(service.lower(), action.lower())] = (handler, behaviour)
        self._answers.clear()

    def register_module(self, module: ModuleType, behaviour: Behaviour = "stateful") -> None:
        """Register every function of `module` marked with `@handles`."""
        for value in vars(module).values():
            mark = marked(value)
            if mark is not None and callable(value):
                self.register(*mark, value, behaviour)

    def hand_written(self) -> Iterable[tuple[str, str]]:
        return self._hand_written.keys()

    def answer(self, service: ServiceDef, action: ActionDef) -> Answer:
        key = (service.id.lower(), action.name.lower())
        if key not in self._answers:
            self._answers[key] = self._decide(service, action, key)
        return self._answers[key]

    def _decide(self, service: ServiceDef, action: ActionDef, key: tuple[str, str]) -> Answer:
        if key in self._hand_written:
            handler, behaviour = self._hand_written[key]
            return Answer(handler, behaviour, "hand-written")
        plan = self.shapes.plan(service, action)
        if plan is not None:
            return Answer(partial(_conventional, plan=plan), "stateful", f"convention: {plan.verb}")
        call = f"{service.name}.{action.name}"
        return Answer(
            partial(_not_simulated, call=call, instead=self._instead(service, action)),
            "not simulated",
            "none",
        )

    def _instead(self, service: ServiceDef, action: ActionDef) -> str:
        others = [
            a.name
            for a in service.actions
            if a is not action
            and (
                (service.id.lower(), a.name.lower()) in self._hand_written
                or self.shapes.plan(service, a)
            )
        ]
        if others:
            return f"{INSTEAD}; the sandbox answers {service.name}.{', '.join(others)}"
        return f"{INSTEAD}; `testme sandbox coverage` lists what the sandbox answers"


def _conventional(ctx: CallContext, params: Params, *, plan: Plan) -> object:
    return crud.VERBS[plan.verb](ctx, params, plan)


def _not_simulated(ctx: CallContext, params: Params, *, call: str, instead: str) -> object:
    raise KalturaApiError(NOT_SIMULATED, call, instead)
