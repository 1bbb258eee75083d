"""Recompute every number stated in the llm-b batch (decoding, retrieval, evaluation, serving,
generative models of the llms-and-generative-ai topic)."""

from __future__ import annotations

import math

import numpy as np
from scipy.special import softmax

from tests.helpers import assert_states, question

TEMPERATURE = "sampling-temperature-in-llm-decoding"
TOP_P = "top-k-vs-top-p-nucleus-sampling"


def _fmt(values) -> str:
    return ", ".join(f"{v:.3f}" for v in values)


def test_temperature_table():
    logits = np.array([2.0, 1.0, 0.0])
    for t in (0.5, 1, 2):
        assert_states(TEMPERATURE, f"| {t} | {_fmt(softmax(logits / t))} |")
    assert_states(TEMPERATURE, f"$e^2 \\approx {math.exp(2):.1f}$", f"$e^{{0.5}} \\approx {math.exp(0.5):.1f}$")
    assert question(TEMPERATURE).difficulty == "easy"


def _nucleus(p, top_p):
    order = np.argsort(-p, kind="stable")
    cum = np.cumsum(p[order])
    n = int(np.searchsorted(cum, top_p - 1e-12) + 1)
    kept = order[:n]
    return kept, p[kept] / p[kept].sum(), cum


def test_top_p_and_top_k_worked_example():
    p = np.array([0.5, 0.2, 0.15, 0.1, 0.05])
    kept, renorm, cum = _nucleus(p, 0.9)
    assert len(kept) == 4
    assert_states(TOP_P, "are " + ", ".join(f"{c:.2f}".rstrip("0") for c in cum[:4]),
                  f"probabilities {_fmt(renorm)} (each divided by {p[:4].sum():.2f})")
    top2 = p[:2] / p[:2].sum()
    assert_states(TOP_P, f"with {top2[0]:.3f} and {top2[1]:.3f}")


def test_top_p_flat_and_peaked():
    flat = np.full(5, 0.2)
    kept, _, cum = _nucleus(flat, 0.9)
    assert len(kept) == 5 and math.isclose(cum[3], 0.8)
    peaked = np.array([0.92, 0.04, 0.02, 0.01, 0.01])
    kept, _, _ = _nucleus(peaked, 0.9)
    assert len(kept) == 1
    assert round(0.04 / 0.96 * 100) == 4
    assert_states(TOP_P, "sum to only 0.8", "one token has 0.92", "about 4%")
