"""Recompute every number stated in the probability and statistics batch."""

from __future__ import annotations

import math

import numpy as np
from scipy import integrate, stats

from tests.helpers import assert_states


def test_bayes_base_rate_posterior_and_frequencies():
    prev, sens, fpr = 0.001, 0.99, 0.05
    posterior = sens * prev / (sens * prev + fpr * (1 - prev))
    n = 100_000
    sick, healthy = n * prev, n * (1 - prev)
    tp, fp = sens * sick, fpr * healthy
    assert fp > tp  # most positives are false
    lr = sens / fpr
    odds2 = (prev / (1 - prev)) * lr**2
    low_fpr = sens * prev / (sens * prev + 0.005 * (1 - prev))
    clinic = sens / (sens + fpr)
    assert_states(
        "bayes-rule-base-rate-screening",
        f"{posterior:.1%}", f"{tp:.0f}", f"{fp:,.0f}", f"{tp + fp:,.0f}", f"{healthy - fp:,.0f}",
        f"{lr:.1f}", f"{odds2:.3f}", f"{odds2 / (1 + odds2):.0%}", f"{low_fpr:.1%}",
        f"{clinic:.0%}", f"{prev / (1 - prev) * lr:.4f}",
    )


def test_mle_and_map_for_a_coin():
    h, n, a, b = 3, 3, 2, 2
    assert (h + a - 1) / (n + a + b - 2) == 0.8
    mean = (h + a) / (n + a + b)
    map_100 = (60 + a - 1) / (100 + a + b - 2)
    assert_states("mle-vs-map-coin-beta-prior", "0.8", f"{mean:.3f}", "5/7", f"{map_100:.3f}",
                  "61/102")


def test_memoryless_example():
    rate = 2.0
    assert_states("memorylessness-of-exponential-and-geometric", f"{1 / rate:.1f} s")


def test_variance_of_sums_example():
    vx, vy, rho = 4, 9, 0.5
    cov = rho * math.sqrt(vx) * math.sqrt(vy)
    assert_states("linearity-of-expectation-and-variance-of-sums",
                  f"= {vx + vy + 2 * cov:g}", f"= {vx + vy - 2 * cov:g}", f"= {cov:g}")


def test_total_variance_two_segments():
    w = np.array([0.3, 0.7])
    m = np.array([10, 20])
    sd = np.array([2, 3])
    mean = w @ m
    within = w @ sd**2
    between = w @ (m - mean) ** 2
    total = within + between
    # check against a simulation-free direct computation of E[Y^2] - E[Y]^2
    assert math.isclose(total, w @ (sd**2 + m**2) - mean**2)
    assert_states("law-of-total-expectation-and-variance", f"{mean:g}", f"{within:g}",
                  f"{between:g}", f"{total:g}", f"{math.sqrt(total):.2f}", "14.7", "6.3")


def test_clt_skewness_of_mean():
    assert_states("central-limit-theorem-statement-and-limits",
                  f"{2 / math.sqrt(30):.2f} at $n = 30$", f"{2 / math.sqrt(100):.1f} at $n = 100$")


def test_lln_coin_spreads():
    n = 10_000
    assert_states("law-of-large-numbers-weak-and-strong", f"{math.sqrt(n):.0f}",
                  f"{0.5 / math.sqrt(n):.3f}")


def test_share_of_false_significant_results():
    true_share, power, alpha = 0.1, 0.8, 0.05
    sig_true, sig_false = 1000 * true_share * power, 1000 * (1 - true_share) * alpha
    assert_states("p-value-definition-and-misreadings", f"{sig_true:.0f}", f"{sig_false:.0f}",
                  f"{sig_false / (sig_true + sig_false) * 100:.0f}\\%", f"{sig_false:.0f}/{sig_true + sig_false:.0f}")


def test_confidence_interval_and_overlap():
    t = stats.t.ppf(0.975, 99)
    se = 10 / math.sqrt(100)
    z = stats.norm.ppf(0.975)
    assert_states("confidence-interval-frequentist-meaning", f"{t:.3f}",
                  f"({50 - t * se:.2f}, {50 + t * se:.2f})", f"{2 * z:.2f}s", f"{z * math.sqrt(2):.2f}s")


