"""Recompute every number stated in the regularization batch."""

from __future__ import annotations

import math

import numpy as np
from sklearn.linear_model import Lasso

from tests.helpers import assert_states


def test_soft_thresholding_and_ridge_in_orthonormal_design_state_the_table():
    b = np.array([2.0, 0.6, -0.3])
    lam = 0.5
    lasso = np.sign(b) * np.maximum(np.abs(b) - lam, 0.0)
    ridge = b / (1 + lam)
    assert np.allclose(lasso, [1.5, 0.1, 0.0])
    assert_states(
        "lasso-soft-thresholding-orthonormal-derivation",
        f"| 2.0 | {lasso[0]:g} | {ridge[0]:.2f} |",
        f"| 0.6 | {lasso[1]:.1f} | {ridge[1]:.1f} |",
        f"| -0.3 | {abs(lasso[2]):g} | {ridge[2]:.1f} |",
    )


def test_ridge_shrinkage_factors_from_singular_values():
    lam = 1.0
    rows = []
    for d in (10, 1, 0.1):
        factor = d**2 / (d**2 + lam)
        rows.append(f"| {d:g} | {d**2:g} | {factor:.3f} |")
    assert_states("ridge-svd-shrinkage-factors", *rows)


def test_ridge_effective_degrees_of_freedom_table():
    d2 = np.array([9, 4, 1, 0.25])
    df = {lam: float(np.sum(d2 / (d2 + lam))) for lam in (0, 1, 4)}
    contributions_4 = d2 / (d2 + 4)
    assert_states(
        "ridge-effective-degrees-of-freedom",
        f"| 0 | 1 + 1 + 1 + 1 | {df[0]:g} |",
        "| 1 | 0.9 + 0.8 + 0.5 + 0.2 | " + f"{df[1]:g} |",
        f"{contributions_4[0]:.3f} + {contributions_4[1]:g} + {contributions_4[2]:g} + "
        f"{contributions_4[3]:.3f} | {df[4]:.2f} |",
    )


def test_map_prior_scales_give_the_stated_penalties():
    sigma2, tau2, b = 4, 0.25, 0.5
    ridge_lambda = sigma2 / tau2
    lasso_lambda = sigma2 / b
    assert_states(
        "regularization-as-map-estimation",
        f"$\\sigma^2 = {sigma2}$",
        f"$\\tau^2 = {tau2}$",
        f"$\\lambda = {ridge_lambda:g}$",
        f"$b = {b}$ gives a lasso penalty\n$\\lambda = {lasso_lambda:g}$",
    )


def test_lambda_max_snippet_prints_zero_then_one():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((100, 5))
    y = X @ np.array([3.0, 0, 0, 1.0, 0]) + rng.standard_normal(100)
    X = X - X.mean(axis=0)
    y = y - y.mean()
    alpha_max = np.max(np.abs(X.T @ y)) / len(y)
    counts = [np.count_nonzero(Lasso(alpha=a).fit(X, y).coef_) for a in (alpha_max, 0.9 * alpha_max)]
    assert_states(
        "choosing-lambda-regularization-path",
        f"This prints {counts[0]} (every coefficient is zero",
        f"and then {counts[1]} (just below it",
    )


def test_one_standard_error_rule_picks_lambda_one():
    lambdas = [0.001, 0.01, 0.1, 1, 10]
    cv = [4.10, 3.92, 3.85, 3.93, 4.60]
    se = [0.12, 0.11, 0.10, 0.11, 0.15]
    best = int(np.argmin(cv))
    threshold = cv[best] + se[best]
    chosen = max(lam for lam, err in zip(lambdas, cv) if err <= threshold)
    assert_states(
        "one-standard-error-rule",
        f"the threshold is $3.85 + 0.10 = {threshold:.2f}$",
        f"$\\lambda = {chosen:g}$ (3.93), which the rule picks",
    )


def test_units_change_the_ridge_penalty_by_a_million():
    per_km = 2.0
    per_m = per_km / 1000
    ratio = per_km**2 / per_m**2
    assert_states(
        "standardize-before-penalizing-and-intercept",
        f"| m | {per_m:g} | {per_m**2:.6f} |",
        f"{ratio:,.0f} times more",
    )


def test_ridge_improves_the_condition_number():
    big, small, lam = 100, 0.01, 1
    ols = big / small
    ridge = (big + lam) / (small + lam)
    assert_states(
        "ridge-invertibility-and-conditioning",
        f"$100/0.01 = {ols:,.0f}".replace(",", "{,}") + "$",
        f"$101/1.01 = {ridge:.0f}$",
    )


def test_adam_coupled_l2_decays_small_gradient_weight_more():
    ratio = 10 / 0.1
    assert_states("adam-l2-vs-adamw-weight-decay", f"{ratio:.0f} times more strongly")


def test_early_stopping_versus_ridge_factors():
    eta, tau = 0.1, 10
    alpha = 1 / (eta * tau)
    assert math.isclose(alpha, 1)
    assert_states("early-stopping-equivalent-to-l2", f"$\\alpha \\approx 1/(\\eta\\tau) = {alpha:g}$")
    gd = {lam: 1 - (1 - eta * lam) ** tau for lam in (0.01, 1, 5)}
    ridge = {lam: lam / (lam + alpha) for lam in (0.01, 1, 5)}
    assert_states(
        "early-stopping-equivalent-to-l2",
        f"| 0.01 | {gd[0.01]:.4f} | {ridge[0.01]:.4f} |",
        f"| 1 | {gd[1]:.3f} | {ridge[1]:.3f} |",
        f"| 5 | {gd[5]:.3f} | {ridge[5]:.3f} |",
    )


