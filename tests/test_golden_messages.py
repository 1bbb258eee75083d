"""The exact wording of the validator's report for a broken bank: part of the contract."""

from __future__ import annotations

from tests.conftest import FIXTURES, run_check

BROKEN = FIXTURES / "broken-bank"
EXPECTED = FIXTURES / "broken-bank.expected.txt"


def test_the_broken_bank_report_is_exactly_the_golden_one():
    result = run_check(BROKEN)
    assert result.returncode == 1
    assert result.stdout == EXPECTED.read_text(encoding="utf-8")
    assert result.stderr == ""
