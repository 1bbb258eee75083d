"""Recompute every number stated in the system-design-b batch (ml-system-design designs)."""

import math

from scipy.integrate import quad
from scipy.stats import beta

from tests.helpers import assert_states


def test_recommender_funnel_states_the_scoring_cost():
    per_item_seconds = 20e-6
    candidates_ms = 500 * per_item_seconds * 1000
    corpus_seconds = 10_000_000 * per_item_seconds
    assert_states("design-a-recommender-system", f"{candidates_ms:.0f} ms", f"{corpus_seconds:.0f} seconds")


def test_fraud_design_states_the_review_queue_size_and_recall():
    transactions, analysts, hours, minutes_per_case = 1_000_000, 40, 7, 8
    capacity = analysts * hours * 60 / minutes_per_case
    share = capacity / transactions
    frauds = 0.002 * transactions
    caught = 0.30 * capacity
    assert_states(
        "design-a-fraud-detection-system",
        f"= {capacity:,.0f}$ reviews".replace(",", "{,}"),  # 2{,}100
        f"{share:.2%}",  # 0.21%
        f"catch {caught:.0f} of the {frauds:,.0f} daily frauds",
        f"{caught / frauds:.1%} recall",  # 31.5%
    )


def test_search_design_states_the_pair_count():
    assert_states("design-a-search-ranking-system", f"= {3 * 7}")


def test_ctr_design_states_fm_parameter_counts_and_normalized_entropy():
    n, k = 10**6, 16
    fm_params = n * k + n + 1
    full_pairwise = n * (n - 1) // 2
    base = 0.02
    entropy = -(base * math.log(base) + (1 - base) * math.log(1 - base))
    ne = 0.085 / entropy
    assert_states(
        "design-an-ad-click-prediction-model",
        f"{fm_params:,}",  # 17,000,001
        f"{full_pairwise:,}",  # 499,999,500,000
        f"{entropy:.3f} nats",  # 0.098
        f"NE = {ne:.3f}",  # 0.867
        f"{1 - ne:.0%} improvement",  # 13%
    )


def test_cold_start_states_the_smoothed_ctr():
    clicks, impressions, prior_clicks, prior_impressions = 2, 10, 5, 100
    raw = clicks / impressions
    smoothed = (clicks + prior_clicks) / (impressions + prior_impressions)
    assert_states("cold-start-for-new-users-and-items", f"{raw:.0%}", f"{smoothed:.1%}".replace("%", "\\%"))


def test_feedback_loops_states_naive_true_and_ips_values():
    naive = (40 + 2) / (200 + 50)
    truth = 0.5 * (40 / 200) + 0.5 * (2 / 50)
    ips = (40 / 0.4 + 2 / 0.1) / 1000
    assert math.isclose(truth, ips)
    assert_states(
        "feedback-loops-in-deployed-models",
        f"= {naive:.1%}".replace("%", "\\%"),  # 16.8%
        f"get $0.5 \\times 0.20 + 0.5 \\times 0.04 = {truth:.0%}".replace("%", "\\%"),  # 12%
        f"/1000 = {ips:.0%}".replace("%", "\\%"),
    )


def test_position_bias_states_click_rates_and_weighted_values():
    rel_a, theta_a, rel_b, theta_b = 0.3, 1.0, 0.5, 0.4
    click_b = theta_b * rel_b
    ipw_a, ipw_b = rel_a * theta_a / theta_a, click_b / theta_b
    assert math.isclose(ipw_b, rel_b)
    assert_states(
        "position-bias-and-unbiased-learning-to-rank",
        f"= {click_b:.1f}",  # 0.2
        f"= {ipw_a:.1f}",  # 0.3
        f"= {ipw_b:.1f}",  # 0.5
    )


