"""Recompute every number stated in the clustering and dimensionality-reduction batch."""

from __future__ import annotations

import math

import numpy as np
from scipy.cluster.hierarchy import linkage
from sklearn.cluster import DBSCAN, KMeans
from sklearn.datasets import load_digits, make_moons
from sklearn.decomposition import PCA
from sklearn.metrics import (adjusted_mutual_info_score, adjusted_rand_score,
                             normalized_mutual_info_score, rand_score, silhouette_samples,
                             silhouette_score)

from tests.helpers import assert_states


def test_lloyd_cost_of_one_assignment_step():
    n, k, d = 10**6, 100, 50
    ops = n * k * d
    mantissa, exponent = f"{ops:.0e}".split("e+")
    assert_states("kmeans-objective-and-lloyds-algorithm",
                  f"{mantissa} × 10^{int(exponent)} multiply-adds")


def test_rectangle_has_a_bad_fixed_point_of_lloyds_algorithm():
    X = np.array([[0, 0], [4, 0], [0, 2], [4, 2]], dtype=float)
    good = KMeans(2, init=np.array([[0, 1], [4, 1]], dtype=float), n_init=1).fit(X)
    bad = KMeans(2, init=np.array([[2, 0], [2, 2]], dtype=float), n_init=1).fit(X)
    assert np.allclose(sorted(bad.cluster_centers_.tolist()), [[2, 0], [2, 2]])
    assert_states("kmeans-convergence-local-optimum",
                  f"| left / right | $(0,1)$, $(4,1)$ | {good.inertia_:g} |",
                  f"| bottom / top | $(2,0)$, $(2,2)$ | {bad.inertia_:g} |",
                  f"$\\sqrt{{8}}\\approx{math.sqrt(8):.2f}$")
    ratio = bad.inertia_ / good.inertia_
    assert ratio == 4
    assert_states("kmeans-convergence-local-optimum", "stops at WCSS 16, four")


def test_kmeans_plus_plus_d2_probabilities_and_bound():
    x = np.array([0, 1, 10, 11])
    d2 = (x - 0) ** 2
    p = d2 / d2.sum()
    factor = 8 * (math.log(10) + 2)
    assert_states("kmeans-plus-plus-initialization", f"total {d2.sum()}",
                  f"1 with probability {p[1]:.3f}", f"probability {p[2]:.3f}",
                  f"11 with probability {p[3]:.3f}", f"the factor is about {factor:.0f}")


def test_silhouette_table_and_mean():
    X = np.array([[1], [2], [4], [8], [9]], dtype=float)
    labels = [0, 0, 0, 1, 1]
    s = silhouette_samples(X, labels)
    rows = [f"| {p} | " for p in (1, 2, 4, 8, 9)]
    assert_states("silhouette-coefficient-computed",
                  *[f"{row}" for row in rows],
                  *[f"| {v:.3f} |" for v in s],
                  "(7+6+4)/3 = " + f"{17 / 3:.3f}", "(8+7+5)/3 = " + f"{20 / 3:.3f}",
                  f"mean silhouette is {silhouette_score(X, labels):.3f}")


def test_em_responsibility_for_a_point_between_two_components():
    r = 1 / (1 + math.exp(-4))
    assert_states("em-for-gaussian-mixtures-derivation", f"1/(1+e^{{-4}})={r:.3f}")


def test_responsibility_hardens_as_sigma_shrinks():
    d1, d2 = 1.5**2, 2.5**2
    rows = [f"| {s:g} | {1 / (1 + math.exp(-(d2 - d1) / (2 * s**2))):{f}} |"
            for s, f in ((2, ".3f"), (1, ".3f"), (0.5, ".4f"))]
    assert_states("kmeans-as-limit-of-gaussian-mixture", f"{d1:g} and {d2:g}", *rows)


def test_gmm_parameter_counts_and_bic_penalty():
    d, k, n = 10, 3, 1000
    base = k * d + (k - 1)
    counts = {"full": k * d * (d + 1) // 2, "tied": d * (d + 1) // 2, "diag": k * d,
              "spherical": k}
    rows = [f"| {counts[t] + base} |" for t in counts]
    extra = counts["full"] - counts["diag"]
    penalty = extra * math.log(n)
    assert_states("gmm-covariance-types-and-bic", *rows, f"$kd={k * d}$", f"$k-1={k - 1}$",
                  f"$\\ln n = {math.log(n):.2f}$", f"Full has {extra} more parameters",
                  f"a penalty of {penalty:.1f}", f"{penalty / 2:.0f}. With strongly")


def test_linkage_distances_between_two_small_clusters():
    A, B = np.array([0.0, 1.0]), np.array([4.0, 7.0])
    pair = np.abs(A[:, None] - B[None, :])
    ward = len(A) * len(B) / (len(A) + len(B)) * (A.mean() - B.mean()) ** 2
    Z = linkage(np.r_[A, B][:, None], "ward")
    assert math.isclose(Z[-1, 2], math.sqrt(2 * ward))
    assert_states("hierarchical-clustering-linkage-criteria", f"| single | 4 − 1 = {pair.min():g} |",
                  f"| complete | 7 − 0 = {pair.max():g} |",
                  f"| average | (4+7+3+6)/4 = {pair.mean():g} |", f"= {ward:g} |",
                  f"$\\sqrt{{2\\Delta}}={Z[-1, 2]:.2f}$")


