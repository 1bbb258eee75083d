"""Recompute every number stated in the metrics-c batch (Cohen's kappa, top-k accuracy, median
absolute error)."""

from __future__ import annotations

import itertools
import math
import warnings

import numpy as np
from scipy.special import softmax
from scipy.optimize import brentq
from scipy.stats import norm
from sklearn.dummy import DummyRegressor
from sklearn.metrics import (
    cohen_kappa_score,
    get_scorer,
    get_scorer_names,
    matthews_corrcoef,
    mean_absolute_error,
    median_absolute_error,
    root_mean_squared_error,
    top_k_accuracy_score,
)

from tests.helpers import all_text, assert_states, question, run_python_block

KAPPA = "cohen-kappa-chance-corrected-agreement"
TOP_K = "top-k-accuracy-when-to-use"


def _labels_from_confusion(cm) -> tuple[np.ndarray, np.ndarray]:
    cm = np.asarray(cm)
    k = cm.shape[0]
    rater_a = np.repeat(np.repeat(np.arange(k), k), cm.ravel())
    rater_b = np.repeat(np.tile(np.arange(k), k), cm.ravel())
    return rater_a, rater_b


def _agreement(cm) -> tuple[float, float, float]:
    """Observed agreement, chance agreement from the marginals, and kappa, from the formula."""
    cm = np.asarray(cm, dtype=float)
    n = cm.sum()
    p_o = np.trace(cm) / n
    p_e = float((cm.sum(axis=1) / n) @ (cm.sum(axis=0) / n))
    return p_o, p_e, (p_o - p_e) / (1 - p_e)


# The four 2x2 tables of the kappa answer: [[both +, A only +], [B only +, both -]].
BALANCED = [[40, 10], [5, 45]]
RARE = [[5, 5], [10, 80]]
SAME_MARGINALS = [[70, 10], [10, 10]]
A_MORE_OFTEN = [[70, 20], [0, 10]]
# The two ordinal tables (three grades, 50 items each).
PAIR_X = [[20, 4, 0], [4, 12, 2], [0, 2, 6]]
PAIR_Y = [[20, 2, 2], [2, 12, 2], [2, 2, 6]]


def test_kappa_table_rows_match_formula_and_scikit_learn():
    rows = {}
    for name, cm in [("balanced", BALANCED), ("rare positives", RARE),
                     ("same marginals", SAME_MARGINALS), ("A says + more often", A_MORE_OFTEN)]:
        p_o, p_e, kappa = _agreement(cm)
        assert math.isclose(kappa, cohen_kappa_score(*_labels_from_confusion(cm)))
        assert np.asarray(cm).sum() == 100
        rows[name] = (np.ravel(cm), p_o, p_e, kappa)

    (a, b, c, d), p_o, p_e, kappa = rows["balanced"]
    assert math.isclose(p_e, 0.5 * 0.45 + 0.5 * 0.55)
    assert ((a + b) / 100, (a + c) / 100) == (0.5, 0.45)
    assert_states(
        KAPPA,
        f"| balanced | {a} | {b} | {c} | {d} | {p_o:.2f} | $0.5 \\cdot 0.45 + 0.5 \\cdot 0.55 = "
        f"{p_e:.2f}$ | {kappa:.3f} |",
    )
    (a, b, c, d), p_o, p_e, kappa = rows["rare positives"]
    assert ((a + b) / 100, (a + c) / 100) == (0.1, 0.15)
    assert math.isclose(p_e, 0.1 * 0.15 + 0.9 * 0.85)
    assert_states(
        KAPPA,
        f"| rare positives | {a} | {b} | {c} | {d} | {p_o:.2f} | $0.1 \\cdot 0.15 + 0.9 \\cdot 0.85 = "
        f"{p_e:.2f}$ | {kappa:.3f} |",
    )
    for name in ("same marginals", "A says + more often"):
        (a, b, c, d), p_o, p_e, kappa = rows[name]
        assert_states(KAPPA, f"| {name} | {a} | {b} | {c} | {d} | {p_o:.2f} | {p_e:.2f} | {kappa:.3f} |")
    # the same-marginals table has equal positive rates; the last one has A at 90% and B at 70%
    assert SAME_MARGINALS[0][1] == SAME_MARGINALS[1][0]
    assert sum(A_MORE_OFTEN[0]) > A_MORE_OFTEN[0][0] + A_MORE_OFTEN[1][0]


