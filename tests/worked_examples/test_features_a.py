"""Recompute every number stated in the features-a batch (scaling, encoding, missing data, outliers)."""

from __future__ import annotations

import math

import numpy as np

from tests.helpers import assert_states


def test_scalers_on_a_feature_with_one_outlier():
    x = np.array([1, 2, 3, 4, 100.0])
    minmax = (x - x.min()) / np.ptp(x)
    z = (x - x.mean()) / x.std()  # StandardScaler uses the population standard deviation
    q1, q3 = np.percentile(x, [25, 75])
    robust = (x - np.median(x)) / (q3 - q1)
    assert_states(
        "min-max-vs-standard-vs-robust-scaling",
        f"| 1 | {minmax[0]:g} | {z[0]:.2f} | {robust[0]:g} |",
        f"| 2 | {minmax[1]:.4f} | {z[1]:.2f} | {robust[1]:g} |",
        f"| 4 | {minmax[3]:.4f} | {z[3]:.2f} | {robust[3]:g} |",
        f"| 100 | {minmax[4]:g} | {z[4]:.2f} | {robust[4]:g} |",
        f"mean {x.mean():g}", f"standard deviation {x.std():.2f}",
        f"median {np.median(x):g}", f"IQR {q3 - q1:g}", f"[0, {minmax[3]:.4f}]",
        f"within {z[3] - z[0]:.2f} of each other",
    )


def test_uncentred_feature_with_intercept_condition_number():
    mu, s = 10.0, 1.0
    hessian = np.array([[1, mu], [mu, mu**2 + s**2]])
    lo, hi = np.linalg.eigvalsh(hessian)
    kappa = hi / lo
    approx = (1 + mu**2 + s**2) ** 2 / s**2
    assert math.isclose(kappa, approx, rel_tol=1e-3)
    rate = (kappa - 1) / (kappa + 1)
    iterations = math.log(1e-6) / math.log(rate)
    # best possible condition number over rescalings x -> x / c, without centring
    best = min(
        (lambda ev: ev[1] / ev[0])(np.linalg.eigvalsh(
            np.array([[1, mu / c], [mu / c, (mu**2 + s**2) / c**2]])))
        for c in np.linspace(1, 30, 20_001)
    )
    assert math.isclose(best, 4 * (1 + mu**2 / s**2), rel_tol=0.01)
    assert_states(
        "feature-scaling-and-gradient-descent-conditioning",
        f"eigenvalues are {hi:.2f} and {lo:.4f}", f"\\kappa \\approx {kappa:,.0f}".replace(",", "{,}"),
        f"{rate:.4f} per step", f"about {round(iterations, -3):,.0f} iterations",
        f"about {round(best, -2):.0f} here",
    )


def test_target_encoding_smoothing_table():
    p0, m = 0.10, 20
    a = (2 + m * p0) / (3 + m)
    b = (600 + m * p0) / (2000 + m)
    assert_states(
        "target-encoding-smoothing-toward-prior",
        f"| 0.667 | $(2 + 2)/23 = {a:.3f}$ |", f"| 0.30 | $(600 + 2)/2020 = {b:.3f}$ |",
        f"{2 / 3:.3f}",
    )


def test_leave_one_out_encoding_values_separate_the_labels():
    n, k = 10, 4
    positive = (k - 1) / (n - 1)
    negative = k / (n - 1)
    assert positive < negative
    assert_states("target-encoding-leakage-and-out-of-fold",
                  f"$3/9 = {positive:.3f}$", f"$4/9 = {negative:.3f}$")


def test_hashing_collision_probabilities():
    n, m = 10_000, 2**18
    p_collide = 1 - (1 - 1 / m) ** (n - 1)
    pairs = math.comb(n, 2) / m
    p_collide_20 = 1 - (1 - 1 / 2**20) ** (n - 1)
    assert m == 262_144
    assert_states("feature-hashing-collisions-and-memory",
                  f"{p_collide:.1%}", f"about {pairs:.0f} colliding pairs", f"{p_collide_20:.2%}",
                  "262{,}144")
    memory_mib = 2**20 * 4 / 2**20
    assert_states("feature-hashing-collisions-and-memory", f"{memory_mib:g} MiB")


