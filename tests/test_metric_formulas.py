"""The formulas of the metrics registry are what the libraries compute.

The metric reference page shows, for every metric in `questions/metrics.yaml`, a LaTeX formula and
the scikit-learn function that computes it. Readers will trust the two to agree, and they often
do not by default (average precision is a step-wise sum, not a trapezoid; MAPE is not multiplied
by 100; top-k accuracy defaults to k=2). So this file holds `REFERENCE`, a plain-numpy
implementation of every metric written from its textbook formula, and checks:

(a) for every registry entry naming a scikit-learn function: the function, called with the
    entry's `sklearn_args`, equals the reference on random data (5 seeds, relative tolerance
    1e-9; one test case per metric);
(b) every registry entry naming a scikit-learn function has a reference, and every entry without
    one has a hand-worked check below (so a new metric cannot arrive untested);
(c) the metrics scikit-learn does not provide (specificity, expected calibration error, Huber
    loss, precision@k, recall@k, MAP, MRR) match small examples worked by hand.

If a test in (a) fails, the formula the site shows (or the `sklearn_args` chosen) is not what the
library computes: fix the registry entry, not the reference, unless the reference is wrong.

Metric parameters. F-beta, top-k accuracy and pinball loss are checked at the values their
`sklearn_args` set (beta=2, k=3, alpha=0.9), which must be explicit: scikit-learn's defaults
(k=2, alpha=0.5, no beta at all) are not the metric the page describes. The other entries'
`sklearn_args` select the variant: macro-f1 {average: macro}, micro-f1 {average: micro},
weighted-f1 {average: weighted}, multiclass-roc-auc {multi_class: ovr, average: macro}.

The registry is read from `$MLQ_BANK/metrics.yaml` (default: the real bank's `questions/`).
"""

from __future__ import annotations

import importlib
import math
import os
from pathlib import Path

import numpy as np
import pytest
import yaml
from scipy.special import gammaln

REPO_ROOT = Path(__file__).resolve().parent.parent
REGISTRY = Path(os.environ.get("MLQ_BANK", REPO_ROOT / "questions")) / "metrics.yaml"
SEEDS = range(5)
REL_TOL = 1e-9
NO_SKLEARN = {None, "", "none", "None"}


def load_registry() -> list[dict]:
    """The registry's entries; [] when it is missing (test_the_registry_exists... fails)."""
    if not REGISTRY.exists():
        return []
    data = yaml.safe_load(REGISTRY.read_text(encoding="utf-8"))
    entries = data["metrics"] if isinstance(data, dict) else data
    return list(entries or [])


ENTRIES = load_registry()
WITH_SKLEARN = [e for e in ENTRIES if e.get("sklearn") not in NO_SKLEARN]
WITHOUT_SKLEARN = [e for e in ENTRIES if e.get("sklearn") in NO_SKLEARN]


# --------------------------------------------------------------------------------------------
# Reference implementations: numpy (and scipy.special for AMI's expected MI) only.
# Classification: positive class 1. Ranking: rows are queries, columns items; an item is
# relevant when its grade is > 0; scores are assumed tie-free.
# --------------------------------------------------------------------------------------------

def _binary_counts(y_true, y_pred):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    tp = np.sum((y_true == 1) & (y_pred == 1))
    fp = np.sum((y_true == 0) & (y_pred == 1))
    fn = np.sum((y_true == 1) & (y_pred == 0))
    tn = np.sum((y_true == 0) & (y_pred == 0))
    return float(tp), float(fp), float(fn), float(tn)


def accuracy(y_true, y_pred):
    return float(np.mean(np.asarray(y_true) == np.asarray(y_pred)))


def balanced_accuracy(y_true, y_pred):
    """Mean over the true classes of the per-class recall ((TPR + TNR) / 2 when binary)."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    return float(np.mean([np.mean(y_pred[y_true == c] == c) for c in np.unique(y_true)]))


def precision(y_true, y_pred):
    tp, fp, _, _ = _binary_counts(y_true, y_pred)
    return tp / (tp + fp)


def recall(y_true, y_pred):
    tp, _, fn, _ = _binary_counts(y_true, y_pred)
    return tp / (tp + fn)


def specificity(y_true, y_pred):
    _, fp, _, tn = _binary_counts(y_true, y_pred)
    return tn / (tn + fp)


def f_beta(y_true, y_pred, beta=2.0):
    p, r = precision(y_true, y_pred), recall(y_true, y_pred)
    return (1 + beta**2) * p * r / (beta**2 * p + r)


def f1(y_true, y_pred):
    p, r = precision(y_true, y_pred), recall(y_true, y_pred)
    return 2 * p * r / (p + r)


def matthews(y_true, y_pred):
    tp, fp, fn, tn = _binary_counts(y_true, y_pred)
    return (tp * tn - fp * fn) / math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))


def cohen_kappa(y_true, y_pred):
    """(p_o - p_e) / (1 - p_e), p_e from the two raters' marginal label frequencies."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    labels = np.union1d(y_true, y_pred)
    p_o = np.mean(y_true == y_pred)
    p_e = sum(np.mean(y_true == c) * np.mean(y_pred == c) for c in labels)
    return float((p_o - p_e) / (1 - p_e))


