"""Recompute every number stated in the entry-level (easy) batch B."""

from __future__ import annotations

import numpy as np

from tests.helpers import assert_states


def test_sigmoid_gradient_product():
    s = np.linspace(-10, 10, 200001)
    sig = 1 / (1 + np.exp(-s))
    assert abs((sig * (1 - sig)).max() - 0.25) < 1e-9
    value = 0.25**10
    assert f"{value:.1e}" == "9.5e-07"
    assert_states("why-neural-networks-need-activation-functions", "0.25", "9.5 \\times 10^{-7}")


def test_dropout_scaling():
    assert 1 / (1 - 0.5) == 2
    assert f"{1 / (1 - 0.1):.2f}" == "1.11"
    rng = np.random.default_rng(0)
    p = 0.5
    a = np.ones(1_000_000)
    mask = rng.random(a.size) >= p
    out = a * mask / (1 - p)
    assert abs(out.mean() - 1) < 0.01
    assert_states("what-dropout-does", "about 1.11", "survivors are doubled")


def test_batch_norm_example():
    x = np.array([1.0, 2.0, 3.0, 6.0])
    mu, var = x.mean(), x.var()  # biased variance, as batch norm uses
    y = (x - mu) / np.sqrt(var + 1e-5)
    formatted = ", ".join(f"{v:.3f}" if abs(v) > 1e-12 else "0" for v in y)
    assert formatted == "-1.069, -0.535, 0, 1.604"
    assert_states(
        "what-batch-normalization-does",
        f"\\mu = {mu:g}$", f"\\sigma^2 = {var:g}$", "[-1.069, -0.535, 0, 1.604]",
    )


def test_convolution_parameter_counts():
    conv = 3 * 3 * 64 * 64 + 64
    assert f"{conv:,}".replace(",", "{,}") == "36{,}928"
    dense = (224 * 224 * 64) ** 2
    assert f"{dense:.2e}" == "1.03e+13"
    assert_states("what-a-convolution-layer-does", "36{,}928", "1.03 \\times 10^{13}")


def test_prediction_log_volume():
    per_day = 10_000_000 * 2_000  # bytes
    assert per_day / 1e9 == 20
    assert_states("what-to-log-for-each-prediction", "10 million predictions a day", "2 KB",
                  "20 GB a day")


def test_random_forest_variance_and_bootstrap():
    rho, B = 0.3, 100
    var = rho + (1 - rho) / B
    assert f"{var:.3f}" == "0.307"
    assert f"{1 - np.exp(-1):.1%}" == "63.2%"
    assert f"{np.exp(-1):.1%}" == "36.8%"
    rng = np.random.default_rng(0)
    n = 100_000
    share = np.unique(rng.integers(0, n, n)).size / n
    assert abs(share - 0.632) < 0.005
    assert_states("what-is-a-random-forest", "0.307\\,\\sigma^2", "63.2%", "36.8%",
                  "\\rho = 0.3", "B = 100")


def test_gini_and_entropy_node():
    p = np.array([0.8, 0.2])
    gini = 1 - (p**2).sum()
    ent = -(p * np.log2(p)).sum()
    assert f"{(p**2).sum():.2f}" == "0.68"
    assert f"{gini:.2f}" == "0.32"
    assert f"{ent:.3f}" == "0.722"
    assert abs(1 - 3 * (1 / 3) ** 2 - 2 / 3) < 1e-12
    assert f"{2 / 3:.3f}" == "0.667"
    assert_states("what-are-gini-impurity-and-entropy", "1 - 0.68 = 0.32", "\\approx 0.722",
                  "0.5 (Gini) and 1 bit", "2/3 \\approx 0.667")


