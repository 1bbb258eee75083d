"""Recompute every number stated in the gaps3b batch (UCB1, LinUCB, bandit versus A/B test, weak
supervision, agent evaluation, regression to the mean, investigating a metric drop)."""

from __future__ import annotations

import math
from math import comb

import numpy as np

from tests.helpers import assert_states

UCB = "ucb1-upper-confidence-bound-bandit"


def test_ucb1_indexes_hoeffding_and_regret_comparison():
    t = 100
    assert f"{2 * math.log(t):.2f}" == "9.21"
    rows = {"A": (50, 0.60), "B": (30, 0.55), "C": (20, 0.20)}
    index = {}
    for arm, (n, mean) in rows.items():
        bonus = math.sqrt(2 * math.log(t) / n)
        index[arm] = mean + bonus
        assert_states(UCB, f"| {arm} | {n} | {mean:.2f} | {bonus:.3f} | {mean + bonus:.3f} |")
    assert sum(n for n, _ in rows.values()) == t
    assert max(index, key=index.get) == "B"
    # Hoeffding with c = sqrt(2 ln t / n): exp(-2 n c^2) = t^-4, whatever n is
    for n in (1, 7, 50):
        c = math.sqrt(2 * math.log(t) / n)
        assert math.isclose(math.exp(-2 * n * c * c), t ** -4)
    assert_states(UCB, "e^{-4\\ln t}=t^{-4}", "8\\ln t/\\Delta_i^2")
    # bonus below Delta/2 exactly when n > 8 ln t / Delta^2
    delta, tt = 0.1, 1000
    n_star = 8 * math.log(tt) / delta**2
    assert math.sqrt(2 * math.log(tt) / (n_star * 1.01)) < delta / 2
    assert math.sqrt(2 * math.log(tt) / (n_star * 0.99)) > delta / 2

    # fixed epsilon-greedy exploration cost versus the UCB1 bound (Auer et al. Theorem 1)
    T, eps, gaps = 10**6, 0.1, [0.0, 0.05, 0.4]
    per_round = eps / len(gaps) * sum(gaps)
    assert f"{per_round:.3f}" == "0.015"
    assert f"{per_round * T:,.0f}" == "15,000"
    bound = 8 * math.log(T) * sum(1 / g for g in gaps if g > 0) + (1 + math.pi**2 / 3) * sum(gaps)
    assert f"{bound:,.0f}" == "2,489"
    assert_states(UCB, "gaps 0.05 and 0.4", "\\varepsilon=0.1", "$0.015$", "15,000", "$10^6$",
                  "2,489")
    # follow-up: pulls of an arm 0.05 below the best after a million rounds
    assert f"{math.log(T):.1f}" == "13.8"
    pulls = 8 * math.log(T) / 0.05**2
    assert 43_000 < pulls < 45_000
    assert 10_000 < 2 * math.log(T) / 0.05**2 < 11_500
    assert_states(UCB, "8\\times13.8/0.0025 \\approx 44{,}000", "2\\ln t/\\Delta^2\\approx 11{,}000")


LIN = "contextual-bandits-linucb-for-recommendation"


def test_linucb_worked_example():
    xs = [np.array([1.0, 0.0]), np.array([1.0, 0.0]), np.array([1.0, 1.0])]
    rs = [1.0, 0.0, 1.0]
    A = np.eye(2) + sum(np.outer(x, x) for x in xs)
    b = sum(r * x for r, x in zip(rs, xs))
    assert A.tolist() == [[4.0, 1.0], [1.0, 2.0]] and b.tolist() == [2.0, 1.0]
    theta = np.linalg.solve(A, b)
    assert np.allclose(theta * 7, [3, 2])
    A_inv = np.linalg.inv(A)
    out = {}
    for name, x in (("desktop", np.array([1.0, 0.0])), ("mobile", np.array([1.0, 1.0]))):
        pred = x @ theta
        width = math.sqrt(x @ A_inv @ x)
        out[name] = (f"{pred:.3f}", f"{x @ A_inv @ x * 7:.0f}/7", f"{width:.3f}",
                     f"{pred + 1.0 * width:.3f}")
    assert out["desktop"] == ("0.429", "2/7", "0.535", "0.963")
    assert out["mobile"] == ("0.714", "4/7", "0.756", "1.470")
    assert_states(LIN, "\\hat\\theta=(3/7,2/7)", "prediction 0.429, width $\\sqrt{2/7}=0.535$, index 0.963",
                  "prediction 0.714, width $\\sqrt{4/7}=0.756$, index 1.470", "12.5% click lift")


BVA = "bandit-or-ab-test-when-to-choose-which"


