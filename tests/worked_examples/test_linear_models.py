"""Recompute every number stated in the linear-models batch."""

from __future__ import annotations

import math

import numpy as np
from scipy import stats

from tests.helpers import assert_states


def test_ols_three_point_fit_and_orthogonal_residuals():
    x = np.array([0.0, 1.0, 2.0])
    y = np.array([1.0, 3.0, 4.0])
    sxy = float(np.sum((x - x.mean()) * (y - y.mean())))
    sxx = float(np.sum((x - x.mean()) ** 2))
    slope = sxy / sxx
    intercept = y.mean() - slope * x.mean()
    X = np.column_stack([np.ones(3), x])
    beta, *_ = np.linalg.lstsq(X, y, rcond=None)
    assert np.allclose(beta, [intercept, slope])
    fitted = X @ beta
    resid = y - fitted
    assert abs(resid.sum()) < 1e-12 and abs(resid @ x) < 1e-12
    assert_states(
        "ols-least-squares-normal-equations",
        f"S_{{xy}} = \\sum (x_i-\\bar x)(y_i-\\bar y) = {sxy:g}",
        f"S_{{xx}} = {sxx:g}",
        f"slope $= 3/2 = {slope:g}$",
        f"intercept $= \\bar y - 1.5\\,\\bar x = {intercept:.4f}$",
        ", ".join(f"{v:.4f}" for v in fitted),
        ", ".join(f"{v:.4f}" for v in resid[1:]),
        f"$-{abs(resid[0]):.4f}",
    )


def test_gaussian_mle_variance_vs_unbiased():
    n, p, rss = 20, 4, 32
    assert_states(
        "ols-as-gaussian-maximum-likelihood",
        f"$\\hat\\sigma^2_{{\\text{{MLE}}}} = {rss / n:g}$",
        f"$s^2 = {rss / (n - p):.1f}$",
    )


def test_normal_equation_vs_gd_flop_counts():
    n, p = 10**6, 100
    assert round(math.log10(n * p * p)) == 10
    assert round(math.log10(n * p)) == 8
    assert (n * p * p) / (n * p) == 100
    assert_states("normal-equation-vs-gradient-descent", "np^2 = 10^{10}", "np = 10^8", "about 100 passes")


def test_condition_number_squares_in_normal_equations():
    X = np.diag([1.0, 1e-4])
    kx = np.linalg.cond(X)
    kxtx = np.linalg.cond(X.T @ X)
    assert math.isclose(kx, 1e4) and math.isclose(kxtx, 1e8, rel_tol=1e-9)
    digits = 16
    assert_states(
        "qr-and-svd-for-least-squares",
        "$\\kappa(X) = 10^4$",
        "$\\kappa(X^\\top X) = 10^8$",
        f"about {digits - round(math.log10(kxtx))} correct digits",
        f"about {digits - round(math.log10(kx))} when",
    )


def test_vif_table():
    rows = []
    for r2 in (0.5, 0.9, 0.99):
        vif = 1 / (1 - r2)
        rows.append(f"| {r2:g} | {vif:.0f} | {math.sqrt(vif):.3g} |")
    assert_states("multicollinearity-symptoms-and-vif", *rows, "3.16 times wider")


def test_dummy_trap_equivalent_parametrizations():
    X = np.array([[1, 1, 0, 0], [1, 0, 1, 0], [1, 0, 0, 1]], dtype=float)
    a = X @ np.array([10, 0, 3, 5.0])
    b = X @ np.array([13, -3, 0, 2.0])
    assert np.allclose(a, b)
    assert np.linalg.matrix_rank(X.T @ X) == 3
    assert_states("perfect-collinearity-and-dummy-variable-trap", "10, 13 and 15")


def test_log_model_percentages():
    qid = "log-transformed-variables-coefficient-interpretation"
    assert_states(
        qid,
        f"$e^{{0.05}}-1 = {100 * math.expm1(0.05):.2f}\\%$",
        f"$e^{{0.3}}-1 = {100 * math.expm1(0.3):.1f}\\%$",
        f"$200\\log 2 = {200 * math.log(2):.1f}$",
        f"$100(e^{{-0.2}}-1) = {100 * math.expm1(-0.2):.1f}\\%$",
    )


def test_interaction_slopes_and_gap():
    b0, b1, b2, b3 = 1, 2, 3, 1.5
    tenure = 4
    assert_states(
        "interaction-terms-interpretation",
        f"$2 + 1.5 = {b1 + b3:g}$",
        f"$3 + 1.5\\cdot4 = {b2 + b3 * tenure:g}$",
        f"$\\binom{{100}}{{2}} = {math.comb(100, 2):,}".replace(",", "{,}"),
    )


