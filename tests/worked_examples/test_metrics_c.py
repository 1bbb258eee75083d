"""Recompute every number stated in the metrics-c batch (Cohen's kappa, top-k accuracy)."""

from __future__ import annotations

import math
import warnings

import numpy as np
from scipy.special import softmax
from sklearn.metrics import cohen_kappa_score, matthews_corrcoef, top_k_accuracy_score

from tests.helpers import assert_states, question, run_python_block

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
