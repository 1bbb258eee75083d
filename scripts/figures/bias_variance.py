"""Bias, variance and capacity: the U-curve, validation and learning curves, double descent."""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.datasets import make_classification, make_moons
from sklearn.model_selection import (KFold, StratifiedKFold, StratifiedShuffleSplit, learning_curve,
                                     validation_curve)
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

from .style import BLUE, GREEN, GREY, ORANGE, VERMILION, new_figure, plain_log_ticks


def true_function(x):
    """The wiggly target every regression example here tries to recover."""
    return np.sin(3 * np.pi * x**1.3)


def bias_variance_u_curve():
    """Refit polynomials of each degree to 300 noisy training sets (the same 30 inputs, fresh
    noise each time) and measure, on a grid of test inputs, the squared bias of the average fit
    and the variance of the fits around it."""
    rng = np.random.default_rng(0)
    n, sigma, repeats = 30, 0.3, 300
    degrees = np.arange(0, 16)
    x = (np.arange(n) + 0.5) / n
    x_test = np.linspace(0, 1, 200)
    f_test = true_function(x_test)
    bias2, variance = [], []
    # One column per training set: the same inputs, fresh noise.
    Y = true_function(x)[:, None] + rng.normal(0, sigma, (n, repeats))
    for degree in degrees:
        # Legendre features on [-1, 1] keep the least-squares problem well conditioned;
        # legfit fits every column of Y at once.
        coef = np.polynomial.legendre.legfit(2 * x - 1, Y, degree)
        preds = np.polynomial.legendre.legval(2 * x_test - 1, coef)  # (repeats, test points)
        bias2.append(np.mean((preds.mean(axis=0) - f_test) ** 2))
        variance.append(np.mean(preds.var(axis=0)))
    bias2, variance = np.array(bias2), np.array(variance)
    total = bias2 + variance + sigma**2
    best = degrees[np.argmin(total)]

    fig, ax = new_figure()
    ax.plot(degrees, bias2, "o-", color=BLUE, label="bias²")
    ax.plot(degrees, variance, "s-", color=ORANGE, label="variance")
    ax.plot(degrees, total, "D-", color=VERMILION, label="expected test error")
    ax.axhline(sigma**2, color=GREY, ls=":", lw=1.5, label=f"noise σ² = {sigma**2:.2f}")
    ax.axvline(best, color=GREEN, ls="--", lw=1.2, label=f"lowest test error: degree {best}")
    ax.set_xlabel("polynomial degree (model complexity)")
    ax.set_ylabel("mean squared error")
    ax.set_title(f"Bias-variance trade-off: {repeats} refits on {n} noisy points each")
    ax.set_xticks(degrees)
    ax.set_ylim(0, 0.62)
    ax.legend(loc="upper center", ncols=2)
    return fig


def validation_curve_tree_depth():
    """Training and 5-fold cross-validated error of a regression tree as its depth grows."""
    rng = np.random.default_rng(1)
    n, sigma = 300, 0.3
    x = rng.uniform(0, 1, n)
    y = true_function(x) + rng.normal(0, sigma, n)
    depths = np.arange(1, 16)
    train, valid = validation_curve(
        DecisionTreeRegressor(random_state=0), x[:, None], y, param_name="max_depth",
        param_range=depths, cv=KFold(5, shuffle=True, random_state=0),
        scoring="neg_mean_squared_error")
    train_err, valid_err = -train.mean(axis=1), -valid.mean(axis=1)
    best = depths[np.argmin(valid_err)]

    fig, ax = new_figure()
    ax.plot(depths, train_err, "o-", color=BLUE, label="training error")
    ax.plot(depths, valid_err, "s-", color=VERMILION, label="validation error (5-fold CV)")
    ax.axhline(sigma**2, color=GREY, ls=":", lw=1.5, label=f"noise σ² = {sigma**2:.2f}")
    ax.axvline(best, color=GREEN, ls="--", lw=1.2, label=f"lowest validation error: depth {best}")
    ax.set_xticks(depths)
    ax.set_ylim(bottom=0)
    ax.set_xlabel("maximum tree depth (model complexity)")
    ax.set_ylabel("mean squared error")
    ax.set_title(f"Validation curve: regression tree on {n} noisy points")
    ymax = ax.get_ylim()[1]
    ax.text(1.2, ymax * 0.97, "underfit", color=GREY, va="top")
    ax.text(depths[-1] - 0.2, ymax * 0.97, "overfit", color=GREY, va="top", ha="right")
    ax.legend(loc="upper center")
    return fig


