"""Recompute every number stated in the trees batch (trees-and-ensembles)."""

from __future__ import annotations

import itertools
import math

import numpy as np
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

from tests.helpers import assert_states


def gini(*counts):
    n = sum(counts)
    return 1 - sum((c / n) ** 2 for c in counts)


def entropy(*counts):
    n = sum(counts)
    return -sum(c / n * math.log2(c / n) for c in counts if c)


def weighted(impurity, *children):
    n = sum(sum(c) for c in children)
    return sum(sum(c) / n * impurity(*c) for c in children)


def test_split_example_states_gini_and_information_gain():
    qid = "decision-tree-split-gini-entropy-example"
    parent = (6, 4)
    assert_states(qid, f"{gini(*parent):.2f}", f"{entropy(*parent):.3f}")
    for left, right in [((4, 0), (2, 4)), ((5, 1), (1, 3))]:
        wg, wh = weighted(gini, left, right), weighted(entropy, left, right)
        assert_states(
            qid,
            f"| {wg:.3f} | {gini(*parent) - wg:.3f} | {wh:.3f} | {entropy(*parent) - wh:.3f} |",
        )
    assert_states(qid, f"{gini(2, 4):.3f}", f"{entropy(2, 4):.3f}", f"{gini(5, 1):.3f}",
                  f"{gini(1, 3):.3f}", f"{entropy(5, 1):.3f}", f"{entropy(1, 3):.3f}")
    # split A wins under both criteria
    assert weighted(gini, (4, 0), (2, 4)) < weighted(gini, (5, 1), (1, 3))


def test_regression_split_table():
    qid = "regression-tree-variance-reduction-split"
    y = np.array([3, 4, 5, 11, 12, 16.0])

    def sse(v):
        return float(((v - v.mean()) ** 2).sum())

    parent = sse(y)
    assert_states(qid, f"{y.mean():g}", f"{parent:g}", f"{y.var():.2f}")
    reductions = []
    for k in range(1, 6):
        left, right = sse(y[:k]), sse(y[k:])
        reductions.append(parent - left - right)
        assert_states(qid, f"| $x={k}$ | {left:g} | {right:g} | {parent - left - right:g} |")
    best = int(np.argmax(reductions)) + 1
    assert best == 3
    assert_states(qid, f"{y[:3].mean():g} and {y[3:].mean():g}",
                  f"{reductions[2] / parent:.0%}", f"{reductions[2] / len(y):g}")


def test_misclassification_error_ties_the_esl_splits():
    qid = "gini-vs-entropy-vs-misclassification-error"

    def error(*c):
        return min(c) / sum(c)

    for children in [((300, 100), (100, 300)), ((200, 400), (200, 0))]:
        e = weighted(error, *children)
        g = weighted(gini, *children)
        h = weighted(entropy, *children)
        assert_states(qid, f"| {e:.2f} | {g:.3f} | {h:.3f} |")


def test_xor_root_split_has_zero_gini_decrease():
    qid = "greedy-tree-growth-and-pruning-xor"
    # 100 points per quadrant; label 1 when exactly one coordinate is high
    quadrants = {(0, 0): 0, (0, 1): 1, (1, 0): 1, (1, 1): 0}
    root = gini(200, 200)
    left = [quadrants[(0, b)] for b in (0, 1)]  # x1 low: one positive and one negative quadrant
    child = gini(100 * sum(left), 100 * (2 - sum(left)))
    assert_states(qid, f"Gini {root:.1f}", "decrease is **0**")
    assert root - child == 0


def test_partition_counts_and_ordering_trick():
    qid = "categorical-features-in-decision-trees"
    assert_states(qid, f"{2 ** 9 - 1}", f"{2 ** 29 - 1:,}", f"{10 - 1} cuts")
    rng = np.random.default_rng(0)
    for _ in range(20):
        k = 6
        n_pos = rng.integers(0, 20, k)
        n_neg = rng.integers(1, 20, k)

        def score(group):
            inside = [c in group for c in range(k)]
            lp = sum(p for p, i in zip(n_pos, inside) if i)
            ln = sum(q for q, i in zip(n_neg, inside) if i)
            rp, rn = n_pos.sum() - lp, n_neg.sum() - ln
            return weighted(gini, (lp, ln), (rp, rn))

        brute = min(
            score(set(s))
            for r in range(1, k)
            for s in itertools.combinations(range(k), r)
        )
        order = np.argsort(n_pos / (n_pos + n_neg))
        ordered = min(score(set(order[:r])) for r in range(1, k))
        assert math.isclose(brute, ordered)


