"""Recompute every number stated in the gaps wave-2 batch (LDA versus PCA, XOR with ReLUs,
distributed-training memory and communication, multi-label metrics, nested-model tests,
recall-floor thresholds, model-size arithmetic for serving, recommender examples)."""

from __future__ import annotations

import math

import numpy as np

from tests.helpers import assert_states

LDA = "fisher-lda-vs-pca"
NONLIN = "which-activations-give-universal-approximation"
ADAM_SGD = "adam-vs-sgd-convergence-and-generalization"
ZERO = "zero-and-fsdp-sharded-optimizer-memory"
PARALLEL = "data-model-and-pipeline-parallelism"


def test_fisher_direction_beats_pca_direction():
    s_w = np.array([[5.0, 4.0], [4.0, 5.0]])
    d = np.array([1.0, 0.0])

    def j(w):
        return (w @ d) ** 2 / (w @ s_w @ w)

    w = np.linalg.solve(s_w, d)
    ratio = w[1] / w[0]
    s_t = s_w + 0.25 * np.outer(d, d)  # equal priors: p(1-p) d d^T
    _, vecs = np.linalg.eigh(s_t)
    pc1 = vecs[:, -1] * np.sign(vecs[0, -1])
    angle_fisher = math.degrees(math.atan2(w[1], w[0]))
    angle_pca = math.degrees(math.atan2(pc1[1], pc1[0]))
    assert_states(
        LDA,
        f"(1, {ratio:.1f})",
        f"${angle_fisher:.1f}°$",
        f"${angle_pca:.0f}°$",
        f"{j(w):.3f}", f"{math.sqrt(j(w)):.3f}",
        f"{j(d):.3f}", f"{math.sqrt(j(d)):.3f}",
        f"{j(pc1):.3f}", f"{math.sqrt(j(pc1)):.3f}",
    )
    # J* equals the squared Mahalanobis distance between the means
    assert math.isclose(j(w), d @ np.linalg.solve(s_w, d))


def test_two_relu_units_compute_xor():
    relu = lambda z: max(0.0, z)  # noqa: E731
    outputs = []
    for x1, x2 in [(0, 0), (1, 0), (0, 1), (1, 1)]:
        h1, h2 = relu(x1 + x2), relu(x1 + x2 - 1)
        outputs.append(h1 - 2 * h2)
    assert outputs == [0, 1, 1, 0]
    assert_states(NONLIN, "0, 1, 1, 0")
    hidden = [(relu(a + b), relu(a + b - 1)) for a, b in [(0, 0), (1, 0), (0, 1), (1, 1)]]
    assert_states(NONLIN, ", ".join(f"({int(u)},{int(v)})" for u, v in hidden))
    # 10 ReLU units interpolate x^2 on [0, 1] with max error h^2 / 4
    x = np.linspace(0, 1, 100_001)
    knots = np.linspace(0, 1, 11)
    err = np.abs(np.interp(x, knots, knots**2) - x**2).max()
    assert math.isclose(err, 0.1**2 / 4, rel_tol=1e-6)
    assert_states(NONLIN, f"$h^2/4 = {err:.4f}$", "11 equally spaced points is a 10-piece function")
    # stacked linear layers collapse to one affine map
    rng = np.random.default_rng(0)
    w1, b1, w2, b2 = rng.normal(size=(4, 3)), rng.normal(size=4), rng.normal(size=(2, 4)), rng.normal(size=2)
    x = rng.normal(size=3)
    assert np.allclose(w2 @ (w1 @ x + b1) + b2, (w2 @ w1) @ x + (w2 @ b1 + b2))


def test_adam_moment_memory():
    assert_states(ADAM_SGD, f"{7e9 * 8 / 1e9:.0f} GB")


def test_zero_stage_memory_per_gpu():
    psi, n = 7e9, 8
    gb = lambda b: b / 1e9  # noqa: E731
    dp = gb(16 * psi)
    z1 = gb(4 * psi + 12 * psi / n)
    z2 = gb(2 * psi + 14 * psi / n)
    z3 = gb(16 * psi / n)
    assert_states(ZERO, f"{dp:.0f} GB", f"{z1:.1f} GB", f"{z2:.2f} GB", f"{z3:.0f} GB")
    assert 2 + 2 + 4 + 4 + 4 == 16
    assert_states(ZERO, "eight times less than the real 16")
    assert 16 / 2 == 8


