"""Recompute every number stated by the metrics-a batch of evaluation-metrics questions."""

import math

import numpy as np
from scipy.integrate import quad
from scipy.stats import mannwhitneyu
from sklearn.metrics import (
    auc,
    average_precision_score,
    balanced_accuracy_score,
    confusion_matrix,
    fbeta_score,
    log_loss,
    roc_auc_score,
)
from sklearn.metrics import precision_recall_curve

from tests.helpers import assert_states

# The eight scored examples shared by the ROC, AUC and AP questions.
Y8 = [1, 1, 0, 1, 0, 1, 0, 0]
S8 = [0.95, 0.85, 0.80, 0.70, 0.55, 0.45, 0.30, 0.10]


def test_confusion_matrix_reading_and_rates_states_every_rate():
    y_true = [1] * 100 + [0] * 900
    y_pred = [1] * 72 + [0] * 28 + [1] * 18 + [0] * 882
    tn, fp, fn, tp = confusion_matrix(y_true, y_pred).ravel()
    assert (tn, fp, fn, tp) == (882, 18, 28, 72)
    assert_states(
        "confusion-matrix-reading-and-rates",
        f"{tp}/{tp + fn} = {tp / (tp + fn):.2f}",
        f"{fn / (tp + fn):.2f}",
        f"{tn}/{tn + fp} = {tn / (tn + fp):.2f}",
        f"{fp}/{tn + fp} = {fp / (tn + fp):.2f}",
        f"{tp}/{tp + fp} = {tp / (tp + fp):.2f}",
        f"{tn}/{tn + fn} \\approx {tn / (tn + fn):.3f}",
        f"{tp + tn}/1000 = {(tp + tn) / 1000:.1%}".replace("%", "\\%"),
        f"{tn} {fp} {fn} {tp}",
    )


def test_accuracy_on_imbalanced_data_states_baseline_and_fraud_model():
    positives, negatives = 2, 98
    assert_states("accuracy-on-imbalanced-data", f"{negatives / (positives + negatives):.0%}")
    frauds, legit, caught, false_alarms = 200, 9800, 150, 300
    accuracy = (caught + legit - false_alarms) / (frauds + legit)
    assert caught + false_alarms == 450
    y = [1] * frauds + [0] * legit
    pred = [1] * caught + [0] * (frauds - caught) + [1] * false_alarms + [0] * (legit - false_alarms)
    balanced = balanced_accuracy_score(y, pred)
    assert_states(
        "accuracy-on-imbalanced-data",
        f"{accuracy:.1%}".replace("%", "\\%"),
        f"{caught / frauds:.0%}",
        f"{balanced:.3f} for the fraud model",
    )


def test_precision_recall_specificity_screening_example():
    n, prevalence, sensitivity, specificity = 10_000, 0.01, 0.95, 0.90
    sick = round(n * prevalence)
    tp = round(sick * sensitivity)
    fp = round((n - sick) * (1 - specificity))
    tn = n - sick - fp
    fn = sick - tp
    assert_states(
        "precision-recall-specificity-tradeoffs",
        f"| true positives | {tp} |",
        f"| false positives | {fp} |",
        f"{tp}/1{{,}}{tp + fp - 1000:03d} \\approx {tp / (tp + fp):.1%}".replace("%", "\\%"),
        f"{tn:,} true negatives out of {tn + fn:,} negative results, about {tn / (tn + fn):.2%}",
    )


def test_f1_score_harmonic_mean_table():
    def f1(p, r):
        return 2 * p * r / (p + r)

    assert_states(
        "f1-score-harmonic-mean",
        f"| 0.9 | 0.1 | {(0.9 + 0.1) / 2:.1f} | {f1(0.9, 0.1):.2f} |",
        f"| 0.01 | 1.0 | {(0.01 + 1) / 2:.3f} | {f1(0.01, 1.0):.4f} |",
        f"| 0.6 | 0.6 | 0.6 | {f1(0.6, 0.6):.1f} |",
    )


def test_f_beta_values_for_precision_half_recall_point_eight():
    p, r = 0.5, 0.8

    def fb(beta):
        return (1 + beta**2) * p * r / (beta**2 * p + r)

    # the same numbers from counts: 8 positives, TP = 4... scaled so P = 0.5 and R = 0.8
    tp, fn, fp = 8, 2, 8
    y = [1] * (tp + fn) + [0] * fp
    pred = [1] * tp + [0] * fn + [1] * fp
    for beta in (0.5, 1, 2):
        assert math.isclose(fbeta_score(y, pred, beta=beta), fb(beta))
    assert_states(
        "f-beta-score-choosing-beta",
        f"| 0.5 | $1.25 \\cdot 0.4 / (0.25 \\cdot 0.5 + 0.8)$ | {fb(0.5):.3f} |",
        f"| 1 | $2 \\cdot 0.4 / 1.3$ | {fb(1):.3f} |",
        f"| 2 | $5 \\cdot 0.4 / (4 \\cdot 0.5 + 0.8)$ | {fb(2):.3f} |",
        f"{fb(0.5):.3f}, {fb(1):.3f} and {fb(2):.3f}",
    )


