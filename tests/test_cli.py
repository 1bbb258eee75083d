"""`python -m macros check [paths]`: exit codes, selection of files, the closing count."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import FIXTURES, ROOT, run_check

BROKEN = FIXTURES / "broken-bank"


def test_check_exits_0_with_a_count_for_a_valid_bank():
    result = run_check(FIXTURES / "valid-bank")
    assert (result.returncode, result.stdout) == (0, "OK: 7 files checked, no problems.\n")


def test_check_of_one_file_reports_only_that_file():
    result = run_check(BROKEN / "misc" / "bad-yaml.yaml")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "tests/fixtures/broken-bank/misc/bad-yaml.yaml:3: E001 yaml-syntax: invalid YAML: "
        "expected ',' or ']', but got '<stream end>'",
        "1 problem in 1 file checked.",
    ]


def test_check_of_a_clean_file_in_a_broken_bank_passes():
    result = run_check(BROKEN / "basics" / "second-question.yaml")
    # second-question relates to a question missing from the broken bank
    assert result.returncode == 1 and "E011" in result.stdout


def test_check_accepts_a_path_relative_to_the_repository_root():
    result = run_check("tests/fixtures/valid-bank")
    assert result.returncode == 0, result.stdout


def test_a_path_outside_any_bank_is_a_usage_error(tmp_path):
    result = run_check(tmp_path)
    assert result.returncode == 2
    assert "no question bank" in result.stderr


def test_schema_check_reports_current():
    result = subprocess.run([sys.executable, "-m", "macros", "schema", "--check"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
