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


L1L2 = "l1-vs-l2-regularization-side-by-side"
OLS = "reading-linear-regression-output"


def test_l1_l2_orthonormal_example():
    from sklearn.linear_model import Lasso, Ridge

    lam = 1.0
    b = np.array([3.0, 0.5])
    lasso = np.sign(b) * np.maximum(np.abs(b) - lam, 0)
    ridge = b / (1 + lam)
    assert np.allclose(lasso, [2, 0]) and np.allclose(ridge, [1.5, 0.25])
    assert_states(L1L2, "OLS coefficients 3 and 0.5", "lasso returns 2 and 0", "Ridge returns 1.5 and 0.25")
    # the same numbers from scikit-learn on an orthonormal design (translating the scalings:
    # Lasso minimizes 1/(2n)||r||^2 + alpha||w||_1, Ridge ||r||^2 + alpha||w||^2)
    rng = np.random.default_rng(0)
    Q, _ = np.linalg.qr(rng.normal(size=(50, 2)))
    y = Q @ b + 0.1 * (np.eye(50) - Q @ Q.T) @ rng.normal(size=50)
    assert np.allclose(np.linalg.lstsq(Q, y, rcond=None)[0], b)
    n = len(y)
    w_lasso = Lasso(alpha=lam / n, fit_intercept=False, tol=1e-12, max_iter=100_000).fit(Q, y).coef_
    w_ridge = Ridge(alpha=lam, fit_intercept=False).fit(Q, y).coef_
    assert np.allclose(w_lasso, lasso, atol=1e-6)
    assert np.allclose(w_ridge, ridge)


def _ols_table():
    area = np.array([50, 60, 70, 80, 90, 100, 110, 120, 130, 140.0])
    age = np.array([30, 5, 20, 15, 40, 10, 25, 35, 5, 20.0])
    price = np.array([119, 163, 222, 219, 169, 245, 242, 276, 267, 326.0])
    X = np.column_stack([np.ones(10), area, age])
    n, p = X.shape
    beta = np.linalg.lstsq(X, price, rcond=None)[0]
    resid = price - X @ beta
    s2 = resid @ resid / (n - p)
    se = np.sqrt(np.diag(s2 * np.linalg.inv(X.T @ X)))
    t = beta / se
    pval = 2 * stats.t.sf(np.abs(t), df=n - p)
    r2 = 1 - resid @ resid / np.sum((price - price.mean()) ** 2)
    adj = 1 - (1 - r2) * (n - 1) / (n - p)
    return X, price, n, p, beta, se, t, pval, r2, adj


def test_ols_output_table():
    X, price, n, p, beta, se, t, pval, r2, adj = _ols_table()
    row = lambda i, fmt_b, fmt_se, p_str: f"| {fmt_b.format(beta[i])} | {fmt_se.format(se[i])} | {t[i]:.2f} | {p_str} |"
    assert_states(
        OLS,
        row(0, "{:.2f}", "{:.2f}", f"{pval[0]:.3f}"),
        row(1, "{:.3f}", "{:.3f}", f"{pval[1]:.4f}"),
        row(2, "{:.3f}", "{:.3f}", f"{pval[2]:.2f}"),
        f"R² = {r2:.3f}, adjusted R² = {adj:.3f}",
        f"$n - p = {n - p}$",
        f"$t = {t[1]:.2f}$ ($p = {pval[1]:.4f}$)",
        f"$p = {pval[2]:.2f}$",
    )
    q = stats.t.ppf(0.975, n - p)
    lo, hi = beta[2] - q * se[2], beta[2] + q * se[2]
    assert_states(OLS, f"{beta[2]:.3f} \\pm {q:.3f} \\times {se[2]:.3f} = [{lo:.2f}, {hi:.2f}]")
    assert_states(OLS, f"about {beta[1]:.1f} thousand", f"about {-beta[2]:.1f} thousand", f"{r2:.0%} of the variance")
    # the area coefficient and its |t| > 1 rule for adjusted R^2: dropping age (|t| = 1.06 > 1) lowers it
    X2 = X[:, :2]
    b2 = np.linalg.lstsq(X2, price, rcond=None)[0]
    r = price - X2 @ b2
    r2_small = 1 - r @ r / np.sum((price - price.mean()) ** 2)
    adj_small = 1 - (1 - r2_small) * (n - 1) / (n - 2)
    assert abs(t[2]) > 1 and adj_small < adj


def test_ols_f_statistic_and_snippet():
    X, price, n, p, beta, se, t, pval, r2, adj = _ols_table()
    F = (r2 / (p - 1)) / ((1 - r2) / (n - p))
    pf = stats.f.sf(F, p - 1, n - p)
    assert_states(OLS, f"= {F:.1f}$", f"on {p - 1} and {n - p} degrees of freedom, $p = {pf:.4f}$")
    out = run_python_block(OLS)
    assert f"R2 {r2:.3f}  adjusted R2 {adj:.3f}" in out
    assert f"t {t[1]:6.2f}" in out


