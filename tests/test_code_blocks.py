"""Every fenced ```python block in the bank runs as it is. Code that is not meant to run is
fenced as ```text (pseudo-code) instead, which marks it explicitly."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from macros.bank import load_bank

FENCE = re.compile(r"^(?P<indent>[ ]*)```python[^\n]*\n(?P<code>.*?)^(?P=indent)```", re.M | re.S)


def _blocks():
    bank, _ = load_bank()
    for q in bank.all_questions():
        texts = [q.answer] + [f.answer for f in q.follow_ups]
        for index, match in enumerate(m for text in texts for m in FENCE.finditer(text)):
            indent = len(match["indent"])
            code = "\n".join(line[indent:] for line in match["code"].splitlines())
            yield pytest.param(code, id=f"{q.id}-{index}")


BLOCKS = list(_blocks())


def test_the_fence_pattern_finds_blocks():
    text = "Intro\n\n```python\nprint(1)\n```\n\n  ```python\n  x = 2\n  ```\n"
    assert [m["code"] for m in FENCE.finditer(text)] == ["print(1)\n", "  x = 2\n"]


@pytest.mark.parametrize("code", BLOCKS or [pytest.param("pass", id="no-blocks-yet")])
def test_python_block_runs(code, tmp_path):
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