def roc_auc(y_true, score):
    """Mann-Whitney: share of (positive, negative) pairs ranked correctly, a tie counting 1/2."""
    y_true, score = np.asarray(y_true), np.asarray(score)
    pos, neg = score[y_true == 1], score[y_true == 0]
    wins = np.sum(pos[:, None] > neg[None, :]) + 0.5 * np.sum(pos[:, None] == neg[None, :])
    return float(wins / (len(pos) * len(neg)))


def average_precision(y_true, score):
    """sum_k (R_k - R_{k-1}) P_k over the distinct scores in decreasing order, R_0 = 0."""
    y_true, score = np.asarray(y_true), np.asarray(score)
    n_pos = np.sum(y_true == 1)
    ap, previous_recall = 0.0, 0.0
    for t in np.unique(score)[::-1]:
        flagged = score >= t
        tp = np.sum(flagged & (y_true == 1))
        p_k, r_k = tp / np.sum(flagged), tp / n_pos
        ap += (r_k - previous_recall) * p_k
        previous_recall = r_k
    return float(ap)


def _per_class_f1(y_true, y_pred):
    """Labels (the union of both arrays), their F1 and their support."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    labels = np.union1d(y_true, y_pred)
    scores, support = [], []
    for c in labels:
        tp = np.sum((y_true == c) & (y_pred == c))
        fp = np.sum((y_true != c) & (y_pred == c))
        fn = np.sum((y_true == c) & (y_pred != c))
        scores.append(2 * tp / (2 * tp + fp + fn))
        support.append(np.sum(y_true == c))
    return np.array(scores, float), np.array(support, float)


def macro_f1(y_true, y_pred):
    return float(np.mean(_per_class_f1(y_true, y_pred)[0]))


def weighted_f1(y_true, y_pred):
    scores, support = _per_class_f1(y_true, y_pred)
    return float(np.sum(scores * support) / np.sum(support))


def micro_f1(y_true, y_pred):
    """2 TP / (2 TP + FP + FN) with TP, FP, FN summed over the classes."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    tp = fp = fn = 0
    for c in np.union1d(y_true, y_pred):
        tp += np.sum((y_true == c) & (y_pred == c))
        fp += np.sum((y_true != c) & (y_pred == c))
        fn += np.sum((y_true == c) & (y_pred != c))
    return float(2 * tp / (2 * tp + fp + fn))


def top_k_accuracy(y_true, proba, k=3):
    """Share of rows whose true class (labels 0..K-1) is among the k highest scores."""
    top = np.argsort(-np.asarray(proba), axis=1)[:, :k]
    return float(np.mean(np.any(top == np.asarray(y_true)[:, None], axis=1)))


def multiclass_roc_auc(y_true, proba):
    """One-vs-rest, macro: the unweighted mean over classes of AUC(class c vs the rest)."""
    y_true, proba = np.asarray(y_true), np.asarray(proba)
    return float(np.mean([roc_auc((y_true == c).astype(int), proba[:, c])
                          for c in range(proba.shape[1])]))


def log_loss(y_true, proba):
    """-1/N sum_i log p_i(y_i): binary (p = P(y=1), 1-D) or multiclass (rows of probabilities)."""
    y_true, proba = np.asarray(y_true), np.asarray(proba, float)
    if proba.ndim == 1:
        return float(-np.mean(y_true * np.log(proba) + (1 - y_true) * np.log(1 - proba)))
    return float(-np.mean(np.log(proba[np.arange(len(y_true)), y_true])))


def brier(y_true, proba):
    return float(np.mean((np.asarray(proba) - np.asarray(y_true)) ** 2))


def expected_calibration_error(y_true, proba, n_bins=10):
    """sum_m |B_m|/N |mean y(B_m) - mean p(B_m)| with equal-width bins ((m-1)/M, m/M] on the
    predicted probability of the positive class (the first bin also takes p = 0); empty bins
    count 0. Same bins as sklearn.calibration.calibration_curve(strategy="uniform")."""
    y_true, proba = np.asarray(y_true, float), np.asarray(proba, float)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    bins = np.searchsorted(edges[1:-1], proba, side="left")
    ece = 0.0
    for m in np.unique(bins):
        in_bin = bins == m
        ece += in_bin.mean() * abs(y_true[in_bin].mean() - proba[in_bin].mean())
    return float(ece)