REG = "regression-metrics-side-by-side"
RANK = "offline-evaluation-of-a-ranking-model"


def test_regression_metrics_example():
    from sklearn.metrics import (
        mean_absolute_error,
        mean_absolute_percentage_error,
        mean_squared_error,
        r2_score,
    )

    y = np.array([10, 20, 30, 40, 50.0])
    yhat = np.array([12, 18, 33, 40, 35.0])
    resid = y - yhat
    assert resid.tolist() == [-2, 2, -3, 0, 15]
    mae = mean_absolute_error(y, yhat)
    mse = mean_squared_error(y, yhat)
    rmse = math.sqrt(mse)
    mape = mean_absolute_percentage_error(y, yhat)
    r2 = r2_score(y, yhat)
    sse, sst = float(resid @ resid), float(((y - y.mean()) ** 2).sum())
    assert (sse, sst) == (242, 1000)
    assert_states(
        REG,
        f"= {mae:.1f}$",
        f"(4 + 4 + 9 + 0 + 225)/5 = {mse:.1f}$",
        f"RMSE $= {rmse:.2f}$",
        f"{225 / sse:.0%} of the MSE",
        f"= {mape * 100:.0f}\\%$",
        f"R² $= 1 - 242/1000 = {r2:.3f}$",
        f"off by {mae:.1f}\"",
        f"{mape:.2f}, a fraction",
    )
    assert rmse >= mae


def _ndcg(rels, n_relevant, k):
    dcg = sum(r / math.log2(i + 2) for i, r in enumerate(rels[:k]))
    ideal = sum(1 / math.log2(i + 2) for i in range(min(n_relevant, k)))
    return dcg, ideal, dcg / ideal


def test_ranking_worked_example():
    from sklearn.metrics import ndcg_score

    a, a_total = [1, 0, 1, 0, 0], 3
    b, b_total = [0, 0, 1, 0, 0], 1
    p3 = [sum(a[:3]) / 3, sum(b[:3]) / 3]
    r3 = [sum(a[:3]) / a_total, sum(b[:3]) / b_total]
    rr = [1 / (a.index(1) + 1), 1 / (b.index(1) + 1)]
    dcg_a, idcg_a, ndcg_a = _ndcg(a, a_total, 5)
    _, _, ndcg_b = _ndcg(b, b_total, 5)
    # scikit-learn agrees when the unretrieved relevant item of A is included below rank 5
    sk_a = ndcg_score([a + [1]], [[6, 5, 4, 3, 2, 1]], k=5)
    assert math.isclose(sk_a, ndcg_a)
    assert_states(
        RANK,
        f"| A | {p3[0]:.2f} | {r3[0]:.2f} | 1 | {ndcg_a:.3f} |",
        f"| B | {p3[1]:.2f} | {r3[1]:.0f} | {rr[1]:.2f} | {ndcg_b:.1f} |",
        f"| mean | {np.mean(p3):.1f} | {np.mean(r3):.2f} | MRR {np.mean(rr):.2f} | {np.mean([ndcg_a, ndcg_b]):.3f} |",
        f"= {dcg_a:.1f}$",
        f"= {idcg_a:.3f}$",
    )


IMB = "what-is-class-imbalance-and-its-remedies"


def test_imbalance_threshold_and_balanced_weights():
    from sklearn.utils.class_weight import compute_class_weight

    c_fn, c_fp = 100, 5
    t = c_fp / (c_fp + c_fn)
    # at the threshold the two expected costs are equal
    assert math.isclose(c_fn * t, c_fp * (1 - t))
    assert_states(IMB, f"$p > 5/105 = {t:.3f}$", "1% of 10,000 rows is 100 positives")
    y = np.array([1] * 10 + [0] * 990)
    w_neg, w_pos = compute_class_weight("balanced", classes=np.array([0, 1]), y=y)
    assert math.isclose(w_pos, 1 / (2 * 0.01)) and math.isclose(w_neg, 1 / (2 * 0.99))
    assert_states(IMB, f"= {w_pos:.0f}$", f"= {w_neg:.3f}$")
    # balanced weights are a 99:1 cost ratio: for a flexible model trained with weighted log loss the
    # weighted optimum q = w+ p / (w+ p + w- (1 - p)) crosses 0.5 where p = w- / (w+ + w-), the base rate
    assert math.isclose(w_pos / w_neg, 99)
    p_cross = w_neg / (w_pos + w_neg)
    assert math.isclose(p_cross, 0.01)
    q = lambda p: w_pos * p / (w_pos * p + w_neg * (1 - p))
    assert math.isclose(q(p_cross), 0.5)
    assert_states(IMB, "a 99:1 cost ratio", f"to the base rate, {p_cross:.2f}", f"not to {t:.3f}", "(here 100:5)")


LR = "what-is-the-learning-rate"
HP = "parameters-vs-hyperparameters-and-tuning"


