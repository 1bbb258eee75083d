"""Recompute the numbers stated in the entry-level batch C (bias-variance, deep learning, metrics,
linear models, LLMs, system design, regularization openers)."""

from __future__ import annotations

import math

import numpy as np

from tests.helpers import assert_states


def test_best_line_for_parabola_is_one_third():
    # Least-squares line for y = x^2 with x uniform on [-1, 1]: slope Cov(x, x^2)/Var(x) = 0,
    # intercept E[x^2] = 1/3. Check numerically on a fine grid.
    x = np.linspace(-1, 1, 200001)
    slope, intercept = np.polyfit(x, x**2, 1)
    assert abs(slope) < 1e-9
    assert math.isclose(intercept, 1 / 3, abs_tol=1e-4)
    assert_states("why-more-data-reduces-variance-not-bias", "the constant $1/3$")


def test_quadrupling_data_halves_standard_error():
    assert math.isclose(math.sqrt(1 / 4), 0.5)
    assert_states("why-more-data-reduces-variance-not-bias", "quadrupling the data halves")


def test_test_accuracy_standard_error_couple_of_points():
    # a few hundred examples (200-500) at accuracy 0.7-0.9: standard error 1.3 to 3.2 points
    for n in (200, 300, 500):
        for p in (0.7, 0.8, 0.9):
            se = math.sqrt(p * (1 - p) / n)
            assert 0.013 <= se <= 0.033
    assert_states("what-is-the-generalization-gap", "standard error of a couple of points")


def test_iterations_per_epoch():
    n, b = 50_000, 128
    steps = math.ceil(n / b)
    assert steps == 391
    assert n - (steps - 1) * b == 80
    assert 10 * steps == 3910
    assert_states("epoch-batch-and-iteration", "391 iterations", "391\nsteps", "last batch of 80",
                  "3,910 updates")


def test_embedding_table_size():
    assert 50_000 * 300 == 15_000_000
    assert_states("what-is-an-embedding", "15,000,000 trainable parameters")


def test_softmax_and_cross_entropy_numbers():
    z = np.array([2.0, 1.0, 0.0])
    p = np.exp(z - z.max())
    p /= p.sum()
    probs = ", ".join(f"{v:.3f}" for v in p)
    assert probs == "0.665, 0.245, 0.090"
    assert f"{-math.log(p[0]):.3f}" == "0.408"
    assert f"{-math.log(p[2]):.3f}" == "2.408"
    assert f"{math.log(10):.3f}" == "2.303"
    qid = "softmax-and-cross-entropy-in-a-classifier"
    assert_states(qid, f"$({probs})$", "\\approx 0.408", "\\approx 2.408", "about 2.303")
