"""Recompute every number stated in the llm-a batch (tokenization, scaling laws, KV cache, LoRA,
fine-tuning memory, reward models and DPO)."""

from __future__ import annotations

import math

import numpy as np

from tests.helpers import assert_states, question, run_python_block


def test_bpe_worked_example_merges():
    out = run_python_block("byte-pair-encoding-worked-example").splitlines()
    assert out == [
        "1 e+r 14",
        "2 w+er 10",
        "3 n+e 9",
        "4 l+o 8",
        "('w', 'o', 'n', 'd', 'er')",
    ]
    # The table's counts, recomputed from the word counts.
    counts = {"low": 5, "lower": 3, "newer": 7, "wider": 4, "new": 2}
    assert counts["lower"] + counts["newer"] + counts["wider"] == 14
    assert counts["lower"] + counts["newer"] == 10
    assert counts["newer"] + counts["new"] == 9
    assert counts["low"] + counts["lower"] == 8
    assert_states("byte-pair-encoding-worked-example", "| 14 |", "| 10 |", "| 9 |", "| 8 |",
                  "`w o n d er`")
