"""`testme sandbox coverage` says, per service, which actions the sandbox answers and how."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main


def test_coverage_of_22_15_lists_each_service_and_the_shares(
    real_schema_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sandbox", "coverage", "--schema", str(real_schema_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    playlist = next(line for line in lines if line.startswith("playlist "))
    stateful = "add, clone, delete, execute, executeFromContent, executeFromFilters, get, list"
    assert f"stateful: {stateful}, update" in playlist
    assert "not simulated: getStatsFromContent" in playlist
    assert lines[-1].startswith("884 actions in 111 services: ")
    assert "2 simulated" in lines[-1] and "not simulated" in lines[-1]


def test_coverage_of_the_embedded_schema_has_nothing_unsimulated(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["sandbox", "coverage"]) == 0
    assert "0 not simulated (0.0%)" in capsys.readouterr().out.splitlines()[-1]


def test_a_bare_sandbox_command_says_how_to_use_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sandbox"]) == 2
    assert "testme sandbox coverage" in capsys.readouterr().err