def mse(y, yhat):
    return float(np.mean((np.asarray(y) - np.asarray(yhat)) ** 2))


def rmse(y, yhat):
    return math.sqrt(mse(y, yhat))


def mae(y, yhat):
    return float(np.mean(np.abs(np.asarray(y) - np.asarray(yhat))))


def r_squared(y, yhat):
    y, yhat = np.asarray(y), np.asarray(yhat)
    return float(1 - np.sum((y - yhat) ** 2) / np.sum((y - y.mean()) ** 2))


def mape(y, yhat):
    """scikit-learn's: a fraction (not x100), denominator max(|y|, eps)."""
    y, yhat = np.asarray(y, float), np.asarray(yhat, float)
    return float(np.mean(np.abs(y - yhat) / np.maximum(np.abs(y), np.finfo(np.float64).eps)))


def median_absolute_error(y, yhat):
    return float(np.median(np.abs(np.asarray(y) - np.asarray(yhat))))


def huber(y, yhat, delta=1.0):
    """Mean of r^2/2 where |r| <= delta, else delta (|r| - delta/2); r = y - yhat."""
    r = np.abs(np.asarray(y, float) - np.asarray(yhat, float))
    return float(np.mean(np.where(r <= delta, 0.5 * r**2, delta * (r - 0.5 * delta))))


def rmsle(y, yhat):
    return math.sqrt(mse(np.log1p(y), np.log1p(yhat)))


def pinball(y, yhat, alpha=0.9):
    diff = np.asarray(y, float) - np.asarray(yhat, float)
    return float(np.mean(np.maximum(alpha * diff, (alpha - 1) * diff)))


def _ranked_relevance(relevance, scores):
    """Each row's relevance grades reordered by decreasing score."""
    order = np.argsort(-np.asarray(scores), axis=1)
    return np.take_along_axis(np.asarray(relevance), order, axis=1)


def precision_at_k(relevance, scores, k=3):
    """Mean over queries of (# relevant in the top k) / k."""
    hits = _ranked_relevance(relevance, scores)[:, :k] > 0
    return float(np.mean(hits.sum(axis=1) / k))


def recall_at_k(relevance, scores, k=3):
    """Mean over queries of (# relevant in the top k) / (# relevant)."""
    relevant = np.asarray(relevance) > 0
    hits = _ranked_relevance(relevance, scores)[:, :k] > 0
    return float(np.mean(hits.sum(axis=1) / relevant.sum(axis=1)))


def mean_average_precision(relevance, scores):
    """Mean over queries of AP = (1/R) sum over relevant ranks r of precision@r."""
    hits = _ranked_relevance(relevance, scores) > 0
    ranks = np.arange(1, hits.shape[1] + 1)
    precision_at_rank = np.cumsum(hits, axis=1) / ranks
    return float(np.mean(np.sum(precision_at_rank * hits, axis=1) / hits.sum(axis=1)))


def mean_reciprocal_rank(relevance, scores):
    """Mean over queries of 1 / (rank of the first relevant item)."""
    hits = _ranked_relevance(relevance, scores) > 0
    return float(np.mean(1.0 / (np.argmax(hits, axis=1) + 1)))


def ndcg(relevance, scores):
    """Mean over queries of DCG / IDCG, DCG = sum_r rel_r / log2(r + 1) (linear gain)."""
    relevance = np.asarray(relevance, float)
    discount = 1 / np.log2(np.arange(relevance.shape[1]) + 2)
    dcg = np.sum(_ranked_relevance(relevance, scores) * discount, axis=1)
    idcg = np.sum(-np.sort(-relevance, axis=1) * discount, axis=1)
    return float(np.mean(dcg / idcg))


def _distances(a, b):
    return np.sqrt(np.sum((a[:, None, :] - b[None, :, :]) ** 2, axis=-1))


def silhouette(X, labels):
    """Mean over points of (b - a) / max(a, b): a = mean distance to the rest of its own cluster,
    b = lowest mean distance to the points of another cluster."""
    X, labels = np.asarray(X, float), np.asarray(labels)
    d = _distances(X, X)
    clusters = np.unique(labels)
    s = np.empty(len(X))
    for i in range(len(X)):
        own = labels == labels[i]
        a = d[i, own].sum() / (own.sum() - 1)
        b = min(d[i, labels == c].mean() for c in clusters if c != labels[i])
        s[i] = (b - a) / max(a, b)
    return float(s.mean())


