"""Recompute every number stated in the svm-classic batch (SVMs, kNN, naive Bayes)."""

from __future__ import annotations

import math

import numpy as np
from scipy.special import comb, logsumexp
from sklearn.svm import SVC

from tests.helpers import assert_states


def test_margin_worked_example_matches_a_solver():
    X = np.array([[0, 0], [2, 0], [0, 2], [3, 3]])
    y = np.array([-1, 1, 1, 1])
    clf = SVC(kernel="linear", C=1e6).fit(X, y)
    w, b = clf.coef_[0], clf.intercept_[0]
    assert np.allclose(w, [1, 1], atol=1e-2) and math.isclose(b, -1, abs_tol=1e-2)
    assert list(clf.support_) == [0, 1, 2]
    assert np.allclose(np.abs(clf.dual_coef_[0]), [1, 0.5, 0.5], atol=1e-2)
    margin = 2 / math.sqrt(2)
    f_new = 0.4 + 0.4 - 1
    assert_states("svm-margin-worked-example", f"{margin:.2f}", f"{1 / math.sqrt(2):.2f}",
                  f"f = {f_new:.1f}", "α = 1, 0.5, 0.5", "3 + 3 - 1 = 5")
    assert_states("svm-margin-worked-example", f"{2 / np.linalg.norm(w):.2f}")


def test_hinge_loss_table_and_lambda():
    assert_states("svm-hinge-loss-regularized-risk", f"\\lambda = {1 / (1000 * 1):g}")
    hinge = [max(0.0, 1 - z) for z in (2, 1, 0.5, 0, -1)]
    assert hinge == [0, 0, 0.5, 1, 2]
    assert_states("svm-hinge-loss-regularized-risk", "| 0 | 0 | 0.5 | 1 | 2 |")


def test_hinge_vs_logistic_loss_values():
    logistic = [math.log1p(math.exp(-z)) for z in (2, 0.5, -1)]
    assert_states("svm-vs-logistic-regression", "| " + " | ".join(f"{v:.3f}" for v in logistic) + " |")
    assert_states("svm-vs-logistic-regression", "| hinge | 0 | 0.5 | 2 |")


def test_polynomial_kernel_example_and_monomial_count():
    x, z = np.array([1.0, 2.0]), np.array([3.0, 1.0])
    phi = lambda v: np.array([v[0] ** 2, math.sqrt(2) * v[0] * v[1], v[1] ** 2])  # noqa: E731
    assert math.isclose(phi(x) @ phi(z), (x @ z) ** 2)
    assert (x @ z) ** 2 == 25
    terms = phi(x) * phi(z)
    assert np.allclose(terms, [9, 12, 4])
    assert_states("kernel-trick-and-mercer-condition", "$9 + 12 + 4 = 25$",
                  f"{int(comb(100 + 3, 3, exact=True)):,}")


def test_rbf_gamma_table():
    values = [math.exp(-g * 1.0) for g in (0.1, 1, 10)]
    assert_states("svm-kernels-and-rbf-gamma", f"{values[0]:.3f}", f"{values[1]:.3f}",
                  f"{values[2]:.7f}")


def test_hsu_chang_lin_grid_size():
    c_values = [2.0 ** e for e in range(-5, 16, 2)]
    g_values = [2.0 ** e for e in range(-15, 4, 2)]
    pairs = len(c_values) * len(g_values)
    assert_states("tuning-svm-c-and-gamma", f"({len(c_values)} values)", f"({len(g_values)} values)",
                  f"{pairs} pairs", f"{pairs * 5} fits")


def test_kernel_matrix_and_nystroem_memory():
    gb = 100_000 ** 2 * 8 / 1e9
    gb_small = 10_000 ** 2 * 8 / 1e9
    nystroem_mb = 100_000 * 500 * 8 / 1e6
    assert_states("svm-training-complexity-at-scale", f"{gb:.0f} GB", f"{gb_small:.1f} GB",
                  f"{nystroem_mb:.0f} MB")
    per_prediction = 50_000 * 100
    assert per_prediction == 5_000_000
    assert_states("svm-training-complexity-at-scale", "five million")


def test_ovr_vs_ovo_cost():
    K = 10
    pairs = K * (K - 1) // 2
    ovr = K * 1.0
    ovo = pairs * (2 / K) ** 2
    assert_states("multiclass-svm-ovr-vs-ovo", f"{pairs} for $K = 10$", f"{ovr:g}\\,n^2",
                  f"{ovo:.1f}\\,n^2")