def test_power_and_sample_size():
    z = stats.norm.ppf(0.975)
    d, n = 0.3, 100
    power = stats.norm.cdf(math.sqrt(n) * d - z) + stats.norm.cdf(-math.sqrt(n) * d - z)
    n80 = ((z + stats.norm.ppf(0.8)) / d) ** 2
    assert_states("type-i-and-type-ii-errors-and-power", f"{power:.0%}", f"{power:.2f}",
                  f"{n80:.1f}", f"{math.ceil(n80)} observations", f"{z + stats.norm.ppf(0.8):.2f}")


def test_t_quantile_30_df():
    assert_states("choosing-t-test-z-test-chi-square-or-mann-whitney",
                  f"{stats.t.ppf(0.975, 30):.2f}")


def test_bootstrap_inclusion_probabilities():
    left_out_10 = (1 - 1 / 10) ** 10
    contains_max = 1 - (1 - 1 / 1000) ** 1000
    assert_states("bootstrap-assumptions-and-failure-modes", f"{left_out_10:.1%}",
                  f"{contains_max:.3f}", f"{math.exp(-1) * 100:.1f}\\%", f"{contains_max:.0%}")


def test_conjugate_updates():
    a, b, h, n = 2, 8, 30, 100
    post = (a + h, b + n - h)
    assert post == (32, 78)
    mean = post[0] / sum(post)
    prec = 1 / 1 + 4 / 4
    mu_n = (1 / prec) * (0 / 1 + 4 * 2 / 4)
    assert_states("conjugate-priors-beta-binomial-and-normal-normal", "Beta(32, 78)",
                  f"{mean:.3f}", f"{1 / prec:g}", f"= {mu_n:g}")


def test_pearson_vs_spearman_on_exponential():
    x = np.arange(1, 11)
    y = np.exp(x)
    assert round(stats.spearmanr(x, y)[0], 2) == 1.0
    assert_states("covariance-vs-correlation-pearson-vs-spearman",
                  f"{stats.pearsonr(x, y)[0]:.2f}")


def test_birthday_numbers():
    def p_match(n, days=365):
        return 1 - np.prod([(days - k) / days for k in range(n)])

    approx = math.exp(-23 * 22 / (2 * 365))
    pairs = 10_000 * 9_999 / 2 / 2**20
    own = math.log(2) / -math.log(364 / 365)
    ids32 = math.sqrt(2 * 2**32 * math.log(2))
    assert 76_000 < ids32 < 78_000
    assert_states("birthday-problem-and-hash-collisions", f"{p_match(23):.1%}",
                  f"{p_match(70):.1%}", f"{approx:.3f}", f"{pairs:.1f}", "253",
                  f"{math.sqrt(2 * math.log(2)):.2f}", f"{own:.1f}")


def test_monty_hall_posterior():
    prior = np.array([1, 1, 1]) / 3
    lik = np.array([0.5, 1, 0])
    post = prior * lik / (prior @ lik)
    assert math.isclose(post[1], 2 / 3) and math.isclose(post[0], 1 / 3)
    assert_states("monty-hall-problem", "2/3", "1/3")


def test_two_children_tuesday():
    types = [(s, d) for s in "BG" for d in range(7)]
    pairs = [(c1, c2) for c1 in types for c2 in types]
    tb = ("B", 1)
    cond = [p for p in pairs if tb in p]
    both = [p for p in cond if p[0][0] == "B" and p[1][0] == "B"]
    assert (len(cond), len(both)) == (27, 13)
    assert_states("two-children-conditional-probability-puzzle", "13/27",
                  f"{13 / 27:.3f}", "13/49", "7/49")


def test_kl_asymmetry():
    def kl(p, q):
        return p * math.log(p / q) + (1 - p) * math.log((1 - p) / (1 - q))

    assert_states("kl-divergence-and-cross-entropy", f"{kl(0.5, 0.9):.3f}", f"{kl(0.9, 0.5):.3f}")


def test_expected_order_value():
    orders = np.array([100, 900])
    means = np.array([20, 50])
    weighted = orders @ means / orders.sum()
    speed = 120 / (60 / 30 + 60 / 90)
    assert_states("expected-value-is-probability-weighted-mean", f"{means.mean():g} USD",
                  f"{weighted:g} USD", f"{orders @ means:,} USD", f"{speed:g} km/h")