def test_misclassification_rate_misses_a_pure_child():
    def gini(pos, neg):
        q = pos / (pos + neg)
        return 1 - q**2 - (1 - q) ** 2

    def misclass(pos, neg):
        return min(pos, neg) / (pos + neg)

    parent, left, right = (8, 2), (5, 0), (3, 2)
    w = 5 / 10
    assert f"{misclass(*right):.1f}" == "0.4" and f"{gini(*right):.2f}" == "0.48"
    assert f"{misclass(*parent):.1f}" == "0.2"
    assert f"{w * misclass(*left) + w * misclass(*right):.1f}" == "0.2"
    assert f"{w * gini(*left) + w * gini(*right):.2f}" == "0.24"
    assert_states("what-are-gini-impurity-and-entropy", "$(5, 0)$", "$(3, 2)$",
                  "0.5 \\cdot 0 + 0.5 \\cdot 0.4 = 0.2",
                  "0.5 \\cdot 0 + 0.5 \\cdot 0.48 = 0.24", "falls from 0.32")


def test_kmeans_tiny_example():
    from sklearn.cluster import KMeans

    X = np.array([1, 2, 3, 10, 11, 12], dtype=float).reshape(-1, 1)
    inertia = {}
    for k in (1, 2, 3):
        inertia[k] = KMeans(n_clusters=k, n_init=10, random_state=0).fit(X).inertia_
    km = KMeans(n_clusters=2, n_init=10, random_state=0).fit(X)
    assert sorted(km.cluster_centers_.ravel()) == [2.0, 11.0]
    assert inertia[2] == 4.0 and inertia[1] == 125.5 and inertia[3] == 2.5
    assert_states("what-is-kmeans-clustering", "centroids 2 and 11", "1+0+1+1+0+1 = 4",
                  "the inertia is 125.5", "it is 2.5")


def test_hierarchical_memory():
    n = 100_000
    pairs = n * (n - 1) // 2
    assert f"{pairs:.0e}" == "5e+09"
    assert round(pairs * 8 / 1e9) == 40
    assert_states("what-is-hierarchical-clustering", "5 \\times 10^9", "40 GB")


def test_dbscan_two_moons():
    from sklearn.cluster import DBSCAN, KMeans
    from sklearn.datasets import make_moons
    from sklearn.metrics import adjusted_rand_score

    X, y = make_moons(n_samples=500, noise=0.05, random_state=0)
    km = KMeans(n_clusters=2, n_init=10, random_state=0).fit_predict(X)
    db = DBSCAN(eps=0.2, min_samples=5).fit_predict(X)
    assert adjusted_rand_score(y, km) < 0.5
    assert adjusted_rand_score(y, db) == 1.0
    assert_states("what-is-dbscan", "0.2 on 500 points", "noise 0.05")


def test_svm_one_dimensional_margin():
    from sklearn.svm import SVC

    X = np.array([[1.0], [2.0], [4.0], [5.0]])
    y = np.array([-1, -1, 1, 1])
    m = SVC(kernel="linear", C=1e6).fit(X, y)
    w, b = m.coef_.ravel()[0], m.intercept_[0]
    assert abs(w - 1) < 1e-3 and abs(b + 3) < 1e-3
    assert abs(-b / w - 3) < 1e-3
    assert sorted(m.support_vectors_.ravel()) == [2.0, 4.0]
    assert abs(2 / abs(w) - 2) < 1e-3
    assert_states("what-is-a-support-vector-machine", "$w = 1$, $b = -3$",
                  "2/\\lVert w\\rVert = 2", "the points 2 and 4", "boundary is $x = 3$")


