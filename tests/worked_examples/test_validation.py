"""Recompute every number stated in the validation batch (questions/validation/)."""

from __future__ import annotations

import math

import numpy as np
from scipy import integrate, stats

from tests.helpers import assert_states, question, run_python_block




def expected_max_of_normals(k: int) -> float:
    density = lambda x: x * k * stats.norm.pdf(x) * stats.norm.cdf(x) ** (k - 1)  # noqa: E731
    return integrate.quad(density, -12, 12)[0]


def test_test_set_size_states_standard_errors_and_required_n():
    p = 0.9
    se_1k = math.sqrt(p * (1 - p) / 1_000)
    se_10k = math.sqrt(p * (1 - p) / 10_000)
    n_needed = 1.96**2 * p * (1 - p) / 0.005**2
    assert_states(
        "how-big-should-the-test-set-be",
        f"{se_1k * 100:.2f} percentage points",  # 0.95
        f"±{1.96 * se_1k * 100:.1f} points",  # ±1.9
        f"{se_10k * 100:.2f} points",  # 0.30
        f"{round(n_needed):,}",  # 13,830
    )


def test_test_set_size_states_recall_standard_error_from_100_positives():
    se = math.sqrt(0.7 * 0.3 / 100)  # 0.046: "near 4 to 5 points"
    assert 0.04 <= se <= 0.05
    assert_states("how-big-should-the-test-set-be", "SE near 4 to 5 points")


def test_stratified_k_fold_states_hypergeometric_fold_counts():
    folds = stats.hypergeom(M=1000, n=50, N=100)
    assert_states(
        "stratified-k-fold-cross-validation",
        f"{folds.std():.2f}",  # 2.07
        f"{folds.cdf(2):.1%}",  # 10.6%
        "mean 5",
    )
    assert folds.mean() == 5


