"""Recompute every number stated in the metrics-b batch (multiclass, regression, ranking, business)."""

from __future__ import annotations

import numpy as np
from scipy.optimize import brentq
from sklearn.metrics import (
    average_precision_score,
    f1_score,
    mean_pinball_loss,
    mean_squared_log_error,
    ndcg_score,
    precision_recall_fscore_support,
    r2_score,
    roc_auc_score,
)

from tests.helpers import assert_states


def _labels_from_confusion(cm: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    k = cm.shape[0]
    y_true = np.repeat(np.repeat(np.arange(k), k), cm.ravel())
    y_pred = np.repeat(np.tile(np.arange(k), k), cm.ravel())
    return y_true, y_pred


def test_multiclass_averaging_example_states_each_average():
    cm = np.array([[76, 3, 1], [6, 8, 1], [3, 0, 2]])
    y_true, y_pred = _labels_from_confusion(cm)
    p, r, f, _ = precision_recall_fscore_support(y_true, y_pred)
    macro = f1_score(y_true, y_pred, average="macro")
    weighted = f1_score(y_true, y_pred, average="weighted")
    micro = f1_score(y_true, y_pred, average="micro")
    accuracy = np.trace(cm) / cm.sum()
    assert micro == accuracy
    assert f1_score(y_true, y_pred, average=None).round(3).tolist() == [0.921, 0.615, 0.444]
    assert_states(
        "multiclass-macro-micro-weighted-averaging",
        f"{p[0]:.3f}", f"{p[1]:.3f}", f"{r[1]:.3f}", f"{f[0]:.3f}", f"{f[1]:.3f}", f"{f[2]:.3f}",
        f"{macro:.3f}", f"{weighted:.3f}", f"{micro:.3f}", "0.660 0.851 0.860",
    )
    # weighted recall equals accuracy in single-label multiclass
    weighted_recall = precision_recall_fscore_support(y_true, y_pred, average="weighted")[1]
    assert np.isclose(weighted_recall, accuracy)


def test_macro_f1_two_formulas_give_the_stated_values():
    cm = np.array([[5, 0, 45], [0, 5, 45], [0, 0, 50]])
    y_true, y_pred = _labels_from_confusion(cm)
    p, r, f, _ = precision_recall_fscore_support(y_true, y_pred)
    averaged = f.mean()
    mp, mr = p.mean(), r.mean()
    f1_of_averages = 2 * mp * mr / (mp + mr)
    accuracy = np.trace(cm) / cm.sum()
    assert f1_of_averages >= averaged
    # the milder matrix from the multiclass-averaging question
    y2t, y2p = _labels_from_confusion(np.array([[76, 3, 1], [6, 8, 1], [3, 0, 2]]))
    p2, r2, f2, _ = precision_recall_fscore_support(y2t, y2p)
    mild = 2 * p2.mean() * r2.mean() / (p2.mean() + r2.mean())
    assert_states(
        "macro-f1-averaged-f1-vs-f1-of-averages",
        f"{f[0]:.3f}", f"{f[2]:.3f}", f"{p[2]:.3f}", f"{averaged:.3f}", f"{mp:.3f}",
        f"{mr:.3f}", f"{f1_of_averages:.3f}", f"{accuracy:.2f}", f"{f2.mean():.3f}", f"{mild:.3f}",
    )


def test_multiclass_auc_ovr_moves_with_class_mix_and_ovo_does_not():
    a = [[0.7, 0.2, 0.1], [0.6, 0.2, 0.2], [0.5, 0.3, 0.2]]
    b = [[0.1, 0.8, 0.1], [0.2, 0.7, 0.1], [0.3, 0.6, 0.1]]
    c = [[0.6, 0.1, 0.3], [0.55, 0.1, 0.35], [0.65, 0.15, 0.2]]
    stated = []
    ovr_a = []
    for copies in (1, 4):
        x = np.array(a + b + c * copies)
        y = np.array([0] * 3 + [1] * 3 + [2] * 3 * copies)
        ovr = roc_auc_score(y, x, multi_class="ovr")
        ovo = roc_auc_score(y, x, multi_class="ovo")
        stated.append(f"{ovr:.3f} {ovo:.3f}")
        ovr_a.append(roc_auc_score(y == 0, x[:, 0]))
    a_vs_b = roc_auc_score([1] * 3 + [0] * 3, [r[0] for r in a + b])
    a_vs_c = roc_auc_score([1] * 3 + [0] * 3, [r[0] for r in a + c])
    assert np.isclose(0.2 * a_vs_b + 0.8 * a_vs_c, ovr_a[1])
    assert_states(
        "multiclass-roc-auc-ovr-vs-ovo",
        *stated, f"{a_vs_b:.1f}", f"{a_vs_c:.1f}", f"{ovr_a[0]:.2f}", f"{ovr_a[1]:.1f}",
    )


def test_rmse_vs_mae_example():
    a = np.array([2, 2, 2, 2, 2.0])
    b = np.array([0, 0, 0, 0, 10.0])
    mae_a, mae_b = a.mean(), b.mean()
    rmse_a, rmse_b = np.sqrt((a**2).mean()), np.sqrt((b**2).mean())
    assert mae_a == mae_b == 2.0
    assert np.isclose(rmse_b, np.sqrt(5) * mae_b)
    assert_states("rmse-vs-mae", f"{mae_a:.1f}", f"{rmse_a:.1f}", f"{rmse_b:.2f}")


def test_mean_and_median_win_under_their_own_losses():
    y = np.array([1, 2, 3, 4, 100.0])
    mean, median = y.mean(), np.median(y)
    mse = {c: ((y - c) ** 2).mean() for c in (mean, median)}
    mae = {c: np.abs(y - c).mean() for c in (mean, median)}
    assert mse[mean] < mse[median] and mae[median] < mae[mean]
    assert_states(
        "mean-median-optimal-constant-predictor",
        f"{mean:.0f}", f"{median:.0f}", f"{mse[mean]:.0f}", f"{mse[median]:.0f}",
        f"{mae[mean]:.1f}", f"{mae[median]:.1f}", f"{5 * median:.0f}", f"{y.sum():.0f}",
    )


def test_mape_prefers_low_forecasts_and_smape_flips_the_asymmetry():
    y = np.array([50, 100, 150.0])
    mape = {c: (np.abs(y - c) / y).mean() for c in (50, 100, 150)}
    grid = np.linspace(0, 200, 20001)
    best = grid[np.argmin([(np.abs(y - c) / y).mean() for c in grid])]
    assert np.isclose(best, 50)

    def smape(actual, forecast):
        return 2 * abs(actual - forecast) / (abs(actual) + abs(forecast))

    assert_states(
        "mape-asymmetry-and-smape",
        f"{abs(100 - 50) / 50:.0%}", f"{abs(50 - 100) / 100:.0%}",
        f"{mape[50]:.1%}", f"{mape[100]:.1%}", f"{mape[150]:.1%}",
        f"{smape(100, 150):.1%}", f"{smape(100, 50):.1%}", f"{smape(0, 5):.0%}",
    )


def test_r_squared_examples():
    y = np.array([3, 5, 7, 9.0])
    reversed_r2 = r2_score(y, [9, 7, 5, 3])
    constant_r2 = r2_score(y, [6, 6, 6, 6])
    ss_tot = ((y - y.mean()) ** 2).sum()
    ss_res = ((y - np.array([9, 7, 5, 3])) ** 2).sum()
    n, p, r2 = 50, 10, 0.40
    adjusted = 1 - (1 - r2) * (n - 1) / (n - p - 1)
    assert_states(
        "r-squared-negative-and-adjusted",
        f"{ss_tot:.0f}", f"{ss_res:.0f}", f"{reversed_r2:.1f}", f"{constant_r2:.1f}",
        f"{adjusted:.3f}",
    )


def test_msle_scale_asymmetry_and_optimal_constant():
    under = mean_squared_log_error([100], [50])
    over = mean_squared_log_error([100], [150])
    rows = [mean_squared_log_error([a], [f]) for a, f in ((10, 20), (1000, 2000), (0, 1))]
    y = np.array([1, 2, 3, 4, 100.0])
    constant = np.expm1(np.log1p(y).mean())
    assert_states(
        "msle-and-rmsle",
        f"{under:.3f}", f"{over:.3f}", f"{under / over:.1f}", *(f"{v:.3f}" for v in rows),
        f"{constant:.2f}",
    )


def test_huber_location_moves_from_median_to_mean_with_delta():
    y = np.array([1, 2, 3, 4, 100.0])
    stated = []
    for delta in (2, 5, 20, 1000):
        c = brentq(lambda c, d=delta: np.clip(y - c, -d, d).sum(), -10, 200)
        stated.append(f"{c:.2f}".rstrip("0").rstrip(".") if delta in (5,) else f"{c:.1f}")
    assert stated == ["3.0", "3.75", "7.5", "22.0"]
    assert_states("huber-loss-compromise", *stated)


def test_precision_recall_at_k_and_mrr():
    rel = np.array([1, 0, 1, 0, 0, 1, 0, 0, 0, 0])
    total_relevant = 4
    values = [
        rel[:5].sum() / 5, rel[:5].sum() / total_relevant,
        rel[:10].sum() / 10, rel[:10].sum() / total_relevant,
    ]
    mrr = (1 + 1 / 3 + 0) / 3
    assert_states(
        "precision-recall-at-k-and-mrr",
        *(f"{v:g}" for v in values), f"{mrr:.3f}",
    )


def _average_precision(rel: list[int], total_relevant: int) -> float:
    hits = np.flatnonzero(rel) + 1
    return sum((i + 1) / h for i, h in enumerate(hits)) / total_relevant


def test_mean_average_precision_example():
    q1 = [1, 0, 1, 0, 0, 1, 0, 0, 0, 0]
    q2 = [0, 1, 0, 0, 1]
    ap1, ap2 = _average_precision(q1, 4), _average_precision(q2, 2)
    wrong = _average_precision(q1, 3)
    assert np.isclose(average_precision_score(q2, [5, 4, 3, 2, 1]), ap2)
    assert_states(
        "mean-average-precision",
        f"{ap1:.3f}", f"{ap2:.2f}", f"{(ap1 + ap2) / 2:.3f}", f"{wrong:.3f}",
    )


def test_ndcg_worked_example():
    ranked = np.array([2, 3, 0, 1, 2])
    pool = np.array([2, 3, 0, 1, 2, 3, 0])
    ideal = np.sort(pool)[::-1][:5]
    discounts = np.log2(np.arange(2, 7))

    def dcg(grades, gain):
        return float((gain(grades) / discounts).sum())

    def linear(g):
        return g

    def exponential(g):
        return 2.0**g - 1

    lin = dcg(ranked, linear), dcg(ideal, linear)
    exp = dcg(ranked, exponential), dcg(ideal, exponential)
    wrong_idcg = dcg(np.sort(ranked)[::-1], linear)
    sk = ndcg_score([pool], [[7, 6, 5, 4, 3, 0.5, 0.4]], k=5)
    assert np.isclose(sk, lin[0] / lin[1])
    terms_lin = [f"{t:.3f}" for t in linear(ranked) / discounts]
    terms_exp = [f"{t:.3f}" for t in exponential(ranked) / discounts]
    assert_states(
        "ndcg-worked-example",
        *(f"{d:.3f}" for d in discounts[1:]),
        *(t for t in terms_lin + terms_exp if t != "0.000"),
        f"{lin[0]:.2f}", f"{lin[1]:.2f}", f"{lin[0] / lin[1]:.3f}",
        f"{exp[0]:.2f}", f"{exp[1]:.2f}", f"{exp[0] / exp[1]:.3f}",
        f"{wrong_idcg:.2f}", f"{lin[0] / wrong_idcg:.3f}",
    )


def test_ranking_metric_for_search_contrast():
    lists = [np.array([1, 0, 0, 0, 0]), np.array([1, 1, 1, 0, 0])]
    rr = [1 / (np.flatnonzero(x)[0] + 1) for x in lists]
    p5 = [x.sum() / 5 for x in lists]
    assert rr == [1.0, 1.0]
    assert_states("ranking-metric-for-search", f"{rr[0]:.1f}", *(f"{p:.1f}" for p in p5))


def test_fraud_capacity_and_value_recall():
    transactions, fraud_rate, capacity, caught = 200_000, 0.001, 200, 90
    frauds = transactions * fraud_rate
    precision_at_k = caught / capacity
    recall = caught / frauds
    case_recall, value_recall = 80 / 100, 20_000 / 100_000
    assert_states(
        "metric-for-fraud-detection",
        f"{frauds:.0f}", f"{precision_at_k:.2f}", f"{recall:.0%}",
        f"{case_recall:.0%} case recall", f"{value_recall:.0%} value recall",
    )


def test_screening_ppv_at_low_prevalence():
    n, prevalence, sensitivity = 10_000, 0.01, 0.95
    sick = n * prevalence
    tp = round(sick * sensitivity)
    stated = [f"{tp}"]
    fps = []
    for specificity in (0.95, 0.99):
        fp = round((n - sick) * (1 - specificity))
        fps.append(fp)
        stated += [f"{fp}", f"{tp / (tp + fp):.1%}"]
    assert_states("metric-for-medical-screening", *stated, f"{fps[0] - fps[1]}")


def test_ad_auction_example_and_normalised_entropy():
    ecpm_x = 0.02 * 1.00 * 1000
    ecpm_y = 0.01 * 1.50 * 1000
    ecpm_y_predicted = 0.02 * 1.50 * 1000
    loss = 1 - ecpm_y / ecpm_x
    base = 0.02
    entropy = -(base * np.log(base) + (1 - base) * np.log(1 - base))
    ne = 0.0882 / entropy
    assert ecpm_y_predicted > ecpm_x
    assert_states(
        "metric-for-ad-click-prediction",
        f"{ecpm_x:.2f}", f"{ecpm_y:.2f}", f"{ecpm_y_predicted:.2f}", f"{loss:.0%}",
        f"{entropy:.3f}", f"{ne:.2f}",
    )


def test_churn_lift_and_uplift_savings():
    lift = 0.30 / 0.05
    contacts = 1000
    saved_a = contacts * (0.60 - 0.55)
    saved_b = contacts * (0.20 - 0.10)
    assert_states(
        "metric-for-churn-under-retention-budget",
        f"{lift:.1f}", f"about {saved_a:.0f} customers", f"about {saved_b:.0f}",
    )


def test_newsvendor_cost_equals_scaled_pinball_loss():
    demand = np.array([6, 7, 8, 9, 10, 10, 11, 12, 14, 18.0])
    c_under, c_over = 4, 1
    tau = c_under / (c_under + c_over)

    def cost(q):
        return (c_under * np.maximum(demand - q, 0) + c_over * np.maximum(q - demand, 0)).mean()

    orders = np.arange(5, 20)
    mape_best = orders[np.argmin([(np.abs(demand - q) / demand).mean() for q in orders])]
    mae_best = orders[np.argmin([np.abs(demand - q).mean() for q in orders])]
    costs = np.array([cost(q) for q in orders])
    cost_best = orders[costs == costs.min()]
    pinball = mean_pinball_loss(demand, np.full_like(demand, 12), alpha=tau)
    assert np.isclose((c_under + c_over) * pinball, cost(12))
    assert cost_best.tolist() == [12, 13, 14]
    assert_states(
        "forecasting-metric-and-pinball-loss",
        f"{tau:.1f}", f"| {mape_best} | {cost(mape_best):.1f} |",
        f"| {mae_best} | {cost(mae_best):.1f} |", f"{costs.min():.1f}", f"{pinball:.1f}",
        f"{cost(mae_best) / costs.min() - 1:.0%}", f"{cost(mape_best) / costs.min() - 1:.0%}",
    )


def test_screening_five_in_six_positives_are_false():
    n, prevalence, sensitivity, specificity = 10_000, 0.01, 0.95, 0.95
    tp = n * prevalence * sensitivity
    fp = n * (1 - prevalence) * (1 - specificity)
    false_share = fp / (tp + fp)
    assert abs(false_share - 5 / 6) < 0.01  # 0.839 against 0.833
    assert_states("metric-for-medical-screening", "about five in six positives are false")


def test_which_metric_accuracy_of_predicting_nothing():
    assert_states(
        "which-evaluation-metric-should-i-use",
        f"({98 / (98 + 2):.0%} on a", f"{1 - 0.001:.1%} for \"never fraud\"",
        "0.1% of transactions", "scores 0.5",
    )
