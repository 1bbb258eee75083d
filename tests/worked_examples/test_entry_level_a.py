"""Recompute every number stated in the entry-level batch A (PCA, gradient descent, k-fold CV,
decision-tree splits, L1 versus L2, a linear regression's output, regression and ranking
metrics)."""

from __future__ import annotations

import math

import numpy as np
from scipy import stats

from tests.helpers import assert_states, run_python_block

PCA = "what-is-pca-and-why-use-it"
GD = "what-is-gradient-descent"
KFOLD = "what-is-k-fold-cross-validation"


def test_pca_four_point_example():
    X = np.array([[2.0, 2.0], [-2.0, -2.0], [1.0, -1.0], [-1.0, 1.0]])
    assert np.allclose(X.mean(axis=0), 0)
    S = np.cov(X, rowvar=False)
    assert np.allclose(S, [[10 / 3, 2], [2, 10 / 3]])
    eigvals, eigvecs = np.linalg.eigh(S)
    eigvals, eigvecs = eigvals[::-1], eigvecs[:, ::-1]
    assert np.allclose(eigvals, [10 / 3 + 2, 10 / 3 - 2])
    ratio = eigvals / eigvals.sum()
    w1 = eigvecs[:, 0] * np.sign(eigvecs[0, 0])
    assert np.allclose(w1, np.array([1, 1]) / math.sqrt(2))
    scores = X @ w1
    assert np.allclose(scores, [2 * math.sqrt(2), -2 * math.sqrt(2), 0, 0])
    assert_states(PCA, f"{eigvals[0]:.2f}", f"{eigvals[1]:.2f}", f"{ratio[0]:.0%}", f"{ratio[1]:.0%}")
    # scikit-learn agrees on the explained variance ratio
    from sklearn.decomposition import PCA as SkPCA

    assert np.allclose(SkPCA().fit(X).explained_variance_ratio_, ratio)


def test_gradient_descent_on_w_squared():
    w = 1.0
    for _ in range(3):
        w -= 0.1 * 2 * w
    assert_states(GD, f"{w:.3f}", "0.8\\,w")
    factor = 1 - 1.1 * 2
    assert math.isclose(factor, -1.2)
    assert_states(GD, f"{factor:.1f}")
    # any step in (0, 1) converges, 1 and above does not (curvature 2, so 2/L = 1)
    for eta in (0.05, 0.5, 0.99):
        assert abs(1 - 2 * eta) < 1
    for eta in (1.0, 1.1):
        assert abs(1 - 2 * eta) >= 1


def test_kfold_sizes_and_snippet_runs():
    from sklearn.model_selection import KFold

    n, k = 1000, 5
    seen = np.zeros(n, dtype=int)
    for train, test in KFold(n_splits=k, shuffle=True, random_state=0).split(np.zeros(n)):
        assert len(train) == 800 and len(test) == 200
        seen[test] += 1
    assert (seen == 1).all()
    assert_states(KFOLD, "1,000 rows", "800 rows", "scored on 200")
    out = run_python_block(KFOLD)
    assert out.startswith("AUC 0.9") and "over 5 folds" in out


TREE = "how-is-a-decision-tree-trained"
BOOST = "boosting-family-adaboost-to-catboost"


def test_tree_leaf_values():
    from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

    y = np.array([3.0, 5.0, 10.0])
    assert_states(TREE, "targets 3, 5 and 10 predicts 6", "the median, 5")
    assert np.mean(y) == 6 and np.median(y) == 5
    # a depth-0 tree (one leaf) predicts exactly these constants
    X = np.zeros((3, 1))
    assert DecisionTreeRegressor(max_depth=1).fit(X, y).predict(X[:1])[0] == 6
    assert DecisionTreeRegressor(max_depth=1, criterion="absolute_error").fit(X, y).predict(X[:1])[0] == 5
    yc = np.array([1, 1, 1, 0])
    proba = DecisionTreeClassifier(max_depth=1).fit(np.zeros((4, 1)), yc).predict_proba(np.zeros((1, 1)))[0, 1]
    assert_states(TREE, "1 negative predicts positive with probability 0.75")
    assert f"{proba:.2f}" == "0.75"


def test_adaboost_alpha():
    alpha = 0.5 * math.log(0.7 / 0.3)
    assert_states(BOOST, "30% weighted error", f"$\\alpha = {alpha:.3f}$")
    assert 0.5 * math.log(0.5 / 0.5) == 0