def davies_bouldin(X, labels):
    """Mean over clusters i of max_{j != i} (S_i + S_j) / ||c_i - c_j||, S = mean distance of a
    cluster's points to its centroid c."""
    X, labels = np.asarray(X, float), np.asarray(labels)
    clusters = np.unique(labels)
    centroids = np.array([X[labels == c].mean(axis=0) for c in clusters])
    spread = np.array([np.mean(np.linalg.norm(X[labels == c] - centroids[i], axis=1))
                       for i, c in enumerate(clusters)])
    between = _distances(centroids, centroids)
    ratios = [max((spread[i] + spread[j]) / between[i, j] for j in range(len(clusters)) if j != i)
              for i in range(len(clusters))]
    return float(np.mean(ratios))


def calinski_harabasz(X, labels):
    """[tr(B) / (k - 1)] / [tr(W) / (n - k)]: between- over within-cluster dispersion."""
    X, labels = np.asarray(X, float), np.asarray(labels)
    clusters = np.unique(labels)
    n, k, mean = len(X), len(clusters), X.mean(axis=0)
    between = sum(np.sum(labels == c) * np.sum((X[labels == c].mean(axis=0) - mean) ** 2)
                  for c in clusters)
    within = sum(np.sum((X[labels == c] - X[labels == c].mean(axis=0)) ** 2) for c in clusters)
    return float(between / (k - 1) / (within / (n - k)))


def _contingency(labels_true, labels_pred):
    _, u = np.unique(labels_true, return_inverse=True)
    _, v = np.unique(labels_pred, return_inverse=True)
    table = np.zeros((u.max() + 1, v.max() + 1))
    np.add.at(table, (u, v), 1)
    return table


def _comb2(x):
    return x * (x - 1) / 2


def adjusted_rand(labels_true, labels_pred):
    """(Index - Expected) / (Max - Expected) over pair counts of the contingency table."""
    table = _contingency(labels_true, labels_pred)
    index = np.sum(_comb2(table))
    rows, cols = np.sum(_comb2(table.sum(axis=1))), np.sum(_comb2(table.sum(axis=0)))
    expected = rows * cols / _comb2(table.sum())
    return float((index - expected) / (0.5 * (rows + cols) - expected))


def _entropy(counts):
    p = counts[counts > 0] / counts.sum()
    return float(-np.sum(p * np.log(p)))


def _mutual_information(table):
    n = table.sum()
    a, b = table.sum(axis=1), table.sum(axis=0)
    nz = table > 0
    return float(np.sum(table[nz] / n * np.log(n * table[nz] / np.outer(a, b)[nz])))


def normalized_mutual_information(labels_true, labels_pred):
    """MI(U, V) / ((H(U) + H(V)) / 2)."""
    table = _contingency(labels_true, labels_pred)
    mean_h = (_entropy(table.sum(axis=1)) + _entropy(table.sum(axis=0))) / 2
    return _mutual_information(table) / mean_h


def _expected_mutual_information(table):
    """E[MI] under the hypergeometric (permutation) model with the marginals held fixed:
    sum_ij sum_nij nij/N log(N nij / (a_i b_j)) P(nij), Vinh, Epps & Bailey (2010)."""
    n = int(table.sum())
    a, b = table.sum(axis=1).astype(int), table.sum(axis=0).astype(int)
    emi = 0.0
    for ai in a:
        for bj in b:
            for nij in range(max(1, ai + bj - n), min(ai, bj) + 1):
                log_p = (gammaln(ai + 1) + gammaln(bj + 1) + gammaln(n - ai + 1)
                         + gammaln(n - bj + 1) - gammaln(n + 1) - gammaln(nij + 1)
                         - gammaln(ai - nij + 1) - gammaln(bj - nij + 1)
                         - gammaln(n - ai - bj + nij + 1))
                emi += nij / n * math.log(n * nij / (ai * bj)) * math.exp(log_p)
    return emi


def adjusted_mutual_information(labels_true, labels_pred):
    """(MI - E[MI]) / ((H(U) + H(V)) / 2 - E[MI])."""
    table = _contingency(labels_true, labels_pred)
    mean_h = (_entropy(table.sum(axis=1)) + _entropy(table.sum(axis=0))) / 2
    emi = _expected_mutual_information(table)
    return (_mutual_information(table) - emi) / (mean_h - emi)


