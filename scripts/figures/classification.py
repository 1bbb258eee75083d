"""Classifier evaluation: confusion matrix, ROC and PR under imbalance, calibration, thresholds."""

from __future__ import annotations

import numpy as np
from sklearn.datasets import load_breast_cancer, make_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.calibration import calibration_curve
from sklearn.metrics import (average_precision_score, brier_score_loss, confusion_matrix,
                             precision_recall_curve, roc_auc_score, roc_curve)
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from .style import BLUE, GREEN, GREY, ORANGE, TEXT, VERMILION, new_figure, plain_log_ticks


def confusion_matrix_breast_cancer():
    """Counts of a logistic regression's test-set predictions on the breast-cancer data
    (positive = malignant), with the rates each row and column defines."""
    data = load_breast_cancer()
    y = (data.target == 0).astype(int)  # scikit-learn codes malignant as 0; make it positive
    X_train, X_test, y_train, y_test = train_test_split(
        data.data, y, test_size=0.4, stratify=y, random_state=0)
    model = make_pipeline(StandardScaler(), LogisticRegression(C=0.05)).fit(X_train, y_train)
    cm = confusion_matrix(y_test, model.predict(X_test), labels=[1, 0])  # positives first
    (tp, fn), (fp, tn) = cm

    fig, (ax, side) = new_figure(1, 2, width_ratios=[1.15, 1])
    ax.grid(False)
    ax.pcolormesh(cm, cmap="Blues", vmin=0, vmax=cm.max() * 1.25, edgecolors="white",
                  linewidth=3)  # vector cells, not an embedded raster image
    names = [["TP", "FN"], ["FP", "TN"]]
    for i in range(2):
        for j in range(2):
            color = "white" if cm[i, j] > cm.max() * 0.6 else TEXT
            ax.text(j + 0.5, i + 0.5, f"{names[i][j]}\n{cm[i, j]}", ha="center", va="center",
                    fontsize=16, color=color)
    ax.set_xticks([0.5, 1.5], ["predicted\nmalignant", "predicted\nbenign"])
    ax.set_yticks([0.5, 1.5], ["actually\nmalignant", "actually\nbenign"])
    ax.invert_yaxis()
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_aspect("equal")
    stats = (f"recall = TP / (TP + FN)\n     = {tp}/{tp + fn} = {tp / (tp + fn):.3f}\n"
             f"precision = TP / (TP + FP)\n     = {tp}/{tp + fp} = {tp / (tp + fp):.3f}\n"
             f"specificity = TN / (TN + FP)\n     = {tn}/{tn + fp} = {tn / (tn + fp):.3f}\n"
             f"accuracy = (TP + TN) / N\n     = {tp + tn}/{cm.sum()} = {(tp + tn) / cm.sum():.3f}")
    side.axis("off")
    side.text(0.0, 0.5, stats, va="center", ha="left", fontsize=10, linespacing=1.8,
              transform=side.transAxes)
    fig.suptitle(f"Confusion matrix: logistic regression on {cm.sum()} breast-cancer test cases")
    return fig


def _scores_at_prevalence(prevalence, seed):
    """Train and score a logistic regression where positives are a given share of the data.

    The class-conditional distributions are the same for every prevalence; only the mix changes."""
    rng = np.random.default_rng(seed)

    def sample(n):
        y = (rng.uniform(size=n) < prevalence).astype(int)
        X = rng.normal(size=(n, 5)) + 0.55 * y[:, None]
        return X, y

    X_train, y_train = sample(5000)
    X_test, y_test = sample(20000)
    model = LogisticRegression().fit(X_train, y_train)
    return y_test, model.predict_proba(X_test)[:, 1]


PREVALENCES = [(0.5, "balanced: 50% positives", BLUE), (0.02, "imbalanced: 2% positives", VERMILION)]


def roc_balanced_vs_imbalanced():
    """ROC curves of the same kind of classifier when positives are 50% and 2% of the data."""
    fig, axes = new_figure(1, 2, sharey=True)
    for ax, (prevalence, title, color) in zip(axes, PREVALENCES):
        y, score = _scores_at_prevalence(prevalence, seed=0)
        fpr, tpr, _ = roc_curve(y, score)
        ax.plot(fpr, tpr, color=color, label=f"logistic regression\nROC AUC = {roc_auc_score(y, score):.3f}")
        ax.plot([0, 1], [0, 1], ls="--", color=GREY, lw=1.2, label="random ranking (AUC 0.5)")
        ax.set_aspect("equal")
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1.01)
        ax.set_title(title)
        ax.set_xlabel("false positive rate")
        ax.legend(loc="lower right", fontsize=10)
    axes[0].set_ylabel("true positive rate (recall)")
    fig.suptitle("ROC curves barely change with prevalence")
    return fig