def test_polynomial_kernel_example():
    from math import comb

    from sklearn.svm import LinearSVC, SVC

    def phi(v):
        return np.array([1.0, np.sqrt(2) * v, v**2])

    x, z = 2.0, 3.0
    assert (x * z + 1) ** 2 == 49
    assert abs(phi(x) @ phi(z) - 49) < 1e-12
    assert np.allclose(phi(x) * phi(z), [1, 12, 36])
    assert np.allclose(phi(x), [1, 2 * np.sqrt(2), 4]) and np.allclose(phi(z), [1, 3 * np.sqrt(2), 9])
    X = np.array([-3, -2, -1, 0, 1, 2, 3], dtype=float).reshape(-1, 1)
    y = np.array([1, 1, 0, 0, 0, 1, 1])
    assert max(X[y == 0].ravel() ** 2) <= 1 and min(X[y == 1].ravel() ** 2) >= 4
    svm = SVC(kernel="poly", degree=2, gamma=1, coef0=1).fit(X, y)
    assert (svm.predict(X) == y).all()
    assert (LinearSVC(C=1e3, max_iter=100_000).fit(X, y).predict(X) != y).any()
    # degree-2 monomials in p inputs, constant included: C(p + 2, 2) = (p + 1)(p + 2) / 2
    assert comb(1 + 2, 2) == 3 and comb(100 + 2, 2) == 101 * 102 // 2 == 5_151
    assert_states("what-is-the-kernel-trick", "7^2 = 49", "1 + 12 + 36 = 49",
                  "\\phi(2) = (1, 2\\sqrt2, 4)", "\\phi(3) = (1, 3\\sqrt2, 9)",
                  "5,151 for", "$x^2 = 2.5$", "(p + 1)(p + 2)/2")


def test_standardization_and_normalization_example():
    from sklearn.preprocessing import MinMaxScaler, Normalizer, StandardScaler

    x = np.array([[2.0], [4.0], [6.0], [8.0]])
    z = StandardScaler().fit_transform(x).ravel()
    mm = MinMaxScaler().fit(x)
    assert x.mean() == 5 and abs(x.std() - np.sqrt(5)) < 1e-12
    assert f"{np.sqrt(5):.3f}" == "2.236"
    assert ", ".join(f"{v:.3f}" for v in z) == "-1.342, -0.447, 0.447, 1.342"
    assert ", ".join(f"{v:.3f}" for v in mm.transform(x).ravel()) == "0.000, 0.333, 0.667, 1.000"
    assert f"{mm.transform([[10.0]])[0, 0]:.3f}" == "1.333"
    row = Normalizer().fit_transform([[3.0, 4.0]])[0]
    assert np.allclose(row, [0.6, 0.8])
    assert_states("standardization-vs-normalization", "\\sqrt5 \\approx 2.236",
                  "$-1.342, -0.447, 0.447, 1.342$", "$0, 0.333, 0.667, 1$", "(0.6, 0.8)",
                  "10 becomes 1.333")


def test_mean_versus_median_imputation():
    incomes = np.array([30, 35, 40, 45, 500])
    assert incomes.mean() == 130 and np.median(incomes) == 40
    assert_states("handling-missing-values-basic-options", "The mean, 130", "the median, 40")


def test_imbalanced_split_counts():
    from scipy.stats import hypergeom
    from sklearn.model_selection import train_test_split

    h = hypergeom(2000, 40, 400)
    assert h.mean() == 8
    assert f"{h.std():.1f}" == "2.5"
    tails = h.cdf(4) + h.sf(11)
    assert round(tails * 100) == 16
    y = np.r_[np.ones(40, int), np.zeros(1960, int)]
    X = np.arange(2000).reshape(-1, 1)
    _, _, y_tr, y_te = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
    assert y_te.sum() == 8 and y_tr.sum() == 32 and len(y_te) == 400
    assert 100 / 8 == 12.5
    assert 10_000 * 0.001 == 10
    assert_states("splitting-imbalanced-data-train-validation-test", "2,000 rows with 2% positives (40)",
                  "400 rows", "8 positives on average", "2.5", "about 16%", "exactly 8",
                  "exactly 32", "12.5 percentage points", "10 positives")


def test_bayes_spam_example():
    prior, p_s, p_h = 0.3, 0.4, 0.05
    joint = p_s * prior
    evidence = joint + p_h * (1 - prior)
    post = joint / evidence
    assert f"{joint:.2f}" == "0.12" and f"{p_h * (1 - prior):.3f}" == "0.035"
    assert f"{evidence:.3f}" == "0.155"
    assert f"{post:.3f}" == "0.774" and abs(post - 24 / 31) < 1e-12
    assert p_s / p_h == 8
    odds2 = 24 / 7 * (0.25 / 0.02)
    assert abs(odds2 - 300 / 7) < 1e-9
    assert f"{odds2 / (1 + odds2):.3f}" == "0.977"
    low = (0.03 / 0.97) * 8
    assert f"{low / (1 + low):.3f}" == "0.198"
    assert_states("bayes-theorem-explained-with-an-example", "0.12 + 0.035 = 0.155",
                  "0.12 / 0.155 \\approx 0.774", "24/31 \\approx 0.774", "0.4 / 0.05 = 8",
                  "0.25/0.02 = 12.5", "300/307 \\approx 0.977", "0.198", "about 77%")


