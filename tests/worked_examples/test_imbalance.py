"""Recompute every number stated in the class-imbalance batch (and its interview seed questions)."""

import math
from fractions import Fraction

from scipy.integrate import quad
from scipy.optimize import minimize_scalar
from scipy.stats import binomtest, norm

from tests.helpers import assert_states


def prior_shift(p: float, true_rate: float, train_rate: float) -> float:
    r = (true_rate / (1 - true_rate)) / (train_rate / (1 - train_rate))
    return p * r / (p * r + 1 - p)


def test_why_imbalance_hurts_states_the_constant_predictor_log_loss_and_likelihood_ratio():
    rate = 0.01
    constant_log_loss = -(rate * math.log(rate) + (1 - rate) * math.log(1 - rate))
    coin_flip = math.log(2)
    likelihood_ratio_needed = (1 - rate) / rate
    assert_states(
        "why-class-imbalance-hurts-learning",
        f"{constant_log_loss:.3f}",  # 0.056
        f"{coin_flip:.3f}",  # 0.693
        f"look {likelihood_ratio_needed:.0f} times",  # 99
    )


def test_random_resampling_states_copies_discards_and_sizes():
    positives, negatives = 1_000, 99_000
    copies = negatives / positives
    oversampled_rows = 2 * negatives
    discarded = negatives - positives
    share_discarded = discarded / negatives
    speedup = (positives + negatives) / (2 * positives)
    assert_states(
        "random-oversampling-vs-undersampling",
        f"appears {copies:.0f}",
        f"{oversampled_rows:,}",
        f"{discarded:,} negatives",
        f"{share_discarded:.1%}",
        f"{speedup:.0f} times cheaper",
    )
    # RandomOverSampler keeps each positive once and draws the extra rows with replacement:
    # a positive's count is 1 + Binomial(extra, 1/positives).
    extra = negatives - positives
    mean_count = 1 + extra / positives
    sd_count = math.sqrt(extra * (1 / positives) * (1 - 1 / positives))
    assert_states(
        "random-oversampling-vs-undersampling",
        f"({mean_count:.0f} on average, give or take about {sd_count:.0f} here)",
    )


def test_smote_interpolation_point():
    xi, xnn, lam = (1, 2), (3, 6), 0.25
    new = tuple(a + lam * (b - a) for a, b in zip(xi, xnn))
    assert_states("how-smote-generates-samples", f"({new[0]:.1f}, {new[1]:.1f})")


def test_smote_synthetic_variance_is_two_thirds():
    e_one_minus_lam_sq, _ = quad(lambda lam: (1 - lam) ** 2, 0, 1)
    e_lam_sq, _ = quad(lambda lam: lam**2, 0, 1)
    ratio = Fraction(e_one_minus_lam_sq + e_lam_sq).limit_denominator(10)
    assert ratio == Fraction(2, 3)
    assert_states("smote-pitfalls", f"{ratio.numerator}/{ratio.denominator}")


def test_balanced_class_weights():
    n_pos, n_neg = 100, 9_900
    n = n_pos + n_neg
    w_pos, w_neg = n / (2 * n_pos), n / (2 * n_neg)
    assert_states(
        "class-weights-and-cost-sensitive-learning", f"gives {w_pos:.0f} for", f"{w_neg:.3f}"
    )


def test_kish_effective_sample_size_of_balanced_weights():
    n_pos, n_neg = 100, 9_900
    n = n_pos + n_neg
    w_pos, w_neg = n / (2 * n_pos), n / (2 * n_neg)
    total = n_pos * w_pos + n_neg * w_neg
    squares = n_pos * w_pos**2 + n_neg * w_neg**2
    n_eff = total**2 / squares
    assert_states(
        "class-weights-vs-resampling-equivalence",
        f"weight {w_pos:.0f}",
        f"{w_neg:.3f}",
        f"about {n_eff:.0f} out of {n:,}",
    )


def test_threshold_moving_balanced_half_maps_to_base_rate():
    mapped = prior_shift(0.5, true_rate=0.01, train_rate=0.5)
    assert_states("threshold-moving-for-imbalanced-data", f"0.5 on the balanced scale maps to {mapped:.2f}")


def _binary_metrics(tp: int, fp: int, fn: int, tn: int) -> dict[str, float]:
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    return {
        "precision": precision,
        "f1": 2 * precision * recall / (precision + recall),
        "mcc": (tp * tn - fp * fn) / math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn)),
        "balanced_accuracy": (recall + tn / (tn + fp)) / 2,
    }


