"""Recompute every number stated in the feature-engineering batch B (transforms, text, selection)."""

from __future__ import annotations

import math
from math import comb

import numpy as np
from scipy import stats
from sklearn.datasets import make_classification
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.feature_selection import RFE
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import KBinsDiscretizer, PolynomialFeatures

from tests.helpers import assert_states


def test_log_target_coefficient_reading():
    assert_states("log-transform-skewed-features-and-targets", f"{math.exp(0.1) - 1:.1%}")  # 10.5%


def test_smearing_table():
    e = np.array([-0.6, -0.2, 0.1, 0.3, 0.4])
    assert abs(e.sum()) < 1e-12
    smear = float(np.mean(np.exp(e)))
    s2 = float(np.sum(e**2) / (len(e) - 1))
    naive = math.exp(4.0)
    normal = math.exp(s2 / 2)
    assert_states(
        "log-target-retransformation-bias-smearing",
        f"| naive $e^{{4}}$ | 1 | {naive:.1f} |",
        f"| smearing | $\\hat S = {smear:.3f}$ | {naive * smear:.1f} |",
        f"$s^2 = {s2:.3f}$ | $e^{{{s2 / 2:.4f}}} = {normal:.3f}$ | {naive * normal:.1f} |",
        f"about {1 - naive / (naive * smear):.0%} too low",
    )


def test_uniform_bins_on_skewed_values():
    x = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9, 100])
    counts, edges = np.histogram(x, bins=3)
    assert_states(
        "binning-continuous-features",
        "| uniform (equal width 33) | " + ", ".join(f"{e:.0f}" for e in edges)
        + " | " + ", ".join(str(c) for c in counts) + " |",
    )
    kb = KBinsDiscretizer(n_bins=3, strategy="quantile", encode="ordinal").fit(x.reshape(-1, 1))
    q_edges = kb.bin_edges_[0]
    q_counts = np.bincount(kb.transform(x.reshape(-1, 1)).ravel().astype(int))
    assert_states(
        "binning-continuous-features",
        "| quantile (equal frequency) | " + ", ".join(f"{e:.0f}" for e in q_edges)
        + " | " + ", ".join(str(c) for c in q_counts) + " |",
        f"$\\sqrt{{2/\\pi}} \\approx {math.sqrt(2 / math.pi):.2f}$",
        f"discarding about {1 - 2 / math.pi:.0%} of the sample",
    )


def test_polynomial_feature_counts():
    rows = []
    for d, k in [(10, 2), (100, 2), (100, 3), (1000, 2)]:
        n = comb(d + k, k)
        assert PolynomialFeatures(degree=k).fit(np.zeros((1, d))).n_output_features_ == n
        rows.append(f"| {d:,} | {k} | {n:,} |")
    pairwise = PolynomialFeatures(degree=2, interaction_only=True).fit(np.zeros((1, 100)))
    x = np.arange(1, 11)
    assert_states(
        "polynomial-and-interaction-features", *rows,
        f"= {pairwise.n_output_features_:,}",
        f"that is {comb(100 + 3 - 1, 3):,} of the {comb(103, 3):,} total",
        f"{np.corrcoef(x, x**2)[0, 1]:.2f}), which inflates",
    )


def test_kernel_feature_map_matches_polynomial_kernel():
    rng = np.random.default_rng(0)
    x, z = rng.standard_normal(2), rng.standard_normal(2)

    def phi(v):
        r2 = math.sqrt(2)
        return np.array([1, r2 * v[0], r2 * v[1], v[0] ** 2, v[1] ** 2, r2 * v[0] * v[1]])

    assert math.isclose((x @ z + 1) ** 2, phi(x) @ phi(z))


def test_lag_and_rolling_features():
    y = [10, 12, 9, 15, 11, 14, 13]  # days 1..7, index 0..6
    day5 = 4
    lag1 = y[day5 - 1]
    roll_shifted = np.mean(y[day5 - 3:day5])
    roll_leaky = np.mean(y[day5 - 2:day5 + 1])
    lag2 = y[day5 - 2]
    roll_h2 = np.mean(y[day5 - 4:day5 - 1])
    assert_states(
        "date-time-features-lags-and-rolling-windows",
        f"| lag 1 | 4 | {lag1} |",
        f"| 2, 3, 4 | {roll_shifted:.1f} |",
        f"| 3, 4, 5 | {roll_leaky:.2f} |",
        f"(value {lag2})",
        f"(mean {roll_h2:.2f})",
    )


def test_cyclical_distances():
    def point(h):
        t = 2 * math.pi * h / 24
        return np.array([math.sin(t), math.cos(t)])

    d_23_0 = np.linalg.norm(point(23) - point(0))
    d_0_1 = np.linalg.norm(point(0) - point(1))
    d_0_12 = np.linalg.norm(point(0) - point(12))
    assert math.isclose(d_23_0, 2 * math.sin(math.pi / 24))
    assert_states(
        "cyclical-encoding-sine-cosine",
        f"| 23:00 and 00:00 | 23 | {d_23_0:.3f} |",
        f"| 00:00 and 01:00 | 1 | {d_0_1:.3f} |",
        f"| 00:00 and 12:00 | 12 | {d_0_12:.1f} |",
    )