def test_clt_examples():
    assert f"{1 / np.sqrt(50):.3f}" == "0.141"
    rng = np.random.default_rng(0)
    means = rng.exponential(1.0, size=(100_000, 50)).mean(axis=1)
    assert abs(means.std() - 1 / np.sqrt(50)) < 0.002
    inside = np.mean(np.abs(means - 1) < 1.96 / np.sqrt(50))
    assert abs(inside - 0.95) < 0.01
    se = 40 / np.sqrt(400)
    assert se == 2 and f"{1.96 * se:.2f}" == "3.92"
    assert_states("central-limit-theorem-what-and-why", "1/\\sqrt{50} \\approx 0.141",
                  "40/\\sqrt{400} = 2", "\\pm 3.92", "about 95%")


def _ab_example():
    from scipy.stats import norm

    n, x_a, x_b = 10_000, 500, 560
    p_a, p_b = x_a / n, x_b / n
    pooled = (x_a + x_b) / (2 * n)
    z = (p_b - p_a) / np.sqrt(pooled * (1 - pooled) * 2 / n)
    p_value = 2 * norm.sf(z)
    se = np.sqrt(p_a * (1 - p_a) / n + p_b * (1 - p_b) / n)
    return n, p_a, p_b, z, p_value, se


def test_ab_test_reading():
    n, p_a, p_b, z, p_value, se = _ab_example()
    assert f"{p_a:.1%}" == "5.0%" and f"{p_b:.1%}" == "5.6%"
    assert f"{(p_b - p_a) / p_a:.0%}" == "12%"
    assert f"{se:.5f}" == "0.00317"
    lo, hi = (p_b - p_a - 1.96 * se) * 100, (p_b - p_a + 1.96 * se) * 100
    assert f"{lo:.2f}" == "-0.02" and f"{hi:.2f}" == "1.22"
    assert f"{z:.2f}" == "1.89" and f"{p_value:.3f}" == "0.058"
    assert_states("what-is-an-ab-test-and-how-to-read-it", "\\approx 0.00317",
                  "0.6 \\pm 1.96 \\times 0.317", "$-0.02$ to $+1.22$", "z \\approx 1.89",
                  "about 0.058", "12% relative", "500 (5.0%)", "560 (5.6%)")


def test_p_value_and_power():
    from scipy.stats import norm

    n, p_a, p_b, z, p_value, se = _ab_example()
    d = p_b - p_a
    power = norm.cdf(d / se - 1.96) + norm.cdf(-d / se - 1.96)
    assert round(power * 100) == 47
    z_a, z_b = norm.ppf(0.975), norm.ppf(0.80)
    n80 = (z_a + z_b) ** 2 * (p_a * (1 - p_a) + p_b * (1 - p_b)) / d**2
    assert round(n80, -3) == 22_000
    assert round(p_value * 100) == 6
    # "observed power" at the significance boundary |z| = 1.96 is about 50%, and lower below it
    observed = norm.cdf(1.96 - 1.96) + norm.cdf(-1.96 - 1.96)
    assert abs(observed - 0.5) < 1e-3
    assert norm.cdf(1.89 - 1.96) + norm.cdf(-1.89 - 1.96) < observed
    assert_states("p-value-and-power-in-an-ab-test", "z \\approx 1.89", "p \\approx 0.058",
                  "about 6% of the time", "about 47% power", "About 22,000 users per group",
                  "below about 50%")


