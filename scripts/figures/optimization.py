"""Gradient descent, momentum and Adam, written out in NumPy, on an ill-conditioned bowl."""

from __future__ import annotations

import numpy as np

from .style import BLUE, GREEN, GREY, VERMILION, new_figure, plain_log_ticks

# f(w) = ½ wᵀ A w with curvatures 1 and 25 along axes rotated by 30 degrees: condition number 25.
ANGLE = np.deg2rad(30)
ROTATION = np.array([[np.cos(ANGLE), -np.sin(ANGLE)], [np.sin(ANGLE), np.cos(ANGLE)]])
A = ROTATION @ np.diag([1.0, 25.0]) @ ROTATION.T
START = np.array([-4.2, -1.0])
STEPS = 60


def loss(w):
    return 0.5 * w @ A @ w


def gradient(w):
    return A @ w


def gradient_descent(lr=0.075):
    """Plain GD: step against the gradient. Stable only for lr < 2 / (largest curvature)."""
    w, path = START.copy(), [START.copy()]
    for _ in range(STEPS):
        w = w - lr * gradient(w)
        path.append(w.copy())
    return np.array(path)


def momentum(lr=0.02, beta=0.8):
    """Heavy-ball momentum: a velocity that averages past gradients damps the zig-zag."""
    w, v, path = START.copy(), np.zeros(2), [START.copy()]
    for _ in range(STEPS):
        v = beta * v + gradient(w)
        w = w - lr * v
        path.append(w.copy())
    return np.array(path)


def adam(lr=0.15, beta1=0.9, beta2=0.999, eps=1e-8):
    """Adam: momentum plus a per-coordinate step size from the running mean square gradient."""
    w, m, s, path = START.copy(), np.zeros(2), np.zeros(2), [START.copy()]
    for t in range(1, STEPS + 1):
        g = gradient(w)
        m = beta1 * m + (1 - beta1) * g
        s = beta2 * s + (1 - beta2) * g**2
        m_hat, s_hat = m / (1 - beta1**t), s / (1 - beta2**t)
        w = w - lr * m_hat / (np.sqrt(s_hat) + eps)
        path.append(w.copy())
    return np.array(path)


def optimizer_paths():
    """Sixty steps of each optimizer from the same start, on the loss contours and as loss
    against step."""
    runs = [("gradient descent, lr 0.075", gradient_descent(), BLUE, "o"),
            ("momentum 0.8, lr 0.02", momentum(), VERMILION, "s"),
            ("Adam, lr 0.15", adam(), GREEN, "^")]
    g1, g2 = np.meshgrid(np.linspace(-4.8, 1.0, 100), np.linspace(-3.0, 1.0, 70))
    grid = np.stack([g1, g2], axis=-1)
    values = 0.5 * np.einsum("...i,ij,...j->...", grid, A, grid)

    fig, (ax, curve) = new_figure(1, 2, width_ratios=[1.35, 1])
    ax.grid(False)
    ax.contour(g1, g2, values, levels=np.geomspace(0.05, 40, 9), colors=GREY, linewidths=0.8)
    for name, path, color, marker in runs:
        ax.plot(path[:, 0], path[:, 1], "-", marker=marker, ms=3, lw=1.4, color=color)
        curve.plot([loss(w) for w in path], color=color, lw=1.8, label=name)
    ax.plot(*START, "ko", ms=7)
    ax.annotate("start", START, xytext=(6, 6), textcoords="offset points")
    ax.plot(0, 0, "k*", ms=12)
    ax.set_aspect("equal")
    ax.set_xlim(g1.min(), g1.max())
    ax.set_ylim(g2.min(), g2.max())
    ax.set_xlabel("w₁")
    ax.set_ylabel("w₂")
    ax.set_title("Paths on an ill-conditioned bowl (κ = 25)", fontsize=11)
    curve.set_yscale("log")
    plain_log_ticks(curve.yaxis)
    curve.set_xlabel("step")
    curve.set_ylabel("loss (log scale)")
    curve.set_title("Loss against step", fontsize=11)
    curve.legend(loc="lower left", fontsize=10)
    return fig