def test_ring_all_reduce_and_pipeline_bubble():
    n, size_gb = 8, 1e9 * 2 / 1e9
    sent = 2 * (n - 1) / n * size_gb
    ms = sent / 100 * 1000
    assert_states(PARALLEL, f"{sent:.1f} GB per step", f"{ms:.0f} ms at", "$S = 2$ GB")
    p, m = 4, 16
    bubble = (p - 1) / (m + p - 1)
    assert_states(PARALLEL, f"{100 * bubble:.1f}%")


MULTILABEL = "multi-label-classification-losses-thresholds-metrics"
NESTED = "comparing-nested-regression-models-f-test-lrt-aic-bic"


def test_multilabel_metrics():
    from sklearn.metrics import accuracy_score, f1_score, hamming_loss, multilabel_confusion_matrix

    y = np.array([[1, 0, 0], [1, 1, 0], [1, 0, 1], [0, 1, 0], [1, 1, 0], [1, 0, 0]])
    p = np.array([[1, 0, 0], [1, 1, 0], [1, 0, 0], [0, 1, 1], [1, 0, 0], [1, 0, 0]])
    rows = []
    for label, cm, f1 in zip("ABC", multilabel_confusion_matrix(y, p), f1_score(y, p, average=None)):
        (_, fp), (fn, tp) = cm
        rows.append(f"| {label} | {tp} | {fp} | {fn} | {f1:.1f} |")
    assert_states(MULTILABEL, *rows, "Six documents")
    assert len(y) == 6
    assert_states(
        MULTILABEL,
        f"| {f1_score(y, p, average='micro'):.3f} |",
        f"| {f1_score(y, p, average='macro'):.3f} |",
        f"| {f1_score(y, p, average='samples'):.3f} |",
        f"= 3/18 | {hamming_loss(y, p):.3f} |",
        f"| {accuracy_score(y, p):.3f} |",
        "$2\\cdot7/(2\\cdot7+1+2)$",
        f"Micro-F1 says {f1_score(y, p, average='micro'):.2f}",
        f"usually lands near micro ({f1_score(y, p, average='weighted'):.3f}",
    )


def test_nested_model_comparison():
    from scipy import stats

    n, rss1, rss2, p1, p2 = 50, 120.0, 100.0, 3, 5
    f = ((rss1 - rss2) / (p2 - p1)) / (rss2 / (n - p2))
    p_f = stats.f.sf(f, p2 - p1, n - p2)
    lr = n * math.log(rss1 / rss2)
    p_lr = stats.chi2.sf(lr, p2 - p1)
    pen_bic = 2 * math.log(n)
    assert_states(
        NESTED,
        f"= {f:.1f} \\sim F_{{2,\\,45}}", f"$p \\approx {p_f:.3f}$",
        f"50\\log 1.2 = {lr:.2f}", f"$p \\approx {p_lr:.3f}$",
        f"$9.12 - 4 = {lr - 4:.2f}$",
        f"$2\\log 50 = {pen_bic:.2f}$", f"$9.12 - 7.82 = {lr - pen_bic:.2f}$",
    )
    # for Gaussian linear models the LR statistic is a monotone function of F
    assert math.isclose(n * math.log(1 + (p2 - p1) * f / (n - p2)), lr)
    assert_states(NESTED, "$= 50\\log(1 + 2\\cdot4.5/45)$")
    # AIC/BIC differences computed from full criteria (sigma counted or not, same difference)
    aic = lambda rss, k: n * math.log(rss / n) + 2 * (k + 1)  # noqa: E731
    bic = lambda rss, k: n * math.log(rss / n) + math.log(n) * (k + 1)  # noqa: E731
    assert math.isclose(aic(rss1, p1) - aic(rss2, p2), lr - 4)
    assert math.isclose(bic(rss1, p1) - bic(rss2, p2), lr - pen_bic)
    t = 0.8 / (4 / math.sqrt(200))
    p_t = 2 * stats.t.sf(t, 199)
    assert_states(NESTED, f"= {t:.2f}$ ($p \\approx {p_t:.3f}$)")
    # adjusted R^2 rises iff F > 1; AIC's large-n threshold is F > 2
    assert_states(NESTED, "exceeds 1", "F above 2")