def test_tfidf_worked_example():
    docs = ["the cat sat", "the dog sat", "the cat ate the fish"]
    vec = TfidfVectorizer()
    m = vec.fit_transform(docs).toarray()
    idf = dict(zip(vec.get_feature_names_out(), vec.idf_))
    assert math.isclose(idf["cat"], math.log(4 / 3) + 1)
    raw = np.array([idf["the"], idf["cat"], idf["sat"]])
    row = dict(zip(vec.get_feature_names_out(), m[0]))
    assert_states(
        "bag-of-words-n-grams-and-tf-idf",
        f"| the | 3 | {idf['the']:g} |",
        f"| cat, sat | 2 | {idf['cat']:.3f} |",
        f"| dog, ate, fish | 1 | {idf['dog']:.3f} |",
        f"{np.linalg.norm(raw):.3f}$, so its TF-IDF vector",
        f"the {row['the']:.3f}, cat {row['cat']:.3f}, sat {row['sat']:.3f}",
        f"counts {1 + math.log(10):.3f}",
        str(m[0].round(3)),
    )


def test_hashing_collision_rate_and_memory():
    v, m = 100_000, 2**20
    p = 1 - (1 - 1 / m) ** (v - 1)
    mib = m * 8 / 2**20
    assert_states("hashing-vectorizer-for-text", f"about {p:.1%} of tokens", f"({mib:.0f} MiB")


def test_xor_mutual_information():
    # x1, x2 independent fair bits, y = x1 xor x2; mutual information in bits.
    joint = {(a, b, a ^ b): 0.25 for a in (0, 1) for b in (0, 1)}

    def mi(idx):
        pxy, px, py = {}, {}, {}
        for k, p in joint.items():
            xk, yk = tuple(k[i] for i in idx), k[2]
            pxy[xk, yk] = pxy.get((xk, yk), 0) + p
            px[xk] = px.get(xk, 0) + p
            py[yk] = py.get(yk, 0) + p
        return sum(p * math.log2(p / (px[x] * py[y])) for (x, y), p in pxy.items())

    assert mi([0]) == 0 and mi([1]) == 0
    assert_states(
        "filter-methods-for-feature-selection",
        f"$I(x_j; y) = {mi([0]):g}$ bits",
        f"$I(x_1, x_2; y) = {mi([0, 1]):g}$ bit",
    )


def test_wrapper_costs_and_rfe_example():
    d, k, folds = 100, 10, 5
    rfe_fits = (d - k) + 1
    sfs_candidates = sum(d - i for i in range(k))
    X, y = make_classification(n_samples=300, n_features=10, n_informative=3,
                               n_redundant=0, shuffle=False, random_state=0)
    rfe = RFE(LogisticRegression(), n_features_to_select=3, step=1).fit(X, y)
    mantissa, exponent = f"{comb(d, k):.2e}".split("e+")
    assert_states(
        "wrapper-methods-rfe-and-sequential-selection",
        f"{d - k} eliminations + 1 final fit = {rfe_fits}",
        f"= {sfs_candidates}$ candidate subsets $\\times$ {folds} = {sfs_candidates * folds:,}",
        f"\\approx {mantissa} \\times 10^{{{int(exponent)}}}",
        f"# {rfe.support_.nonzero()[0]}",
    )


def test_stability_jaccard_and_bound():
    s1, s2 = {"A", "B", "C", "D"}, {"A", "B", "C", "E"}
    jac = len(s1 & s2) / len(s1 | s2)
    p, q, pi = 1000, 50, 0.9
    bound = q**2 / ((2 * pi - 1) * p)
    assert_states(
        "embedded-feature-selection-and-stability",
        f"= {len(s1 & s2)}/{len(s1 | s2)} = {jac:g}",
        f"{q**2} / ({2 * pi - 1:g} \\cdot {p}) = {bound:g}",
    )


def test_spurious_correlations_among_noise_features():
    n, p, r = 100, 10_000, 0.3
    t = r * math.sqrt(n - 2) / math.sqrt(1 - r**2)
    prob = 2 * stats.t.sf(t, n - 2)
    approx_max = math.sqrt(2 * math.log(2 * p) / n)
    rng = np.random.default_rng(0)
    maxima = []
    for _ in range(20):
        y = rng.standard_normal(n)
        x = rng.standard_normal((n, p))
        xc, yc = x - x.mean(0), y - y.mean()
        corr = xc.T @ yc / np.sqrt((xc**2).sum(0) * (yc**2).sum())
        maxima.append(np.abs(corr).max())
    assert_states(
        "feature-selection-and-the-curse-of-dimensionality",
        f"$|t| > {t:.2f}$, probability {prob:.4f}",
        f"about {round(p * prob)} pure-noise",
        f"\\approx {approx_max:.2f}$",
        f"near {np.mean(maxima):.2f}",
        f"with $n = 400$ it is about {1 / math.sqrt(400):.2f}",
        f"$\\Phi^{{-1}}(1 - 1/(2p))/\\sqrt{{n}} = {stats.norm.ppf(1 - 1 / (2 * p)) / math.sqrt(n):.3f}$",
    )


def test_group_by_relative_features():
    past = np.array([20, 35, 25, 40])
    mean, sd = past.mean(), past.std(ddof=1)
    assert_states(
        "group-by-aggregation-features",
        f"(mean {mean:.0f},", f"sample standard deviation {sd:.2f})",
        f"is {300 / mean:.0f} times",
        f"$(300 - {mean:.0f})/{sd:.2f} = {(300 - mean) / sd:.1f}$",
    )


def test_haversine_paris_london_and_longitude_degree():
    def haversine(lat1, lon1, lat2, lon2, radius=6371.0):
        p1, l1, p2, l2 = map(math.radians, (lat1, lon1, lat2, lon2))
        h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin((l2 - l1) / 2) ** 2
        return 2 * radius * math.asin(math.sqrt(h))

    d = haversine(48.8566, 2.3522, 51.5074, -0.1278)
    assert_states(
        "geographic-features",
        f"about {d:.1f} km",
        f"= {111.32 * math.cos(math.radians(60)):.1f}$ km",
    )
