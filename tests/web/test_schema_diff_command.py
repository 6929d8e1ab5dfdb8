"""`testme schema diff OLD NEW`: what changed between two schema files, exit 0; a file that does
not parse named with its line, as `schema check` names it, and a non-zero exit."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.resources import default_schema_path

OLD = """<?xml version="1.0"?>
<xml apiVersion="1.0" generatedDate="1"><classes/><services>
<service id="media" name="media"><action name="get">
<param name="entryId" type="string"/><param name="version" type="int" optional="1"/>
</action></service></services></xml>"""
NEW = (
    OLD.replace('apiVersion="1.0"', 'apiVersion="2.0"')
    .replace('type="int" optional="1"', 'type="int"')
    .replace("</services>", '<service id="playlist" name="playlist"/></services>')
)


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.xml", tmp_path / "new.xml"
    old.write_text(OLD)
    new.write_text(NEW)
    return old, new


def test_schema_diff_prints_the_counts_then_each_change(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = files
    assert main(["schema", "diff", str(old), str(new)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == (
        "1.0 → 2.0: 2 changes: 1 added, 0 removed, 1 changed (1 made required)"
    )
    assert "Services (1)\n  + playlist\n" in out
    assert "Parameters (1)\n  ~ media.get(version): made required\n" in out


def test_schema_diff_of_a_file_with_itself_says_no_changes(
    real_schema_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema", "diff", str(real_schema_path), str(real_schema_path)]) == 0
    assert capsys.readouterr().out == "22.15.0 → 22.15.0: no changes\n"


def test_schema_diff_of_the_embedded_schema_and_22_15_0(
    real_schema_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema", "diff", str(default_schema_path()), str(real_schema_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("22.15.0-testme → 22.15.0: ")
    assert "\nServices (" in out and "\n  + captionAsset\n" in out


@pytest.mark.parametrize("which", [0, 1])
def test_schema_diff_names_the_line_of_a_file_that_does_not_parse(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], which: int
) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text("<xml>\n<services>\n<service id='x'")
    paths = [str(p) for p in files]
    paths[which] = str(broken)
    assert main(["schema", "diff", *paths]) == 1
    out, err = capsys.readouterr()
    assert f"error: {broken}:3: not well-formed XML" in err and out == ""


def test_schema_diff_wants_two_files(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["schema", "diff", "only-one.xml"])
    assert stopped.value.code == 2 and "NEW" in capsys.readouterr().err.upper()
