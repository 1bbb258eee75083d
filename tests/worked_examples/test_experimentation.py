"""Recompute every number stated in the experimentation batch (questions/experimentation/) and
run the python snippets of the interview batch."""

from __future__ import annotations

import math

import numpy as np
from scipy import stats

from tests.helpers import assert_states, question, run_python_block

Z_SUM = stats.norm.ppf(0.975) + stats.norm.ppf(0.8)




def two_proportion_n(p1: float, p2: float) -> float:
    return Z_SUM**2 * (p1 * (1 - p1) + p2 * (1 - p2)) / (p2 - p1) ** 2


def test_randomization_unit_design_effect():
    m, rho = 10, 0.1
    deff = 1 + (m - 1) * rho
    assert_states("ab-test-randomization-unit-and-metrics", f"is {deff:.1f}",
                  f"\\sqrt{{{deff:.1f}}} \\approx {math.sqrt(deff):.2f}")


def test_sample_size_per_arm():
    qid = "sample-size-for-two-proportion-ab-test"
    n = two_proportion_n(0.05, 0.055)
    var_sum = 0.05 * 0.95 + 0.055 * 0.945
    total = 2 * math.ceil(n)
    assert_states(
        qid,
        f"{Z_SUM**2:.2f}",  # 7.85
        f"{var_sum:.6f}",  # 0.099475
        f"{math.ceil(n):,}".replace(",", "{,}"),  # 31{,}231
        f"about {math.ceil(n):,} users per arm",
        f"{round(total, -3):,.0f}",  # 62,000
        f"{16 * 0.05 * 0.95 / 0.005**2:,.0f}",  # 30,400
        f"{total:,}",  # 62,462
        f"{total / 5000:.1f} days",  # 12.5
    )
    n_quarter = two_proportion_n(0.05, 0.0525)
    assert_states(qid, f"about {round(n_quarter, -3):,.0f} per arm")  # 122,000
    assert 3.8 < n_quarter / n < 4.0  # "roughly four times"


def test_mde_for_ten_thousand_per_arm():
    mde = Z_SUM * math.sqrt(2 * 0.05 * 0.95 / 10_000)
    assert_states("minimum-detectable-effect-and-underpowered-tests",
                  f"{Z_SUM:.2f}", f"\\approx {mde:.4f}",
                  f"{mde * 100:.2f} percentage points", f"about a {mde / 0.05:.0%} relative lift")
    se = math.sqrt(2 * 0.05 * 0.95 / 10_000)
    half_width = 1.96 * se
    assert_states("minimum-detectable-effect-and-underpowered-tests",
                  f"about {half_width * 100:.1f} points in either direction",
                  f"$1.96 \\times {se:.4f}$")


def test_peeking_false_positive_rates_and_obrien_fleming():
    rng = np.random.default_rng(0)
    reps = 200_000
    rates = {}
    for looks in (2, 5, 10, 20):
        walks = np.cumsum(rng.standard_normal((reps, looks)), axis=1)
        z = walks / np.sqrt(np.arange(1, looks + 1))
        rates[looks] = (np.abs(z) > 1.96).any(axis=1).mean()
    qid = "peeking-and-sequential-testing"
    assert_states(qid, f"| 2 | {rates[2]:.1%} |", f"| 5 | {rates[5]:.0%} |",
                  f"| 10 | {rates[10]:.0%} |", f"| 20 | {rates[20]:.0%} |",
                  f"about {rates[5]:.0%} with 5", f"{rates[10]:.0%} with 10")
    k = 5
    bounds = 2.04 * np.sqrt(k / np.arange(1, k + 1))
    assert_states(qid, ", ".join(f"{b:.2f}" for b in bounds[:4]))  # 4.56, 3.23, 2.63, 2.28
    walks = np.cumsum(rng.standard_normal((reps, k)), axis=1)
    z = walks / np.sqrt(np.arange(1, k + 1))
    assert abs((np.abs(z) > bounds).any(axis=1).mean() - 0.05) < 0.003