def test_dbscan_roles_on_a_line():
    X = np.array([[0], [1], [2], [3], [10]], dtype=float)
    db = DBSCAN(eps=1, min_samples=3).fit(X)
    assert list(db.core_sample_indices_) == [1, 2]
    assert list(db.labels_) == [0, 0, 0, 0, -1]
    counts = [int((np.abs(X[:, 0] - x) <= 1).sum()) for x in X[:, 0]]
    assert_states("dbscan-core-border-noise",
                  *[f"| {c} | {role}" for c, role in zip(counts, ["border", "core", "core",
                                                                     "border", "noise"])])


def test_ari_nmi_examples():
    truth, pred = [0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]
    t = np.repeat([0, 1], 50)
    singletons = np.arange(100)
    assert abs(adjusted_mutual_info_score(t, singletons)) < 1e-9
    nmi_formula = 2 * math.log(2) / (math.log(2) + math.log(100))
    assert math.isclose(normalized_mutual_info_score(t, singletons), nmi_formula)
    assert_states("ari-and-nmi-external-evaluation",
                  f"ARI = {adjusted_rand_score(truth, pred):.3f}",
                  f"NMI = {normalized_mutual_info_score(truth, pred):.3f}",
                  f"| Rand index | {rand_score(t, singletons):.3f} |",
                  f"| NMI | {nmi_formula:.3f} |",
                  f"| ARI | {adjusted_rand_score(t, singletons):g} |",
                  f"{math.comb(100, 2):,} pairs", f"the {50 * 50:,} pairs")


def test_pca_two_by_two_example():
    S = np.array([[3.0, 1.0], [1.0, 3.0]])
    vals = np.linalg.eigvalsh(S)[::-1]
    assert_states("pca-variance-maximization-derivation", f"eigenvalues {vals[0]:g} and {vals[1]:g}",
                  f"$4/6={vals[0] / vals.sum() * 100:.0f}\\%$", f"$3/6 = {3 / 6 * 100:.0f}\\%$")


def test_unscaled_pca_share_of_income():
    share = 10_000**2 / (10_000**2 + 10**2)
    assert (100 ** 2) == 10_000  # dollars -> cents multiplies the variance by 100^2
    assert_states("scaling-before-pca", f"= {share * 100:.4f}\\%", "10,000 times")


def test_digits_components_for_80_and_95_percent():
    cum = np.cumsum(PCA().fit(load_digits().data).explained_variance_ratio_)
    k80, k95 = int(np.argmax(cum >= 0.8)) + 1, int(np.argmax(cum >= 0.95)) + 1
    assert_states("choosing-number-of-pca-components", f"{k80} components", f"keep 80% and {k95} keep 95%")


def test_kernel_matrix_memory():
    gb = 100_000**2 * 8 / 1e9
    assert_states("kernel-pca-at-a-glance", f"need {gb:.0f} GB")


def test_whitening_scales():
    lam = np.array([4, 0.01])
    scale = 1 / np.sqrt(lam)
    assert math.isclose(scale[1] / scale[0], 20)
    assert_states("pca-whitening", f"the scales are {scale[0]:g} and {scale[1]:g}",
                  "amplified twenty times")


def test_pca_compression_speedup():
    assert_states("pca-before-a-model", f"about {784 / 50:.0f}-fold")


def test_distance_concentration_and_shell_volume():
    var_term = 1 / 15 - 1 / 36
    assert math.isclose(var_term, 7 / 180)
    assert math.isclose(6 * math.sqrt(7 / 180), math.sqrt(1.4))
    rows = [f"| {d} | {math.sqrt(1.4 / d):.3f} |" for d in (2, 100, 1000)]
    shells = [1 - 0.99**d for d in (2, 100, 500)]
    assert_states("curse-of-dimensionality-distance-concentration", *rows,
                  f"{shells[0]:.1%} of the volume at $d=2$", f"{shells[1]:.1%} at $d=100$",
                  f"{shells[2]:.1%} at $d=500$", f"$0.1^{{1/10}}\\approx{0.1 ** 0.1:.2f}$",
                  f"ESL rounds to {round(0.1 ** 0.1, 1) * 100:.0f}%")


def test_moons_silhouette_favours_a_wrong_kmeans_cut():
    X, y = make_moons(500, noise=0.05, random_state=0)
    truth = silhouette_score(X, y)
    km = silhouette_score(X, KMeans(2, random_state=0).fit_predict(X))
    assert km > truth
    assert_states("internal-cluster-validity-indices",
                  f"silhouette {truth:.2f} for the true moons against {km:.2f} for k-means")