RECALL_FLOOR = "threshold-under-a-recall-floor-in-production"


def test_recall_floor_lower_bound():
    from scipy.stats import beta, binom

    n, floor = 400, 0.90
    lower = lambda k: beta.ppf(0.05, k, n - k + 1)  # one-sided 95% Clopper-Pearson  # noqa: E731
    k_needed = next(k for k in range(n + 1) if lower(k) >= floor)
    assert_states(
        RECALL_FLOOR,
        f"catches exactly {int(floor * n)} (recall {floor:.3f})",
        f"lower bound of only {lower(int(floor * n)):.3f}",
        f"at least {k_needed} of {n} (observed recall {k_needed / n:.4f}, lower bound {lower(k_needed):.3f})",
    )
    # "chosen about half the time even if the true recall were a little under 0.90"
    assert 0.4 < binom.sf(int(floor * n) - 1, n, 0.895) < 0.6


DROP_IMPUTE = "drop-or-impute-a-feature-with-missing-values"
CORRUPTED = "corrupted-values-detection-and-handling"


def test_listwise_deletion_keeps_few_rows():
    kept = 0.95**10
    assert_states(DROP_IMPUTE, f"$0.95^{{10}} = {100 * kept:.1f}\\%$", f"throws away {100 * (1 - kept):.0f}% of the data")


def test_sentinel_shifts_the_mean():
    mean = 0.95 * 50_000 + 0.05 * (-999)
    assert_states(CORRUPTED, f"{mean:,.2f}", "5% of incomes with a true mean of 50,000")


TAB_TEXT = "network-for-tabular-and-text-inputs"
TOO_LARGE = "serving-a-model-too-large-for-one-gpu"


def test_tabular_text_network_sizes():
    emb = 1000 * 16 + 50 * 8 + 7 * 4
    proj = 768 * 64 + 64
    fused = 16 + 8 + 4 + 10 + 64
    raw = 16 + 8 + 4 + 10 + 768
    assert_states(
        TAB_TEXT, f"({emb:,} parameters)", f"({proj:,} parameters)", f"= {fused}$ dimensions",
        f"it would be {raw}", f"{100 * 768 / raw:.0f}% of the head's input",
    )


def test_large_model_memory():
    p = 70e9
    kv_per_token = 2 * 80 * 8 * 128 * 2
    kv_seq_gb = kv_per_token * 4096 / 1e9
    assert_states(
        TOO_LARGE,
        f"{p * 2 / 1e9:.0f} GB for weights", f"int8: {p / 1e9:.0f} GB", f"4-bit: {p * 0.5 / 1e9:.0f} GB",
        f"= {kv_per_token:,}$ bytes".replace(",", "{,}"), f"{kv_seq_gb:.2f} GB per 4,096-token",
        f"$160-140 = {160 - 140}$ GB",
        f"at most {math.floor(20 / kv_seq_gb)} concurrent", f"about {math.floor(10 / kv_seq_gb)} such",
        f"{2 * 80} per token",
    )


ON_DEVICE = "on-device-inference"
STREAMING = "streaming-inference-on-event-streams"


def test_depthwise_separable_and_int8_sizes():
    standard = 3 * 3 * 256 * 256
    separable = 3 * 3 * 256 + 256 * 256
    assert_states(ON_DEVICE, f"({standard:,} weights)", f"({separable:,} weights)", f"{standard / separable:.1f} times fewer")
    assert_states(ON_DEVICE, f"from {25e6 * 4 / 1e6:.0f} MB", f"to {25e6 / 1e6:.0f} MB")


def test_streaming_throughput_sizing():
    rate = 50_000
    unbatched_cores = rate * 0.004
    core_seconds = rate / 32 * 0.020
    assert_states(
        STREAMING, f"needs {unbatched_cores:.0f} cores", f"= {core_seconds:.2f}$ core-seconds",
        f"so {math.ceil(core_seconds)} cores", f"{32 / rate * 1000:.2f} ms at the full rate",
        f"about {32 / (rate / 32) * 1000:.0f} ms if each of 32 workers",
    )


CICD = "ci-cd-for-machine-learning"