def test_metrics_baselines_at_one_percent_prevalence():
    positives, negatives = 1_000, 99_000
    pi = positives / (positives + negatives)
    always_negative_accuracy = 1 - pi
    f1_flag_everything = 2 * pi / (1 + pi)
    entropy = -(pi * math.log(pi) + (1 - pi) * math.log(1 - pi))
    brier = pi * (1 - pi)
    assert_states(
        "metrics-for-imbalanced-classification",
        f"{always_negative_accuracy:.1%} (always predict negative)",
        f"$2\\pi/(1+\\pi) \\approx {f1_flag_everything:.3f}$",
        f"about $\\pi = {pi:.2f}$",
        f"$H(\\pi) \\approx {entropy:.3f}$ nats",
        f"$\\pi(1-\\pi) = {brier:.4f}$",
        f"{0.2 / pi:.0f} times chance at 1% prevalence",
    )


def test_metrics_same_model_on_natural_and_rebalanced_test_sets():
    tpr, fpr = 0.80, 0.01
    positives = 1_000
    natural_neg, balanced_neg = 99_000, 1_000
    tp = round(tpr * positives)
    fn = positives - tp
    fp_nat, fp_bal = round(fpr * natural_neg), round(fpr * balanced_neg)
    nat = _binary_metrics(tp, fp_nat, fn, natural_neg - fp_nat)
    bal = _binary_metrics(tp, fp_bal, fn, balanced_neg - fp_bal)
    assert nat["balanced_accuracy"] == bal["balanced_accuracy"]
    assert_states(
        "metrics-for-imbalanced-classification",
        f"| {tp}, {fp_nat} | {tp}, {fp_bal} |",
        f"| precision | {nat['precision']:.1%} | {bal['precision']:.1%} |",
        f"| F1 | {nat['f1']:.3f} | {bal['f1']:.3f} |",
        f"| MCC | {nat['mcc']:.3f} | {bal['mcc']:.3f} |",
        f"{tpr:.2f}, {fpr:.2f}, {nat['balanced_accuracy']:.3f} | {tpr:.2f}, {fpr:.2f}, "
        f"{bal['balanced_accuracy']:.3f} |",
        f"({nat['mcc']:.3f} against {bal['mcc']:.3f} above",
        f"({nat['precision']:.1%} precision becomes {bal['precision']:.1%} above)",
    )


def test_metrics_brier_skill_score_follow_up():
    pi, brier = 0.01, 0.0090
    reference = pi * (1 - pi)
    skill = 1 - brier / reference
    assert_states(
        "metrics-for-imbalanced-classification",
        f"{brier:.4f} at 1% prevalence",
        f"$0.01 \\times 0.99 = {reference:.4f}$",
        f"$1 - {brier:.4f}/{reference:.4f} \\approx {skill:.1%}$".replace("%", "\\%"),
    )


def test_prior_shift_correction_worked_example():
    r = (0.01 / 0.99) / (0.5 / 0.5)
    corrected = prior_shift(0.8, 0.01, 0.5)
    at_half = prior_shift(0.5, 0.01, 0.5)
    assert_states(
        "correcting-probabilities-after-resampling",
        f"{r:.4f}",  # 0.0101
        f"{corrected:.4f}",  # 0.0388
        f"{corrected:.1%} real risk",  # 3.9%
        f"exactly the base rate, {at_half:.0%}",
    )


def test_stratified_evaluation_sample_estimates():
    population, flagged = 1_000_000, 10_000
    unflagged = population - flagged
    n_flagged, pos_flagged = 500, 300
    n_unflagged, pos_unflagged = 1_500, 3
    est_flagged = flagged * pos_flagged / n_flagged
    est_missed = unflagged * pos_unflagged / n_unflagged
    prevalence = (est_flagged + est_missed) / population
    uniform_positives = 2_000 * prevalence
    precision = pos_flagged / n_flagged
    recall = est_flagged / (est_flagged + est_missed)
    ci = binomtest(pos_unflagged, n_unflagged).proportion_ci(method="wilson")
    missed_low, missed_high = unflagged * ci.low, unflagged * ci.high
    recall_high = est_flagged / (est_flagged + missed_low)
    recall_low = est_flagged / (est_flagged + missed_high)
    prec_ci = binomtest(pos_flagged, n_flagged).proportion_ci(method="wilson")
    prec_half_width = max(prec_ci.high - precision, precision - prec_ci.low)
    assert_states(
        "stratified-sampling-for-rare-class-evaluation",
        f"about {prevalence:.1%} of the",
        f"about {uniform_positives:.0f} positives",
        f"{est_flagged:,.0f}".replace(",", "{,}"),
        f"{est_missed:,.0f}".replace(",", "{,}"),
        f"{precision:.0%}".replace("%", "\\%"),
        f"{recall:.1%}".replace("%", "\\%"),
        f"{ci.low:.3%} to {ci.high:.3%}",
        f"roughly {round(missed_low, -1):,.0f} to {round(missed_high, -2):,.0f}",
        f"about {recall_high:.0%} down to about {recall_low:.0%}",
        f"within about {prec_half_width * 100:.0f} points",
    )


