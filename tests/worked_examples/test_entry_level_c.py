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