REFERENCE = {
    "accuracy": accuracy,
    "balanced-accuracy": balanced_accuracy,
    "precision": precision,
    "recall": recall,
    "specificity": specificity,
    "f1-score": f1,
    "f-beta-score": f_beta,
    "matthews-correlation": matthews,
    "cohen-kappa": cohen_kappa,
    "roc-auc": roc_auc,
    "average-precision": average_precision,
    "macro-f1": macro_f1,
    "micro-f1": micro_f1,
    "weighted-f1": weighted_f1,
    "top-k-accuracy": top_k_accuracy,
    "multiclass-roc-auc": multiclass_roc_auc,
    "log-loss": log_loss,
    "brier-score": brier,
    "expected-calibration-error": expected_calibration_error,
    "mse": mse,
    "rmse": rmse,
    "mae": mae,
    "r-squared": r_squared,
    "mape": mape,
    "median-absolute-error": median_absolute_error,
    "huber-loss": huber,
    "rmsle": rmsle,
    "pinball-loss": pinball,
    "precision-at-k": precision_at_k,
    "recall-at-k": recall_at_k,
    "mean-average-precision": mean_average_precision,
    "mean-reciprocal-rank": mean_reciprocal_rank,
    "ndcg": ndcg,
    "silhouette": silhouette,
    "davies-bouldin": davies_bouldin,
    "calinski-harabasz": calinski_harabasz,
    "adjusted-rand-index": adjusted_rand,
    "normalized-mutual-information": normalized_mutual_information,
    "adjusted-mutual-information": adjusted_mutual_information,
}

# The metric's own parameter and the value the registry describes (see the module docstring).
METRIC_PARAMS = {
    "f-beta-score": {"beta": 2},
    "top-k-accuracy": {"k": 3},
    "pinball-loss": {"alpha": 0.9},
}

# Metrics whose scikit-learn-free checks live in the hand-worked tests at the end of the file.
HAND_CHECKED = {"specificity", "expected-calibration-error", "huber-loss", "precision-at-k",
                "recall-at-k", "mean-average-precision", "mean-reciprocal-rank"}


# --------------------------------------------------------------------------------------------
# Data: one generator per task, seeded. Each "kind" is the pair of arrays a metric takes.
# --------------------------------------------------------------------------------------------

def binary_data(rng):
    """~10-30% positives; scores in (0, 1) rounded to 2 decimals, so tied scores occur."""
    n = 400
    y = (rng.random(n) < rng.uniform(0.1, 0.3)).astype(int)
    y[:3], y[3:6] = 1, 0  # both classes present whatever the draw
    logit = 1.2 * (2 * y - 1) - 1.0 + rng.normal(0, 1.3, n)
    score = np.clip(np.round(1 / (1 + np.exp(-logit)), 2), 0.01, 0.99)
    return y, score


def multiclass_data(rng):
    """4 unbalanced classes, a softmax probability matrix, and its argmax with 10% swaps."""
    n, k = 500, 4
    y = rng.choice(k, size=n, p=[0.4, 0.3, 0.2, 0.1])
    y[:k] = np.arange(k)
    logits = rng.normal(0, 1, (n, k)) + 1.5 * np.eye(k)[y]
    proba = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    pred = proba.argmax(axis=1)
    swap = rng.random(n) < 0.1
    pred[swap] = rng.integers(0, k, swap.sum())
    pred[:k] = np.arange(k)  # every class predicted at least once
    return y, proba, pred


def regression_data(rng):
    """Positive, skewed targets; multiplicative noise; a few large over- and under-predictions."""
    n = 300
    y = rng.lognormal(1.0, 0.6, n)
    yhat = y * np.exp(rng.normal(0, 0.25, n)) + rng.normal(0, 0.3, n)
    outliers = rng.choice(n, 6, replace=False)
    yhat[outliers[:3]] += rng.uniform(10, 30, 3)
    yhat[outliers[3:]] = y[outliers[3:]] * 0.05
    return y, np.abs(yhat) + 1e-3  # predictions stay positive (RMSLE)


def ranking_data(rng):
    """30 queries x 20 items: graded relevance 0-3 (each query with relevant and non-relevant
    items) and tie-free model scores correlated with it."""
    relevance = rng.choice(4, size=(30, 20), p=[0.55, 0.25, 0.12, 0.08])
    relevance[:, 0] = np.maximum(relevance[:, 0], 1)
    relevance[:, 1] = 0
    scores = relevance + rng.normal(0, 1.5, relevance.shape)
    return relevance, scores


def clustering_data(rng):
    """Four Gaussian blobs of unequal size in 3-D, and a labelling of them with 15% of points
    reassigned at random and the label names permuted."""
    sizes = [80, 60, 40, 20]
    centers = rng.uniform(-5, 5, (4, 3))
    X = np.vstack([rng.normal(c, 1.0, (s, 3)) for c, s in zip(centers, sizes)])
    truth = np.repeat(np.arange(4), sizes)
    pred = truth.copy()
    move = rng.random(len(pred)) < 0.15
    pred[move] = rng.integers(0, 4, move.sum())
    pred = rng.permutation(4)[pred]
    return X, truth, pred