def test_extreme_imbalance_positive_counts():
    rows, ratio = 10_000_000, 10_000
    positives = rows // ratio
    splits = [int(positives * share) for share in (0.6, 0.2, 0.2)]
    assert_states(
        "how-many-positives-are-enough",
        f"about {positives:,} positives",
        f"roughly {splits[0]} to train, {splits[1]} to validate and {splits[2]} to test",
    )


def test_negative_downsampling_rates_and_correction():
    ctr, w = 0.01, 0.1
    kept = ctr + (1 - ctr) * w
    train_rate = ctr / kept
    back = train_rate / (train_rate + (1 - train_rate) / w)
    at_02 = 0.2 / (0.2 + 0.8 / w)
    calibration_ratio = train_rate / ctr
    assert abs(back - ctr) < 1e-12
    assert_states(
        "negative-downsampling-in-click-prediction",
        f"keeps {kept:.1%} of the",
        f"about {train_rate:.1%}",
        f"{train_rate:.4f}",
        f"back to {back:.2f}",
        f"about {at_02:.3f} ({at_02:.1%})",
        f"ratio near {calibration_ratio:.0f}",
    )


def test_two_stage_cascade_numbers():
    events, frauds = 1_000_000, 100
    passed = 0.02 * events
    kept_frauds = 0.98 * frauds
    enriched = kept_frauds / passed
    base = frauds / events
    overall_recall = 0.98 * 0.9
    assert_states(
        "two-stage-models-for-extreme-imbalance",
        f"{passed:,.0f} transactions",
        f"{kept_frauds:.0f} cases",
        f"{enriched:.2%} instead of {base:.2%}",
        f"a {enriched / base:.0f}-fold enrichment",
        f"{events / passed:.0f} times fewer rows",
        f"{overall_recall:.1%}".replace("%", "\\%"),
    )


def test_recall_confidence_intervals_with_40_positives():
    caught, n = 30, 40
    recall = caught / n
    z = norm.ppf(0.975)
    half = z * math.sqrt(recall * (1 - recall) / n)
    wilson = binomtest(caught, n).proportion_ci(method="wilson")
    exact = binomtest(caught, n).proportion_ci(method="exact")
    needed = 1.96**2 * 0.8 * 0.2 / 0.05**2
    labelled = math.ceil(needed) * 10_000
    perfect = binomtest(n, n).proportion_ci(method="exact")
    assert_states(
        "confidence-intervals-for-recall-with-few-positives",
        f"recall $= {recall:.0%}$".replace("%", "\\%"),
        f"{recall - half:.1%} | {recall + half:.1%}",
        f"{wilson.low:.1%} | {wilson.high:.1%}",
        f"{exact.low:.1%} | {exact.high:.1%}",
        f"{wilson.low:.3f} {wilson.high:.3f}",
        f"about {(wilson.high - wilson.low) * 100:.0f} points wide",
        f"about {math.ceil(needed)} positives",
        f"about {labelled / 1e6:.2f} million",
        f"about {perfect.low:.1%}",
        f"1 - 3/40 = {1 - 3 / 40:.1%}".replace("%", "\\%"),
    )


def test_focal_loss_table_and_biased_minimiser():
    gamma = 2
    cells = []
    for p_t in (0.9, 0.5, 0.1):
        ce = -math.log(p_t)
        factor = (1 - p_t) ** gamma
        cells.append(f"| {p_t:g}")
        cells.append(f"| {ce:.3f} | {factor:g} |")
        cells.append(f"{factor * ce:.3g}" if factor * ce < 0.01 else f"{factor * ce:.3f}")
    q = 0.9

    def expected_focal(p: float) -> float:
        return -q * (1 - p) ** gamma * math.log(p) - (1 - q) * p**gamma * math.log(1 - p)

    minimiser = minimize_scalar(expected_focal, bounds=(1e-6, 1 - 1e-6), method="bounded").x
    fold = 1 / (1 - 0.9) ** gamma
    assert_states("focal-loss-for-class-imbalance", *cells, f"about $p = {minimiser:.2f}$", f"falls {fold:.0f}-fold")


def test_effective_number_of_samples():
    beta = 0.999

    def effective(n: int) -> float:
        return (1 - beta**n) / (1 - beta)

    big, small = effective(1_000), effective(10)
    assert_states(
        "multiclass-class-imbalance",
        f"E \\approx {big:.1f}",
        f"E \\approx {small:.2f}",
        f"{big / small:.1f} rather than {1_000 // 10}",
    )


def test_label_shift_example():
    r = (0.01 / 0.99) / (0.002 / 0.998)
    corrected = prior_shift(0.1, 0.01, 0.002)
    assert_states("label-shift-between-training-and-deployment", f"{r:.2f}", f"{corrected:.1%}")
