"""Recompute every number the bias-variance questions state."""

from __future__ import annotations

import math
import os
import re
import resource
import subprocess
import sys

import numpy as np
from scipy.stats import norm

from tests.helpers import assert_states, question


def python_blocks(question_id: str) -> list[str]:
    blocks = re.findall(r"```python\n(.*?)```", question(question_id).answer, flags=re.S)
    assert blocks, f"{question_id} has no python block"
    return blocks


def assert_code_output_stated(question_id: str) -> None:
    """Run each python block as-is; every line it prints must appear in the question's text."""
    for code in python_blocks(question_id):
        # CPU time of the child, not wall time: the budget is the snippet's cost, which a busy
        # machine should not inflate.
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        # One BLAS thread: the 5 s budget should time the snippet, not thread contention on small
        # matrices when the machine is busy.
        env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
        result = subprocess.run(
            [sys.executable, "-W", "error", "-c", code],
            capture_output=True, text=True, timeout=60, check=True, env=env,
        )
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        elapsed = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        assert elapsed < 5, f"{question_id} block took {elapsed:.1f} s of CPU time"
        lines = [line for line in result.stdout.splitlines() if line.strip()]
        assert lines, f"{question_id} block printed nothing"
        assert_states(question_id, *lines)


def test_zero_one_loss_table():
    p = 0.8
    loss = {q: q * (1 - p) + (1 - q) * p for q in (1.0, 0.7, 0.3, 0.0)}
    assert_states("bias-variance-for-zero-one-loss",
                  *(f"{v:.2g}" for v in loss.values()))
    assert math.isclose(loss[0.7] - loss[1.0], 0.18)
    assert math.isclose(loss[0.0] - loss[0.3], 0.18)
    # Domingos: c1 * N + B + c2 * V with q = 0.3 (biased): c1 = 2q - 1, B = 1, c2 = -1, V = 0.3
    c1 = 2 * 0.3 - 1
    assert math.isclose(c1 * (1 - p) + 1 - 0.3, loss[0.3])
    assert_states("bias-variance-for-zero-one-loss", "0.18", f"-{abs(c1):.1f} \\cdot 0.2 + 1 - 0.3 = 0.62")
    # Domingos, unbiased case (q = 0.7): c1 = 2q - 1, B = 0, c2 = +1, V = 0.3
    assert math.isclose((2 * 0.7 - 1) * (1 - p) + 0.3, loss[0.7])
    # Friedman: error = Bayes error + |2f - 1| * P(disagree with Bayes), here f = p, P = 1 - q
    for q, value in loss.items():
        assert math.isclose(min(p, 1 - p) + abs(2 * p - 1) * (1 - q), value)


def test_empirical_bias_variance_simulation_output():
    assert_code_output_stated("estimate-bias-and-variance-empirically")
    assert_states("estimate-bias-and-variance-empirically", f"{1 - math.exp(-1):.1%}")  # 63.2%


def test_seed_faq_table_matches_the_simulation():
    """The seed FAQ quotes bias², variance and expected MSE from the simulation of
    estimate-bias-and-variance-empirically; rerun it and compare every row."""
    code = python_blocks("estimate-bias-and-variance-empirically")[0]
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True, env=env).stdout
    rows = re.findall(r"degree (\d+): bias\^2=([\d.]+) variance=([\d.]+) expected MSE=([\d.]+)", out)
    assert len(rows) == 3
    for degree, bias2, var, mse in rows:
        label = "1 (line)" if degree == "1" else degree
        assert_states("how-to-explain-bias-variance-tradeoff", f"| {label} | {bias2} | {var} | {mse} |")
    assert_states("how-to-explain-bias-variance-tradeoff", f"\\sigma^2 = {0.3**2:.2f}", "the 0.09 floor")


def test_diagnosis_gaps_and_validation_noise():
    baseline = 1.0
    rows = [(1.5, 11), (15, 16), (15, 30), (1.5, 2)]
    for train, val in rows:
        assert_states("diagnose-fit-from-train-and-validation-error",
                      f"| {train:g}% | {val:g}% | {train - baseline:g} pt", f"{val - train:g} pt")
    se = math.sqrt(0.1 * 0.9 / 1000) * 100
    assert_states("diagnose-fit-from-train-and-validation-error", f"\\approx$ {se:.1f} points")


def test_ridge_effective_degrees_of_freedom_and_knn_df():
    d = np.array([3.0, 1.0, 0.3])
    terms = d**2 / (d**2 + 1.0)
    assert_states("parameter-count-vs-effective-capacity",
                  f"{terms[0]:.1f} + {terms[1]:.1f} + {terms[2]:.3f}", f"{terms.sum():.2f}")
    assert_states("parameter-count-vs-effective-capacity", f"{1000 // 10} for $n = 1000$, $k = 10$")


def test_vc_rate_examples():
    h = 100
    small = math.sqrt(h * math.log(10_000 / h) / 10_000)
    large = math.sqrt(h * math.log(1_000_000 / h) / 1_000_000)
    assert_states("vc-dimension-intuition", f"about {small:.2f} at", f"about {large:.3f} at")


def test_curse_of_dimensionality_edge_lengths():
    edges = [0.1 ** (1 / d) for d in (1, 2, 10)]
    assert_states("more-data-or-more-features",
                  f"{edges[0]:.2f} in 1 dimension, {edges[1]:.2f} in 2", f"{edges[2]:.2f} in 10")


