"""A figure that says its unit, for the rows of `make bench` that are not milliseconds.

A row is `(what, value, baseline, value)`; a plain float is milliseconds. A `Figure` is a float
too (so rows keep their type) and carries the unit `scripts/bench.py` prints beside it.
"""

from __future__ import annotations


class Figure(float):
    unit: str

    def __new__(cls, value: float, unit: str) -> Figure:
        figure = super().__new__(cls, value)
        figure.unit = unit
        return figure


def unit_of(value: float) -> str:
    return getattr(value, "unit", "ms")