def test_kappa_question_and_short_answer_numbers():
    p_o_bal, _, k_bal = _agreement(BALANCED)
    p_o_rare, p_e_rare, k_rare = _agreement(RARE)
    assert p_o_bal == p_o_rare == 0.85
    assert_states(
        KAPPA,
        f"agree on {p_o_bal:.0%} of items",
        f"get a kappa of {k_bal:.2f} on one data set and {k_rare:.2f} on another",
        f"the same {p_o_bal:.0%}",
        f"agreement gives {k_bal:.2f} when the labels are balanced and {k_rare:.2f} when",
        f"kappa falls from {k_bal:.3f} to {k_rare:.3f}",
        f"$1 - p_e = {1 - p_e_rare:.2f}$",
        f"the same {p_o_bal:.0%} agreement scores {k_bal:.2f} or {k_rare:.2f} depending on",
    )
    assert question(KAPPA).difficulty == "medium"


def test_kappa_majority_rule_scores_zero_at_98_percent_agreement():
    truth = np.array([1] * 2 + [0] * 98)
    constant = np.zeros(100, dtype=int)
    p_o = np.mean(truth == constant)
    assert p_o == 0.98
    assert cohen_kappa_score(truth, constant) == 0.0
    assert_states(KAPPA, "on a 98/2 split", f"a kappa of 0, not its {p_o:.0%} accuracy",
                  f"which can be {p_o:.0%} of the time")


def test_kappa_positive_and_negative_specific_agreement():
    (a, b), (c, d) = RARE
    either_positive = a + b + c
    p_pos = 2 * a / (2 * a + b + c)
    p_neg = 2 * d / (2 * d + b + c)
    assert_states(
        KAPPA,
        f"of the {either_positive} items either annotator called positive they agree on {a}",
        f"$2a/(2a + b + c) = {p_pos:.2f}$ against {p_neg:.3f} for negatives",
    )


def test_kappa_bias_paradox_numbers():
    _, _, k_same = _agreement(SAME_MARGINALS)
    _, _, k_biased = _agreement(A_MORE_OFTEN)
    assert k_biased > k_same
    assert_states(KAPPA, f"({k_biased:.3f} against {k_same:.3f})")


def test_weighted_kappa_pairs():
    x, y = np.array(PAIR_X), np.array(PAIR_Y)
    assert x.sum() == y.sum() == 50 and np.trace(x) == np.trace(y) == 38
    idx = np.arange(3)
    distance = np.abs(idx[:, None] - idx[None, :])
    assert x[distance == 2].sum() == 0 and x[distance == 1].sum() == 12
    assert y[distance == 2].sum() == 4 and y[distance > 0].sum() == 12
    kx = {w: cohen_kappa_score(*_labels_from_confusion(x), weights=w)
          for w in (None, "linear", "quadratic")}
    ky = {w: cohen_kappa_score(*_labels_from_confusion(y), weights=w)
          for w in (None, "linear", "quadratic")}
    # the weighted-kappa formula of the answer, with quadratic weights
    p = x / x.sum()
    expected = np.outer(p.sum(axis=1), p.sum(axis=0))
    w = distance ** 2
    assert math.isclose(kx["quadratic"], 1 - (w * p).sum() / (w * expected).sum())
    assert ky[None] > kx[None] and kx["quadratic"] > ky["quadratic"]
    assert_states(
        KAPPA,
        f"each agree on {np.trace(x)} of {x.sum()} items",
        f"Pair X's {x[distance > 0].sum()} disagreements",
        f"{y[distance == 2].sum()} of pair Y's are two grades apart",
        f"({ky[None]:.3f} against {kx[None]:.3f})",
        f"({kx['quadratic']:.3f} against {ky['quadratic']:.3f})",
    )