def test_roc_curve_construction_area_and_pairs():
    value = roc_auc_score(Y8, S8)
    pos = [s for s, y in zip(S8, Y8) if y == 1]
    neg = [s for s, y in zip(S8, Y8) if y == 0]
    correct = sum(p > n for p in pos for n in neg)
    heights = [sum(p > n for p in pos) / len(pos) for n in neg]
    assert heights == [0.5, 0.75, 1, 1]
    assert correct == 13 and math.isclose(value, correct / 16)
    assert_states(
        "roc-curve-construction",
        f"\\tfrac14(0.5 + 0.75 + 1 + 1) = {value}",
        f"{correct} of the 16",
        f"${correct}/16 = {value}$",
        f"# {value}",
    )
    # A two-valued score: AUC equals balanced accuracy at that point.
    y = [1, 1, 1, 1, 0, 0, 0, 0]
    s = [1, 1, 1, 0, 1, 0, 0, 0]
    assert math.isclose(roc_auc_score(y, s), balanced_accuracy_score(y, s))


def test_roc_auc_probabilistic_meaning_flip():
    value = roc_auc_score(Y8, S8)
    flipped = roc_auc_score(Y8, [-v for v in S8])
    assert math.isclose(flipped, 1 - value)
    assert_states(
        "roc-auc-probabilistic-meaning",
        f"# {value} {flipped}",
        f"$1 - 0.05 = {1 - 0.05:.2f}$",
    )


def test_auc_equals_mann_whitney_u_rank_sum():
    pos = [0.95, 0.85, 0.70, 0.45]
    neg = [0.80, 0.55, 0.30, 0.10]
    ranks = {s: i + 1 for i, s in enumerate(sorted(pos + neg))}
    rank_sum = sum(ranks[p] for p in pos)
    u = rank_sum - len(pos) * (len(pos) + 1) // 2
    assert u == mannwhitneyu(pos, neg).statistic
    assert math.isclose(u / 16, roc_auc_score(Y8, S8))
    assert_states(
        "auc-equals-mann-whitney-u",
        f"are {', '.join(str(ranks[p]) for p in pos)}",
        f"$R_+ = {rank_sum}$, $U_+ = {rank_sum} - 10 = {u}$",
        f"{u}/16 = {u / 16}",
        f"# {float(u)} {u / 16}",
    )


def test_roc_auc_invariances_example():
    rng = np.random.default_rng(0)
    y = np.r_[np.ones(200), np.zeros(2000)]
    s = np.r_[rng.normal(1, 1, 200), rng.normal(0, 1, 2000)]
    value = roc_auc_score(y, s)
    y10 = np.r_[np.ones(200), np.zeros(20000)]
    s10 = np.r_[s[:200], np.tile(s[200:], 10)]
    assert np.isclose(value, roc_auc_score(y, np.exp(3 * s)))
    assert np.isclose(value, roc_auc_score(y10, s10))
    assert_states("roc-auc-invariances-and-limits", "# True True", "10,000 false alarms")
    assert 0.01 * 1_000_000 == 10_000


def test_average_precision_example_and_interpolation_segment():
    ap = average_precision_score(Y8, S8)
    p, r, _ = precision_recall_curve(Y8, S8)
    trapezoid = auc(r, p)
    assert math.isclose(ap, (1 + 1 + 3 / 4 + 4 / 6) / 4)
    # Segment from A (TP=10, FP=0) to B (TP=20, FP=30) with 20 positives.
    n_pos = 20
    linear_mid = (1 + 20 / 50) / 2
    achievable_mid = 15 / (15 + 15)
    linear_area = 0.5 * (1 + 20 / 50) / 2
    achievable_area, _ = quad(lambda x: (10 + x) / (10 + 4 * x), 0, 10)
    achievable_area /= n_pos
    step_area = 0.5 * 20 / 50
    assert_states(
        "average-precision-step-interpolation",
        f"\\approx {ap:.3f}",
        f"# {ap:.3f} {trapezoid:.3f}",
        f"trapezoid gives {trapezoid:.3f}",
        f"so precision {achievable_mid}, while the straight line claims {linear_mid:.1f}",
        f"| trapezoid (straight line) | {linear_area:.2f} |",
        f"| achievable interpolation | {achievable_area:.3f} |",
        f"| AP step (precision at B) | {step_area:.2f} |",
    )