def test_recall_gate_standard_error():
    se = math.sqrt(0.8 * 0.2 / 500)
    assert_states(CICD, f"{se:.3f}, so a gate", "recall of 0.80 measured on 500 positives")


CF_MF = "collaborative-filtering-and-matrix-factorization"
REC_EVAL = "recommender-offline-evaluation-pitfalls"


def test_als_user_step():
    q = np.array([[1.0, 0.5], [0.8, -0.2], [0.1, 1.2]])
    rated, r, lam = [0, 1], np.array([5.0, 3.0]), 0.1
    a = q[rated].T @ q[rated] + lam * np.eye(2)
    p_u = np.linalg.solve(a, q[rated].T @ r)
    pred = q @ p_u
    assert_states(
        CF_MF, f"$p_u = ({p_u[0]:.2f}, {p_u[1]:.2f})$",
        f"ratings as {pred[0]:.2f} and {pred[1]:.2f}", f"predicts {pred[2]:.2f} for the unrated item 3",
    )


def test_sampled_hit_rate_is_inflated():
    from scipy.stats import binom

    n_items, rank, n_neg, k = 100_000, 1_000, 100, 10
    p_above = (rank - 1) / (n_items - 1)
    expected_above = n_neg * p_above
    p_hit = binom.cdf(k - 1, n_neg, p_above)
    assert p_hit > 0.9999999
    assert_states(REC_EVAL, f"about {expected_above:.1f} of them", f"hit rate@10 is {p_hit:.3f}", "more than 0.9999999")
    assert_states(REC_EVAL, "only 7 of 18", "6 of those 7")


STATIONARITY = "time-series-stationarity-and-differencing"
WORD2VEC = "word2vec-skip-gram-and-negative-sampling"


def test_stationarity_numbers():
    phi = 0.9
    assert_states(
        STATIONARITY, f"= {1 / (1 - phi**2):.2f}\\sigma^2$", f"$0.9^{{10}} = {phi**10:.2f}$", "$100\\sigma^2$ at $t = 100$",
    )
    # over-differenced white noise: variance 2 sigma^2, lag-1 autocorrelation -1/2 (checked by simulation too)
    rng = np.random.default_rng(0)
    e = rng.normal(size=200_000)
    d = np.diff(e)
    assert abs(np.corrcoef(d[1:], d[:-1])[0, 1] - (-0.5)) < 0.01
    assert abs(d.var() - 2) < 0.02
    assert_states(STATIONARITY, "twice the variance and a lag-1 autocorrelation of $-0.5$")


def test_word2vec_numbers():
    f = np.array([0.9, 0.09, 0.01])
    g = f**0.75
    g /= g.sum()
    assert_states(WORD2VEC, "frequencies 0.9, 0.09 and 0.01", "probabilities " + ", ".join(f"{x:.3f}" for x in g[:2]) + f" and {g[2]:.3f}")
    assert_states(WORD2VEC, f"{100 * (1 - math.sqrt(1e-5 / 0.01)):.1f}% of the time")
    assert_states(WORD2VEC, f"{100_000 * 300 / 1e6:.0f} million parameters per matrix", f"{2 * 100_000 * 300 / 1e6:.0f} million", "costs 6 dot products")


FEW_LABELS = "few-labels-many-unlabeled-examples"


def test_active_learning_criteria_disagree():
    p = np.array([[0.5, 0.3, 0.2], [0.45, 0.45, 0.1], [0.4, 0.3, 0.3]])
    names = "ABC"
    lc = 1 - p.max(axis=1)
    s = np.sort(p, axis=1)
    margin = s[:, -1] - s[:, -2]
    entropy = -(p * np.log2(p)).sum(axis=1)
    assert_states(
        FEW_LABELS,
        "| " + " | ".join(f"{v:.2f}" for v in lc) + f" | {names[lc.argmax()]} |",
        "| " + " | ".join(f"{v:.2f}" for v in margin) + f" | {names[margin.argmin()]} |",
        "| " + " | ".join(f"{v:.3f}" for v in entropy) + f" | {names[entropy.argmax()]} |",
        "about 50 positives",
    )
    assert 5000 * 0.01 == 50


CONTRASTIVE = "contrastive-self-supervised-learning-infonce"