def test_kappa_and_mcc_closed_forms_and_inequality():
    for cm in (BALANCED, RARE, SAME_MARGINALS, A_MORE_OFTEN):
        (a, b), (c, d) = cm
        kappa = (a * d - b * c) / (0.5 * ((a + b) * (b + d) + (a + c) * (c + d)))
        mcc = (a * d - b * c) / math.sqrt((a + b) * (b + d) * (a + c) * (c + d))
        labels = _labels_from_confusion(cm)
        assert math.isclose(kappa, cohen_kappa_score(*labels))
        assert math.isclose(mcc, matthews_corrcoef(*labels))
        assert abs(kappa) <= abs(mcc) + 1e-12
        same_marginals = (a + b) == (a + c)
        assert math.isclose(kappa, mcc) == same_marginals
    k_same = cohen_kappa_score(*_labels_from_confusion(SAME_MARGINALS))
    m_same = matthews_corrcoef(*_labels_from_confusion(SAME_MARGINALS))
    k_bias = cohen_kappa_score(*_labels_from_confusion(A_MORE_OFTEN))
    m_bias = matthews_corrcoef(*_labels_from_confusion(A_MORE_OFTEN))
    assert math.isclose(k_same, m_same)
    assert_states(
        KAPPA,
        f"({k_same:.3f} for both in the third row; {k_bias:.3f} against {m_bias:.3f} in the fourth)",
    )


def test_kappa_python_block_prints_what_the_text_states():
    lines = []
    for cm in (BALANCED, RARE, A_MORE_OFTEN):
        a, b = _labels_from_confusion(cm)
        lines.append(f"{cohen_kappa_score(a, b):.3f} {matthews_corrcoef(a, b):.3f}")
    for cm in (PAIR_X, PAIR_Y):
        a, b = _labels_from_confusion(cm)
        lines.append(" ".join(f"{cohen_kappa_score(a, b, weights=w):.3f}"
                              for w in (None, "linear", "quadratic")))
    assert run_python_block(KAPPA).splitlines() == lines
    assert_states(KAPPA, *(f"# {line}" for line in lines))


def test_kappa_nan_when_chance_agreement_is_one():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert math.isnan(cohen_kappa_score([0, 0, 0], [0, 0, 0]))
        assert cohen_kappa_score([0, 0, 0], [0, 0, 0], replace_undefined_by=0.0) == 0.0
    # p_e = 1 needs both raters to give every item the same label: one constant rater is not enough
    # (p_e = p_o, kappa 0), and two different constant labels give p_e = 0
    assert cohen_kappa_score([0, 1, 0, 0], [0, 0, 0, 0]) == 0.0
    assert cohen_kappa_score([1, 1, 1], [0, 0, 0]) == 0.0
    rng = np.random.default_rng(0)
    for _ in range(200):
        a, b = rng.dirichlet(np.ones(3)), rng.dirichlet(np.ones(3))
        assert a @ b < 1
    assert cohen_kappa_score([0, 1, 1, 0], [0, 1, 0, 0]) == cohen_kappa_score(
        [0, 1, 0, 0], [0, 1, 1, 0])
    assert_states(KAPPA, "returns NaN (with a warning)",
                  "which happens only when both raters give every item the same label",
                  "`replace_undefined_by` sets another value")


def test_kappa_max_follow_up():
    cm = np.array(RARE, dtype=float)
    rows, cols = cm.sum(axis=1) / cm.sum(), cm.sum(axis=0) / cm.sum()
    best = np.minimum(rows, cols)
    _, p_e, _ = _agreement(RARE)
    kappa_max = (best.sum() - p_e) / (1 - p_e)
    # the best table with these marginals reaches the bound
    best_table = [[10, 0], [5, 85]]
    assert np.array_equal(np.sum(best_table, axis=1), cm.sum(axis=1))
    assert np.array_equal(np.sum(best_table, axis=0), cm.sum(axis=0))
    assert math.isclose(cohen_kappa_score(*_labels_from_confusion(best_table)), kappa_max)
    assert_states(
        KAPPA,
        f"= {best[0]:.1f} + {best[1]:.2f} = {best.sum():.2f}$",
        f"$\\kappa_{{\\max}} = ({best.sum():.2f} - {p_e:.2f})/{1 - p_e:.2f} = {kappa_max:.3f}$",
    )


def test_kappa_annotator_follow_up():
    n, flagged_a, flagged_b, both = 1000, 30, 20, 10
    a_only, b_only = flagged_a - both, flagged_b - both
    table = [[both, a_only], [b_only, n - both - a_only - b_only]]
    p_o, _, kappa = _agreement(table)
    labels = _labels_from_confusion(table)
    assert math.isclose(kappa, cohen_kappa_score(*labels))
    agreed = round(p_o * n)
    p_pos = 2 * both / (flagged_a + flagged_b)
    assert_states(
        KAPPA,
        f"label 1,000 items; A flags {flagged_a} as positive, B flags {flagged_b}, and they agree "
        f"on {agreed} ({p_o:.0%}), but kappa is only {kappa:.3f}",
        f"they flag {both} items in common out of the {both + a_only + b_only} that either flagged",
        f"$2 \\cdot {both}/({flagged_a} + {flagged_b}) = {p_pos:.2f}$",
    )