def make_inputs(kind: str, seed: int) -> tuple:
    rng = np.random.default_rng(seed)
    if kind.startswith("binary"):
        y, score = binary_data(rng)
        return (y, (score >= 0.5).astype(int)) if kind == "binary-labels" else (y, score)
    if kind.startswith("multiclass"):
        y, proba, pred = multiclass_data(rng)
        return (y, pred) if kind == "multiclass-labels" else (y, proba)
    if kind == "regression":
        return regression_data(rng)
    if kind.startswith("ranking"):
        relevance, scores = ranking_data(rng)
        return ((relevance > 0).astype(int), scores) if kind == "ranking-binary" else (
            relevance, scores)
    X, truth, pred = clustering_data(rng)
    return (X, pred) if kind == "clustering-internal" else (truth, pred)


# Which inputs each metric takes: hard labels for the threshold-dependent classification metrics,
# scores or probabilities for the others, features and labels for the internal clustering
# metrics, two labellings for the external ones. A metric defined for any number of classes is
# checked on binary and multiclass data.
INPUTS = {
    "accuracy": ["binary-labels", "multiclass-labels"],
    "balanced-accuracy": ["binary-labels", "multiclass-labels"],
    "precision": ["binary-labels"],
    "recall": ["binary-labels"],
    "specificity": ["binary-labels"],
    "f1-score": ["binary-labels"],
    "f-beta-score": ["binary-labels"],
    "matthews-correlation": ["binary-labels"],
    "cohen-kappa": ["binary-labels", "multiclass-labels"],
    "roc-auc": ["binary-scores"],
    "average-precision": ["binary-scores"],
    "macro-f1": ["multiclass-labels"],
    "micro-f1": ["multiclass-labels"],
    "weighted-f1": ["multiclass-labels"],
    "top-k-accuracy": ["multiclass-proba"],
    "multiclass-roc-auc": ["multiclass-proba"],
    "log-loss": ["binary-scores", "multiclass-proba"],
    "brier-score": ["binary-scores"],
    "expected-calibration-error": ["binary-scores"],
    **{m: ["regression"] for m in ("mse", "rmse", "mae", "r-squared", "mape",
                                     "median-absolute-error", "huber-loss", "rmsle",
                                     "pinball-loss")},
    **{m: ["ranking-binary"] for m in ("precision-at-k", "recall-at-k",
                                         "mean-average-precision", "mean-reciprocal-rank")},
    "ndcg": ["ranking"],
    **{m: ["clustering-internal"] for m in ("silhouette", "davies-bouldin",
                                              "calinski-harabasz")},
    **{m: ["clustering-external"] for m in ("adjusted-rand-index",
                                              "normalized-mutual-information",
                                              "adjusted-mutual-information")},
}


def sklearn_function(dotted: str):
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


def test_every_reference_has_inputs():
    assert set(INPUTS) == set(REFERENCE)


@pytest.mark.parametrize("entry", WITH_SKLEARN, ids=[e["id"] for e in WITH_SKLEARN])
def test_sklearn_computes_the_registry_formula(entry):
    metric = entry["id"]
    if metric not in REFERENCE:
        pytest.fail(f"{metric}: no reference implementation in REFERENCE")
    function = sklearn_function(entry["sklearn"])
    args = dict(entry.get("sklearn_args") or {})
    # The metric's own parameter must be explicit: scikit-learn's default (k=2, alpha=0.5, no
    # beta) would compute a different metric from the one the page describes.
    missing = set(METRIC_PARAMS.get(metric, {})) - set(args)
    assert not missing, f"{metric}: sklearn_args must set {sorted(missing)}"
    params = {name: args[name] for name in METRIC_PARAMS.get(metric, {})}
    for kind in INPUTS[metric]:
        for seed in SEEDS:
            inputs = make_inputs(kind, seed)
            got = float(function(*inputs, **{**params, **args}))
            want = REFERENCE[metric](*inputs, **params)
            assert math.isclose(got, want, rel_tol=REL_TOL), (
                f"{metric} on {kind} data, seed {seed}: {entry['sklearn']}(**{args}) = {got!r}, "
                f"the formula gives {want!r}")


def test_the_registry_exists_and_is_read():
    assert len(ENTRIES) >= 30, f"expected the metrics registry at {REGISTRY}"


def test_every_registry_metric_with_a_sklearn_function_has_a_reference():
    missing = [e["id"] for e in WITH_SKLEARN if e["id"] not in REFERENCE]
    assert not missing, f"add a REFERENCE implementation (and its INPUTS) for {missing}"