def test_pr_curve_vs_roc_under_imbalance_numbers():
    pos, neg, tp = 1_000, 1_000_000, 800
    fp_a, fp_b = round(0.01 * neg), round(0.001 * neg)
    prec_a, prec_b = tp / (tp + fp_a), tp / (tp + fp_b)
    assert round(prec_b / prec_a) == 6
    assert_states(
        "pr-curve-vs-roc-under-imbalance",
        f"| {fp_a:,} | $800/10{{,}}800 \\approx {prec_a:.1%}$ |".replace("%", "\\%"),
        f"| {fp_b:,} | $800/1{{,}}800 \\approx {prec_b:.1%}$ |".replace("%", "\\%"),
        f"model A raises {fp_a / tp} false alarms per real case and model B {fp_b / tp}",
        f"recall {tp / pos}",
        f"({round(pos / (pos + neg), 3)} here)",
    )


def test_cost_based_decision_threshold_fraud_example():
    c_fp, c_fn, p = 5, 95, 0.1
    threshold = c_fp / (c_fp + c_fn)
    flag, pass_ = (1 - p) * c_fp, p * c_fn
    assert flag < pass_
    assert_states(
        "cost-based-decision-threshold",
        f"$p^* = 5/(5 + 95) = {threshold:.2f}$",
        f"$0.9 \\times 5 = \\${flag:.2f}$",
        f"$0.1 \\times 95 = \\${pass_:.2f}$",
        f"the threshold is {threshold:.2f}",
    )


def test_f1_optimal_threshold_uniform_calibrated_scores():
    # Expected F1 when thresholding calibrated scores uniform on (0, 1) at t.
    def f1(t):
        return (1 - t**2) / (1.5 - t)

    t_star = (3 - math.sqrt(5)) / 2
    assert math.isclose(f1(t_star), 2 * t_star)
    grid = np.linspace(0, 1, 100_001)
    assert abs(grid[np.argmax(f1(grid[:-1]))] - t_star) < 1e-4
    p = (np.arange(100000) + 0.5) / 100000
    t = np.linspace(0, 1, 1001)
    f1_grid = [2 * p[p > c].sum() / (p.sum() + (p > c).sum()) for c in t]
    i = int(np.argmax(f1_grid))
    assert_states(
        "f1-optimal-threshold-not-proper",
        f"that is {f1(0.5):.2f}",
        f"\\approx {t_star:.3f}$ and $F_1^* \\approx {f1(t_star):.3f} = 2t^*$",
        f"# {round(t[i], 3)} {round(f1_grid[i], 3)}",
        f"shifts every probability up by {0.5 - t_star:.3f}",
        f"true {t_star:.3f} is reported as 0.5",
        f"expected F1 from {f1(0.5):.2f} to {f1(t_star):.3f}",
        f"near {0.3 / 2:.2f}",
    )
    # An uninformative model (every probability equals the base rate): flag everything.
    pi = 0.1
    best_f1 = 2 * pi / (1 + pi)
    assert pi > best_f1 / 2
    fractions = np.linspace(0.01, 1, 100)
    assert math.isclose(max(2 * k * pi / (pi + k) for k in fractions), best_f1)
    assert_states(
        "f1-optimal-threshold-not-proper",
        f"For π = {pi} the best F1 is {best_f1:.3f} and the rule's threshold is {best_f1 / 2:.3f}",
    )


def test_calibration_ece_example():
    bins = [(50, 0.20, 5), (30, 0.50, 15), (20, 0.85, 14)]
    n = sum(b[0] for b in bins)
    ece = sum(count / n * abs(pos / count - mean) for count, mean, pos in bins)
    assert_states(
        "calibration-reliability-diagram-and-ece",
        "| 0.10 (5 of 50) | 0.10 |",
        "| 0.70 (14 of 20) | 0.15 |",
        f"0.2 \\cdot 0.15 = {ece:.2f}$",
    )


def test_brier_score_decomposition_example():
    groups = [(0.2, 50, 10), (0.6, 30, 15), (0.9, 20, 18)]
    n = sum(g[1] for g in groups)
    o = sum(g[2] for g in groups) / n
    rel = sum(k * (p - pos / k) ** 2 for p, k, pos in groups) / n
    res = sum(k * (pos / k - o) ** 2 for p, k, pos in groups) / n
    unc = o * (1 - o)
    y = np.concatenate([[1] * pos + [0] * (k - pos) for p, k, pos in groups])
    probs = np.concatenate([[p] * k for p, k, pos in groups])
    brier = np.mean((probs - y) ** 2)
    assert math.isclose(brier, rel - res + unc)
    assert_states(
        "brier-score-decomposition",
        f"$\\bar o = 43/100 = {o}$",
        f"= {rel:.3f}$",
        f"\\approx {res:.4f}$",
        f"$0.43 \\cdot 0.57 = {unc:.4f}$",
        f"= {brier:.3f}$",
        f"(${brier * n:.1f}/100$)",
        f"\\approx {1 - brier / unc:.3f}$",
    )


