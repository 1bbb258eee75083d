"""Two builds of the same commit produce identical files."""

from __future__ import annotations

import time

import pytest

from tests.conftest import build_site

pytestmark = pytest.mark.site


def _files(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file()}


def test_two_builds_are_byte_identical(tmp_path, built_site):
    time.sleep(1.1)  # a clock-derived date would now differ
    second = tmp_path / "second"
    result = build_site(second)
    assert result.returncode == 0, result.stderr
    first_files, second_files = _files(built_site), _files(second)
    assert sorted(first_files) == sorted(second_files)
    different = [name for name in first_files if first_files[name] != second_files[name]]
    assert not different, f"files that differ between two builds: {different[:20]}"