def test_learning_rate_regimes_on_5w_squared():
    curvature = 10
    rows = {0.001: "converges", 0.05: "smooth", 0.15: "overshoots, flips", 0.25: "diverges"}
    for eta in rows:
        factor = 1 - curvature * eta
        assert_states(LR, f"| {eta} | {factor:g} |")
        assert (abs(factor) < 1) == (eta < 2 / curvature)
        assert (factor < 0) == (eta > 1 / curvature)
    w = 1.0
    for _ in range(100):
        w -= 0.001 * curvature * w
    assert_states(LR, f"after 100 steps $w$ is still {w:.3f}", f"$\\eta = 2/10 = {2 / curvature:.1f}$")


def test_hyperparameter_snippet_runs():
    out = run_python_block(HP)
    lines = out.splitlines()
    assert lines[0].startswith("best C ") and lines[1].startswith("test AUC 0.9")


ADAM = "what-is-adam-and-when-to-use-sgd"


def _adam_first_step(g, lr=1e-3, b1=0.9, b2=0.999, eps=1e-8):
    m = (1 - b1) * g
    v = (1 - b2) * g * g
    m_hat, v_hat = m / (1 - b1), v / (1 - b2)
    return lr * m_hat / (math.sqrt(v_hat) + eps), m


def test_adam_first_step_is_about_the_learning_rate():
    for g in (0.01, 100.0):
        step, m = _adam_first_step(g)
        assert math.isclose(step, 1e-3, rel_tol=1e-5)
        assert math.isclose(m, 0.1 * g)
    assert_states(ADAM, "whether $g$ is 0.01 or 100", "$m = (1 - \\beta_1) g$", "$\\eta = 10^{-3}$")


BACKPROP = "what-is-backpropagation"


def test_backprop_two_weight_example_matches_finite_differences():
    x, y = 1.5, 1.0

    def loss(w1, w2):
        h = max(0.0, w1 * x)
        return 0.5 * (w2 * h - y) ** 2

    w1, w2 = 2.0, -1.0
    h = max(0.0, w1 * x)
    yhat = w2 * h
    L = loss(w1, w2)
    d_yhat = yhat - y
    d_w2 = d_yhat * h
    d_h = d_yhat * w2
    d_w1 = d_h * 1.0 * x
    assert (h, yhat, L, d_yhat, d_w2, d_h, d_w1) == (3, -3, 8, -4, -12, 4, 6)
    eps = 1e-6
    fd_w1 = (loss(w1 + eps, w2) - loss(w1 - eps, w2)) / (2 * eps)
    fd_w2 = (loss(w1, w2 + eps) - loss(w1, w2 - eps)) / (2 * eps)
    assert math.isclose(fd_w1, d_w1, rel_tol=1e-6) and math.isclose(fd_w2, d_w2, rel_tol=1e-6)
    assert_states(
        BACKPROP,
        "so $h = 3$; $\\hat y = -3$; $L = \\tfrac12(-4)^2 = 8$",
        "\\hat y - y = -4$",
        "-4 \\times 3 = -12$",
        "\\cdot w_2 = 4$",
        "4 \\times 1 \\times x = 6$",
    )


BASELINE = "baselines-for-model-evaluation"


def test_prior_baseline_log_loss():
    from sklearn.dummy import DummyClassifier
    from sklearn.metrics import log_loss

    p = 0.05
    ll = -(p * math.log(p) + (1 - p) * math.log(1 - p))
    y = np.array([1] * 50 + [0] * 950)
    dummy = DummyClassifier(strategy="prior").fit(np.zeros((1000, 1)), y)
    assert math.isclose(log_loss(y, dummy.predict_proba(np.zeros((1000, 1)))), ll)
    assert ll < 0.25
    assert_states(BASELINE, f"= {ll:.3f}$", "0.25 is then *worse*", "5% churners")
    acc = DummyClassifier(strategy="most_frequent").fit(np.zeros((100, 1)), [0] * 92 + [1] * 8).score(
        np.zeros((100, 1)), [0] * 92 + [1] * 8
    )
    assert_states(BASELINE, f"is {acc:.0%} accurate")


LOSS_METRIC = "loss-function-vs-evaluation-metric"


def test_loss_and_metric_disagree():
    from sklearn.metrics import accuracy_score, log_loss

    y = [1, 1, 0, 0]
    models = {
        "A": [0.6, 0.6, 0.4, 0.4],
        "B": [0.9, 0.9, 0.1, 0.1],
        "C": [0.99, 0.45, 0.01, 0.01],
    }
    scores = {}
    for name, p in models.items():
        acc = accuracy_score(y, [int(q > 0.5) for q in p])
        ll = log_loss(y, p)
        scores[name] = (acc, ll)
        probs = ", ".join(f"{q:g}" for q in p)
        assert_states(LOSS_METRIC, f"| {name} | {probs} | {acc:.0%} | {ll:.3f} |")
    assert scores["A"][0] == scores["B"][0] and scores["B"][1] < scores["A"][1]
    assert scores["C"][1] < scores["A"][1] and scores["C"][0] < scores["A"][0]