def test_label_delay_states_observed_fractions_and_the_biased_rate():
    mean_delay, window = 3, 7
    one_day = 1 - math.exp(-1 / mean_delay)
    window_share = 1 - (mean_delay / window) * (1 - math.exp(-window / mean_delay))
    # check the closed form against direct integration over a uniform click age
    integral = quad(lambda a: 1 - math.exp(-a / mean_delay), 0, window)[0] / window
    assert math.isclose(window_share, integral)
    apparent = 0.05 * window_share
    maturity_days = mean_delay * math.log(20)
    three_days = 1 - math.exp(-1)
    assert_states(
        "designing-for-delayed-labels",
        f"= {one_day:.1%}".replace("%", "\\%"),  # 28.3%
        f"= {window_share:.1%}".replace("%", "\\%"),  # 61.3%
        f"about {apparent:.1%}",  # 3.1%
        f"\\approx {maturity_days:.0f}$ days",  # 9
        f"\\approx {three_days:.0%}".replace("%", "\\%"),  # 63%
    )


def test_multi_objective_states_scores_and_break_even_weight():
    a = {"click": 0.10, "watch": 0.02, "report": 0.01}
    b = {"click": 0.06, "watch": 0.04, "report": 0.001}

    def score(item, w_report):
        return item["click"] + item["watch"] - w_report * item["report"]

    break_even = (score(a, 0) - score(b, 0)) / (a["report"] - b["report"])
    assert_states(
        "multi-objective-ranking",
        f"A scores {score(a, 0):.2f} and B {score(b, 0):.2f}",
        f"= {score(a, 5):.2f}",  # 0.07
        f"= {score(b, 5):.3f}",  # 0.095
        f"\\approx {break_even:.2f}",  # 2.22
    )


def test_thompson_sampling_states_posteriors_and_play_probability():
    post_a, post_b = beta(1 + 12, 1 + 88), beta(1 + 3, 1 + 17)
    p_b_best = quad(lambda x: post_b.pdf(x) * post_a.cdf(x), 0, 1)[0]
    lo_a, hi_a = post_a.ppf([0.025, 0.975])
    lo_b, hi_b = post_b.ppf([0.025, 0.975])
    epsilon = 0.1
    greedy_share = 1 - epsilon + epsilon / 2
    assert_states(
        "exploration-vs-exploitation-thompson-sampling",
        "Beta(13, 89)", "Beta(4, 18)",
        f"= {post_a.mean():.1%}".replace("%", "\\%"), f"= {post_b.mean():.1%}".replace("%", "\\%"),
        f"{lo_a:.1%} to {hi_a:.1%}", f"{lo_b:.1%} to {hi_b:.1%}",
        f"about {p_b_best:.0%}", f"A on {1 - p_b_best:.0%}",  # 72%, 28%
        f"{greedy_share:.0%} of the time",  # 95%
    )


def test_training_data_states_the_log_q_gap():
    assert_states("building-training-data-for-a-ranking-model", f"{math.log(0.01 / 0.0001):.2f}")


def test_business_impact_states_the_money():
    frauds, loss, old_recall, new_recall = 2_000, 150, 0.40, 0.46
    old_caught, new_caught = old_recall * frauds, new_recall * frauds
    extra = new_caught - old_caught
    per_day = extra * loss
    per_year = per_day * 365
    assert_states(
        "estimating-business-impact-before-launch",
        f"({old_caught:.0f} frauds)", f"({new_caught:.0f})",
        f"{extra:.0f} more frauds",
        f"{per_day:,.0f} dollars a day",
        f"{per_year / 1e6:.2f} million dollars a year",  # 6.57
        f"{0.5 * per_year / 1e6:.2f} million dollars",  # 3.29
    )


def test_fairness_states_the_selection_rate_ratio_and_tpr_gap():
    ratio = 0.42 / 0.60
    gap_points = round((0.85 - 0.70) * 100)
    assert_states(
        "privacy-and-fairness-checks-in-ml-systems",
        f"= {ratio:.2f}",  # 0.70
        f"{gap_points} percentage point",
    )
