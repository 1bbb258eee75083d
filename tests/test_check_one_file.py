"""`python -m macros check questions/<topic>/<id>.yaml` (`make check FILE=...`): the one-file fast
path reads only what the file's rules need, yet reports exactly what the whole-bank check
reports for that file, cross-file rules included."""

from __future__ import annotations

from pathlib import Path

from macros import bank as bank_module
from macros import metrics_registry
from macros.bank import check_files, load_bank, shown_path
from tests.conftest import overlay_bank, run_check


def _break(bank: Path) -> tuple[Path, Path]:
    """first-question: an unknown related ID; a copy of it in another folder claims its ID;
    second-question: an unrelated problem of its own."""
    first = bank / "basics" / "first-question.yaml"
    text = first.read_text()
    first.write_text(text.replace("related: [second-question]",
                                  "related: [second-question, no-such-question]"))
    clash = bank / "other" / "first-question.yaml"
    clash.parent.mkdir()
    clash.write_text(text)
    second = bank / "basics" / "second-question.yaml"
    second.write_text(second.read_text().replace("difficulty: ", "difficulty: impossible-"))
    return first, second


def test_one_file_reports_cross_file_problems(tmp_path):
    bank = overlay_bank(tmp_path, None)
    first, second = _break(bank)
    result = run_check(first)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(" E008 " in line and "also used by" in line and "other/first-question.yaml" in line
               for line in lines), result.stdout
    assert any(" E011 " in line and "no-such-question" in line for line in lines), result.stdout
    assert all(line.startswith(shown_path(first)) for line in lines[:-1]), result.stdout
    assert lines[-1] == f"{len(lines) - 1} problems in 1 file checked."


def test_one_file_reports_what_the_whole_bank_check_reports_for_it(tmp_path):
    bank = overlay_bank(tmp_path, None)
    first, second = _break(bank)
    _, everything = load_bank(bank)
    for path in (first, second, bank / "other" / "first-question.yaml"):
        expected = [p for p in everything if p.path == shown_path(path)]
        assert expected, path
        got = [p for p in check_files(bank, [path]) if p.path == shown_path(path)]
        assert got == expected


def test_a_valid_file_passes(tmp_path):
    bank = overlay_bank(tmp_path, None)
    result = run_check(bank / "basics" / "second-question.yaml")
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "OK: 1 file checked, no problems."


def test_a_broken_file_elsewhere_is_not_reported(tmp_path):
    bank = overlay_bank(tmp_path, None)
    _, second = _break(bank)
    result = run_check(bank / "other" / "first-question.yaml")
    assert "second-question" not in result.stdout


def test_the_registry_names_agree_with_the_metrics_module():
    assert bank_module.METRICS_FILE == metrics_registry.METRICS_FILE
    assert bank_module.CHOOSER_FILE == metrics_registry.CHOOSER_FILE
