"""What the sandbox answers, per service: which actions keep state, which are simulated, which
answer SANDBOX_ACTION_NOT_SIMULATED. `testme sandbox coverage` prints it; pure (no I/O)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from app.protocol.schema import Schema
from app.sandbox.engine import build_engine
from app.sandbox.engine.registry import Behaviour, Engine

BEHAVIOURS: tuple[Behaviour, ...] = ("stateful", "simulated", "not simulated")


@dataclass(frozen=True)
class ServiceCoverage:
    service: str
    actions: tuple[tuple[str, Behaviour], ...]

    def named(self, behaviour: Behaviour) -> list[str]:
        return [name for name, b in self.actions if b == behaviour]


def coverage(schema: Schema, engine: Engine) -> list[ServiceCoverage]:
    return [
        ServiceCoverage(
            service.name,
            tuple((a.name, engine.answer(service, a).behaviour) for a in service.actions),
        )
        for service in schema.services
    ]


def behaviours(schema: Schema) -> dict[tuple[str, str], Behaviour]:
    """How the sandbox serving `schema` answers each action, by service id and action name
    (lower-case, as calls match): the console and the docs mark actions with it."""
    engine = build_engine(schema)
    return {
        (service.id.lower(), a.name.lower()): engine.answer(service, a).behaviour
        for service in schema.services
        for a in service.actions
    }


def totals(services: list[ServiceCoverage]) -> Counter[Behaviour]:
    return Counter(b for s in services for _, b in s.actions)


def report(services: list[ServiceCoverage]) -> str:
    """One line per service, then the totals with their shares of all actions."""
    lines = []
    for service in services:
        parts = [
            f"{behaviour}: {', '.join(names)}"
            for behaviour in BEHAVIOURS
            if (names := service.named(behaviour))
        ]
        lines.append(f"{service.service}  " + "; ".join(parts))
    counted = totals(services)
    everything = sum(counted.values()) or 1
    summary = ", ".join(
        f"{counted[b]} {b} ({100 * counted[b] / everything:.1f}%)" for b in BEHAVIOURS
    )
    lines.append(f"{sum(counted.values())} actions in {len(services)} services: {summary}")
    return "\n".join(lines)