def test_every_registry_metric_without_a_sklearn_function_is_checked_by_hand():
    missing = [e["id"] for e in WITHOUT_SKLEARN
               if e["id"] not in REFERENCE or e["id"] not in HAND_CHECKED]
    assert not missing, f"add a REFERENCE implementation and a hand-worked test for {missing}"


# --------------------------------------------------------------------------------------------
# Hand-worked examples, for the metrics scikit-learn does not provide (and a few cross-checks).
# --------------------------------------------------------------------------------------------

def test_specificity_by_hand():
    y_true = [0, 0, 0, 0, 1, 1, 1]
    y_pred = [0, 0, 1, 0, 1, 0, 1]
    # 4 negatives, 3 of them predicted 0: TN = 3, FP = 1, specificity = 3 / 4.
    assert specificity(y_true, y_pred) == pytest.approx(0.75, rel=1e-12)
    # Specificity is the recall of the negative class.
    from sklearn.metrics import recall_score
    assert recall_score(y_true, y_pred, pos_label=0) == pytest.approx(0.75, rel=1e-12)
    for seed in SEEDS:
        y, pred = make_inputs("binary-labels", seed)
        assert math.isclose(specificity(y, pred), recall_score(y, pred, pos_label=0),
                            rel_tol=REL_TOL)


def test_expected_calibration_error_by_hand():
    p = [0.05, 0.15, 0.15, 0.45, 0.55, 0.85, 0.85, 0.95]
    y = [0, 0, 1, 0, 1, 1, 0, 1]
    # Bins of width 0.1, N = 8:
    #   (0, .1]  {.05}      observed 0/1, mean p .05 -> gap .05, weight 1/8
    #   (.1, .2] {.15, .15} observed 1/2, mean p .15 -> gap .35, weight 2/8
    #   (.4, .5] {.45}      observed 0/1, mean p .45 -> gap .45, weight 1/8
    #   (.5, .6] {.55}      observed 1/1, mean p .55 -> gap .45, weight 1/8
    #   (.8, .9] {.85, .85} observed 1/2, mean p .85 -> gap .35, weight 2/8
    #   (.9, 1]  {.95}      observed 1/1, mean p .95 -> gap .05, weight 1/8
    # ECE = (.05 + 2*.35 + .45 + .45 + 2*.35 + .05) / 8 = 2.4 / 8 = 0.3
    assert expected_calibration_error(y, p) == pytest.approx(0.3, rel=1e-12)
    # The base rate predicted for everyone is perfectly calibrated: 1 positive in 4 at p = .25.
    assert expected_calibration_error([1, 0, 0, 0], [0.25] * 4) == pytest.approx(0, abs=1e-15)
    # Within a bin only the averages meet: p = .82 and .88 with outcomes 1 and 0 share the bin
    # (.8, .9], mean y .5, mean p .85, ECE = |.5 - .85| = .35 (per-case gaps would be .18, .88).
    assert expected_calibration_error([1, 0], [0.82, 0.88]) == pytest.approx(0.35, rel=1e-12)


def test_expected_calibration_error_matches_the_calibration_curve():
    """Same bins as scikit-learn's reliability diagram: ECE = sum over non-empty bins of
    count/N * |prob_true - prob_pred| of calibration_curve(strategy="uniform", n_bins=10)."""
    from sklearn.calibration import calibration_curve
    for seed in SEEDS:
        y, p = make_inputs("binary-scores", seed)
        prob_true, prob_pred = calibration_curve(y, p, n_bins=10, strategy="uniform")
        bins = np.searchsorted(np.linspace(0, 1, 11)[1:-1], p)
        counts = np.bincount(bins, minlength=10)
        weights = counts[counts > 0] / len(p)
        assert math.isclose(expected_calibration_error(y, p),
                            float(np.sum(weights * np.abs(prob_true - prob_pred))),
                            rel_tol=REL_TOL)


def test_huber_loss_by_hand():
    y_true = [0.0, 0.0, 0.0, 0.0]
    y_pred = [0.5, -1.0, 2.0, -3.0]
    # delta = 1: |r| = .5 -> .5**2/2 = .125; |r| = 1 -> 1/2 = .5 (both branches agree at delta);
    # |r| = 2 -> 1*(2 - .5) = 1.5; |r| = 3 -> 1*(3 - .5) = 2.5. Mean = 4.625 / 4 = 1.15625.
    assert huber(y_true, y_pred) == pytest.approx(1.15625, rel=1e-12)
    # delta = 2: .125, .5, 2**2/2 = 2, 2*(3 - 1) = 4. Mean = 6.625 / 4 = 1.65625.
    assert huber(y_true, y_pred, delta=2.0) == pytest.approx(1.65625, rel=1e-12)
    # Small residuals: half the MSE; large delta turns Huber into MSE / 2.
    y, yhat = make_inputs("regression", 0)
    assert math.isclose(huber(y, yhat, delta=1e6), mse(y, yhat) / 2, rel_tol=REL_TOL)