def pr_balanced_vs_imbalanced():
    """Precision-recall curves of the same kind of classifier at 50% and 2% positives, each with
    the precision of a random ranking (the prevalence)."""
    fig, axes = new_figure(1, 2, sharey=True)
    for ax, (prevalence, title, color) in zip(axes, PREVALENCES):
        y, score = _scores_at_prevalence(prevalence, seed=0)
        precision, recall, _ = precision_recall_curve(y, score)
        ap = average_precision_score(y, score)
        ax.plot(recall, precision, color=color, drawstyle="steps-post",
                label=f"logistic regression\naverage precision = {ap:.3f}")
        ax.axhline(y.mean(), ls="--", color=GREY, lw=1.2,
                   label=f"random ranking: precision = {y.mean():.3f}")
        ax.set_aspect("equal")
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1.01)
        ax.set_title(title)
        ax.set_xlabel("recall")
        ax.legend(loc="upper right", fontsize=10)
    axes[0].set_ylabel("precision")
    fig.suptitle("Precision-recall curves collapse when positives are rare")
    return fig


def calibration_reliability_diagram():
    """Reliability diagram: mean predicted probability against observed frequency in ten bins,
    for logistic regression, Gaussian naive Bayes and a random forest on the same data."""
    X, y = make_classification(n_samples=12000, n_features=20, n_informative=3, n_redundant=10,
                               random_state=42)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.5, random_state=0)
    models = [("logistic regression", LogisticRegression(), BLUE, "o"),
              ("Gaussian naive Bayes", GaussianNB(), VERMILION, "s"),
              ("random forest", RandomForestClassifier(n_estimators=100, random_state=0),
               GREEN, "^")]
    fig, (ax, hist) = new_figure(1, 2, width_ratios=[1.4, 1])
    ax.plot([0, 1], [0, 1], ls="--", color=GREY, lw=1.2, label="perfectly calibrated")
    bins = np.linspace(0, 1, 21)
    for name, model, color, marker in models:
        p = model.fit(X_train, y_train).predict_proba(X_test)[:, 1]
        observed, predicted = calibration_curve(y_test, p, n_bins=10)
        ax.plot(predicted, observed, marker + "-", color=color, ms=5,
                label=f"{name} (Brier {brier_score_loss(y_test, p):.3f})")
        hist.hist(p, bins=bins, histtype="step", lw=2, color=color, label=name)
    ax.set_aspect("equal")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("mean predicted probability (bin)")
    ax.set_ylabel("observed fraction of positives")
    ax.set_title("Reliability diagram")
    ax.legend(loc="upper left", fontsize=10)
    hist.set_yscale("log")
    plain_log_ticks(hist.yaxis)
    hist.set_xlabel("predicted probability")
    hist.set_ylabel("test examples (log scale)")
    hist.set_title("Where the predictions fall")
    return fig


def threshold_expected_cost():
    """Average cost per case of thresholding a logistic regression's probability, when a missed
    positive costs ten times a false alarm; positives are 10% of the data."""
    c_fp, c_fn = 1.0, 10.0
    X, y = make_classification(n_samples=20000, n_features=10, n_informative=5, weights=[0.9],
                               class_sep=0.8, random_state=7)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.5, stratify=y,
                                                        random_state=0)
    p = LogisticRegression().fit(X_train, y_train).predict_proba(X_test)[:, 1]
    thresholds = np.linspace(0, 1, 201)
    flagged = p[None, :] >= thresholds[:, None]
    fp = (flagged & (y_test == 0)).sum(axis=1)
    fn = (~flagged & (y_test == 1)).sum(axis=1)
    cost = (c_fp * fp + c_fn * fn) / y_test.size
    best = np.argmin(cost)
    bayes = c_fp / (c_fp + c_fn)

    fig, ax = new_figure()
    ax.plot(thresholds, cost, color=BLUE, label="expected cost per case (test set)")
    ax.plot(thresholds[best], cost[best], "o", color=VERMILION, ms=9, zorder=5,
            label=f"minimum: threshold {thresholds[best]:.3f}, cost {cost[best]:.3f}")
    ax.axvline(bayes, color=GREEN, ls="--", lw=1.5,
               label=f"C_FP / (C_FP + C_FN) = {bayes:.3f} (optimal if calibrated)")
    default = np.argmin(np.abs(thresholds - 0.5))
    ax.plot(thresholds[default], cost[default], "s", color=ORANGE, ms=8, zorder=5,
            label=f"default threshold 0.5: cost {cost[default]:.3f}")
    ax.set_xlabel("decision threshold on the predicted probability")
    ax.set_ylabel("average cost per case")
    ax.set_xlim(0, 1)
    ax.set_ylim(bottom=0)
    ax.set_title(f"Threshold vs expected cost (C_FP = {c_fp:g}, C_FN = {c_fn:g}, 10% positives)")
    ax.legend(loc="lower right")
    return fig