def test_multiple_comparisons_counts():
    p = np.array([0.001, 0.004, 0.006, 0.019, 0.040, 0.13, 0.26, 0.41, 0.62, 0.85])
    m, alpha = len(p), 0.05
    bonferroni = int((p <= alpha / m).sum())
    holm = 0
    for k, pk in enumerate(np.sort(p), start=1):
        if pk > alpha / (m - k + 1):
            break
        holm += 1
    below = np.nonzero(np.sort(p) <= np.arange(1, m + 1) / m * alpha)[0]
    bh = int(below.max() + 1)
    assert int(stats.false_discovery_control(p).__le__(alpha).sum()) == bh
    qid = "multiple-comparisons-in-ab-tests"
    assert_states(qid, f"Bonferroni rejects {bonferroni}, Holm {holm}, Benjamini-Hochberg {bh}",
                  f"Without correction, {int((p <= alpha).sum())} would pass",
                  f"\\approx {1 - 0.95**10:.0%}".replace("%", "\\%"))
    assert (bonferroni, holm, bh) == (2, 3, 4)
    assert_states(qid, "0.0050", "0.0056", "0.0063", "0.0071")
    assert [round(alpha / (m - k + 1), 4) for k in (2, 4)] == [0.0056, 0.0071]
    assert 0.00625 - 0.0063 < 1e-4  # 0.00625 written rounded half up


def test_sample_ratio_mismatch():
    stat, pvalue = stats.chisquare([50_500, 49_500])
    z = 500 / math.sqrt(100_000 * 0.25)
    qid = "sample-ratio-mismatch-check"
    assert_states(qid, f"\\chi^2 = {stat:.0f}", f"p ≈ {pvalue:.4f}", f"= {z:.2f}")
    assert run_python_block(qid) == f"{stat:.1f} {pvalue:.4f}"


def test_cuped_variance_reduction():
    qid = "cuped-variance-reduction"
    assert_states(qid, f"variance falls by {0.5**2:.0%}", f"variance falls by {0.7**2:.0%}",
                  f"to {1 - 0.7**2:.0%} of the original",
                  f"\\sqrt{{1-\\rho^2}} = {math.sqrt(1 - 0.7**2):.2f}",
                  f"about {1 - math.sqrt(1 - 0.7**2):.0%} smaller")
    assert abs(1 / (1 - 0.7**2) - 2) < 0.05  # "about half the users"


def test_triggering_traffic_factor():
    f = 0.1
    untriggered_total = 1 / (f**2)  # users needed with the diluted effect (all users)
    triggered_total = 1 / f  # triggered users needed, scaled up to total traffic
    assert_states("online-test-for-a-model-that-won-offline",
                  f"If {f:.0%} of users", f"1/(0.1\\,\\delta)^2 = {untriggered_total:.0f}/\\delta^2",
                  f"from ${triggered_total:.0f}/\\delta^2$ users",
                  f"about {untriggered_total / triggered_total:.0f} times as much total traffic")


def test_online_test_cuped_factor():
    rho = 0.7
    factor = 1 - rho**2
    assert abs(factor - 0.5) < 0.02  # "needs about half the users"
    assert_states("online-test-for-a-model-that-won-offline",
                  f"with $\\rho = {rho}$ it is {factor:.2f}, so about")


def test_simpsons_paradox_table():
    t = {"desktop": (200, 2_000), "mobile": (240, 8_000)}
    c = {"desktop": (720, 8_000), "mobile": (50, 2_000)}
    qid = "simpsons-paradox-in-ab-tests"
    for seg in t:
        assert t[seg][0] / t[seg][1] > c[seg][0] / c[seg][1]
        for conv, n in (t[seg], c[seg]):
            assert_states(qid, f"{conv} / {n:,} = {conv / n:.1%}")
    for arm in (t, c):
        conv = sum(v[0] for v in arm.values())
        n = sum(v[1] for v in arm.values())
        assert_states(qid, f"{conv} / {n:,} = {conv / n:.1%}")
    diffs = [100 * (t[s][0] / t[s][1] - c[s][0] / c[s][1]) for s in ("desktop", "mobile")]
    assert_states(qid, f"0.5 \\times {diffs[0]:.1f} + 0.5 \\times {diffs[1]:.1f} = "
                  f"{0.5 * diffs[0] + 0.5 * diffs[1]:.2f}")
    assert_states(qid, f"{8_000 / 10_000:.0%} of treatment", f"{8_000 / 10_000:.0%} of control users")


def test_aa_test_binomial_spread():
    runs, alpha = 1_000, 0.05
    mean = runs * alpha
    sd = math.sqrt(runs * alpha * (1 - alpha))
    assert_states("aa-tests-and-what-they-catch", f"about {mean:.0f} should be",
                  f"about {sd:.1f}", f"give or take {2 * sd:.0f}", f"about {100 * alpha:.0f} significant")


def test_live_coding_kmeans_snippet_runs():
    assert run_python_block("live-coding-for-ml-roles") == "[0 3 6]"
