"""Recompute the numbers stated in the entry-level batch easy3 (object detection, recurrent
networks, the multi-armed bandit, PMF/PDF/CDF)."""

from __future__ import annotations

import math

from tests.helpers import all_text


def _norm(text: str) -> str:
    return " ".join(text.split())


def assert_states_ws(question_id: str, *expected: str) -> None:
    """Like tests.helpers.assert_states, but blind to line wrapping in the YAML."""
    text = _norm(all_text(question_id))
    missing = [e for e in expected if _norm(e) not in text]
    assert not missing, f"{question_id} does not state {missing}"


# --- object-detection-vs-classification-and-segmentation -------------------------------------

def _iou(a, b):
    x1, y1 = max(a[0], b[0]), max(a[1], b[1])
    x2, y2 = min(a[2], b[2]), min(a[3], b[3])
    inter = max(0, x2 - x1) * max(0, y2 - y1)
    area = lambda r: (r[2] - r[0]) * (r[3] - r[1])  # noqa: E731
    return inter, area(a) + area(b) - inter


def test_shifted_box_iou():
    truth = (0, 0, 10, 10)
    pred = (2, 2, 12, 12)  # shifted 2 right and 2 down
    inter, union = _iou(truth, pred)
    assert (inter, union) == (64, 136)
    iou = inter / union
    assert f"{iou:.3f}" == "0.471"
    assert iou < 0.5
    coco = [round(0.50 + 0.05 * i, 2) for i in range(10)]  # COCO's ten IoU thresholds
    assert coco[:2] == [0.50, 0.55] and coco[-1] == 0.95
    assert_states_ws(
        "object-detection-vs-classification-and-segmentation",
        "an 8×8 square",
        "IoU $= 64/(100 + 100 - 64) = 64/136 = 0.471$",
        "thresholds 0.50, 0.55, ..., 0.95",
    )


# --- what-is-a-recurrent-neural-network -------------------------------------------------------

def test_rnn_parameter_counts():
    x, h = 100, 256
    rnn = h * x + h * h + h
    assert rnn == 91_392
    torch_rnn = h * x + h * h + 2 * h  # torch.nn.RNN has bias_ih and bias_hh
    assert torch_rnn == 91_648
    lstm = 4 * rnn  # input, forget and output gates plus the candidate, each an RNN-sized block
    assert lstm == 4 * (h * (h + x) + h) == 365_568
    torch_lstm = 4 * torch_rnn  # weight_ih (4h x x), weight_hh (4h x h), bias_ih and bias_hh (4h)
    assert torch_lstm == 4 * h * x + 4 * h * h + 2 * 4 * h == 366_592
    assert_states_ws(
        "what-is-a-recurrent-neural-network",
        "$256 \\cdot 100 + 256 \\cdot 256 + 256 = 91{,}392$",
        "four such blocks (three gates and the candidate), 365,568",
        "two bias vectors per block: 91,648 and 366,592",
    )


def test_rnn_gradient_decay():
    assert f"{0.9 ** 50:.4f}" == "0.0052"
    assert_states_ws("what-is-a-recurrent-neural-network", "$0.9^{50} \\approx 0.0052$")


# --- what-is-a-multi-armed-bandit-problem -----------------------------------------------------

QID_BANDIT = "what-is-a-multi-armed-bandit-problem"
CTR = {"A": 0.05, "B": 0.04, "C": 0.02}
N = 9_000


def _regret(shares):
    best = max(CTR.values())
    pulls = {arm: N * share for arm, share in shares.items()}
    expected_clicks = sum(pulls[arm] * CTR[arm] for arm in CTR)
    by_gap = sum(pulls[arm] * (best - CTR[arm]) for arm in CTR)
    regret = N * best - expected_clicks
    assert math.isclose(regret, by_gap)  # R_T = T mu* - E[sum r] = sum_i gap_i E[n_i]
    return pulls, expected_clicks, regret


