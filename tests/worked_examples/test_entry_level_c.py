"""Recompute the numbers stated in the entry-level batch C (bias-variance, deep learning, metrics,
linear models, LLMs, system design, regularization openers)."""

from __future__ import annotations

import math

import numpy as np

from tests.helpers import assert_states


def test_best_line_for_parabola_is_one_third():
    # Least-squares line for y = x^2 with x uniform on [-1, 1]: slope Cov(x, x^2)/Var(x) = 0,
    # intercept E[x^2] = 1/3. Check numerically on a fine grid.
    x = np.linspace(-1, 1, 200001)
    slope, intercept = np.polyfit(x, x**2, 1)
    assert abs(slope) < 1e-9
    assert math.isclose(intercept, 1 / 3, abs_tol=1e-4)
    assert_states("why-more-data-reduces-variance-not-bias", "the constant $1/3$")


def test_quadrupling_data_halves_standard_error():
    assert math.isclose(math.sqrt(1 / 4), 0.5)
    assert_states("why-more-data-reduces-variance-not-bias", "quadrupling the data halves")


def test_test_accuracy_standard_error_couple_of_points():
    # a few hundred examples (200-500) at accuracy 0.7-0.9: standard error 1.3 to 3.2 points
    for n in (200, 300, 500):
        for p in (0.7, 0.8, 0.9):
            se = math.sqrt(p * (1 - p) / n)
            assert 0.013 <= se <= 0.033
    assert_states("what-is-the-generalization-gap", "standard error of a couple of points")


def test_iterations_per_epoch():
    n, b = 50_000, 128
    steps = math.ceil(n / b)
    assert steps == 391
    assert n - (steps - 1) * b == 80
    assert 10 * steps == 3910
    assert_states("epoch-batch-and-iteration", "391 iterations", "391\nsteps", "last batch of 80",
                  "3,910 updates")


def test_embedding_table_size():
    assert 50_000 * 300 == 15_000_000
    assert_states("what-is-an-embedding", "15,000,000 trainable parameters")


def test_softmax_and_cross_entropy_numbers():
    z = np.array([2.0, 1.0, 0.0])
    p = np.exp(z - z.max())
    p /= p.sum()
    probs = ", ".join(f"{v:.3f}" for v in p)
    assert probs == "0.665, 0.245, 0.090"
    assert f"{-math.log(p[0]):.3f}" == "0.408"
    assert f"{-math.log(p[2]):.3f}" == "2.408"
    assert f"{math.log(10):.3f}" == "2.303"
    qid = "softmax-and-cross-entropy-in-a-classifier"
    assert_states(qid, f"$({probs})$", "\\approx 0.408", "\\approx 2.408", "about 2.303")


def test_decision_threshold_table():
    from sklearn.metrics import precision_score, recall_score

    scores = np.array([0.95, 0.85, 0.70, 0.60, 0.45, 0.40, 0.35, 0.20, 0.15, 0.05])
    y = np.array([1, 1, 0, 1, 1, 0, 1, 0, 0, 0])
    rows = []
    for t in (0.5, 0.3):
        pred = (scores >= t).astype(int)
        tp = int(((pred == 1) & (y == 1)).sum())
        fp = int(((pred == 1) & (y == 0)).sum())
        fn = int(((pred == 0) & (y == 1)).sum())
        prec, rec = precision_score(y, pred), recall_score(y, pred)
        rows.append(f"| {t} | {pred.sum()} | {tp} | {fp} | {fn} | {prec:.2f} | {rec:.2f} |")
    assert_states("what-is-a-decision-threshold", *rows)
    assert_states("what-is-a-decision-threshold", "0.95\\*, 0.85\\*, 0.70, 0.60\\*, 0.45\\*, 0.40, 0.35\\*")


def test_calibration_vs_discrimination_constant_predictor():
    from sklearn.metrics import roc_auc_score

    y = np.array([1] * 10 + [0] * 90)
    assert roc_auc_score(y, np.full(100, 0.10)) == 0.5
    # halving a calibrated probability of 0.8 gives a score of 0.4 on cases positive 80% of the time
    assert 0.8 / 2 == 0.4
    assert_states("calibration-vs-discrimination", "cases labelled 0.4 are now positive 80% of the time",
                  "so AUC is 0.5")


