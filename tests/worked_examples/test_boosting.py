"""Recompute every number stated in the boosting batch."""

from __future__ import annotations

import math

import numpy as np

from tests.helpers import assert_states


def sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z))


def test_adaboost_alpha_and_reweighting_example():
    n, wrong = 10, 2
    w = np.full(n, 1 / n)
    err = wrong / n
    alpha = 0.5 * math.log((1 - err) / err)
    miss = np.zeros(n, dtype=bool)
    miss[:wrong] = True
    new = w * np.where(miss, math.exp(alpha), math.exp(-alpha))
    assert math.isclose(new.sum(), 0.8)
    new /= new.sum()
    assert math.isclose(new[miss].sum(), 0.5)
    assert_states(
        "adaboost-algorithm-and-sample-reweighting",
        f"{alpha:.3f}", f"{new[0]:.2f}", f"{new[-1]:.4f}", f"{w[0]*math.exp(alpha):.1f}",
        f"{w[-1]*math.exp(-alpha):.2f}", f"{math.exp(alpha):.0f}",
        f"| 0.05 | {0.5 * math.log(0.95 / 0.05):.3f} |",
    )
    # SAMME (K=2): misclassified multiplied by (1-err)/err, correct unchanged
    samme = w * np.where(miss, (1 - err) / err, 1.0)
    samme /= samme.sum()
    assert np.allclose(samme, new)
    assert_states("adaboost-algorithm-and-sample-reweighting", f"({(1 - err) / err:.0f} in the example)")


def test_exponential_vs_logistic_loss_at_negative_margin():
    m = -3
    exp_loss = math.exp(-m)
    log_loss = math.log(1 + math.exp(-m))
    log_grad = 1 / (1 + math.exp(m))
    assert_states(
        "adaboost-as-exponential-loss-minimization",
        f"| 0 | 1 | {math.log(2):.3f} | {0.5} |",
        f"| −3 | {exp_loss:.2f} | {log_loss:.3f} | {log_grad:.3f} |",
    )


def test_log_loss_pseudo_residuals():
    assert_states("gradient-boosting-as-functional-gradient-descent",
                  f"$p = {sigmoid(2):.3f}$", f"$-{sigmoid(2):.3f}$", f"{1 - sigmoid(0)}")


def test_shrinkage_trees_needed_to_remove_90_percent():
    rows = []
    for nu in (0.1, 0.05):
        m = math.ceil(math.log(0.1) / math.log(1 - nu))
        assert (1 - nu) ** m <= 0.1 < (1 - nu) ** (m - 1)
        rows.append(f"| {nu} | {m} |")
    assert_states("shrinkage-and-forward-stagewise-lasso-connection", *rows)


def test_goss_weight_and_column_sampling_product():
    a, b = 0.2, 0.1
    assert_states("boosting-row-sampling-goss-and-column-sampling-levels",
                  f"{a + b:.0%} of the rows", f"= {(1 - a) / b:.0f}$",
                  f"= {64 * 0.5 ** 3:.0f}$ features",
                  f"first `1/learning_rate` rounds ({int(1.0 / 0.1)} at the default")


def test_newton_leaf_versus_first_order_leaf():
    p, n = 0.9, 4
    g = (p - 1) * n
    h = p * (1 - p) * n
    newton = -g / h
    f = math.log(p / (1 - p))
    first_order = -g / n
    assert_states(
        "newton-boosting-second-order-hessians",
        f"log-odds {f:.3f}", f"$G={g:.1f}$", f"$H={h:.2f}$", f"= {newton:.3f}$",
        f"$p={sigmoid(f + newton):.3f}$", f"mean negative gradient, {first_order:.1f}",
        f"$p={sigmoid(f + first_order):.3f}$", f"= {-g / (h + 1):.3f}$",
    )


def test_histogram_thresholds_and_memory():
    rows, features, bins = 10**7, 100, 255
    assert_states("histogram-based-split-finding-in-boosting",
                  f"{rows - 1:,} candidate", f"{bins - 1} thresholds",
                  f"{rows * features * 1 / 1e9:.0f} GB instead of {rows * features * 4 / 1e9:.0f} GB")


def test_leaf_counts_for_depth_and_leaf_budget():
    assert_states("leaf-wise-vs-level-wise-tree-growth", f"{2 ** 7} at depth 7",
                  f"{31 - 1} for 31 leaves")


def test_catboost_ordered_and_leave_one_out_statistics():
    labels, a, prior = [1, 0, 1, 1], 1, 0.5
    ordered = []
    for i in range(len(labels)):
        ordered.append((sum(labels[:i]) + a * prior) / (i + a))
    assert_states("catboost-ordered-target-statistics",
                  ", ".join(f"{v:g}" for v in ordered[:-1]) + f", {ordered[-1]:.3f}")
    s = sum(labels)
    loo_pos = (s - 1) / (len(labels) - 1)
    loo_neg = s / (len(labels) - 1)
    assert_states("catboost-ordered-target-statistics", f"{loo_pos:.3f}", f"{loo_neg:.1f}",
                  f"as {(1 + a * prior) / (1 + a):.2f}", f"as {(0 + a * prior) / (1 + a):.2f}")


def test_early_stopping_refit_tree_count():
    best = [410, 380, 450, 395, 420]
    mean = sum(best) / len(best)
    assert_states("early-stopping-in-gradient-boosting", f"the mean is {mean:.0f}",
                  f"about {round(mean / 0.8)} trees")


def test_stacking_fit_count():
    folds, models = 5, 3
    assert_states("stacking-with-out-of-fold-predictions",
                  f"{folds * models} fold fits plus {models} full refits: {folds * models + models}")


def test_adaboost_noise_weight_growth():
    err = 0.2
    factor = (1 - err) / err
    assert math.isclose(math.exp(2 * 0.5 * math.log(factor)), factor)
    assert_states("why-boosting-is-sensitive-to-label-noise", f"that factor is {factor:.0f}",
                  f"{factor ** 5:.0f} times heavier")