def test_bandit_cost_and_time_confounding():
    lost = 100_000 * (0.055 - 0.050)
    assert round(lost) == 500
    assert_states(BVA, "5.0% against 5.5%", "200,000 users", "100,000 users", "500 conversions")
    # identical arms; base rate 10% on day 1 and 5% on day 2; allocation changes between days
    day1 = {"A": (1000, 0.10), "B": (1000, 0.10)}
    day2 = {"A": (1800, 0.05), "B": (200, 0.05)}
    conv = {a: day1[a][0] * day1[a][1] + day2[a][0] * day2[a][1] for a in "AB"}
    users = {a: day1[a][0] + day2[a][0] for a in "AB"}
    assert (round(conv["A"]), users["A"], round(conv["B"]), users["B"]) == (190, 2800, 110, 1200)
    rate = {a: conv[a] / users[a] for a in "AB"}
    assert f"{rate['A']:.1%}" == "6.8%" and f"{rate['B']:.1%}" == "9.2%"
    assert f"{rate['B'] / rate['A'] - 1:.0%}" == "35%"
    # inverse-probability weighting with the logged assignment probabilities removes the gap
    p = {1: {"A": 0.5, "B": 0.5}, 2: {"A": 0.9, "B": 0.1}}
    total = sum(day1[a][0] for a in "AB") + sum(day2[a][0] for a in "AB")
    ipw = {a: (day1[a][0] * day1[a][1] / p[1][a] + day2[a][0] * day2[a][1] / p[2][a]) / total
           for a in "AB"}
    assert math.isclose(ipw["A"], ipw["B"])
    assert f"{ipw['A']:.1%}" == "7.5%"
    assert_states(BVA, "(0.5 on day 1, then 0.9 for A and 0.1 for B), which gives 7.5% for both arms")
    assert_states(BVA, "10% on day 1 to 5% on", "1,000/1,000", "1,800 users on A and 200 on B",
                  "$190/2{,}800=6.8\\%$", "$110/1{,}200=9.2\\%$", "35% better")


WS = "weak-supervision-labelling-functions-and-label-model"


def test_triplet_accuracies_and_label_model_posterior():
    e12, e13, e23 = 0.16, 0.16, 0.04
    a1 = math.sqrt(e12 * e13 / e23)
    a2 = math.sqrt(e12 * e23 / e13)
    a3 = math.sqrt(e13 * e23 / e12)
    assert [round(a, 3) for a in (a1, a2, a3)] == [0.8, 0.2, 0.2]
    acc = [(1 + a) / 2 for a in (a1, a2, a3)]
    assert [round(p, 3) for p in acc] == [0.9, 0.6, 0.6]
    # the agreements are what conditionally independent functions with these accuracies produce
    rng = np.random.default_rng(0)
    y = rng.choice([-1, 1], size=400_000)
    votes = np.stack([np.where(rng.random(y.size) < p, y, -y) for p in acc])
    assert abs((votes[0] * votes[1]).mean() - 0.16) < 0.005
    assert abs((votes[1] * votes[2]).mean() - 0.04) < 0.005
    # function 1 says +1 (spam), functions 2 and 3 say -1; balanced classes
    log_odds = math.log(acc[0] / (1 - acc[0])) - 2 * math.log(acc[1] / (1 - acc[1]))
    assert math.isclose(log_odds, math.log(4))
    assert math.isclose(1 / (1 + math.exp(-log_odds)), 0.8)
    # the same posterior by direct Bayes over y in {+1, -1}
    like_spam = acc[0] * (1 - acc[1]) * (1 - acc[2])
    like_ham = (1 - acc[0]) * acc[1] * acc[2]
    assert math.isclose(like_spam / (like_spam + like_ham), 0.8)
    assert_states(WS, "=0.16$", "=0.04$", "$a=(0.8,0.2,0.2)$", "(1+a_j)/2=0.9$", "0.6 and 0.6",
                  "$\\ln 9-2\\ln 1.5=\\ln 4$", "$P(\\text{spam})=0.8$")
    # the same votes with a 2% spam prior: posterior odds = prior odds x likelihood ratio 4
    prior = 0.02
    odds = prior / (1 - prior) * like_spam / like_ham
    post = odds / (1 + odds)
    assert math.isclose(post, 4 / 53) and f"{post:.3f}" == "0.075"
    assert_states(WS, "with 2% spam", "$P(\\text{spam})=4/53=0.075$")


AGENT = "evaluating-llm-agents-that-use-tools"


def _pass_at_k(n, c, k):
    return 1 - comb(n - c, k) / comb(n, k)


def _pass_hat_k(n, c, k):
    return comb(c, k) / comb(n, k)