def test_knn_worked_example():
    from sklearn.neighbors import KNeighborsClassifier

    X = np.array([[2, 3], [3, 3], [0, 2], [1, 0], [5, 5]], dtype=float)
    y = np.array(["A", "B", "B", "B", "A"])
    q = np.array([[2.0, 2.0]])
    d = np.linalg.norm(X - q, axis=1)
    assert [f"{v:.3f}" for v in d] == ["1.000", "1.414", "2.000", "2.236", "4.243"]
    assert KNeighborsClassifier(n_neighbors=1).fit(X, y).predict(q)[0] == "A"
    assert KNeighborsClassifier(n_neighbors=3).fit(X, y).predict(q)[0] == "B"
    assert_states("what-is-k-nearest-neighbours", "\\sqrt2 \\approx 1.414",
                  "\\sqrt5 \\approx 2.236", "\\sqrt{18} \\approx 4.243")


def test_latency_and_throughput():
    assert 2_000 * 0.050 == 100
    mean = 0.98 * 20 + 0.02 * 1_000
    assert f"{mean:.1f}" == "39.6"
    rng = np.random.default_rng(0)
    sample = np.where(rng.random(1_000_000) < 0.02, 1_000.0, 20.0)
    assert np.median(sample) == 20 and np.percentile(sample, 99) == 1_000
    fanout = 1 - 0.99**10
    assert f"{fanout:.1%}" == "9.6%"
    assert_states("latency-and-throughput-basics", "about 100 requests", "39.6 ms",
                  "median 20 ms", "p99 is 1,000 ms", "about 9.6%")


def test_two_stage_arithmetic():
    per_item = 20e-6
    assert round(10_000_000 * per_item) == 200
    assert round(500 * per_item * 1_000) == 10
    assert_states("two-stage-retrieval-and-ranking", "20 microseconds", "200 seconds",
                  "10 million items", "candidates takes 10 ms")


def test_class_imbalance_counts():
    prevalence = 0.005
    assert round(4_000_000 * prevalence) == 20_000 and round(4_000 * prevalence) == 20
    assert round((1 - prevalence) / prevalence) == 199
    assert f"{1 - prevalence:.1%}" == "99.5%"
    assert_states("what-is-class-imbalance", "is 20,000 frauds", "is 20 frauds", "(1:199)",
                  "scores 99.5%", "(99.5% here)", "(0.005 here)",
                  "20 examples or 20,000")


def test_resampling_example_and_prior_correction():
    pos, neg = 500, 49_500
    assert pos / (pos + neg) == 0.01
    assert neg / pos == 99 and 2 * neg == 99_000
    assert pos + 2_000 == 2_500 and pos / 2_500 == 0.2 and neg - 2_000 == 47_500
    odds = 1.0 * (0.01 / 0.99) / (0.2 / 0.8)
    assert f"{odds:.4f}" == "0.0404"
    assert f"{odds / (1 + odds):.3f}" == "0.039"
    assert_states("oversampling-and-undersampling-explained", "about 99 times", "99,000 rows",
                  "2,500 rows, 20% fraud", "47,500 legitimate rows", "about 0.039",
                  "about 0.0404")


def test_feature_importance_demo_output():
    from tests.helpers import run_python_block

    out = run_python_block("feature-importance-in-tree-ensembles-basics")
    assert out.splitlines() == ["impurity-based: [0.32 0.68]", "permutation (test): [0.16 0.01]"]
    assert_states("feature-importance-in-tree-ensembles-basics", "# impurity-based: [0.32 0.68]",
                  "# permutation (test): [0.16 0.01]")


def test_outlier_example():
    x = np.array([10, 12, 13, 14, 15, 16, 100], dtype=float)
    q1, q3 = np.percentile(x, [25, 75])
    iqr = q3 - q1
    assert (q1, q3, iqr) == (12.5, 15.5, 3.0)
    assert (q1 - 1.5 * iqr, q3 + 1.5 * iqr) == (8.0, 20.0)
    s = x.std(ddof=1)
    assert f"{s:.1f}" == "32.8"
    assert f"{(100 - x.mean()) / s:.2f}" == "2.26"
    # with n values and the sample SD, no |z| can exceed (n - 1)/sqrt(n)
    n = x.size
    ceiling = (n - 1) / np.sqrt(n)
    assert f"{ceiling:.2f}" == "2.27" and ceiling < 3
    extreme = np.r_[np.zeros(n - 1), 1.0]
    assert abs((1 - extreme.mean()) / extreme.std(ddof=1) - ceiling) < 1e-12
    assert_states("what-is-an-outlier-and-how-to-handle-it", "quartiles are 12.5 and 15.5",
                  "IQR is 3", "fences are 8 and 20", "about 32.8", "about 2.26",
                  "6/\\sqrt7 \\approx 2.27")