def test_infonce_temperature_example():
    pos, neg = 0.9, np.array([0.2, 0.1, -0.3])

    def loss(tau):
        logits = np.r_[pos, neg] / tau
        return -(logits[0] - np.log(np.exp(logits).sum()))

    ratio = lambda tau: math.exp((neg.max() - neg.min()) / tau)  # noqa: E731  softmax weights of two negatives
    assert_states(
        CONTRASTIVE,
        f"At $\\tau = 1$ the loss is {loss(1.0):.2f}", f"gets {ratio(1.0):.2f} times",
        f"the loss is {loss(0.1):.4f} and the ratio is {ratio(0.1):.0f}",
        f"{math.log(2 * 256 - 1):.2f} nats",
    )


CONFORMAL = "uncertainty-estimation-ensembles-and-conformal-prediction"


def test_split_conformal_rank_and_coverage():
    from tests.helpers import run_python_block

    n, alpha = 99, 0.1
    k = math.ceil((n + 1) * (1 - alpha))
    upper = 1 - alpha + 1 / (n + 1)
    out = run_python_block(CONFORMAL)
    assert out.split()[0] == str(k)
    assert_states(CONFORMAL, f"This prints `{out}`", f"{k}th smallest residual",
                  f"between {100 * (1 - alpha):.0f}% and {100 * upper:.0f}%")
    # realized coverage of one calibration set ~ Beta(k, n + 1 - k)
    a, b = k, n + 1 - k
    sd = math.sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))
    assert_states(CONFORMAL, f"standard deviation of about {sd:.2f}")
    # the rank exceeds n (infinite interval) exactly when n < 1/alpha - 1
    for m in range(1, 200):
        assert (math.ceil(round((m + 1) * (1 - alpha), 9)) > m) == (m < 1 / alpha - 1)
    assert_states(CONFORMAL, "If $n < 1/\\alpha - 1$ the rank exceeds $n$")


PDP = "partial-dependence-ice-and-lime"


def test_flat_pdp_hides_opposite_ice_slopes():
    x2 = np.array([1.0, -1.0] * 50)
    grid = np.linspace(-2, 2, 5)
    ice = np.array([[v * b for v in grid] for b in x2])  # f(x1, x2) = x1 * x2
    pdp = ice.mean(axis=0)
    assert np.allclose(pdp, 0)
    slopes = {round(float(np.polyfit(grid, row, 1)[0]), 6) for row in ice}
    assert slopes == {1.0, -1.0}
    assert_states(PDP, "flat at 0", "slope $+1$ and $-1$")


NMS = "iou-and-non-maximum-suppression"


def test_nms_example():
    from tests.helpers import run_python_block

    out = run_python_block(NMS)
    assert out == "[0.681 0.    0.5  ] [0, 2, 3]"
    inter, union = 9 * 9, 100 + 100 - 81
    assert_states(NMS, f"This prints `{out}`", f"$81/119 = {inter / union:.3f}$", "exactly 0.5")


RESERVOIR = "reservoir-sampling"


def test_reservoir_sampling_uniform():
    from fractions import Fraction

    from tests.helpers import run_python_block

    k, n = 3, 10
    assert run_python_block(RESERVOIR) == str([round(k / n, 2)] * n)
    # the telescoping product gives k/n for every arrival position i >= k
    for i in range(k, n + 1):
        p = Fraction(k, i)
        for t in range(i + 1, n + 1):
            p *= Fraction(t - 1, t)
        assert p == Fraction(k, n)
    assert_states(RESERVOIR, f"prints as {k / n}", "$k = 3$ and $n = 10$")


HMM = "hidden-markov-models-forward-and-viterbi"