def test_weighted_kappa_string_labels_need_an_explicit_order():
    grader_1 = ["low"] * 10 + ["medium"] * 10 + ["high"] * 10
    adjacent = ["low"] * 8 + ["medium"] * 2 + ["medium"] * 7 + ["high"] * 3 + ["high"] * 8 + [
        "medium"] * 2
    order = ["low", "medium", "high"]
    default = cohen_kappa_score(grader_1, adjacent, weights="quadratic")
    ordered = cohen_kappa_score(grader_1, adjacent, weights="quadratic", labels=order)
    as_integers = cohen_kappa_score([order.index(v) for v in grader_1],
                                    [order.index(v) for v in adjacent], weights="quadratic")
    assert sorted(set(grader_1)) == ["high", "low", "medium"]
    assert not math.isclose(default, ordered) and math.isclose(ordered, as_integers)
    assert_states(KAPPA, "(high, low, medium)", 'labels=["low", "medium", "high"]')


# The eight tickets of the top-k answer (billing, bug, account, shipping, other).
Y = np.array([0, 1, 2, 0, 3, 1, 4, 0])
SCORES = np.array([
    [0.60, 0.20, 0.10, 0.05, 0.05],
    [0.10, 0.70, 0.10, 0.05, 0.05],
    [0.20, 0.10, 0.50, 0.10, 0.10],
    [0.30, 0.40, 0.10, 0.10, 0.10],
    [0.40, 0.10, 0.10, 0.30, 0.10],
    [0.35, 0.20, 0.25, 0.10, 0.10],
    [0.50, 0.20, 0.10, 0.15, 0.05],
    [0.55, 0.15, 0.10, 0.10, 0.10],
])
PRIOR = [0.40, 0.25, 0.15, 0.12, 0.08]


def _ranks() -> np.ndarray:
    true_scores = SCORES[np.arange(len(Y)), Y]
    return (SCORES > true_scores[:, None]).sum(axis=1) + 1


def test_top_k_ranks_and_table():
    ranks = _ranks()
    n_classes = SCORES.shape[1]
    assert_states(TOP_K, f"ranks {', '.join(map(str, ranks[:-1]))} and {ranks[-1]} in the model's")
    assert_states(TOP_K, "(" + ", ".join(f"{p:.0%}" for p in PRIOR[:-1]) + f" and {PRIOR[-1]:.0%}")
    constant = np.tile(PRIOR, (len(Y), 1))
    gaps = set()
    for k in (1, 2, 3):
        model = top_k_accuracy_score(Y, SCORES, k=k)
        baseline = top_k_accuracy_score(Y, constant, k=k)
        assert math.isclose(model, np.mean(ranks <= k))
        # the constant shortlist is the k most frequent training classes, 0..k-1
        assert math.isclose(baseline, np.mean(Y < k))
        gaps.add(round(model - baseline, 10))
        assert_states(TOP_K, f"| {k} | {model:.3f} | {baseline:.3f} | {k / n_classes:.1f} |")
    assert gaps == {0.125}
    assert_states(TOP_K, "0.125 at every $k$")


def test_top_k_mrr_default_k_ties_and_zero_scores():
    mrr = np.mean(1 / _ranks())
    assert_states(TOP_K, f"the mean reciprocal rank of the true class ({mrr:.3f} here)")
    default = top_k_accuracy_score(Y, SCORES)
    accuracy = top_k_accuracy_score(Y, SCORES, k=1)
    assert default == top_k_accuracy_score(Y, SCORES, k=2)
    assert_states(TOP_K, f"({default:.2f} here, not the {accuracy:.1f} accuracy)")
    # ties: with (0.4, 0.3, 0.3, 0, 0) and k = 2, class 2 is listed and class 1 is not
    tie = [[0.4, 0.3, 0.3, 0, 0]]
    assert top_k_accuracy_score([1], tie, k=2, labels=range(5)) == 0.0
    assert top_k_accuracy_score([2], tie, k=2, labels=range(5)) == 1.0
    zeros = top_k_accuracy_score(Y, np.zeros_like(SCORES), k=2)
    assert math.isclose(zeros, np.mean(Y >= 3))
    assert_states(
        TOP_K,
        f"all-zero scores gets {zeros:.2f} on the eight tickets",
        "shipping and other",
        "the list is classes 0 and 2",
        "a class-1 item misses",
        "and a class-2 item hits",
    )
    both = top_k_accuracy_score([1, 2], tie * 2, k=2, labels=range(5))
    assert both == 0.5
    assert_states(TOP_K, f"the code's last line prints {both} for one of each")