def test_mean_imputation_shrinks_correlation_by_sqrt_one_minus_p():
    p, rho = 0.3, 0.5
    assert_states("mean-imputation-shrinks-variance-and-correlation",
                  f"{rho * math.sqrt(1 - p):.3f}", f"{1 - p:.0%} of the truth")


def test_mean_imputation_slope_standard_error_is_not_too_small():
    rng = np.random.default_rng(0)
    n, p, rho = 500, 0.3, 0.9  # a strong slope makes the effect large: ratio about 1.5
    slopes, reported = [], []
    for _ in range(1000):
        x = rng.normal(size=n)
        y = rho * x + math.sqrt(1 - rho**2) * rng.normal(size=n)
        missing = rng.random(n) < p
        x_imp = np.where(missing, x[~missing].mean(), x)
        design = np.column_stack([np.ones(n), x_imp])
        coef, *_ = np.linalg.lstsq(design, y, rcond=None)
        resid = y - design @ coef
        s2 = resid @ resid / (n - 2)
        slopes.append(coef[1])
        reported.append(math.sqrt(s2 * np.linalg.inv(design.T @ design)[1, 1]))
    assert np.mean(reported) > 1.3 * np.std(slopes)  # the reported slope SE is too large
    sigma_e2 = 1 - rho**2  # theory: reported/true SE = sqrt((sigma_e2 + p * rho**2) / sigma_e2)
    assert math.isclose(np.mean(reported) / np.std(slopes),
                        math.sqrt((sigma_e2 + p * rho**2) / sigma_e2), rel_tol=0.06)
    assert_states("mean-imputation-shrinks-variance-and-correlation", "by a factor $1-p$")


def test_mean_imputation_claims_hold_in_simulation():
    rng = np.random.default_rng(1)
    n, p, rho = 200_000, 0.3, 0.5
    x = rng.normal(size=n)
    y = rho * x + math.sqrt(1 - rho**2) * rng.normal(size=n)
    missing = rng.random(n) < p
    x_imp = np.where(missing, x[~missing].mean(), x)
    assert abs(x_imp.var() - (1 - p)) < 0.01
    assert abs(np.corrcoef(x_imp, y)[0, 1] - rho * math.sqrt(1 - p)) < 0.01
    slope_y_on_x = np.cov(x_imp, y)[0, 1] / x_imp.var(ddof=1)
    assert abs(slope_y_on_x - rho) < 0.01


def test_z_score_masking_bound_and_modified_z():
    n = 10
    bound = (n - 1) / math.sqrt(n)
    d = np.array([10, 11, 12, 10, 11, 12, 10, 11, 12, 1000.0])
    z = (d[-1] - d.mean()) / d.std(ddof=1)
    med = np.median(d)
    mad = np.median(np.abs(d - med))
    modified = 0.6745 * (d[-1] - med) / mad
    assert math.isclose(z, bound, rel_tol=1e-3)
    assert_states("outlier-detection-and-z-score-masking",
                  f"it is {bound:.3f}", f"$z = {z:.3f}$", f"modified z-score is {modified:.0f}",
                  f"median {med:g}, MAD {mad:g}")


def test_outlier_mad_constant():
    from scipy.stats import norm
    c = norm.ppf(0.75)
    assert_states("outlier-detection-and-z-score-masking", f"{c:.4f}", f"{1 / c:.4f}")


def test_distance_example_in_which_models_need_scaling():
    assert_states("which-models-need-feature-scaling", f"$10^2 = {10**2}$", f"$10^{int(math.log10(1000**2))}$")