def test_variance_of_average_of_correlated_predictors():
    def var(rho, b, sigma2=1.0):
        return rho * sigma2 + (1 - rho) / b * sigma2

    for rho in (0.6, 0.3):
        row = f"| {rho} | 1 | {var(rho, 10):.2f} | {var(rho, 100):.3f} | {rho} |"
        assert_states("variance-of-an-average-of-correlated-predictors", row)
    # the formula equals the direct covariance-matrix computation
    b, rho = 10, 0.6
    cov = np.full((b, b), rho) + (1 - rho) * np.eye(b)
    assert math.isclose(np.ones(b) @ cov @ np.ones(b) / b**2, var(rho, b))


def test_knn_error_with_k():
    sigma2 = 1.0
    errors = {k: sigma2 + sigma2 / k for k in (1, 5, 20)}
    assert_states("knn-k-bias-variance", f"{errors[1]:.1f} for", f"{errors[5]:.1f} (plus bias²) at $k = 5$",
                  f"{errors[20]:.2f} (plus bias²) at")


def test_tree_leaf_counts():
    n, depth, min_leaf = 1000, 10, 20
    assert_states("tree-depth-bias-variance", f"depth 10 allows {2**depth} leaves",
                  f"at {n // min_leaf} leaves", f"\\sigma^2/20 = {1 / min_leaf:.2f}\\sigma^2")


def test_ridge_orthonormal_optimum():
    beta, sigma2 = 1.0, 0.5
    lam = sigma2 / beta**2
    bias2 = (lam * beta / (1 + lam)) ** 2
    var = sigma2 / (1 + lam) ** 2
    mse = (lam**2 * beta**2 + sigma2) / (1 + lam) ** 2
    assert math.isclose(bias2 + var, mse)
    assert math.isclose(mse, sigma2 * beta**2 / (beta**2 + sigma2))
    grid = np.linspace(0, 5, 50_001)
    assert abs(grid[np.argmin((grid**2 * beta**2 + sigma2) / (1 + grid) ** 2)] - lam) < 1e-3
    assert_states("regularization-strength-bias-variance", f"OLS has MSE\n{sigma2}",
                  f"\\lambda^* = {lam}", f"\\approx {bias2:.3f}", f"\\approx {var:.3f}",
                  f"MSE $\\approx {mse:.3f}$")


def test_double_descent_variance_formula_and_demo():
    n, sigma2 = 100, 1.0
    assert_states("double-descent", f"{50 / (n - 50 - 1) * sigma2:.2f} at $p = 50$",
                  f"${90 / (n - 90 - 1) * sigma2:.0f}\\sigma^2$ at $p = 90$")
    assert_code_output_stated("double-descent")
    # baselines quoted next to the demo: predicting 0 scores Var(y) = |theta|^2 + sigma^2, theta
    # of unit norm; the noise floor is sigma^2
    sigma, k = 0.5, 5
    theta = np.ones(k) / np.sqrt(k)
    assert_states("double-descent", f"\\operatorname{{Var}}(y) =$ {theta @ theta + sigma**2:.2f}",
                  f"\\sigma^2 =$ {sigma**2:.2f}")


def test_leakage_demo_output():
    assert_code_output_stated("overfitting-with-no-visible-gap")


def test_bayes_error_of_two_gaussians():
    bayes = norm.cdf(-1)  # threshold at 1, each class mean 1 away
    assert_states("irreducible-error-and-bayes-error", f"{bayes:.1%}", f"{1 - bayes:.1%}")


def test_noisy_label_error():
    eta, true_error = 0.10, 0.05
    measured = eta + (1 - 2 * eta) * true_error
    assert math.isclose(measured, true_error * (1 - eta) + (1 - true_error) * eta)
    assert_states("label-noise-and-bias-variance", f"{measured:.0%}", f"{1 - 2 * eta:.1f} \\times {true_error}")


def test_training_error_optimism():
    n, sigma2 = 100, 1.0
    d = 10
    assert_states("optimism-of-training-error", f"training MSE {sigma2 * (1 - d / n):.1f}",
                  f"in-sample error {sigma2 * (1 + d / n):.1f}", f"optimism {2 * d * sigma2 / n:.1f}")
    assert_states("optimism-of-training-error", f"optimism is {2 * 50 * sigma2 / n:.1f}")
    # Monte Carlo check of the 2d sigma^2 / n optimism for OLS with a correct model
    rng = np.random.default_rng(1)
    X = rng.normal(size=(n, d))
    H = X @ np.linalg.solve(X.T @ X, X.T)
    eps = rng.normal(size=(20_000, n))
    resid = eps - eps @ H.T
    assert abs(np.mean(resid**2) - (1 - d / n)) < 0.01


def test_high_bias_high_variance_example():
    baseline, train, val = 2, 12, 25
    assert_states("high-bias-and-high-variance-together", f"avoidable bias {train - baseline} points",
                  f"variance\n{val - train} points", f"${80 / 100}\\sigma^2$")


def test_shrunken_mean():
    mu, sigma2, n = 1.0, 4.0, 4
    c = mu**2 / (mu**2 + sigma2 / n)
    bias2 = (1 - c) ** 2 * mu**2
    var = c**2 * sigma2 / n
    assert_states("biased-estimator-with-lower-mse", f"($c = 1$) has MSE {sigma2 / n:g}",
                  f"$c^* = {c}$", f"bias² {bias2}", f"variance {var}", f"MSE {bias2 + var}")

