"""Recompute every number stated in the gaps4a batch (llms-and-generative-ai: speculative-decoding
draft length, activation outliers in int8 quantization, beam search)."""

from __future__ import annotations

import math

import numpy as np

from tests.helpers import assert_states, question, run_python_block

DRAFT = "speculative-decoding-draft-length-and-speedup"


def _tokens_per_pass(alpha: float, gamma: int) -> float:
    return (1 - alpha ** (gamma + 1)) / (1 - alpha)


def _speedup(alpha: float, gamma: int, c: float) -> float:
    return _tokens_per_pass(alpha, gamma) / (1 + gamma * c)


def _best_gamma(alpha: float, c: float) -> int:
    return max(range(1, 31), key=lambda g: _speedup(alpha, g, c))


def test_acceptance_rate_is_overlap():
    p, q = np.array([0.6, 0.3, 0.1]), np.array([0.5, 0.2, 0.3])
    beta = np.minimum(p, q).sum()
    assert math.isclose(beta, 1 - 0.5 * np.abs(p - q).sum())
    assert math.isclose(beta, np.sum(q * np.minimum(1, p / q)))
    assert_states(DRAFT, f"$\\beta = 0.5 + 0.2 + 0.1 = {beta:.1f}$")


def test_tokens_per_pass_and_cap():
    tokens = _tokens_per_pass(0.8, 4)
    assert math.isclose(tokens, sum(0.8 ** i for i in range(5)))
    assert_states(DRAFT, f"that is {tokens:.2f} tokens per target pass",
                  f"which is {1 / (1 - 0.8):.0f} tokens for $\\alpha = 0.8$")


def test_optimal_gamma_table():
    best = {c: [_best_gamma(a, c) for a in (0.6, 0.8, 0.9)] for c in (0.05, 0.2)}
    speed = [_speedup(a, g, 0.05) for a, g in zip((0.6, 0.8, 0.9), best[0.05])]
    assert_states(
        DRAFT,
        "the best $\\gamma$ is {}, {} and {} for".format(*best[0.05]),
        "{:.2f}, {:.2f}, {:.2f}); with a costlier draft".format(*speed),
        "it falls to {}, {} and {}.".format(*best[0.2]),
    )
    assert_states(DRAFT, f"$\\gamma = 4$ gives {_speedup(0.8, 4, 0.05):.2f} against "
                  f"{_speedup(0.8, 8, 0.05):.2f} at $\\gamma = 8$")
    best_value = _speedup(0.8, 8, 0.05)
    near = [g for g in range(1, 31) if _speedup(0.8, g, 0.05) >= 0.95 * best_value]
    assert near == list(range(near[0], near[-1] + 1))
    assert_states(DRAFT, f"every $\\gamma$ from {near[0]} to {near[-1]} comes within 5% of the best")
    assert math.isclose(_speedup(0.8, 1, 0.05), 1.8 / 1.05)
    # drafting pays when alpha > c (gamma = 1 already wins); with alpha <= c no gamma beats
    # plain decoding
    for alpha, c in ((0.1, 0.1), (0.05, 0.2), (0.3, 0.3)):
        assert all(_speedup(alpha, g, c) <= 1 + 1e-12 for g in range(1, 50))
    for alpha, c in ((0.11, 0.1), (0.5, 0.3)):
        assert _speedup(alpha, 1, c) > 1


def test_draft_length_snippet():
    lines = run_python_block(DRAFT).splitlines()
    assert lines[1] == "c=0.05 alpha=0.8: best gamma=8, 4.33 tokens/pass, speed-up 3.09"
    assert lines[5] == "c=0.2 alpha=0.9: best gamma=7, 5.70 tokens/pass, speed-up 2.37"
    assert question(DRAFT).difficulty == "hard"


OUTLIERS = "llm-activation-outliers-int8-smoothquant"


def _absmax_int8(x: np.ndarray) -> tuple[float, np.ndarray]:
    scale = float(np.abs(x).max()) / 127
    return scale, np.clip(np.round(x / scale), -127, 127)