def test_target_encoding_example():
    prior, m = 0.2, 10
    raw_a, raw_b = 2 / 3, 1.0
    assert f"{raw_a:.3f}" == "0.667"
    smooth_b = (1 * 1 + m * prior) / (1 + m)
    smooth_a = (2 + m * prior) / (3 + m)
    assert f"{smooth_b:.3f}" == "0.273" and f"{smooth_a:.3f}" == "0.308"
    assert_states("what-is-target-encoding", "0.667", "/11 \\approx 0.273", "/13 \\approx 0.308")


def test_standard_deviation_vs_standard_error():
    assert 8 / np.sqrt(64) == 1 and abs(8 / np.sqrt(6_400) - 0.1) < 1e-12
    assert round(1.96 * 1) == 2
    se = np.sqrt(0.9 * 0.1 / 1_000)
    assert f"{se:.4f}" == "0.0095"
    assert f"{1.96 * se * 100:.1f}" == "1.9"
    assert_states("standard-deviation-vs-standard-error", "8/\\sqrt{64} = 1", "0.1 minutes",
                  "about 0.0095", "\\pm 1.9$ percentage points")


def test_gmm_responsibilities():
    from scipy.stats import norm

    def resp(x):
        a, b = norm.pdf(x, 0, 1), norm.pdf(x, 4, 1)
        return a / (a + b)

    assert resp(2) == 0.5
    assert f"{resp(1):.3f}" == "0.982"
    assert_states("what-is-a-gaussian-mixture-model", "0.5 and\n  0.5".replace("\n  ", "\n"),
                  "about 0.982")


def test_majority_vote_of_independent_classifiers():
    from scipy.stats import binom

    assert f"{binom.sf(2, 5, 0.7):.3f}" == "0.837"
    assert f"{binom.sf(10, 21, 0.7):.1%}" == "97.4%"
    assert_states("what-is-ensemble-learning", "\\approx 0.837", "97.4%")


def test_curse_of_dimensionality_numbers():
    assert 0.1 ** (1 / 1) == 0.1
    assert f"{0.1 ** (1 / 10):.3f}" == "0.794"
    assert 10**2 == 100
    rng = np.random.default_rng(0)
    ratios = {}
    for d in (2, 100, 1_000):
        r = []
        for _ in range(20):
            X = rng.random((1_000, d))
            q = rng.random(d)
            dist = np.linalg.norm(X - q, axis=1)
            r.append(dist.max() / dist.min())
        ratios[d] = np.median(r)
    assert ratios[2] > 100
    assert f"{ratios[100]:.1f}" == "1.4"
    assert f"{ratios[1_000]:.1f}" == "1.1"
    assert_states("what-is-the-curse-of-dimensionality", "about 0.794", "over 100 times",
                  "about 1.4 times", "about 1.1 times in 1,000", "10^{10}")


def test_tree_extrapolation_example():
    from sklearn.linear_model import LinearRegression
    from sklearn.tree import DecisionTreeRegressor

    x = np.arange(11, dtype=float).reshape(-1, 1)
    y = 2 * x.ravel()
    tree = DecisionTreeRegressor(random_state=0).fit(x, y).predict([[15.0]])[0]
    line = LinearRegression().fit(x, y).predict([[15.0]])[0]
    assert tree == 20 and abs(line - 30) < 1e-9
    assert_states("decision-tree-strengths-and-weaknesses", "predicts 20 for $x = 15$",
                  "a linear model gives 30")
