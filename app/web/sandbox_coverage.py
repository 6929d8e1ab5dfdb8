"""What the embedded sandbox answers of the console's schema, for the console and the docs to say.

The rule is the sandbox engine's own (`app.sandbox.engine.coverage.behaviours`), run once per
schema (`ConsoleState.coverage` keeps it); a console whose target is a real server has none, so
nothing is marked there. Values only: the templates print the marks and the notes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from app.forms.fields import Option
from app.protocol.schema import Schema, ServiceDef

# The label Select action gives an action the sandbox answers with SANDBOX_ACTION_NOT_SIMULATED;
# the option's value stays the schema's action name.
NOT_SIMULATED_MARK = " — not simulated by the sandbox"
# The docs' badge for each of the engine's behaviours.
BADGES: Mapping[str, str] = {
    "stateful": "sandbox keeps state",
    "simulated": "sandbox simulates",
    "not simulated": "not simulated by the sandbox",
}


@dataclass(frozen=True)
class ServiceAnswers:
    """One service's actions as the docs mark them: each action's behaviour, and the counts."""

    behaviours: Mapping[str, str]  # action name (as the schema spells it) → behaviour
    answered: int
    stateful: int

    def badge(self, action: str) -> tuple[str, str]:
        """The CSS modifier and the words of `action`'s badge."""
        behaviour = self.behaviours[action]
        return behaviour.replace(" ", "-"), BADGES[behaviour]


@dataclass(frozen=True)
class SandboxCoverage:
    behaviours: Mapping[tuple[str, str], str]  # (service id, action), lower-case → behaviour

    @classmethod
    def of(cls, schema: Schema) -> SandboxCoverage:
        # Imported here: only a console whose target is the sandbox loads the sandbox's code.
        from app.sandbox.engine.coverage import behaviours

        return cls(behaviours(schema))

    def simulated(self, service_id: str, action: str) -> bool:
        """Whether the sandbox answers the action (an unknown one it does not)."""
        found = self.behaviours.get((service_id.lower(), action.lower()), "not simulated")
        return found != "not simulated"

    def marked(self, service_id: str, options: tuple[Option, ...]) -> tuple[Option, ...]:
        """Select action's options, those the sandbox does not simulate saying so."""
        return tuple(
            o
            if self.simulated(service_id, o.value)
            else Option(o.value, o.label + NOT_SIMULATED_MARK)
            for o in options
        )

    def service(self, service: ServiceDef) -> ServiceAnswers:
        found = {
            a.name: self.behaviours.get((service.id.lower(), a.name.lower()), "not simulated")
            for a in service.actions
        }
        values = list(found.values())
        answered = sum(b != "not simulated" for b in values)
        return ServiceAnswers(found, answered, values.count("stateful"))