def test_hmm_forward_and_viterbi_by_brute_force():
    import itertools

    from tests.helpers import run_python_block

    pi = np.array([0.8, 0.2])
    a = np.array([[0.9, 0.1], [0.3, 0.7]])
    b = np.array([[0.8, 0.2], [0.3, 0.7]])
    obs = [0, 1, 1]
    total, best = 0.0, (0.0, None)
    for path in itertools.product([0, 1], repeat=len(obs)):
        p = pi[path[0]] * b[path[0], obs[0]]
        for t in range(1, len(obs)):
            p *= a[path[t - 1], path[t]] * b[path[t], obs[t]]
        total += p
        best = max(best, (p, path))
    names = ["OK", "Faulty"]
    expected = f"{round(total, 5)} {[names[s] for s in best[1]]} {round(best[0], 5)}"
    out = run_python_block(HMM)
    assert out == expected
    assert_states(HMM, f"It prints `{out}`", f"only {100 * best[0] / total:.0f}% of the total")
    # posterior (per-time) decoding from forward-backward agrees with Viterbi on this example
    posterior = np.zeros((len(obs), 2))
    for path in itertools.product([0, 1], repeat=len(obs)):
        p = pi[path[0]] * b[path[0], obs[0]]
        for t in range(1, len(obs)):
            p *= a[path[t - 1], path[t]] * b[path[t], obs[t]]
        for t, state in enumerate(path):
            posterior[t, state] += p / total
    assert tuple(posterior.argmax(axis=1)) == best[1]
    assert_states(HMM, "here they agree")
    assert_states(HMM, "$10^4$ operations instead of $10^{100}$")
    assert 100 * 10**2 == 10**4


MODERATION = "design-a-harmful-content-moderation-system"


def test_moderation_capacity_and_prevalence_audit():
    posts, prevalence, reviews = 100e6, 0.002, 40_000
    violating = posts * prevalence
    se = math.sqrt(prevalence * (1 - prevalence) / 10_000)
    assert_states(
        MODERATION, f"prevalence is {violating:,.0f}", f"at most {100 * reviews / violating:.0f}% of them",
        f"standard error of {100 * se:.3f}",
        f"{100 * se / prevalence:.0f}% of the estimate",
    )


AUTOENCODER = "autoencoders-pca-denoising-and-anomaly-detection"


def test_linear_autoencoder_matches_pca_and_size():
    from tests.helpers import run_python_block

    pca_mse, ae_mse = run_python_block(AUTOENCODER).split()
    assert pca_mse == ae_mse
    assert_states(AUTOENCODER, f"{pca_mse}.")
    sizes = [784, 128, 32, 128, 784]
    params = sum(a * b + b for a, b in zip(sizes, sizes[1:]))
    assert_states(AUTOENCODER, f"= {params:,}$ parameters".replace(",", "{,}"))


SURVIVAL = "survival-analysis-censoring-and-kaplan-meier"


def test_kaplan_meier_table():
    t = np.array([2, 3, 3, 5, 6, 7, 8, 9, 10, 12])
    event = np.array([1, 1, 0, 1, 0, 1, 0, 1, 0, 0])
    s, rows, median = 1.0, [], None
    for u in np.unique(t[event == 1]):
        at_risk = int((t >= u).sum())
        d = int(((t == u) & (event == 1)).sum())
        s *= 1 - d / at_risk
        rows.append(f"| {u} | {at_risk} | {d} | {s:.3f} |")
        if median is None and s <= 0.5:
            median = u
    assert_states(SURVIVAL, *rows, f"median lifetime is {median} months", f"$1 - {s:.3f} = {1 - s:.3f}$")
    assert_states(SURVIVAL, f"says {event.sum() / len(t):.1f}")


UPLIFT = "uplift-modeling-meta-learners"


def test_uplift_segments_and_transformed_outcome():
    segments = {"A": (0.30, 0.28), "B": (0.20, 0.10), "C": (0.05, 0.08)}
    for name, (treated, control) in segments.items():
        uplift = treated - control
        incremental = round(10_000 * uplift)
        pts = f"{round(100 * uplift)}" if uplift > 0 else f"$-{round(-100 * uplift)}$"
        inc = f"{incremental:,}" if incremental > 0 else f"$-{-incremental:,}$"
        assert_states(UPLIFT, f"| {name} | {round(100 * treated)}% | {round(100 * control)}% | {pts} pts | {inc} |")
    p = 0.5
    t1, t0 = segments["B"]
    y_star = p * (t1 / p) - (1 - p) * (t0 / (1 - p))   # E[y*] = P(t=1) E[y/p | t=1] - P(t=0) E[y/(1-p) | t=0]
    z = p * t1 + (1 - p) * (1 - t0)                    # P(z = 1) under 50/50 randomization
    assert math.isclose(y_star, 0.1) and math.isclose(2 * z - 1, 0.1)
    assert_states(UPLIFT, "= 0.1$. Unbiased", "$2\\cdot(0.2 + 0.9)/2 - 1 = 0.1$")