def test_top_k_ignores_calibration_and_random_list_level():
    for temperature in (0.25, 4.0):
        rescaled = softmax(np.log(SCORES) / temperature, axis=1)
        for k in (1, 2, 3):
            assert top_k_accuracy_score(Y, rescaled, k=k) == top_k_accuracy_score(Y, SCORES, k=k)
    assert_states(TOP_K, f"with 5 of 10 classes, a random list already scores {5 / 10}")


def test_top_k_python_block_prints_what_the_text_states():
    constant = np.tile(PRIOR, (len(Y), 1))
    lines = [f"{k} {top_k_accuracy_score(Y, SCORES, k=k)} {top_k_accuracy_score(Y, constant, k=k)}"
             for k in (1, 2, 3)]
    lines.append(str(top_k_accuracy_score(Y, SCORES)))
    lines.append(str(round(float(np.mean(1 / _ranks())), 3)))
    lines.append(str(top_k_accuracy_score([1, 2], [[0.4, 0.3, 0.3, 0, 0]] * 2, k=2,
                                          labels=range(5))))
    assert run_python_block(TOP_K).splitlines() == lines
    assert_states(TOP_K, *(f"# {line}" for line in lines))


# The ten absolute errors (minutes) of the two delivery-ETA models of the MedAE answer.
MEDAE = "median-absolute-error-robust-evaluation"
ETA_ERRORS = {
    "A": np.array([2, 3, 3, 4, 4, 5, 5, 6, 6, 7], dtype=float),
    "B": np.array([1, 1, 2, 2, 3, 3, 4, 5, 30, 45], dtype=float),
}


def _states(*expected: str) -> None:
    """Like assert_states, but blind to where the YAML wraps a line (answers keep their newlines)."""
    text = " ".join(all_text(MEDAE).split())
    missing = [e for e in expected if e not in text]
    assert not missing, f"{MEDAE} does not state {missing}"


def _medae(errors) -> float:
    errors = np.asarray(errors, dtype=float)
    return median_absolute_error(np.zeros_like(errors), errors)


def _eta_row(errors) -> tuple[float, float, float, float]:
    """MedAE, MAE, RMSE and the 90th percentile of the absolute errors."""
    return (_medae(errors), float(errors.mean()), float(np.sqrt(np.mean(errors ** 2))),
            float(np.percentile(errors, 90)))


def _medae_of_constant(y, c) -> float:
    return float(np.median(np.abs(np.asarray(y, dtype=float) - c)))


def _best_constant(y) -> float:
    """The MedAE-minimising constant for odd n: the midpoint of the tightest (n+1)/2 points."""
    y = np.sort(np.asarray(y, dtype=float))
    h = (len(y) + 1) // 2
    widths = y[h - 1:] - y[:len(y) - h + 1]
    k = int(np.argmin(widths))
    return float((y[k] + y[k + h - 1]) / 2)


def test_medae_table_rows_match_numpy_and_scikit_learn():
    for name, errors in ETA_ERRORS.items():
        medae, mae, rmse, p90 = _eta_row(errors)
        zeros = np.zeros_like(errors)
        assert math.isclose(medae, np.median(errors))
        assert math.isclose(mae, mean_absolute_error(zeros, errors))
        assert math.isclose(rmse, root_mean_squared_error(zeros, errors))
        assert math.isclose(p90, np.percentile(errors, 90, method="linear"))
        listed = ", ".join(f"{e:.0f}" for e in errors)
        _states(f"| {name} | {listed} | {medae:.1f} | {mae:.1f} | {rmse:.2f} | {p90:.1f} |")
        assert len(errors) == 10 and np.all(np.diff(errors) >= 0)
        # at least half the predictions are within MedAE of the truth
        assert np.mean(errors <= medae) >= 0.5
    _states("of two delivery-ETA models on the same ten orders",
            "At least half the predictions are within MedAE of the truth",
            "NumPy's default linear interpolation")