def test_one_class_nu_bounds():
    n, nu = 2000, 0.05
    assert_states("one-class-svm-nu-property", f"at most {n * nu:.0f} training points",
                  f"at least {n * nu:.0f} support")


def test_epsilon_insensitive_loss_values():
    eps = 0.5
    loss = [max(0.0, abs(r) - eps) for r in (0.3, 1.2, -2)]
    assert loss[0] == 0
    assert_states("svr-epsilon-insensitive-loss", f"1.2 costs {loss[1]:.1f}", f"costs {loss[2]:.1f}")


def test_knn_scaling_example():
    raw = math.hypot(40, 1000)
    age_share = 40 ** 2 / (40 ** 2 + 1000 ** 2)
    assert_states("knn-distance-metrics-and-scaling", f"{raw:.1f}", f"{age_share:.2%}",
                  f"{40 / 12:.2f} and {1000 / 20000:.2f}")


def test_knn_memory_and_flops():
    n, d = 10 ** 6, 100
    assert_states("knn-prediction-cost-and-search-structures", f"{n * d * 4 / 1e6:.0f} MB",
                  f"$10^{round(math.log10(n * d))}$ multiply-adds")


def test_knn_high_dimension_numbers():
    edges = [0.1 ** (1 / p) for p in (1, 10, 100)]
    var = 1 / 15 - 1 / 36
    assert math.isclose(var, 7 / 180)
    const = 6 * math.sqrt(7 / 180)
    ratios = [const / math.sqrt(p) for p in (2, 1000)]
    assert_states("knn-in-high-dimensions", f"$e_{{10}} = {edges[1]:.2f}$",
                  f"$e_{{100}} = {edges[2]:.2f}$", f"{const:.2f}", f"{ratios[0]:.2f} at $p = 2$",
                  f"{ratios[1]:.3f} at $p = 1000$")


def test_naive_bayes_parameter_count():
    assert_states("naive-bayes-independence-assumption", f"{2 ** 30 - 1:,}")


def test_naive_bayes_duplicated_feature_overconfidence():
    assert_states("naive-bayes-good-classifier-bad-probabilities", f"{3 / 4:.2f}",
                  f"$3^3 = {3 ** 3}$", f"$27/28 = {27 / 28:.3f}$")


def test_laplace_smoothing_table():
    n_c, vocab, alpha = 1000, 500, 1
    denom = n_c + alpha * vocab
    assert_states("laplace-smoothing-naive-bayes", f"$1/{denom} = {1 / denom:.5f}$",
                  f"{9 / n_c:.3f}", f"$10/{denom} = {10 / denom:.4f}$")


def test_log_space_underflow_and_logsumexp():
    assert np.prod(np.full(200, 1e-3)) == 0.0
    log_score = 200 * math.log(1e-3)
    s = np.array([-1381.6, -1384.0])
    p = np.exp(s - logsumexp(s))
    assert_states("naive-bayes-log-space-computation", f"{log_score:.1f}",
                  f"{s[0] - s[1]:.1f}", f"{p[0]:.3f}", f"[{p[0]:.3f} {p[1]:.3f}]")


def test_svc_probability_is_deprecated_and_replacement_works():
    import inspect
    import warnings

    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.datasets import make_classification

    assert inspect.signature(SVC).parameters["probability"].default == "deprecated"
    X, y = make_classification(n_samples=200, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", FutureWarning)
        cal = CalibratedClassifierCV(SVC(), method="sigmoid", cv=5, ensemble=False).fit(X, y)
    assert len(cal.calibrated_classifiers_) == 1
    assert np.allclose(cal.predict_proba(X).sum(axis=1), 1)
    assert_states("svm-probability-outputs", "ensemble=False")


def test_logistic_regression_duplicated_feature():
    from sklearn.datasets import make_classification
    from sklearn.linear_model import LogisticRegression

    X, y = make_classification(n_samples=300, n_features=4, random_state=0)
    X_dup = np.hstack([X, X[:, :1], X[:, :1]])
    p = lambda Z, **kw: LogisticRegression(max_iter=5000, **kw).fit(Z, y).predict_proba(Z)[:, 1]  # noqa: E731
    assert np.allclose(p(X, C=1e8), p(X_dup, C=1e8), atol=1e-3)  # (near) unpenalised: unchanged
    diff = np.abs(p(X, C=0.05) - p(X_dup, C=0.05)).max()
    assert 1e-3 < diff < 0.2  # with L2: a small change
    coef = LogisticRegression(C=0.05, max_iter=5000).fit(X_dup, y).coef_[0]
    assert np.allclose(coef[0], coef[4:], rtol=1e-3)  # weight split equally over the copies
