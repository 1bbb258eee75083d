"""Numbers introduced by the second wave of corrections (December 2026)."""

import math

from tests.helpers import assert_states


def test_auc_bounds_best_youden_index():
    auc = 0.92
    # AUC <= 1/2 + J - J^2/2  <=>  J >= 1 - sqrt(2 (1 - AUC))
    j_min = 1 - math.sqrt(2 * (1 - auc))
    assert abs(0.5 + j_min - j_min**2 / 2 - auc) < 1e-12
    balanced_accuracy = (1 + j_min) / 2
    assert_states(
        "roc-auc-probabilistic-meaning",
        f"J \\ge 1 - \\sqrt{{2(1 - {auc})}} = {j_min:.1f}$",
        f"balanced accuracy of at least {balanced_accuracy:.1f}",
    )


def test_auc_058_on_40_positives_mann_whitney():
    import numpy as np
    from scipy.stats import mannwhitneyu, norm

    n_pos, auc = 40, 0.58

    def z_of(n_neg):
        se = math.sqrt((n_pos + n_neg + 1) / (12 * n_pos * n_neg))
        return se, (auc - 0.5) / se

    se400, z400 = z_of(400)
    _, z40 = z_of(40)
    se_floor = math.sqrt(1 / (12 * n_pos))
    # Hanley-McNeil evaluated at AUC = 0.5 reduces to the null SE.
    a, q1, q2 = 0.5, 0.5 / 1.5, 2 * 0.25 / 1.5
    hm = math.sqrt((a * (1 - a) + (n_pos - 1) * (q1 - a * a) + (400 - 1) * (q2 - a * a)) / (n_pos * 400))
    assert abs(hm - se400) < 1e-12
    assert 2 * norm.sf((auc - 0.5) / se_floor) > 0.05
    # Check the normal approximation against scipy on data with exactly this AUC (no ties).
    neg = np.arange(400.0)
    pos = 231.5 + 1e-3 * np.arange(n_pos)  # each positive beats 232 of 400 negatives
    res = mannwhitneyu(pos, neg, alternative="greater", method="asymptotic", use_continuity=False)
    assert res.statistic / (n_pos * 400) == auc
    assert abs(res.pvalue - norm.sf(z400)) < 1e-9
    assert_states(
        "auc-equals-mann-whitney-u",
        f"SE = {se400:.4f}", f"z = {z400:.2f}", f"one-sided p = {norm.sf(z400):.3f}",
        f"two-sided p = {2 * norm.sf(z400):.3f}",
        f"z = {z40:.2f}", f"two-sided p = {2 * norm.sf(z40):.2f}", f"= {se_floor:.4f}",
    )


def test_map_lambda_under_each_loss_convention():
    sigma2, b, n = 4, 0.5, 100
    half_form = sigma2 / b
    rss_form = 2 * sigma2 / b
    sklearn_alpha = sigma2 / (n * b)
    # Minimizers coincide: 1/(2 sigma2) ||r||^2 + ||beta||_1 / b, times sigma2, 2 sigma2, sigma2/n.
    assert rss_form == 2 * half_form and sklearn_alpha == half_form / n
    # Ridge row: ElasticNet(l1_ratio=0) with alpha = sigma2/(n tau2) equals Ridge(alpha = sigma2/tau2).
    import numpy as np
    from sklearn.linear_model import ElasticNet, Ridge

    tau2 = 0.25
    rng = np.random.default_rng(0)
    X = rng.normal(size=(n, 3))
    y = X @ np.array([1.0, -2.0, 0.5]) + rng.normal(size=n)
    enet = ElasticNet(alpha=sigma2 / (n * tau2), l1_ratio=0, fit_intercept=False, tol=1e-12,
                      max_iter=100_000).fit(X, y)
    ridge = Ridge(alpha=sigma2 / tau2, fit_intercept=False).fit(X, y)
    assert np.allclose(enet.coef_, ridge.coef_, atol=1e-8)
    assert sigma2 / tau2 == 16
    assert_states(
        "regularization-as-map-estimation",
        f"$\\lambda = {half_form:g}$ in the", f"{rss_form:g} against the plain RSS",
        f"`alpha` = {sklearn_alpha:g}", f"$n = {n}$",
    )


def test_adam_worst_case_step_ratio():
    beta1, beta2 = 0.9, 0.999
    ratio = (1 - beta1) / math.sqrt(1 - beta2)
    sup = (1 - beta1) / math.sqrt((1 - beta2) * (1 - beta1**2 / beta2))
    # Run Adam's moment recursions: a long quiet stretch, then a gradient growing by beta2/beta1.
    m = v = 0.0
    steps, grow = 20_000, 50
    for t in range(1, steps + 1):
        g = 1e-8 if t <= steps - grow else 1e-3 * (beta2 / beta1) ** (t - (steps - grow))
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
    simulated = (m / (1 - beta1**steps)) / math.sqrt(v / (1 - beta2**steps))
    assert ratio < simulated <= sup + 1e-9 and abs(simulated - sup) < 1e-3
    assert_states(
        "adam-update-and-bias-correction",
        f"\\approx {ratio:.2f}$ with the default betas",
        f"\\approx {sup:.2f}$", f"$\\beta_2/\\beta_1 \\approx {beta2 / beta1:.2f}$",
    )


def test_sklearn_lasso_threshold_is_alpha_with_standardized_orthogonal_columns():
    import numpy as np
    from sklearn.linear_model import Lasso

    rng = np.random.default_rng(0)
    n = 200
    q, _ = np.linalg.qr(rng.normal(size=(n, 3)))
    X = q * math.sqrt(n)  # X^T X = n I
    y = X @ np.array([2.0, 0.6, -0.3]) + 0.1 * rng.normal(size=n)
    b = X.T @ y / n
    alpha = 0.5
    fit = Lasso(alpha=alpha, fit_intercept=False, tol=1e-12, max_iter=100_000).fit(X, y)
    expected = np.sign(b) * np.maximum(np.abs(b) - alpha, 0)
    assert np.allclose(fit.coef_, expected, atol=1e-8)
    assert_states("lasso-soft-thresholding-orthonormal-derivation", "($X^\\top X = nI$)")


def test_berry_esseen_bound_vs_actual_error_exponential():
    import numpy as np
    from scipy import stats

    n, c = 30, 0.4748  # Shevtsova's constant, below the 0.48 the answer quotes
    rho = 12 / math.e - 2  # E|X - 1|^3 for Exp(1), sigma = 1
    bound = c * rho / math.sqrt(n)
    z = np.linspace(-6, 6, 200_001)
    exact = stats.gamma.cdf(1 + z / math.sqrt(n), a=n, scale=1 / n)  # mean of n Exp(1)
    actual = float(np.max(np.abs(exact - stats.norm.cdf(z))))
    assert actual < bound / 5
    assert_states(
        "central-limit-theorem-statement-and-limits",
        f"\\rho/\\sigma^3 \\approx {rho:.2f}$", f"the bound is {bound:.2f}",
        f"CDFs is {actual:.3f}",
    )