def test_odds_ratio_table():
    beta = 0.7
    odds_ratio = math.exp(beta)
    rows = []
    new_ps = []
    for p in (0.10, 0.50):
        odds = p / (1 - p)
        new_odds = odds * odds_ratio
        new_p = new_odds / (1 + new_odds)
        new_ps.append(new_p)
        rows.append((p, odds, new_odds, new_p))
    assert_states(
        "logistic-regression-log-odds-and-odds-ratios",
        f"$e^{{0.7}} = {odds_ratio:.2f}$",
        f"| 0.10 | {rows[0][1]:.3f} | {rows[0][2]:.3f} | {rows[0][3]:.3f} |",
        f"| 0.50 | 1 | {rows[1][2]:.2f} | {rows[1][3]:.3f} |",
        f"+{100 * (new_ps[0] - 0.1):.1f} point",
        f"+{100 * (new_ps[1] - 0.5):.1f} in the other",
        f"$0.668/0.5 = {new_ps[1] / 0.5:.2f}$",
    )


def test_wls_two_measurement_example():
    y = np.array([10.0, 14.0])
    var = np.array([1.0, 4.0])
    w = 1 / var
    est = float(w @ y / w.sum())
    est_var = float(1 / w.sum())
    plain_var = float(var.sum() / 4)
    assert_states(
        "weighted-least-squares",
        f"= {est:g}$",
        f"with variance $1/(1 + 1/4) = {est_var:g}$",
        f"($(1 + 4)/4 = {plain_var:g}$)",
    )


def test_sigmoid_squared_error_vanishing_gradient():
    z = -10.0
    s = 1 / (1 + math.exp(-z))
    assert f"{s:.1e}" == "4.5e-05"
    assert f"{s * (1 - s):.1e}" == "4.5e-05"
    assert_states("why-logistic-regression-uses-log-loss", "4.5\\times10^{-5}")


def test_logistic_gradient_and_hessian_single_point():
    x = np.array([1.0, 2.0])
    y = 1.0
    p = 0.5
    grad = (p - y) * x
    hess = p * (1 - p) * np.outer(x, x)
    assert np.allclose(grad, [-0.5, -1])
    assert np.allclose(hess, [[0.25, 0.5], [0.5, 1]])
    assert_states(
        "logistic-loss-gradient-derivation",
        f"$(0.5 - 1)(1, 2) = ({grad[0]:g}, {grad[1]:g})$",
        "[[0.25, 0.5], [0.5, 1]]",
    )


def test_decision_boundary_threshold_and_cost_rule():
    logit_08 = math.log(0.8 / 0.2)
    p = 1 / (1 + math.exp(-(2 * 1 - 0 - 1)))
    c_fp, c_fn = 1, 4
    assert_states(
        "logistic-regression-decision-boundary",
        f"$w^\\top x + b\\ge\\log 4 = {logit_08:.2f}$",
        f"$p = \\sigma(1) = {p:.3f}$",
        f"$1/5 = {c_fp / (c_fp + c_fn):g}$",
        f"because $1 < {logit_08:.2f}$",
    )


def test_softmax_shift_invariance():
    rng = np.random.default_rng(0)
    W = rng.normal(size=(3, 4))
    x = rng.normal(size=4)
    c = rng.normal(size=4)

    def softmax(z):
        e = np.exp(z - z.max())
        return e / e.sum()

    assert np.allclose(softmax(W @ x), softmax((W + c) @ x))


def test_poisson_rate_ratios():
    assert_states(
        "poisson-regression-for-counts",
        f"$e^{{0.2}} = {math.exp(0.2):.2f}$",
        f"a {100 * math.expm1(0.2):.0f}% higher",
        f"gives {math.exp(-0.5):.2f}, a {100 * -math.expm1(-0.5):.0f}% lower",
    )


def test_basis_expansion_counts():
    p, d, knots = 10, 3, 5
    assert_states(
        "basis-expansion-polynomial-and-spline-features",
        f"gives {math.comb(p + d, d)} columns",
        f"With {knots} knots that is {knots + 4} columns",
    )


def test_anscombe_r_squared():
    x = np.array([10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5], dtype=float)
    y = np.array([8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68])
    r2 = np.corrcoef(x, y)[0, 1] ** 2
    assert_states("residual-plots-for-regression-diagnosis", f"R^2 \\approx {r2:.2f}")


def test_t_statistic_p_value_and_interval():
    beta, se, df = 0.8, 0.3, 40
    t = beta / se
    p = 2 * stats.t.sf(t, df)
    q = stats.t.ppf(0.975, df)
    lo, hi = beta - q * se, beta + q * se
    assert_states(
        "coefficient-standard-errors-and-p-values",
        f"$t = 0.8/0.3 = {t:.2f}$",
        f"two-sided p-value {p:.3f}",
        f"$0.8 \\pm {q:.3f}\\times0.3 = [{lo:.2f}, {hi:.2f}]$",
    )


def test_omitted_variable_bias_simulation():
    rng = np.random.default_rng(1)
    n = 200_000
    x1 = rng.normal(size=n)
    x2 = 0.5 * x1 + rng.normal(size=n)
    y = 2 * x1 + 3 * x2 + rng.normal(size=n)
    short = float(x1 @ y / (x1 @ x1))
    formula = 2 + 3 * 0.5
    assert abs(short - formula) < 0.02
    assert_states(
        "omitted-variable-bias",
        f"$2 + 3\\times0.5 = {formula:g}$",
        f"a {100 * (formula - 2) / 2:.0f}% overstatement",
    )


