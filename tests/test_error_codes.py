"""Every error code has a failing fixture, and the validator reports it in the documented form."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.diagnostics import CODES
from tests.conftest import FIXTURES, ROOT, VALID_BANK, overlay_bank, run_check

INVALID = FIXTURES / "invalid"
LINE_FORMAT = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+): (?P<code>E\d{3}) "
                         r"(?P<name>[a-z-]+): (?P<message>.+)$")


def test_the_valid_fixture_bank_passes():
    result = run_check(VALID_BANK)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("no problems.")


def test_every_error_code_has_a_fixture():
    assert sorted(p.name for p in INVALID.iterdir()) == sorted(CODES)


@pytest.mark.parametrize("code", sorted(CODES))
def test_each_fixture_fails_with_its_own_code_only(code, tmp_path):
    bank = overlay_bank(tmp_path, INVALID / code)
    result = run_check(bank)
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    problems, last = lines[:-1], lines[-1]
    assert problems, result.stdout
    for line in problems:
        match = LINE_FORMAT.match(line)
        assert match, f"not in path:line: CODE name: message form: {line}"
        assert match["code"] == code, line
        assert match["name"] == CODES[code]
    assert re.match(r"^\d+ problems? in \d+ files? checked\.$", last), last


def test_every_code_is_documented_in_contributing():
    text = (ROOT / "CONTRIBUTING.md").read_text()
    for code, name in CODES.items():
        assert f"| {code} | {name} |" in text, f"{code} {name} missing from CONTRIBUTING.md"


def test_no_traceback_for_any_fixture(tmp_path):
    for code in sorted(CODES):
        bank = overlay_bank(tmp_path / code, INVALID / code)
        result = run_check(bank)
        assert "Traceback" not in result.stdout + result.stderr, code