def test_even_split_regret():
    pulls, clicks, regret = _regret({arm: 1 / 3 for arm in CTR})
    assert [round(pulls[a]) for a in "ABC"] == [3_000, 3_000, 3_000]
    assert [round(pulls[a] * CTR[a]) for a in "ABC"] == [150, 120, 60]
    assert round(clicks) == 330
    assert round(N * CTR["A"]) == 450
    assert round(regret) == 120
    assert_states_ws(
        QID_BANDIT,
        "9,000 impressions",
        "$150 + 120 + 60 = 330$ clicks against 450",
        "regret $3{,}000 \\times 0.01 + 3{,}000 \\times 0.03 = 120$ clicks",
    )


def test_epsilon_greedy_regret():
    eps, k = 0.15, 3
    best_share = (1 - eps) + eps / k
    other_share = eps / k
    assert math.isclose(best_share, 0.90) and math.isclose(other_share, 0.05)
    pulls, _, regret = _regret({"A": best_share, "B": other_share, "C": other_share})
    assert round(pulls["B"]) == round(pulls["C"]) == 450
    assert round(regret) == 18
    assert_states_ws(
        QID_BANDIT,
        "$\\varepsilon = 0.15$",
        "90% of the time (85% greedy plus its third of the random picks) and each other 5%",
        "$450 \\times 0.01 + 450 \\times 0.03 = 18$ clicks",
    )


def test_regret_is_gap_weighted_pulls():
    assert round(3_000 * (CTR["A"] - CTR["B"])) == 30
    assert round(3_000 * (CTR["A"] - CTR["C"])) == 90
    assert_states_ws(QID_BANDIT, "3,000 pulls of the 4% headline cost 30 clicks, of the 2% one 90")


# --- probability-distributions-pmf-pdf-and-cdf ------------------------------------------------

QID_DIST = "probability-distributions-pmf-pdf-and-cdf"


def test_coin_flip_pmf_and_cdf():
    pmf = {k: math.comb(2, k) / 4 for k in range(3)}
    assert pmf == {0: 0.25, 1: 0.5, 2: 0.25}
    assert pmf[0] + pmf[1] == 0.75  # P(heads <= 1)
    assert pmf[0] == 0.25  # P(heads < 1)
    assert_states_ws(
        QID_DIST,
        "$p(0) = 0.25$, $p(1) = 0.5$, $p(2) = 0.25$",
        "$P(\\text{heads} \\le 1) = 0.75$ but $P(\\text{heads} < 1) = 0.25$",
    )


def test_densities_above_one():
    from scipy import stats

    assert stats.uniform(loc=0, scale=0.5).pdf(0.25) == 2.0
    peak = stats.norm(scale=0.1).pdf(0.0)
    assert math.isclose(peak, 1 / (0.1 * math.sqrt(2 * math.pi)))
    assert f"{peak:.2f}" == "3.99"
    assert_states_ws(QID_DIST, "a uniform on $[0, 0.5]$ has density 2", "peaks at 3.99")


def test_exponential_waiting_time():
    from scipy import stats

    wait = stats.expon(scale=10)
    assert wait.mean() == 10 and math.isclose(wait.pdf(0), 0.1)  # rate 1 / mean = 0.1 per second
    p5 = wait.cdf(5)
    assert math.isclose(p5, 1 - math.exp(-0.5))
    assert f"{p5:.3f}" == "0.393"
    p5_15 = wait.cdf(15) - wait.cdf(5)
    assert math.isclose(p5_15, math.exp(-0.5) - math.exp(-1.5))
    assert f"{p5_15:.3f}" == "0.383"
    median = wait.ppf(0.5)
    assert math.isclose(median, 10 * math.log(2))
    assert f"{median:.2f}" == "6.93" and median < wait.mean() == 10
    # inverse-transform sampling: -10 ln(1 - U) is F^{-1}(U)
    u = 0.3
    assert math.isclose(-10 * math.log(1 - u), wait.ppf(u))
    assert_states_ws(
        QID_DIST,
        "mean 10 seconds (rate 0.1 per second)",
        "$P(X \\le 5) = 1 - e^{-0.5} = 0.393$",
        "$P(5 < X \\le 15) = e^{-0.5} - e^{-1.5} = 0.383$",
        "$m = 10 \\ln 2 = 6.93$ seconds",
        "$X = -10 \\ln(1 - U)$",
    )