def test_choosing_k_states_training_sizes():
    n = 500
    sizes = [n * (k - 1) // k for k in (5, 10)] + [n - 1]
    assert sizes == [400, 450, 499]
    assert_states("choosing-k-in-k-fold-cross-validation", "k = 5 trains on 400", "on 450", "leave-one-out on 499")


def test_loo_majority_learner_scores_zero():
    y = np.repeat([0, 1], 50)
    correct = 0
    for i in range(len(y)):
        rest = np.delete(y, i)
        prediction = int(rest.mean() > 0.5)
        correct += prediction == y[i]
    assert correct == 0
    assert_states("leave-one-out-cross-validation-tradeoffs", "LOO accuracy is 0%", "49 positives and 50 negatives")


def test_closed_form_loocv_snippet_prints_true():
    assert run_python_block("closed-form-loocv-for-linear-smoothers") == "True"
    assert_states("closed-form-loocv-for-linear-smoothers", "prints `True`")


def test_nested_cv_states_expected_maximum_of_20_estimates():
    e_max = expected_max_of_normals(20)
    assert_states("nested-cross-validation", f"{e_max:.2f}", f"{0.80 + 0.01 * e_max:.3f}")  # 1.87, 0.819


def test_nested_cv_states_fit_count():
    assert 5 * 5 * 20 == 500
    assert_states("nested-cross-validation", "5 x 5 x 20 = 500")


def test_feature_selection_snippet_prints_what_the_answer_states():
    printed = run_python_block("feature-selection-before-cross-validation")
    assert printed == "selection outside CV: 0.94, inside CV: 0.52"
    assert_states("feature-selection-before-cross-validation", f"`{printed}`", "94%")


def test_random_search_states_hit_probabilities():
    assert_states(
        "grid-search-vs-random-search",
        f"{1 - 0.95**60:.0%}",  # 95%
        f"about {1 - 0.99**60:.0%}",  # 45%
    )
    share_above = (0.1 - 0.01) / (0.1 - 1e-5)
    assert_states("grid-search-vs-random-search", f"{share_above:.0%} of draws above")  # 90%


def test_successive_halving_states_budget():
    n, eta, rungs = 81, 3, 5
    per_rung = [(n // eta**r) * eta**r for r in range(rungs)]
    total = sum(per_rung)
    full = n * n
    assert per_rung == [81] * 5
    assert_states("successive-halving-and-hyperband", f"Total {total} epochs", f"{full:,} epochs", f"{total / full:.1%}")


def test_overfitting_validation_states_false_win_probability():
    se = math.sqrt(0.7 * 0.3 / 1000)
    p_one = stats.norm.sf(2)
    p_any = 1 - (1 - p_one) ** 100
    assert_states(
        "overfitting-the-validation-set",
        f"{se * 100:.2f} points",  # 1.45
        f"{p_one:.1%}",  # 2.3%
        f"{2 * se * 100:.1f} points",  # 2.9
        f"{p_any:.0%}",  # 90%
    )


def test_fold_dependence_states_training_overlap():
    k = 10
    assert_states("why-cv-fold-scores-are-not-independent", f"{(k - 2) / (k - 1):.0%}", "8/9")  # 89%


def test_corrected_resampled_t_test_worked_example():
    d, s, j, ratio = 0.012, 0.015, 10, 1 / 9
    naive_scale, corrected_scale = math.sqrt(1 / j), math.sqrt(1 / j + ratio)
    t_naive, t_corr = d / (s * naive_scale), d / (s * corrected_scale)
    p_naive, p_corr = 2 * stats.t.sf(t_naive, j - 1), 2 * stats.t.sf(t_corr, j - 1)
    assert_states(
        "corrected-resampled-t-test",
        f"{naive_scale:.3f}",
        f"{corrected_scale:.3f}",
        f"{t_naive:.2f}",
        f"{t_corr:.2f}",
        f"{p_naive:.3f}",
        f"{p_corr:.3f}",
        f"about {corrected_scale / naive_scale - 1:.0%}",  # 45%
    )


def test_mcnemar_worked_example():
    b, c, n = 30, 15, 1000
    chi_cc = (abs(b - c) - 1) ** 2 / (b + c)
    chi_plain = (b - c) ** 2 / (b + c)
    p_exact = stats.binomtest(c, b + c, 0.5).pvalue
    assert_states(
        "mcnemar-test-for-comparing-classifiers",
        f"= {chi_cc:.2f}$, $p = {stats.chi2.sf(chi_cc, 1):.3f}$",
        f"= {chi_plain:.1f}$, $p = {stats.chi2.sf(chi_plain, 1):.3f}$",
        f"$p = {p_exact:.3f}$",
        f"= {(b - c) / n * 100:.1f}$ points",
        f"{2 * 0.5**6:.3f}",  # follow-up: 0.031
    )


def test_bootstrap_snippet_prints_what_the_answer_states():
    printed = run_python_block("bootstrap-confidence-interval-for-model-comparison")
    assert printed == "AUC difference 0.055, 95% CI [0.012, 0.097]"
    assert_states("bootstrap-confidence-interval-for-model-comparison", f"`{printed}`")


def test_rare_event_cv_states_recall_se_and_majority_accuracy():
    positives, rows = 30, 20_000
    assert_states(
        "cross-validation-for-rare-events",
        f"{math.sqrt(0.7 * 0.3 / positives):.3f}",  # 0.084
        f"{1 - positives / rows:.2%}",  # 99.85%
        "fold holds 3",
    )


def test_huge_data_states_standard_error_and_positive_counts():
    se = math.sqrt(0.9 * 0.1 / 1_000_000)
    assert_states(
        "when-cross-validation-is-unnecessary",
        f"{se:.4f}",  # 0.0003
        f"{se * 100:.2f} percentage points",  # 0.03
        f"{100_000_000 * 0.0001:,.0f} positives",  # 10,000
    )


def test_loo_cost_states_a_week_of_compute():
    days = 10_000 * 1 / 60 / 24  # 10,000 one-minute fits
    assert 6.5 <= days <= 7.5  # "a week"
    assert_states("leave-one-out-cross-validation-tradeoffs", "a week of compute", "10 minutes for 10-fold")


def test_hyperband_states_bracket_sizes():
    max_resource, eta = 81, 3
    s_max = round(math.log(max_resource, eta))
    assert eta**s_max == max_resource
    brackets = [math.ceil((s_max + 1) / (s + 1) * eta**s) for s in range(s_max, -1, -1)]
    assert brackets == [81, 34, 15, 8, 5]
    assert_states(
        "successive-halving-and-hyperband",
        f"= {s_max + 1}$ brackets",
        "starting with " + ", ".join(map(str, brackets[:-1])) + f" and {brackets[-1]} configurations",
        f"about {s_max + 1} times",
    )


def test_test_set_of_200_standard_error_range():
    se_90 = math.sqrt(0.9 * 0.1 / 200) * 100
    se_80 = math.sqrt(0.8 * 0.2 / 200) * 100
    assert 2 <= se_90 <= se_80 <= 3
    assert_states(
        "why-train-validation-and-test-sets",
        f"{se_90:.1f} points at 90%",  # 2.1
        f"{se_80:.1f} at 80%",  # 2.8
    )


def test_purging_gap_rows_for_7_day_labels():
    horizon, latency, T = 7, 3, 100
    # a row t has label window (t, t + horizon]; test labels start at (T, T + horizon]
    overlapping = [t for t in range(T) if t + horizon > T]
    assert overlapping == list(range(T - 6, T))
    usable_age = horizon + latency
    assert_states(
        "purging-and-gaps-in-time-series-validation",
        f"strict minimum is {len(overlapping)} rows",
        f"TimeSeriesSplit(gap={horizon})",
        f"known only {usable_age}",
        f"{usable_age}-row gap",
    )