def test_bootstrap_distinct_share():
    qid = "bagging-bootstrap-aggregation-mechanics"
    assert_states(qid, f"{1 - math.exp(-1):.3f}", f"{1 - (1 - 1 / 100) ** 100:.3f}",
                  f"{math.exp(-1):.1%}")


def test_probability_no_relevant_candidate():
    qid = "random-forest-max-features-decorrelation"
    for m, fmt in [(1, "{:.2f}"), (10, "{:.3f}"), (33, "{:.3f}")]:
        p = math.comb(95, m) / math.comb(100, m)
        assert_states(qid, fmt.format(p))


def test_oob_counts():
    qid = "out-of-bag-error-estimation"
    assert_states(qid, f"{math.exp(-1):.3f}", f"about {round(100 * math.exp(-1))} OOB trees",
                  f"{(1 - math.exp(-1)) ** 10:.4f}", f"{(1 - math.exp(-1)) ** 10:.0%} of rows")


def test_shapley_values_of_two_feature_model():
    qid = "shap-values-for-tree-models"

    def f(x1, x2):
        return 10 * x1 + 5 * x1 * x2

    phi1 = 0.5 * ((f(1, 0) - f(0, 0)) + (f(1, 1) - f(0, 1)))
    phi2 = 0.5 * ((f(0, 1) - f(0, 0)) + (f(1, 1) - f(1, 0)))
    assert phi1 + phi2 == f(1, 1) - f(0, 0)
    assert_states(qid, f"= {phi1:g}$", f"{phi2:g}$", f"$f = {f(1, 1)}$")


def test_breiman_bound_values():
    qid = "random-forest-more-trees-overfitting"

    def bound(rho, s):
        return rho * (1 - s**2) / s**2

    assert_states(qid, f"{bound(0.2, 0.8):.4f}", f"{bound(0.2, 0.4):.2f}")


def test_histogram_threshold_counts():
    qid = "tree-split-search-complexity-and-histograms"
    assert_states(qid, f"{1_000_000 - 1:,}", f"{255 - 1}")


def test_tree_does_not_extrapolate():
    qid = "decision-tree-axis-aligned-boundaries-and-extrapolation"
    x = np.arange(0, 10.5, 0.5).reshape(-1, 1)
    tree = DecisionTreeRegressor().fit(x, 2 * x.ravel())
    pred = tree.predict([[20.0]])[0]
    assert_states(qid, f"[{pred:g}.]", f"$x = 20$ is {2 * 20}")


def test_missing_values_snippet_prediction():
    qid = "missing-values-in-decision-trees"
    X = np.array([[0.0], [1.0], [np.nan], [np.nan], [5.0], [6.0]])
    y = np.array([0, 0, 1, 1, 1, 1])
    pred = DecisionTreeClassifier(random_state=0).fit(X, y).predict([[np.nan], [0.5]])
    assert_states(qid, f"# [{pred[0]} {pred[1]}]")


def test_stated_scikit_learn_behaviour():
    """Library claims in the trees batch, on the pinned scikit-learn."""
    import inspect
    import warnings

    from sklearn.ensemble import ExtraTreesClassifier, RandomForestClassifier

    # no native categorical splits in DecisionTree*/RandomForest*
    for cls in (DecisionTreeClassifier, RandomForestClassifier):
        assert "categorical_features" not in inspect.signature(cls).parameters
    # regression forests use all features by default
    from sklearn.ensemble import RandomForestRegressor
    assert RandomForestRegressor().max_features == 1.0
    # NaN accepted by forests and Extra-Trees
    X = np.array([[0.0], [1.0], [np.nan], [np.nan], [5.0], [6.0]])
    y = np.array([0, 0, 1, 1, 1, 1])
    RandomForestClassifier(n_estimators=5, random_state=0).fit(X, y)
    ExtraTreesClassifier(n_estimators=5, random_state=0).fit(X, y)
    # friedman_mse is deprecated for trees in 1.9
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        DecisionTreeRegressor(criterion="friedman_mse").fit(X[:2], [0.0, 1.0])
    assert any("friedman_mse" in str(m.message) for m in w)
