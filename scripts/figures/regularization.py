"""L1 and L2 penalties: coefficient paths on the diabetes data, and the constraint geometry."""

from __future__ import annotations

import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Ridge, lasso_path
from sklearn.preprocessing import StandardScaler

from .style import BLUE, GREY, ORANGE, PALETTE, VERMILION, new_figure, plain_log_ticks

LINESTYLES = ["-", "--", "-.", ":"]


def _diabetes():
    """The 442-patient diabetes data (ships with scikit-learn), standardized, centred target."""
    data = load_diabetes()
    X = StandardScaler().fit_transform(data.data)
    return X, data.target - data.target.mean(), data.feature_names


def _plot_paths(ax, penalties, coefs, names):
    """One line per feature, labelled at the weak-penalty end (the right)."""
    for i, name in enumerate(names):
        ax.plot(penalties, coefs[i], color=PALETTE[i % 7], ls=LINESTYLES[i // 7 * 2 % 4],
                lw=1.8, label=name)
    ax.axhline(0, color=GREY, lw=0.8)
    ax.set_xscale("log")
    plain_log_ticks(ax.xaxis)
    ax.invert_xaxis()  # strong penalty on the left, weak on the right
    ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), title="feature", fontsize=10)


def lasso_coefficient_path():
    """Lasso coefficients as the penalty weakens: they enter one at a time from exactly zero."""
    X, y, names = _diabetes()
    alphas, coefs, _ = lasso_path(X, y, alphas=np.geomspace(50, 0.01, 150))
    fig, ax = new_figure()
    _plot_paths(ax, alphas, coefs, names)
    ax.set_xlabel("penalty strength α (log scale, decreasing →)")
    ax.set_ylabel("standardized coefficient")
    ax.set_title("L1 (lasso) path on the diabetes data: exact zeros, one entry at a time")
    return fig


def ridge_coefficient_path():
    """Ridge coefficients as the penalty weakens: all shrink smoothly, none is exactly zero."""
    X, y, names = _diabetes()
    alphas = np.geomspace(1e5, 1e-2, 150)
    coefs = np.array([Ridge(alpha=a).fit(X, y).coef_ for a in alphas]).T
    fig, ax = new_figure()
    _plot_paths(ax, alphas, coefs, names)
    ax.set_xlabel("penalty strength α (log scale, decreasing →)")
    ax.set_ylabel("standardized coefficient")
    ax.set_title("L2 (ridge) path on the diabetes data: smooth shrinkage, no zeros")
    return fig


def l1_l2_constraint_geometry():
    """Least-squares loss contours around the unpenalized fit, and the point where the smallest
    contour first touches an L1 ball (a diamond) and an L2 ball (a disc) of the same radius."""
    rng = np.random.default_rng(4)
    n, t = 200, 1.0
    cov = np.array([[1.0, 0.5], [0.5, 1.0]])
    X = rng.multivariate_normal([0, 0], cov, n)
    y = X @ np.array([1.6, 0.2]) + rng.normal(0, 1.0, n)
    ols = np.linalg.lstsq(X, y, rcond=None)[0]

    def loss(b1, b2):
        """Mean squared error of the fit with coefficients (b1, b2), on a grid or at a point."""
        B = np.stack([np.ravel(b1), np.ravel(b2)])
        return np.mean((y[:, None] - X @ B) ** 2, axis=0).reshape(np.shape(b1))

    # The constrained minimum lies on the boundary (the OLS fit is outside both balls): scan it.
    theta = np.linspace(0, 2 * np.pi, 20000, endpoint=False)
    boundaries = {
        "L1: |β₁| + |β₂| ≤ 1": t * np.stack([np.cos(theta), np.sin(theta)])
        / (np.abs(np.cos(theta)) + np.abs(np.sin(theta))),
        "L2: β₁² + β₂² ≤ 1": t * np.stack([np.cos(theta), np.sin(theta)]),
    }
    g1, g2 = np.meshgrid(np.linspace(-1.5, 2.7, 160), np.linspace(-1.5, 1.9, 130))
    grid_loss = loss(g1, g2)
    fig, axes = new_figure(1, 2, sharey=True)
    for ax, (title, (b1, b2)), color in zip(axes, boundaries.items(), [BLUE, ORANGE]):
        values = loss(b1, b2)
        best = np.argmin(values)
        levels = values[best] + (values[best] - loss(*ols)) * np.array([-0.6, -0.3, 0, 0.6, 1.5])
        levels = np.sort(levels[levels > loss(*ols)])
        ax.contour(g1, g2, grid_loss, levels=levels, colors=GREY, linewidths=1.0)
        ax.contour(g1, g2, grid_loss, levels=[values[best]], colors=VERMILION, linewidths=2.0)
        ax.fill(b1[::50], b2[::50], color=color, alpha=0.3, lw=2, ec=color)
        ax.plot(*ols, "o", color="black", ms=6)
        ax.annotate("least squares", ols, xytext=(6, -18), textcoords="offset points",
                    ha="center", bbox=dict(fc="white", ec="none", pad=1))
        ax.plot(b1[best], b2[best], "*", color=VERMILION, ms=16, mec="black", zorder=5)
        ax.annotate(f"β = ({b1[best]:.2f}, {b2[best]:.2f})", (b1[best], b2[best]),
                    xytext=(-0.9, -1.35), color=VERMILION, fontsize=10,
                    bbox=dict(fc="white", ec="none", pad=1))
        ax.axhline(0, color="black", lw=0.8)
        ax.axvline(0, color="black", lw=0.8)
        ax.set_aspect("equal")
        ax.set_title(title)
        ax.set_xlabel("β₁")
    axes[0].set_ylabel("β₂")
    fig.suptitle("Loss contours meet the L1 ball at a corner (β₂ = 0), the L2 ball on its rim")
    return fig