# Two queries of five items. Relevance grades (0 = not relevant) and scores:
#   A: relevance [1, 0, 1, 0, 1],  scores [.2, .9, .7, .4, .1]
#      ranked by score: items 1, 2, 3, 0, 4 -> relevant? 0, 1, 0, 1, 1   (R = 3)
#   B: relevance [3, 0, 0, 2, 0],  scores [.95, .6, .5, .3, .9]
#      ranked by score: items 0, 4, 1, 2, 3 -> relevant? 1, 0, 0, 0, 1   (R = 2)
RELEVANCE = np.array([[1, 0, 1, 0, 1], [3, 0, 0, 2, 0]])
SCORES = np.array([[0.2, 0.9, 0.7, 0.4, 0.1], [0.95, 0.6, 0.5, 0.3, 0.9]])


def test_precision_and_recall_at_k_by_hand():
    # k = 3: A has 1 relevant in its top 3, B has 1. P@3 = (1/3 + 1/3) / 2 = 1/3;
    # R@3 = (1/3 + 1/2) / 2 = 5/12.
    assert precision_at_k(RELEVANCE, SCORES, k=3) == pytest.approx(1 / 3, rel=1e-12)
    assert recall_at_k(RELEVANCE, SCORES, k=3) == pytest.approx(5 / 12, rel=1e-12)
    # k = 1: A's top item is not relevant, B's is. P@1 = (0 + 1) / 2 = .5; R@1 = (0 + 1/2) / 2.
    assert precision_at_k(RELEVANCE, SCORES, k=1) == pytest.approx(0.5, rel=1e-12)
    assert recall_at_k(RELEVANCE, SCORES, k=1) == pytest.approx(0.25, rel=1e-12)
    # k = 5 (everything): P@5 = (3/5 + 2/5) / 2 = .5; R@5 = 1.
    assert precision_at_k(RELEVANCE, SCORES, k=5) == pytest.approx(0.5, rel=1e-12)
    assert recall_at_k(RELEVANCE, SCORES, k=5) == pytest.approx(1.0, rel=1e-12)


def test_mean_average_precision_by_hand():
    # A: relevant at ranks 2, 4, 5 -> (1/2 + 2/4 + 3/5) / 3 = 1.6 / 3 = 8/15.
    # B: relevant at ranks 1, 5    -> (1/1 + 2/5) / 2 = 0.7.
    # MAP = (8/15 + 7/10) / 2 = (16/30 + 21/30) / 2 = 37/60.
    assert mean_average_precision(RELEVANCE, SCORES) == pytest.approx(37 / 60, rel=1e-12)
    # Per query, AP over the full ranking is scikit-learn's average precision of that query
    # (no tied scores), so MAP is average_precision_score(average="samples") on binary relevance.
    from sklearn.metrics import average_precision_score
    assert average_precision_score(RELEVANCE > 0, SCORES, average="samples") == pytest.approx(
        37 / 60, rel=1e-12)
    for seed in SEEDS:
        relevant, scores = make_inputs("ranking-binary", seed)
        assert math.isclose(mean_average_precision(relevant, scores),
                            average_precision_score(relevant, scores, average="samples"),
                            rel_tol=REL_TOL)


def test_mean_reciprocal_rank_by_hand():
    # A: first relevant at rank 2 -> 1/2. B: at rank 1 -> 1. MRR = (1/2 + 1) / 2 = 0.75.
    assert mean_reciprocal_rank(RELEVANCE, SCORES) == pytest.approx(0.75, rel=1e-12)
    # Only the first hit counts: moving B's second relevant item up changes nothing.
    assert mean_reciprocal_rank([[0, 0, 1, 1]], [[0.9, 0.8, 0.7, 0.1]]) == pytest.approx(1 / 3)
    assert mean_reciprocal_rank([[0, 0, 1, 1]], [[0.9, 0.8, 0.7, 0.75]]) == pytest.approx(1 / 3)


def test_mape_uses_eps_for_a_zero_target():
    """A zero target does not divide by zero: its term is |y_hat| / eps (a huge number)."""
    from sklearn.metrics import mean_absolute_percentage_error
    y, yhat = [0.0, 2.0, 4.0], [0.5, 1.0, 5.0]
    eps = np.finfo(np.float64).eps
    expected = (0.5 / eps + 1.0 / 2.0 + 1.0 / 4.0) / 3
    assert mape(y, yhat) == pytest.approx(expected, rel=1e-12)
    assert mean_absolute_percentage_error(y, yhat) == pytest.approx(expected, rel=1e-12)