def test_medae_disagrees_with_mae_rmse_and_p90_and_misses_the_tail():
    a, b = (_eta_row(ETA_ERRORS[k]) for k in "AB")
    # MedAE prefers B to A; MAE, RMSE and P90 prefer A
    assert b[0] < a[0] and all(a[i] < b[i] for i in (1, 2, 3))
    _states("MedAE ranks B ahead of A; MAE, RMSE and P90 rank A ahead")
    # B's 45 becomes 450: an error above the middle grows without moving it
    worse = ETA_ERRORS["B"].copy()
    worse[-1] = 450
    medae, mae, rmse, _ = _eta_row(worse)
    assert medae == b[0]
    _states(f"Make B's 45 a 450 and MedAE still reads {medae:.1f}, while MAE becomes "
            f"{mae:.1f} and RMSE {rmse:.2f}", "(B's 45 to 450)")
    # share of orders missed by more than 15 minutes
    late_b, late_a = np.mean(ETA_ERRORS["B"] > 15), np.mean(ETA_ERRORS["A"] > 15)
    assert late_a == 0
    _states(f"B misses by more than 15 minutes on {late_b:.0%} of orders and A on none")
    # "half of our ETAs are within 3 minutes" is model B's MedAE, and holds for it
    assert np.mean(ETA_ERRORS["B"] <= b[0]) >= 0.5
    _states(f"half of our ETAs are within {b[0]:.0f} minutes")


def test_medae_breakdown_with_ten_errors_and_in_general():
    errors = ETA_ERRORS["A"]
    rng = np.random.default_rng(0)
    # any four errors set to anything, however large: MedAE stays within the largest of the others
    for idx in itertools.combinations(range(10), 4):
        for corruption in (1e12, rng.uniform(0, 1e6, 4)):
            corrupted = errors.copy()
            corrupted[list(idx)] = corruption
            assert _medae(corrupted) <= np.delete(errors, idx).max()
    # any five: it follows them
    for idx in itertools.combinations(range(10), 5):
        corrupted = errors.copy()
        corrupted[list(idx)] = 1e12
        assert _medae(corrupted) >= 1e12 / 2
    # one error alone drives MAE and RMSE without bound
    one = errors.copy()
    one[-1] = 1e12
    assert one.mean() > 1e12 / 10 and np.sqrt(np.mean(one ** 2)) > 1e12 / 10

    # the finite-sample breakdown point (smallest breaking fraction) is floor((n+1)/2)/n
    def breaking_count(n: int) -> int:
        base = np.arange(1.0, n + 1)
        for m in range(1, n + 1):
            corrupted = base.copy()
            corrupted[:m] = 1e12  # the worst case: corrupt the smallest errors
            if _medae(corrupted) >= 1e12 / 2:
                return m
        raise AssertionError

    for n in range(1, 40):
        assert breaking_count(n) == (n + 1) // 2
    assert breaking_count(10) / 10 == 0.5
    _states("with $n = 10$, four errors can be made as large as you like",
            "it never exceeds the largest of the other six; a fifth breaks it",
            "breakdown point $1/n$",
            "breakdown point is 5/10 there, $\\lfloor (n+1)/2 \\rfloor / n$ in general, "
            "which tends to 50%",
            "It stays bounded until half the errors blow up")


def test_medae_even_n_convention_and_sample_weight():
    import sklearn

    assert median_absolute_error([0, 0, 0, 0], [1, 2, 3, 4]) == 2.5 == np.median([1, 2, 3, 4])
    # since scikit-learn 1.8 (PR 30787, "averaged_inverted_cdf"), unit weights reproduce the
    # unweighted median, and a cumulative weight that splits exactly in half averages the two values
    assert tuple(int(p) for p in sklearn.__version__.split(".")[:2]) >= (1, 8)
    assert median_absolute_error([0, 0, 0, 0], [1, 2, 3, 4], sample_weight=np.ones(4)) == 2.5
    assert median_absolute_error([0, 0, 0], [1, 2, 3], sample_weight=[1, 1, 2]) == 2.5
    assert median_absolute_error([0, 0, 0, 0], [1, 2, 3, 4], sample_weight=[1, 1, 1, 2]) == 3
    assert "versionadded:: 0.24" in median_absolute_error.__doc__.split("sample_weight")[1]
    _states("# 2.5", "(accepted since 0.24)",
            "since 1.8 it averages the two middle values when the cumulative weight splits exactly "
            "in half", "unit weights reproduce the unweighted 2.5 for errors 1, 2, 3, 4",
            "earlier versions returned one of the two middle errors")