def test_brier_score_numbers():
    from sklearn.metrics import brier_score_loss

    bs = brier_score_loss([1, 1, 0, 0], [0.9, 0.8, 0.3, 0.1])
    assert f"{bs:.4f}" == "0.0375"
    qid = "what-is-the-brier-score"
    assert_states(qid, "= 0.0375", "$0.1 \\times 0.9 = 0.09$", "$0.0099$", "already gives 0.0475")
    assert math.isclose(0.01 * 0.99, 0.0099)
    assert math.isclose(0.05 * 0.95, 0.0475)
    assert math.isclose(0.5 * 0.5, 0.25)
    # base-rate predictor on a 10% problem scores pi(1-pi)
    y = np.array([1] * 10 + [0] * 90)
    assert math.isclose(brier_score_loss(y, np.full(100, 0.1)), 0.09)


def test_simple_least_squares_example():
    x = np.array([1.0, 2, 3, 4])
    y = np.array([2.0, 3, 5, 6])
    sxy = ((x - x.mean()) * (y - y.mean())).sum()
    sxx = ((x - x.mean()) ** 2).sum()
    slope = sxy / sxx
    intercept = y.mean() - slope * x.mean()
    fitted = intercept + slope * x
    rss = ((y - fitted) ** 2).sum()
    assert (sxy, sxx) == (7.0, 5.0)
    assert math.isclose(slope, 1.4) and math.isclose(intercept, 0.5)
    assert np.allclose(np.polyfit(x, y, 1), [1.4, 0.5])
    qid = "what-is-linear-regression"
    assert_states(qid, "$\\bar x = 2.5$", "$\\bar y = 4$", "$7/5 = 1.4$", "$4 - 1.4 \\times 2.5 = 0.5$",
                  ", ".join(f"{v:.1f}" for v in fitted), f"RSS is ${rss:.1f}$")


def test_logistic_regression_example():
    z = -1 + 0.7 * 2
    p = 1 / (1 + math.exp(-z))
    assert f"{z:.1f}" == "0.4" and f"{p:.2f}" == "0.60"
    assert f"{math.exp(0.7):.2f}" == "2.01"
    assert_states("what-is-logistic-regression", "$z = -1 + 1.4 = 0.4$", "\\sigma(0.4) \\approx 0.60",
                  "e^{0.7} \\approx 2.01")


def test_context_window_numbers():
    qid = "what-is-a-context-window"
    per_token = 2 * 32 * 4096 * 2  # keys and values, layers, hidden size, fp16 bytes
    assert per_token == 0.5 * 2**20
    assert 4096 * per_token == 2 * 2**30
    assert 131_072 * per_token == 64 * 2**30
    assert 8192 - 7000 == 1192
    assert 8000 * 0.75 == 6000
    assert_states(qid, "$2 \\times 32 \\times 4096 \\times 2$ bytes = 0.5 MiB per token",
                  "2 GiB for a 4,096-token", "64 GiB for 131,072 tokens", "about 1,192 tokens",
                  "6,000 words")


def test_weight_decay_shrink_factor():
    eta, lam = 0.1, 0.01
    factor = 1 - eta * lam
    assert f"{factor:.3f}" == "0.999"
    assert f"{factor**1000:.2f}" == "0.37"
    assert_states("what-is-weight-decay", "the factor is $0.999$", "$0.999^{1000} \\approx 0.37$")
    # one SGD step on loss + lam/2 ||w||^2 equals decay then gradient step
    rng = np.random.default_rng(0)
    w, g = rng.normal(size=5), rng.normal(size=5)
    assert np.allclose(w - eta * (g + lam * w), (1 - eta * lam) * w - eta * g)


def test_knn_bias_variance_with_fixed_inputs():
    # k-NN regression with the training inputs held fixed: the prediction at x0 averages k noisy
    # labels, so its variance is sigma^2 / k and its bias is f(x0) minus the mean of f over the
    # k neighbours (ESL 7.3). k = 1 gives variance sigma^2; k = n predicts the overall mean.
    rng = np.random.default_rng(0)
    n, sigma, x0 = 200, 0.3, np.pi / 2
    x = np.sort(rng.uniform(0, 2 * np.pi, n))
    order = np.argsort(np.abs(x - x0))
    for k in (1, 20, n):
        idx = order[:k]
        preds = (np.sin(x[idx]) + sigma * rng.standard_normal((20000, k))).mean(axis=1)
        assert math.isclose(preds.var(), sigma**2 / k, rel_tol=0.05)
        bias = preds.mean() - np.sin(x0)
        assert math.isclose(bias, np.sin(x[idx]).mean() - np.sin(x0), abs_tol=0.01)
    # bias grows with k at the peak of the sine
    biases = [abs(np.sin(x[order[:k]]).mean() - 1.0) for k in (1, 20, n)]
    assert biases[0] < biases[1] < biases[2]
    assert_states("what-are-bias-and-variance", "(variance $\\sigma^2$)", "$\\sigma^2/20$",
                  "\\sigma^2/k + \\sigma^2$")
