"""Recompute every number stated in the gaps wave-3 batch (Q-learning, policy gradients,
mixture-of-experts parameters, and the rest)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tests.helpers import assert_states, run_python_block

QL = "mdp-bellman-equation-and-q-learning"
PG = "policy-gradient-reinforce-and-baselines"
MOE = "mixture-of-experts-routing-and-active-parameters"


def test_corridor_value_iteration_and_q_learning_updates():
    gamma = 0.9
    # states 0, 1; actions 0=left, 1=right; goal terminal
    def step(s, a):
        if a == 1:
            return (None, 1.0) if s == 1 else (1, 0.0)
        return (max(s - 1, 0), 0.0)

    q = np.zeros((2, 2))
    for _ in range(200):
        new = np.zeros_like(q)
        for s in range(2):
            for a in range(2):
                nxt, r = step(s, a)
                new[s, a] = r + (0.0 if nxt is None else gamma * q[nxt].max())
        q = new
    assert math.isclose(q[1, 1], 1.0)
    assert math.isclose(q[0, 1], 0.9)
    assert math.isclose(q[0, 0], 0.81) and math.isclose(q[1, 0], 0.81)
    assert_states(QL, "=0.9", "0.81", "\\gamma=0.9")

    alpha = 0.5
    ql = np.zeros((2, 2))
    ql[1, 1] += alpha * (1.0 + 0.0 - ql[1, 1])
    ql[0, 1] += alpha * (0.0 + gamma * ql[1].max() - ql[0, 1])
    assert math.isclose(ql[1, 1], 0.5)
    assert math.isclose(ql[0, 1], 0.225)
    assert_states(QL, "=0.5", "=0.225", "\\alpha=0.5")
    # effective horizon in a follow-up
    assert round(1 / (1 - gamma)) == 10
    assert_states(QL, "10 steps")


def test_two_armed_bandit_score_function_variance():
    theta = 0.0
    p1 = 1 / (1 + math.exp(-theta))
    score = {1: 1 - p1, 2: -p1}
    rewards = {1: 11.0, 2: 9.0}
    probs = {1: p1, 2: 1 - p1}
    assert score[1] == 0.5 and score[2] == -0.5
    est = {a: rewards[a] * score[a] for a in (1, 2)}
    assert est == {1: 5.5, 2: -4.5}
    mean = sum(probs[a] * est[a] for a in (1, 2))
    var = sum(probs[a] * (est[a] - mean) ** 2 for a in (1, 2))
    true_grad = p1 * (1 - p1) * (rewards[1] - rewards[2])
    assert math.isclose(mean, true_grad) and math.isclose(mean, 0.5)
    assert math.isclose(var, 25.0)
    base = {a: (rewards[a] - 10.0) * score[a] for a in (1, 2)}
    assert base == {1: 0.5, 2: 0.5}
    assert_states(PG, "+0.5", "-0.5", "$5.5$", "$-4.5$", "$0.5$", "variance 25", "b=10",
                  "variance 0", "11 and 9")


def test_mixtral_like_parameter_counts():
    layers, d, hidden, experts, top_k = 32, 4096, 14336, 8, 2
    kv = 8 * 128
    vocab = 32000
    expert = 3 * d * hidden
    attn = d * (d + kv + kv + d)
    emb = 2 * vocab * d
    router = d * experts * layers
    total = layers * experts * expert + layers * attn + emb + router
    active = layers * top_k * expert + layers * attn + emb + router
    assert f"{expert / 1e6:.1f}" == "176.2"
    assert f"{attn / 1e6:.1f}" == "41.9"
    assert f"{layers * experts * expert / 1e9:.1f}" == "45.1"
    assert f"{layers * attn / 1e9:.2f}" == "1.34"
    assert f"{emb / 1e9:.2f}" == "0.26"
    assert f"{total / 1e9:.1f}" == "46.7"
    assert f"{layers * top_k * expert / 1e9:.1f}" == "11.3"
    assert f"{active / 1e9:.1f}" == "12.9"
    assert round(2 * total / 1e9) == 93
    assert_states(MOE, "176.2", "41.9", "45.1", "1.34", "0.26", "46.7", "11.3", "12.9",
                  "93 GB", "4096+1024+1024+4096", "3\\times4096\\times14336")


BF = "bayesian-vs-frequentist-inference"


def test_coin_nine_of_ten_both_ways():
    from scipy.stats import beta, binomtest

    res = binomtest(9, 10, 0.5, alternative="greater")
    assert f"{res.pvalue:.4f}" == "0.0107"
    ci = binomtest(9, 10).proportion_ci(confidence_level=0.95, method="exact")
    assert (f"{ci.low:.3f}", f"{ci.high:.3f}") == ("0.555", "0.997")
    post = beta(1 + 9, 1 + 1)
    assert f"{post.mean():.3f}" == "0.833"
    lo, hi = post.ppf([0.025, 0.975])
    assert (f"{lo:.3f}", f"{hi:.3f}") == ("0.587", "0.977")
    assert f"{post.sf(0.5):.3f}" == "0.994"
    assert_states(BF, "9 heads in 10", "\\hat p=0.9", "[0.555, 0.997]", "0.0107",
                  "Beta(10,2)", "0.833", "[0.587, 0.977]", "P(p>0.5\\mid D)=0.994")


SEG = "image-segmentation-unet-and-dice-loss"


def test_dice_iou_and_pixel_accuracy():
    n, fg = 10_000, 100
    truth = np.zeros(n, bool)
    truth[:fg] = True
    assert f"{(~truth).mean():.0%}" == "99%"
    pred = np.zeros(n, bool)
    pred[:80] = True            # 80 true positives
    pred[fg:fg + 40] = True     # 40 false positives
    tp = (pred & truth).sum()
    dice = 2 * tp / (pred.sum() + truth.sum())
    iou = tp / (pred | truth).sum()
    assert (2 * tp, pred.sum() + truth.sum(), (pred | truth).sum()) == (160, 220, 140)
    assert f"{dice:.3f}" == "0.727" and f"{iou:.3f}" == "0.571"
    assert math.isclose(dice, 2 * iou / (1 + iou))
    assert_states(SEG, "100 of 10,000", "99% pixel", "160/220=0.727", "80/140=0.571")


GNN = "graph-neural-networks-message-passing-and-oversmoothing"


def test_oversmoothing_block_prints_the_stated_similarities():
    out = run_python_block(GNN).split()
    vals = dict(zip(out[0::2], out[1::2]))
    assert vals == {"0": "0.02", "2": "0.55", "8": "0.91", "32": "1.0"}
    assert_states(GNN, "0.02 at $k=0$ to 0.55, 0.91 and 1.0", "6-node path", "after 32 layers")


LTR = "learning-to-rank-pointwise-pairwise-listwise-losses"


def _dcg(rels):
    return sum((2**r - 1) / math.log2(i + 2) for i, r in enumerate(rels))


def test_ranknet_loss_and_lambda_weights():
    d = 1.0
    loss = math.log1p(math.exp(-d))
    grad = -1 / (1 + math.exp(d))
    assert f"{loss:.3f}" == "0.313" and f"{grad:.3f}" == "-0.269"
    order = [0, 1, 3]
    ideal = _dcg(sorted(order, reverse=True))
    ndcg = _dcg(order) / ideal
    swap_top = (_dcg([3, 1, 0]) - _dcg(order)) / ideal
    swap_adjacent = (_dcg([0, 3, 1]) - _dcg(order)) / ideal
    assert f"{ndcg:.3f}" == "0.541"
    assert f"{swap_top:.3f}" == "0.459" and f"{swap_adjacent:.3f}" == "0.103"
    assert round(swap_top / swap_adjacent, 1) == 4.5
    assert_states(LTR, "s_i-s_j=1", "is 0.313", "=-0.269", "(0, 1, 3)", "0.541", "by 0.459",
                  "by 0.103", "4.5 times")


PYMK = "design-people-you-may-know"


def test_adamic_adar_and_two_hop_fanout():
    assert 200 * 200 == 40_000
    terms = [1 / math.log(d) for d in (10, 100, 1000)]
    assert [f"{t:.3f}" for t in terms] == ["0.434", "0.217", "0.145"]
    assert f"{sum(terms):.3f}" == "0.796"
    assert f"{2 / math.log(5):.3f}" == "1.243"
    assert_states(PYMK, "200\\times200=40{,}000", "0.434+0.217+0.145=0.796", "score 1.243",
                  "10, 100 and 1,000")


VIS = "design-visual-image-search"


def test_billion_vector_index_memory():
    raw = 10**9 * 256 * 4
    pq = 10**9 * 32
    assert f"{raw / 1e12:.2f}" == "1.02"
    assert pq / 1e9 == 32
    assert 10**9 * 8 / 1e9 == 8   # one 64-bit ID per vector
    assert_states(VIS, "10^9\\times256\\times4", "1.02 TB", "32 bytes per vector", "32 GB",
                  "8 GB if each vector")


MASE = "mase-and-backtesting-forecasts"


def test_mase_worked_example():
    train = np.array([10, 12, 11, 13, 12, 14])
    test = np.array([15, 13, 16])
    naive_errors = np.abs(np.diff(train))
    assert naive_errors.tolist() == [2, 1, 2, 1, 2]
    scale = naive_errors.mean()
    assert scale == 1.6
    model = np.array([15, 14, 15])
    naive = np.full(3, train[-1])
    mae_m, mae_n = np.abs(test - model).mean(), np.abs(test - naive).mean()
    assert (f"{mae_m:.3f}", f"{mae_m / scale:.3f}") == ("0.667", "0.417")
    assert (f"{mae_n:.3f}", f"{mae_n / scale:.3f}") == ("1.333", "0.833")
    assert_states(MASE, "10, 12, 11, 13, 12, 14", "2, 1, 2, 1, 2", "scale is 1.6",
                  "15, 13, 16", "MAE 0.667 and MASE 0.417", "MAE 1.333 and MASE 0.833")


GP = "gaussian-process-regression"


def test_gp_posterior_numbers():
    X = np.array([0.0, 1.0])
    y = np.array([1.0, 0.0])
    Xs = np.array([0.5, 3.0])

    def k(a, b):
        return np.exp(-(a[:, None] - b[None, :]) ** 2 / 2)

    K = k(X, X) + 0.01 * np.eye(2)
    Ks = k(Xs, X)
    mean = Ks @ np.linalg.solve(K, y)
    std = np.sqrt(np.diag(k(Xs, Xs) - Ks @ np.linalg.solve(K, Ks.T)))
    assert [f"{m:.3f}" for m in mean] == ["0.546", "-0.109"]
    assert [f"{s:.3f}" for s in std] == ["0.191", "0.987"]
    out = run_python_block(GP)
    assert "0.546" in out and "-0.109" in out and "0.191" in out and "0.987" in out
    assert_states(GP, "noise variance 0.01", "mean is 0.546", "deviation 0.191", "($-0.109$)",
                  "(0.987)")


IFO = "isolation-forest-how-it-works"


def test_isolation_forest_normaliser_and_scores():
    from sklearn.ensemble import IsolationForest

    psi = 256
    c = 2 * (math.log(psi - 1) + np.euler_gamma) - 2 * (psi - 1) / psi
    assert f"{c:.2f}" == "10.24"
    assert f"{2 ** (-4 / c):.3f}" == "0.763"
    assert f"{2 ** (-15 / c):.3f}" == "0.362"
    assert 2 ** (-c / c) == 0.5
    X = np.random.default_rng(0).normal(size=(300, 2))
    model = IsolationForest(random_state=0).fit(X)
    assert model.offset_ == -0.5   # contamination="auto"
    assert_states(IFO, "c=10.24", "2^{-4/10.24}=0.763", "scores 0.362", "$-0.5$",
                  "100 by default", "256 by default")


PER = "perceptron-algorithm-and-convergence"


def test_perceptron_block_and_bound():
    out = run_python_block(PER)
    assert "epochs: 4 mistakes: 5" in out and "[ 2.   0.5 -1. ]" in out
    assert (1 / 0.1) ** 2 == pytest.approx(100)
    assert_states(PER, "5 mistakes over 4 passes", "w=(2,\\,0.5,\\,-1)", "R=1$ and $\\gamma=0.1$",
                  "at most 100 mistakes")


MCMC = "mcmc-metropolis-hastings"


def test_metropolis_block_prints_stated_values():
    out = run_python_block(MCMC)
    assert "acceptance 0.44, mean 2.00, sd 0.99" in out
    assert_states(MCMC, "acceptance rate of 0.44, mean 2.00 and standard deviation 0.99",
                  "0.234")


ETA = "design-eta-prediction"


def test_eta_quantile_from_cost_ratio():
    c_late, c_early = 3.0, 1.0
    assert c_late / (c_late + c_early) == 0.75
    assert_states(ETA, "3/(3+1)=0.75", "\\tau=0.75", "three times")


FL = "federated-learning-fedavg"


def test_fedavg_weights_and_upload_size():
    n = np.array([100, 300, 600])
    assert (n / n.sum()).tolist() == [0.1, 0.3, 0.6]
    params = 10_000_000
    assert params * 4 / 1e6 == 40 and params * 1 / 1e6 == 10
    assert_states(FL, "100, 300 and 600", "0.1, 0.3 and 0.6", "40 MB", "10 MB")


OPE = "off-policy-evaluation-ips-and-doubly-robust"


def test_ips_snips_dm_dr_on_ten_logs():
    p_b = 0.2
    actions = ["A"] * 7 + ["B"] * 3
    rewards = [0, 1, 0, 1, 1, 0, 1] + [1, 1, 0]   # A rewards do not enter
    w = np.array([(1.0 if a == "B" else 0.0) / (p_b if a == "B" else 0.8) for a in actions])
    r = np.array(rewards, float)
    n = len(actions)
    assert w.tolist().count(5.0) == 3
    ips = (w * r).sum() / n
    snips = (w * r).sum() / w.sum()
    r_hat_b = 0.5
    dm = r_hat_b
    dr = dm + (w * (r - r_hat_b) * (w > 0)).sum() / n
    ess = w.sum() ** 2 / (w**2).sum()
    assert math.isclose(ips, 1.0) and f"{snips:.3f}" == "0.667"
    assert math.isclose(dr, 0.75) and math.isclose(ess, 3.0)
    assert (w.sum(), (w**2).sum()) == (15.0, 75.0)
    assert_states(OPE, "1/0.2=5", "(5+5+0)/10=1.0", "10/15=0.667", "estimate 0.5",
                  "=0.75", "15^2/75=3")


MC = "markov-chain-stationary-distribution-and-pagerank"


def test_weather_chain_and_small_pagerank():
    P = np.array([[0.7, 0.2, 0.1], [0.3, 0.4, 0.3], [0.2, 0.3, 0.5]])
    pi = np.array([21, 13, 12]) / 46
    assert np.allclose(pi @ P, pi)
    assert [f"{v:.3f}" for v in pi] == ["0.457", "0.283", "0.261"]
    assert 0.7 * 21 + 0.3 * 13 + 0.2 * 12 == pytest.approx(21)
    eig = sorted(np.abs(np.linalg.eigvals(P)), reverse=True)
    assert math.isclose(eig[0], 1.0) and f"{eig[1]:.3f}" == "0.473" and f"{eig[2]:.3f}" == "0.127"
    links = np.array([[0, 1, 1], [0, 0, 1], [1, 0, 0]], float)
    G = 0.85 * links / links.sum(axis=1, keepdims=True) + 0.15 / 3
    x = np.ones(3) / 3
    for _ in range(500):
        x = x @ G
    assert [f"{v:.3f}" for v in x] == ["0.388", "0.215", "0.397"]
    assert_states(MC, "(21,13,12)/46\\approx(0.457,0.283,0.261)", "0.7\\cdot21+0.3\\cdot13+0.2\\cdot12=21",
                  "45.7%", "about 0.473 and about 0.127", "0.388, 0.215 and 0.397", "d=0.85")


LAB = "finding-label-errors-in-training-data"


def test_label_error_review_block():
    out = run_python_block(LAB)
    assert "61 of the 100 flagged rows are real label errors" in out
    assert 100 * 0.05 == 5 and round(61 / 5) == 12
    assert_states(LAB, "61 of the 100 flagged rows are real errors", "against 5 expected",
                  "12-fold", "Flip 5% of the labels")


CONV = "backprop-through-convolution-and-pooling"


def test_conv_and_pool_gradients():
    out = run_python_block(CONV)
    assert "[-1. -1. -1.] [14. 20.] [ 1.  1.  1. -3.] True" in out
    x = np.array([1.0, 3.0, 2.0, 5.0])
    g = np.array([0.5, -1.0])
    windows = x.reshape(2, 2)
    assert windows.max(axis=1).tolist() == [3.0, 5.0]
    dx = np.zeros_like(windows)
    dx[np.arange(2), windows.argmax(axis=1)] = g
    assert dx.ravel().tolist() == [0.0, 0.5, 0.0, -1.0]
    assert_states(CONV, "y=(-1,-1,-1)", "=14$", "=20$", "(1,\\ 2-1,\\ 3-2,\\ -3)=(1,1,1,-3)",
                  "y=(3,5)", "(0.5,-1)", "(0,0.5,0,-1)")


UNC = "aleatoric-vs-epistemic-uncertainty-deep-ensembles"


def test_ensemble_variance_decomposition():
    mu = np.array([2.0, 2.4, 3.1])
    var = np.array([0.5, 0.6, 0.4])
    assert math.isclose(mu.mean(), 2.5) and math.isclose(var.mean(), 0.5)
    assert f"{mu.var():.3f}" == "0.207"
    assert f"{var.mean() + mu.var():.3f}" == "0.707"
    assert_states(UNC, "2.0, 2.4 and 3.1", "variances 0.5, 0.6", "mean prediction 2.5",
                  "aleatoric part 0.5", "epistemic part 0.207", "total 0.707")


NNHP = "neural-network-hyperparameter-tuning-priorities"


def test_adamw_decay_per_step():
    lr, wd = 1e-3, 0.1
    assert math.isclose(lr * wd, 1e-4)
    assert math.isclose((2 * lr) * wd, 2 * lr * wd)
    assert_states(NNHP, "\\eta=10^{-3}", "\\lambda=0.1", "1-10^{-4}", "doubling $\\eta$ also doubles")