def test_medae_multioutput_averages_per_output_medians_and_scorer_is_negated():
    y_true = np.zeros((5, 2))
    y_pred = np.array([[1, 10], [2, 20], [3, 30], [4, 40], [5, 50]], dtype=float)
    per_output = median_absolute_error(y_true, y_pred, multioutput="raw_values")
    assert np.array_equal(per_output, [3, 30])
    assert median_absolute_error(y_true, y_pred) == 16.5 == per_output.mean()
    assert median_absolute_error(y_true, y_pred, multioutput="uniform_average") == 16.5
    assert np.median(np.abs(y_pred - y_true)) != 16.5  # the pooled median is a different number
    assert "neg_median_absolute_error" in get_scorer_names()
    scorer = get_scorer("neg_median_absolute_error")
    X, y = np.arange(5.0).reshape(-1, 1), np.array([0.0, 1.0, 2.0, 3.0, 10.0])
    model = DummyRegressor(strategy="mean").fit(X, y)
    assert scorer(model, X, y) == -median_absolute_error(y, model.predict(X))
    _states('multioutput="raw_values"', 'the default, `"uniform_average"`',
            "not the median of all errors pooled",
            "`neg_median_absolute_error` is the negated MedAE, so greater is better")


def test_medae_gaussian_multiples_and_tail_ratio():
    medae_gauss, mae_gauss = norm.ppf(0.75), math.sqrt(2 / math.pi)
    # the same constants from a large Gaussian sample
    r = np.random.default_rng(0).normal(0, 1, 2_000_000)
    assert abs(np.median(np.abs(r)) - medae_gauss) < 2e-3
    assert abs(np.mean(np.abs(r)) - mae_gauss) < 2e-3
    errors_b = ETA_ERRORS["B"]
    medae_b, _, rmse_b, _ = _eta_row(errors_b)
    share_two_largest = np.sum(np.sort(errors_b)[-2:] ** 2) / np.sum(errors_b ** 2)
    _states(f"MedAE $\\approx {medae_gauss:.3f}\\sigma$",
            f"MAE $\\approx {mae_gauss:.3f}\\sigma$",
            f"RMSE/MedAE is about {1 / medae_gauss:.2f}",
            f"Model B's ratio is {rmse_b / medae_b:.2f}",
            f"its two large errors carry {share_two_largest:.0%} of its squared error")


def test_medae_best_constant_is_the_shortest_half_midpoint_not_the_median():
    y = np.array([10, 11, 12, 13, 15, 20, 30, 45, 60], dtype=float)
    # MedAE of a constant is piecewise linear with kinks at multiples of 0.5 here: a 0.01 grid
    # finds its exact minimum and every local minimum
    grid = np.round(np.arange(0, 70.001, 0.01), 2)
    values = np.array([_medae_of_constant(y, c) for c in grid])
    best = grid[np.isclose(values, values.min())]
    assert best.min() == best.max() == _best_constant(y)  # a unique minimiser
    local_minima = [grid[i] for i in range(1, len(grid) - 1)
                    if values[i] < values[i - 1] and values[i] < values[i + 1]]
    assert local_minima[0] == best[0]
    median = np.median(y)
    at_median = _medae_of_constant(y, median)
    assert len(y) == 9 and (len(y) + 1) // 2 == 5
    _states("For odd $n$ the best constant is the midpoint of the shortest interval holding "
            "$(n+1)/2$ of the points",
            "delivery times " + ", ".join(f"{v:.0f}" for v in y) + " minutes",
            f"the median is {median:.0f}, but MedAE is lowest at {best[0]:.1f}",
            "the middle of the tightest five of the nine",
            f"({values.min():.1f} there, against {at_median:.1f} at the median)",
            f"has {['no', 'one', 'two', 'three', 'four', 'five', 'six'][len(local_minima)]} "
            "local minima here")
    # the shortest-half rule holds for any odd sample (checked against a grid search)
    rng = np.random.default_rng(1)
    for _ in range(20):
        sample = np.round(rng.gamma(2.0, 10.0, size=int(rng.choice([5, 7, 9, 11]))), 1)
        fine = np.arange(0, sample.max() + 1, 0.05)
        brute = fine[np.argmin([_medae_of_constant(sample, c) for c in fine])]
        assert math.isclose(_medae_of_constant(sample, brute),
                            _medae_of_constant(sample, _best_constant(sample)), abs_tol=1e-9)
    # a symmetric unimodal distribution (standard normal): the population MedAE of a constant c,
    # the radius r with P(|Y - c| <= r) = 1/2, is smallest at the median 0
    def population_medae(c: float) -> float:
        return brentq(lambda r: norm.cdf(c + r) - norm.cdf(c - r) - 0.5, 0, 10)

    cs = np.linspace(-1, 1, 201)
    assert cs[np.argmin([population_medae(c) for c in cs])] == 0
    assert math.isclose(population_medae(0), norm.ppf(0.75))
    # two equally tight clusters: moving one point by 0.1 makes the best constant jump
    two = np.array([0, 1, 2, 3, 7, 11, 12, 13, 14], dtype=float)
    left, right = two.copy(), two.copy()
    left[0], right[-1] = 0.1, 13.9
    assert _best_constant(left) < 4 and _best_constant(right) > 10