def test_markov_chebyshev_sample_sizes():
    markov = 100 / 500
    normal2 = 2 * stats.norm.sf(2)
    normal3 = 2 * stats.norm.sf(3)
    cheb = 0.25 / (0.05 * 0.01**2)
    hoeff = math.ceil(math.log(2 / 0.05) / (2 * 0.01**2))
    clt = math.ceil(stats.norm.ppf(0.975) ** 2 * 0.25 / 0.01**2)
    cantelli = 1 / (1 + 2**2)
    assert_states("markov-and-chebyshev-inequalities", f"{markov:.0%}", f"{normal2:.1%}",
                  f"{normal3:.2%}", f"{1 / 9:.1%}", f"{cheb:,.0f}", f"{hoeff:,}", f"{clt:,}",
                  f"{cantelli:.0%}")


def test_class_size_paradox():
    sizes = np.array([10, 90])
    assert_states("sampling-bias-and-selection-effects", f"{sizes.mean():g}",
                  f"{(sizes**2).sum() / sizes.sum():g}")


def test_coin_likelihoods():
    l5 = stats.binom.pmf(7, 10, 0.5)
    l7 = stats.binom.pmf(7, 10, 0.7)
    area = integrate.quad(lambda p: stats.binom.pmf(7, 10, p), 0, 1)[0]
    assert math.isclose(area, 1 / 11)
    assert_states("likelihood-vs-probability", f"{l5:.3f}", f"{l7:.3f}", f"{l7 / l5:.2f}", "1/11")


def test_gaussian_variance_bias():
    n = 5
    c4 = math.sqrt(2 / (n - 1)) * math.gamma(n / 2) / math.gamma((n - 1) / 2)
    assert_states("mle-of-gaussian-variance-is-biased", f"{(n - 1) / n:.0%}", f"{c4:.2f}\\sigma")


def test_bayes_fold_increase_and_ratio():
    prev, sens, fpr = 0.001, 0.99, 0.05
    posterior = sens * prev / (sens * prev + fpr * (1 - prev))
    assert 19 <= posterior / prev < 20  # "a nineteen-fold increase"
    assert round(fpr * 99_900 / (sens * 100)) == 50  # "about fifty to one"
    assert_states("bayes-rule-base-rate-screening", "nineteen-fold", "fifty to one")


def test_monty_hall_lower_door_host():
    # host opens the lower-numbered goat door when the pick (door 1) is the car
    prior = np.array([1, 1, 1]) / 3
    opens3 = np.array([0, 1, 0])
    opens2 = np.array([1, 0, 1])
    assert (prior * opens3 / (prior @ opens3))[1] == 1
    assert math.isclose((prior * opens2 / (prior @ opens2))[0], 0.5)
    assert_states("monty-hall-problem", "(1/3)/(1/3 + 1/3) = 1/2")


def test_lln_typical_absolute_gap():
    n = 10_000
    assert round(math.sqrt(2 * n / math.pi)) == 80
    assert_states("law-of-large-numbers-weak-and-strong", "about 80")


def test_two_proportion_z_equals_uncorrected_chi_square():
    table = np.array([[30, 70], [45, 55]])
    p1, p2 = table[0, 0] / table[0].sum(), table[1, 0] / table[1].sum()
    pooled = table[:, 0].sum() / table.sum()
    z = (p1 - p2) / math.sqrt(pooled * (1 - pooled) * (1 / table[0].sum() + 1 / table[1].sum()))
    chi2_plain = stats.chi2_contingency(table, correction=False)[0]
    chi2_yates, p_yates = stats.chi2_contingency(table)[:2]
    assert math.isclose(z**2, chi2_plain)
    assert chi2_yates < chi2_plain and p_yates > 2 * stats.norm.sf(abs(z))
    assert_states("choosing-t-test-z-test-chi-square-or-mann-whitney", "correction=True",
                  "correction=False")


def test_mle_variance_mse_optimal_divisor():
    n = 5  # MSE of c * SS with SS ~ sigma^2 chi2_{n-1}: c^2 (2(n-1) + (n-1)^2) - 2c(n-1) + 1
    def mse(c):
        return c**2 * (2 * (n - 1) + (n - 1) ** 2) - 2 * c * (n - 1) + 1

    assert mse(1 / (n + 1)) < mse(1 / n) < mse(1 / (n - 1))
    assert_states("mle-of-gaussian-variance-is-biased", "$c = 1/(n+1)$")