def test_cooks_distance_table():
    rows = []
    for r, h in ((3.0, 0.05), (0.5, 0.60), (2.5, 0.30)):
        d = r**2 / 2 * h / (1 - h)
        rows.append(f"| {r:.1f} | {h:.2f} | {d:.4f} |")
    assert_states("outliers-leverage-and-cooks-distance", *rows)


def test_cooks_distance_formula_matches_deletion():
    rng = np.random.default_rng(2)
    n = 15
    X = np.column_stack([np.ones(n), rng.normal(size=n)])
    y = X @ np.array([1.0, 2.0]) + rng.normal(size=n)
    H = X @ np.linalg.solve(X.T @ X, X.T)
    beta = np.linalg.lstsq(X, y, rcond=None)[0]
    e = y - X @ beta
    p = 2
    s2 = e @ e / (n - p)
    i = 3
    keep = np.arange(n) != i
    beta_i = np.linalg.lstsq(X[keep], y[keep], rcond=None)[0]
    d_deletion = np.sum((X @ beta - X @ beta_i) ** 2) / (p * s2)
    h = H[i, i]
    r2 = e[i] ** 2 / (s2 * (1 - h))
    assert math.isclose(d_deletion, r2 / p * h / (1 - h), rel_tol=1e-9)


def test_undersampling_correction():
    beta = 0.1
    odds = 1.0 * beta
    p = odds / (1 + odds)
    assert_states("logistic-regression-calibration", f"$0.1/1.1 = {p:.3f}$")


def test_logistic_score_equations_match_totals():
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(3)
    X = np.column_stack([rng.normal(size=500), rng.integers(0, 2, size=500)])
    y = (rng.random(500) < 1 / (1 + np.exp(-(0.5 + X[:, 0] - X[:, 1])))).astype(int)
    model = LogisticRegression(C=np.inf, tol=1e-10, max_iter=1000).fit(X, y)
    p = model.predict_proba(X)[:, 1]
    assert math.isclose(p.sum(), y.sum(), rel_tol=1e-4)
    group = X[:, 1] == 1
    assert math.isclose(p[group].sum(), y[group].sum(), rel_tol=1e-4)


def test_feature_scaling_condition_numbers():
    A = np.diag([1.0, 1e6])
    kappa = np.linalg.cond(A)
    rho = 0.99
    C = np.array([[1, rho], [rho, 1]])
    kappa_corr = np.linalg.cond(C)
    assert_states(
        "feature-scaling-for-gradient-descent",
        "$\\kappa = 10^6$" if round(math.log10(kappa)) == 6 else "missing",
        f"$\\kappa = 1.99/0.01 = {kappa_corr:.0f}$",
        f"below $2\\times10^{{-6}}$",
    )


def test_linear_probability_model_out_of_range():
    p = 0.1 + 0.02 * 50
    assert_states("linear-probability-model-vs-logistic-regression", f"predicts ${p:.1f}$ at 50 months")


def test_sklearn_dummy_trap_is_silent_and_sums_to_zero():
    import warnings

    from sklearn.linear_model import LinearRegression

    rng = np.random.default_rng(0)
    g = rng.integers(0, 3, 60)
    D = np.eye(3)[g]
    y = np.array([10.0, 13.0, 15.0])[g] + rng.normal(0, 0.1, 60)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lr = LinearRegression().fit(D, y)
    assert abs(lr.coef_.sum()) < 1e-8
    assert np.allclose(lr.predict(np.eye(3)), [10, 13, 15], atol=0.1)
    assert_states(
        "perfect-collinearity-and-dummy-variable-trap",
        "coefficients come out summing to zero, again without a warning",
    )


def test_class_weight_shifts_only_the_intercept():
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(0)
    n = 200_000
    X = rng.normal(size=(n, 2))
    z = -2 + 1.0 * X[:, 0] - 0.5 * X[:, 1]
    y = (rng.random(n) < 1 / (1 + np.exp(-z))).astype(int)
    plain = LogisticRegression(C=np.inf, max_iter=1000).fit(X, y)
    weighted = LogisticRegression(C=np.inf, max_iter=1000, class_weight={0: 1.0, 1: 4.0}).fit(X, y)
    assert np.allclose(plain.coef_, weighted.coef_, atol=0.01)
    shift = float(weighted.intercept_[0] - plain.intercept_[0])
    assert abs(shift - math.log(4)) < 0.01
    assert_states("logistic-regression-calibration", "$\\log(w_1/w_0)$, a pure intercept shift")


def test_sklearn_multinomial_l2_weights_sum_to_zero():
    from sklearn.datasets import load_iris
    from sklearn.linear_model import LogisticRegression

    X, y = load_iris(return_X_y=True)
    m = LogisticRegression(max_iter=5000).fit(X, y)
    assert np.allclose(m.coef_.sum(axis=0), 0, atol=1e-6)
    assert_states(
        "softmax-regression-and-overparameterization",
        "the weights sum to zero across classes",
    )