def test_absmax_with_and_without_outlier():
    x = np.array([0.8, -0.3, 0.15, -1.2, 0.5, 60.0])
    scale, q = _absmax_int8(x)
    ordinary = x[:5]
    errors = np.abs(q[:5] * scale - ordinary)
    assert_states(OUTLIERS, f"scale $60/127 = {scale:.3f}$",
                  "integers $" + ", ".join(f"{int(v)}" for v in q[:5]) + "$",
                  f"errors reach {errors.max():.3f} on values")
    assert q[2] == 0  # 0.15 rounds to zero
    scale2, q2 = _absmax_int8(ordinary)
    err2 = np.abs(q2 * scale2 - ordinary).max()
    assert err2 <= scale2 / 2
    assert_states(OUTLIERS, f"$1.2/127 = {scale2:.4f}$", f"{err2:.4f}.\n\n**Why per-channel")


def test_smoothquant_migration():
    alpha = 0.5

    def smooth(x_max, w_max):
        s = x_max ** alpha / w_max ** (1 - alpha)
        return s, x_max / s, w_max * s

    s_out, x_out, w_out = smooth(60, 0.1)
    s_ord, x_ord, w_ord = smooth(1, 0.5)
    assert math.isclose(x_out, w_out) and math.isclose(x_ord, w_ord)
    assert_states(OUTLIERS, f"gets $s = {s_out:.1f}$ and both maxima become {x_out:.2f}",
                  f"gets $s = {s_ord:.2f}$ and both become {x_ord:.2f}",
                  f"from {60 / 1:.0f}× to {x_out / x_ord:.1f}×")
    # the product X W is unchanged by the rescaling
    rng = np.random.default_rng(0)
    X, W = rng.normal(size=(3, 4)), rng.normal(size=(4, 2))
    s = rng.uniform(0.5, 3, size=4)
    assert np.allclose((X / s) @ (s[:, None] * W), X @ W)


def test_w8a8_memory_7b():
    params = 7e9
    assert_states(OUTLIERS, f"from {params * 2 / 1e9:.0f} GB to {params * 1 / 1e9:.0f} GB")


BEAM = "implement-beam-search-with-length-normalization"


def test_beam_search_snippet_and_trace():
    out = run_python_block(BEAM).splitlines()
    assert out == ["('A A </s>', 0.12)", "('B A </s>', 0.324)"]
    greedy = 0.5 * 0.4 * 0.6
    beam = 0.4 * 0.9 * 0.9
    assert math.isclose(greedy, 0.12) and math.isclose(beam, 0.324)
    assert_states(BEAM, f"`('A A </s>', {greedy:.2f})`", f"`('B A </s>', {beam:.3f})`",
                  f"`B A` ({0.4 * 0.9:.2f}) leads `A A` ({0.5 * 0.4:.1f})",
                  f"{beam / greedy:.1f} times as")


def test_length_normalization_flips_the_choice():
    short, long_ = 0.5 * 0.35, 0.5 * 0.4 * 0.6
    raw = (math.log(short), math.log(long_))
    per_token = (raw[0] / 2, raw[1] / 3)
    assert raw[0] > raw[1] and per_token[1] > per_token[0]
    assert_states(BEAM, f"probability {short:.3f} and `A A </s>` {long_:.2f}",
                  f"raw scores ${raw[0]:.3f}$ and ${raw[1]:.3f}$",
                  f"per-token scores ${per_token[0]:.3f}$ and ${per_token[1]:.3f}$")


def test_beam_search_max_len_fallback_and_top_2b():
    import contextlib
    import io
    import re

    block = re.findall(r"```python\n(.*?)```", question(BEAM).answer, flags=re.S)[0]
    namespace: dict = {"__name__": "__snippet__"}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(block, BEAM, "exec"), namespace)
    # cut off before any hypothesis finishes: the live beams are returned instead
    assert namespace["beam_search"](width=2, max_len=2) == ("B A", 0.36)
    # top 2B of the flattened B x V scores always hold at least B live candidates
    rng = np.random.default_rng(1)
    for width in (1, 2, 4):
        vocab = 6
        scores = rng.normal(size=(width, vocab))
        eos = 0
        top = np.argsort(scores, axis=None)[::-1][: 2 * width]
        assert sum(1 for flat in top if flat % vocab != eos) >= width