def test_log_loss_confident_errors_numbers():
    def loss(p_true_class):
        return -math.log(p_true_class)

    y = [1] * 100
    p = [0.99] * 99 + [0.001]
    mean = log_loss(y, p, labels=[0, 1])
    share = loss(0.001) / (99 * loss(0.99) + loss(0.001))
    pi = 0.1
    entropy = -(pi * math.log(pi) + (1 - pi) * math.log(1 - pi))
    clipped = log_loss([1], [0.0], labels=[0, 1])
    assert_states(
        "log-loss-confident-errors",
        f"| 0.99 | {loss(0.99):.5f} |",
        f"| 0.6 | {loss(0.6):.3f} |",
        f"| 0.4 | {loss(0.4):.3f} |",
        f"| 0.01 | {loss(0.01):.3f} |",
        f"(99 \\times {loss(0.99):.5f} + {loss(0.001):.3f})/100 \\approx {mean:.4f}",
        f"contributes {share:.0%}",
        f"costs about {clipped:.0f} nats",
        f"{entropy:.3f} for $\\pi = 0.1$",
        f"ln 2 ≈ {math.log(2):.3f}",
    )


def test_log_loss_vs_brier_score_numbers():
    eta, p = 0.01, 0.001
    kl = eta * math.log(eta / p) + (1 - eta) * math.log((1 - eta) / (1 - p))
    honest_log = -(eta * math.log(eta) + (1 - eta) * math.log(1 - eta))
    # The threshold-integral identities for a positive with forecast 0.3.
    q = 0.3
    uniform, _ = quad(lambda c: 1 - c, q, 1)
    weighted, _ = quad(lambda c: (1 - c) / (c * (1 - c)), q, 1)
    assert math.isclose(uniform, (1 - q) ** 2 / 2) and math.isclose(weighted, -math.log(q))
    assert_states(
        "log-loss-vs-brier-score",
        f"| 0.01 | {-math.log(0.01):.3f} | {(1 - 0.01) ** 2:.3f} |",
        f"| 0.001 | {-math.log(0.001):.3f} | {(1 - 0.001) ** 2:.3f} |",
        f"charges {math.log(10):.1f} more nats",
        f"$0.009^2 = {(eta - p) ** 2:.6f}$",
        f"\\approx {kl:.4f}$ nats",
        f"only {(eta - p) ** 2 / (eta * (1 - eta)):.1%} of the honest",
        f"$\\eta(1-\\eta) = {eta * (1 - eta):.4f}$",
        f"{kl / honest_log:.0%} of the honest expected log loss ({honest_log:.3f} nats)",
    )


def test_proper_scoring_rules_eta_point_seven():
    eta = 0.7

    def absolute(p):
        return eta * (1 - p) + (1 - eta) * p

    def brier(p):
        return eta * (1 - p) ** 2 + (1 - eta) * p**2

    log_honest = -(eta * math.log(eta) + (1 - eta) * math.log(1 - eta))
    assert_states(
        "proper-scoring-rules",
        f"| 0.7 (honest) | {absolute(0.7):.2f} | {brier(0.7):.2f} | {log_honest:.3f} |",
        f"| 1.0 (extreme) | {absolute(1.0):.1f} | {brier(1.0):.1f} | $\\infty$ |",
    )


def test_auc_confidence_interval_hanley_mcneil():
    def se(a, n_pos, n_neg):
        q1, q2 = a / (2 - a), 2 * a * a / (1 + a)
        var = (a * (1 - a) + (n_pos - 1) * (q1 - a * a) + (n_neg - 1) * (q2 - a * a)) / (n_pos * n_neg)
        return math.sqrt(var)

    a = 0.8
    rows = []
    for n_pos, n_neg, digits in [(50, 950, 4), (50, 9950, 4), (500, 9500, 3)]:
        s = se(a, n_pos, n_neg)
        rows.append(
            f"| {n_pos} | {n_neg:,} | {s:.{digits}f} | {a - 1.96 * s:.3f} to {a + 1.96 * s:.3f} |"
        )
    s = se(a, 50, 950)
    assert_states(
        "auc-confidence-interval-small-positives",
        *rows,
        f"about {s:.3f}",
        f"roughly {a - 1.96 * s:.3f} to {a + 1.96 * s:.3f}",
    )