def test_pass_at_k_and_pass_hat_k():
    n, c = 8, 6
    assert _pass_at_k(n, c, 1) == 0.75
    assert comb(n - c, 2) == 1 and comb(n, 2) == 28 and comb(c, 2) == 15
    assert f"{_pass_at_k(n, c, 2):.3f}" == "0.964"
    assert f"{_pass_hat_k(n, c, 2):.3f}" == "0.536"
    # the estimators are unbiased: average over all k-subsets of the n runs
    from itertools import combinations
    runs = [1] * c + [0] * (n - c)
    subsets = list(combinations(runs, 2))
    assert math.isclose(np.mean([max(s) for s in subsets]), _pass_at_k(n, c, 2))
    assert math.isclose(np.mean([min(s) for s in subsets]), _pass_hat_k(n, c, 2))
    assert 66 - 62 == 4
    se = math.sqrt((0.62 * 0.38 + 0.66 * 0.34) / 100)
    assert f"{100 * se:.1f}" == "6.8"
    assert_states(AGENT, "difference is about 6.8 points")
    assert_states(AGENT, "6 successes in 8 runs", "pass@1 is 0.75", "pass@2 is $1-1/28=0.964$",
                  "$\\text{pass}^2$ is $15/28=0.536$", "62% to 66%", "4-point difference")


RTM = "regression-to-the-mean"


def test_regression_to_the_mean_numbers():
    from scipy.stats import norm

    assert 0.5 * 2 == 1.0
    reliability = 8**2 / (8**2 + 6**2)
    assert reliability == 0.64
    assert math.isclose(100 + reliability * 30, 119.2)
    z = norm.ppf(0.10)
    assert f"{-z:.4f}" == "1.2816"
    tail_mean = -norm.pdf(z) / 0.10
    assert f"{tail_mean:.3f}" == "-1.755"
    assert math.isclose(tail_mean, norm.expect(lambda x: x, ub=z, conditional=True), rel_tol=1e-6)
    assert f"{0.6 * tail_mean:.3f}" == "-1.053"
    assert f"{0.6 * tail_mean - tail_mean:.2f}" == "0.70"
    # the expected regression to subtract without a control: (1 - rho)(xbar - mu)
    assert f"{(1 - 0.6) * -tail_mean:.2f}" == "0.70"
    assert_states(RTM, "$0.4\\times1.755=0.70$", "observed standard deviation 10")
    assert math.sqrt(8**2 + 6**2) == 10
    # simulation: the bottom decile regresses by about 0.7 SD with no intervention
    rng = np.random.default_rng(1)
    z1 = rng.standard_normal(400_000)
    z2 = 0.6 * z1 + math.sqrt(1 - 0.36) * rng.standard_normal(z1.size)
    low = z1 <= np.quantile(z1, 0.10)
    assert abs((z2[low].mean() - z1[low].mean()) - 0.70) < 0.02
    assert abs(z2.std() - z1.std()) < 0.01   # the spread does not shrink
    assert_states(RTM, "correlation of 0.5", "2 standard deviations above", "1 standard deviation above",
                  "$64/100=0.64$", "$100+0.64\\times30=119.2$", "worst 10%",
                  "$-\\varphi(1.2816)/0.1=-1.755$", "correlation of 0.6", "$-1.053$",
                  "improvement of 0.70", "from 30% to 22%")


DROP = "investigating-a-sudden-metric-drop"


def test_mix_shift_decomposition():
    rate = {"desktop": 5.0, "mobile": 2.0}          # CTR in percent, unchanged
    before = {"desktop": 0.6, "mobile": 0.4}
    after = {"desktop": 0.4, "mobile": 0.6}
    ctr0 = sum(before[s] * rate[s] for s in rate)
    ctr1 = sum(after[s] * rate[s] for s in rate)
    assert math.isclose(ctr0, 3.8) and math.isclose(ctr1, 3.2)
    assert f"{(ctr1 - ctr0) / ctr0:.1%}" == "-15.8%"
    rate_part = sum(after[s] * (rate[s] - rate[s]) for s in rate)
    mix_part = sum((after[s] - before[s]) * rate[s] for s in rate)
    assert rate_part == 0 and math.isclose(mix_part, -0.6)
    assert math.isclose(rate_part + mix_part, ctr1 - ctr0)
    assert_states(DROP, "desktop CTR is 5% and mobile CTR 2%", "from 40% to 60%",
                  "$0.6\\times5+0.4\\times2=3.8\\%$", "$0.4\\times5+0.6\\times2=3.2\\%$",
                  "a 15.8% drop", "whole $-0.6$ percentage points")