def _learning_curve_figure(model, X, y, title, reference=None):
    """Plot training and cross-validated error against the training-set size."""
    sizes, train, valid = learning_curve(
        model, X, y, train_sizes=np.linspace(0.08, 1.0, 10),
        cv=StratifiedShuffleSplit(10, test_size=0.2, random_state=0))
    train_err, valid_err = 1 - train, 1 - valid
    fig, ax = new_figure()
    for err, color, marker, label in [(train_err, BLUE, "o", "training error"),
                                      (valid_err, VERMILION, "s", "validation error")]:
        mean, std = err.mean(axis=1), err.std(axis=1)
        ax.fill_between(sizes, mean - std, mean + std, color=color, alpha=0.15, lw=0)
        ax.plot(sizes, mean, marker + "-", color=color, label=label + " (mean ± 1 sd, 10 splits)")
    if reference is not None:
        value, label = reference
        ax.axhline(value, color=GREEN, ls="--", lw=1.5, label=label)
    ax.set_xlabel("number of training examples")
    ax.set_ylabel("classification error (1 − accuracy)")
    ax.set_ylim(bottom=0)
    ax.set_title(title)
    ax.legend(loc="upper right")
    return fig


def learning_curve_overfit():
    """An unpruned decision tree: zero training error at every size, and a wide gap to the
    validation error that closes only slowly as data grows."""
    X, y = make_classification(n_samples=3000, n_features=20, n_informative=10, flip_y=0.03,
                               class_sep=1.0, random_state=3)
    fig = _learning_curve_figure(
        DecisionTreeClassifier(random_state=0), X, y,
        "Learning curve of an overfit model (unpruned decision tree)")
    fig.axes[0].legend(loc="center right", bbox_to_anchor=(1, 0.4))
    return fig


def learning_curve_underfit():
    """A linear classifier on two interleaved moons: both errors meet early on a high plateau,
    well above what a flexible model reaches on the same data."""
    X, y = make_moons(n_samples=1200, noise=0.25, random_state=0)
    cv = StratifiedKFold(5, shuffle=True, random_state=0)
    flexible = SVC(kernel="rbf", C=1.0, gamma=1.0)
    flexible_err = 1 - np.mean([flexible.fit(X[tr], y[tr]).score(X[te], y[te])
                                for tr, te in cv.split(X, y)])
    return _learning_curve_figure(
        LogisticRegression(), X, y,
        "Learning curve of an underfit model (logistic regression on two moons)",
        reference=(flexible_err, f"validation error of an RBF SVM = {flexible_err:.2f}"))


def double_descent():
    """Minimum-norm least squares on the first p of 400 weak Gaussian features, n = 40 training
    points: the test error peaks where p equals n, then falls again as p keeps growing."""
    rng = np.random.default_rng(0)
    n, total_features, sigma, trials = 40, 400, 0.5, 40
    beta = rng.normal(size=total_features) / np.sqrt(total_features)  # a thinly spread signal
    counts = np.unique(np.round(np.geomspace(1, total_features, 60)).astype(int))
    errors = np.empty((trials, counts.size))
    for t in range(trials):
        X = rng.normal(size=(n, total_features))
        y = X @ beta + rng.normal(0, sigma, n)
        for j, p in enumerate(counts):
            Xp = X[:, :p]
            if p < n:  # the unique least-squares fit
                w = np.linalg.solve(Xp.T @ Xp, Xp.T @ y)
            else:  # the minimum-norm interpolant, which gradient descent from 0 converges to
                w = Xp.T @ np.linalg.solve(Xp @ Xp.T, y)
            # Exact excess test error for a fresh x ~ N(0, I): ||w - beta||² over all features.
            errors[t, j] = np.sum((w - beta[:p]) ** 2) + np.sum(beta[p:] ** 2)
    median = np.median(errors, axis=0)
    q1, q3 = np.percentile(errors, [25, 75], axis=0)

    fig, ax = new_figure()
    ax.fill_between(counts, q1, q3, color=VERMILION, alpha=0.15, lw=0,
                    label="interquartile range")
    ax.plot(counts, median, "-", color=VERMILION, label=f"median test error over {trials} draws")
    ax.axvline(n, color=GREY, ls="--", lw=1.5, label=f"interpolation threshold p = n = {n}")
    ax.set_xscale("log")
    ax.set_yscale("log")
    plain_log_ticks(ax.xaxis)
    plain_log_ticks(ax.yaxis)
    ax.set_xlabel("number of features used, p (log scale)")
    ax.set_ylabel("excess test MSE (log scale)")
    ax.set_title(f"Double descent: min-norm least squares with n = {n} training points")
    ax.legend(loc="upper left")
    return fig