def test_inverted_dropout_scaling_preserves_the_expectation():
    p, activation = 0.2, 2.0
    scale = 1 / (1 - p)
    kept = activation * scale
    expectation = (1 - p) * kept
    assert math.isclose(expectation, activation)
    assert_states(
        "inverted-dropout-train-vs-inference",
        f"$1/(1-0.2) = {scale:g}$",
        f"becomes {kept:g} with probability {1 - p:g}",
        f"$0.8\\times 2.5 = {expectation:.1f}$",
    )


def test_dropout_penalty_coefficient_for_linear_regression():
    assert_states(
        "why-dropout-regularizes",
        f"$0.2/0.8 = {0.2 / 0.8:g}$",
        f"with $p = 0.5$ it\nis {0.5 / 0.5:g}",
    )


def test_expected_dropout_loss_matches_the_formula_by_simulation():
    rng = np.random.default_rng(1)
    x, w, y, p = np.array([1.0, -2.0, 0.5]), np.array([0.3, 0.7, -1.1]), 0.4, 0.2
    masks = rng.random((400_000, 3)) > p
    noisy = masks * x / (1 - p)
    simulated = np.mean((y - noisy @ w) ** 2)
    formula = (y - w @ x) ** 2 + p / (1 - p) * np.sum(w**2 * x**2)
    assert math.isclose(simulated, formula, rel_tol=0.01)


def test_cost_complexity_effective_alpha():
    alpha_eff = (0.20 - 0.12) / (5 - 1)
    assert_states("decision-tree-regularization-pruning", f"$(0.20-0.12)/(5-1) = {alpha_eff:.2f}$")


def test_xgboost_split_gain_and_leaf_weight():
    g_l, h_l, g_r, h_r, lam = -6, 4, 4, 4, 1
    bracket = g_l**2 / (h_l + lam) + g_r**2 / (h_r + lam) - (g_l + g_r) ** 2 / (h_l + h_r + lam)
    half = bracket / 2
    assert_states(
        "xgboost-gamma-lambda-split-gain",
        f"$36/5 + 16/5 - 4/9 = {bracket:.3f}$, half of it {half:.3f}",
        f"Gain $= {half - 1:.2f} > 0$",
        f"Gain $= {half - 5:.2f} < 0$",
        f"$-G_L/(H_L+\\lambda) = 6/5 = {-g_l / (h_l + lam):g}$",
        f"unregularized $6/4 = {-g_l / h_l:g}$",
    )


def test_xgboost_library_gain_is_the_whole_bracket():
    # XGBoost scores a node as G^2/(H+lambda) without the paper's one-half, so the gain it reports
    # and compares with `gamma` is the whole bracket (checked against XGBoost 3.2.0: gain 9.95555).
    g_l, h_l, g_r, h_r, lam = -6, 4, 4, 4, 1
    library_gain = g_l**2 / (h_l + lam) + g_r**2 / (h_r + lam) - (g_l + g_r) ** 2 / (h_l + h_r + lam)
    paper_gain_at_5 = library_gain / 2 - 5
    assert paper_gain_at_5 < 0 < library_gain - 5  # rejected in the paper's units, kept by the library
    assert_states(
        "xgboost-gamma-lambda-split-gain",
        f"the reported gain is the whole bracket, {library_gain:.3f}, so `gamma=5` keeps this split",
        f"only `gamma` above {library_gain:.3f} removes it",
    )


def test_label_smoothed_targets_and_logit_gap():
    k, eps = 5, 0.1
    true_target = 1 - eps + eps / k
    other = eps / k
    gap = math.log(true_target / other)
    assert_states(
        "label-smoothing-targets-and-effects",
        f"$0.9 + 0.02 = {true_target:.2f}$",
        f"each\nother class {other:.2f}",
        f"\\log\\frac{{{true_target:.2f}}}{{{other:.2f}}} = \\log {true_target / other:.0f} \\approx {gap:.2f}",
    )


def test_max_norm_projection():
    w, c = np.array([3.0, 4.0]), 2.0
    norm = np.linalg.norm(w)
    projected = w * min(1, c / norm)
    assert_states(
        "max-norm-constraint",
        f"has norm {norm:g}",
        f"rescaled by $2/5$ to\n$({projected[0]:.1f}, {projected[1]:.1f})$",
    )


def test_input_noise_maps_to_ridge_lambda():
    sigma, n = 0.1, 1000
    assert_states(
        "noise-injection-equals-ridge",
        f"ridge with $\\lambda = {sigma**2:g}$ on the mean loss",
        f"$\\lambda = {n * sigma**2:g}$ in the summed form",
    )


def test_input_noise_expected_loss_by_simulation():
    rng = np.random.default_rng(2)
    x, w, y, sigma = np.array([0.5, -1.0]), np.array([2.0, 0.5]), 1.0, 0.3
    noisy = x + sigma * rng.standard_normal((400_000, 2))
    simulated = np.mean((y - noisy @ w) ** 2)
    formula = (y - w @ x) ** 2 + sigma**2 * np.sum(w**2)
    assert math.isclose(simulated, formula, rel_tol=0.01)


def test_l0_hard_threshold_and_subset_count():
    lam = 0.5
    threshold = math.sqrt(2 * lam)
    b = np.array([2.0, 0.6, -0.3])
    hard = np.where(np.abs(b) > threshold, b, 0.0)
    assert np.allclose(hard, [2.0, 0, 0])
    assert_states(
        "l0-penalty-why-hard",
        f"the solution is $({hard[0]:.1f}, {hard[1]:g}, {hard[2]:g})$",
        f"For $\\lambda = 0.5$ the threshold is\n{threshold:g}",
        f"$2^{{30}} = {2**30:,}".replace(",", "{,}") + "$",
    )