def test_medae_training_objective_gradient_nonconvexity_and_lms_rate():
    # the gradient of MedAE in a constant prediction involves the one middle-ranked example only
    y = np.array([10, 11, 12, 13, 15, 20, 30, 45, 60], dtype=float)
    c, h = 14.3, 1e-6
    slope = (_medae_of_constant(y, c + h) - _medae_of_constant(y, c - h)) / (2 * h)
    middle = np.argsort(np.abs(y - c))[len(y) // 2]
    assert math.isclose(slope, np.sign(c - y[middle]), rel_tol=1e-6)
    # LMS location (shortest-half midpoint) on Gaussian samples: sd shrinks like n^(-1/3),
    # the sample median's like n^(-1/2)
    rng = np.random.default_rng(0)
    ns, sd_lms, sd_median = (201, 1601, 12801), [], []
    for n in ns:
        x = np.sort(rng.standard_normal((max(200, 1_600_000 // n), n)), axis=1)
        hh = n // 2 + 1
        k = np.argmin(x[:, hh - 1:] - x[:, :n - hh + 1], axis=1)
        rows = np.arange(len(x))
        sd_lms.append(np.std((x[rows, k] + x[rows, k + hh - 1]) / 2))
        sd_median.append(np.std(np.median(x, axis=1)))
    rate_lms = np.polyfit(np.log(ns), np.log(sd_lms), 1)[0]
    rate_median = np.polyfit(np.log(ns), np.log(sd_median), 1)[0]
    assert abs(rate_lms + 1 / 3) < 0.05 and abs(rate_median + 1 / 2) < 0.05
    _states("its gradient comes from the one or two middle-ranked examples only",
            "non-convex in the parameters, with several local minima",
            "converge only at rate $n^{-1/3}$ (least squares: $n^{-1/2}$)")


def test_medae_versus_mad_for_a_constant_bias_and_a_zero_median():
    residuals = np.full(50, 10.0)  # 10 minutes late on every order
    mad = np.median(np.abs(residuals - np.median(residuals)))
    assert mad == 0 and _medae(residuals) == 10
    r = np.random.default_rng(0).standard_t(3, size=101)
    r -= np.median(r)
    assert math.isclose(np.median(np.abs(r - np.median(r))), _medae(np.abs(r)))
    _states("exactly 10 minutes late on every order has a MAD of 0 and a MedAE of 10",
            "The two coincide when the median residual is zero")


def test_medae_python_block_prints_what_the_text_states():
    lines = [f"{name} {medae:.1f} {mae:.1f} {rmse:.2f} {p90:.1f}"
             for name, (medae, mae, rmse, p90) in ((k, _eta_row(v)) for k, v in ETA_ERRORS.items())]
    lines.append(str(median_absolute_error([0, 0, 0, 0], [1, 2, 3, 4])))
    assert run_python_block(MEDAE).splitlines() == lines
    _states(*(f"# {line}" for line in lines))
