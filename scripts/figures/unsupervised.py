"""Clustering and dimensionality reduction: k-means' assumptions, choosing k, PCA variance."""

from __future__ import annotations

import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import load_digits, make_blobs
from sklearn.decomposition import PCA
from sklearn.metrics import adjusted_rand_score, silhouette_score

from .style import BLUE, GREEN, GREY, ORANGE, VERMILION, new_figure

CLUSTER_STYLES = [(BLUE, "o"), (ORANGE, "^"), (GREEN, "s"), (VERMILION, "D")]


def kmeans_separated_vs_anisotropic():
    """k-means with k = 3 on round, well-separated blobs and on the same blobs stretched by a
    linear map; the adjusted Rand index compares each clustering with the true groups."""
    X, y = make_blobs(n_samples=450, centers=3, cluster_std=0.9, random_state=170)
    stretched = X @ np.array([[0.6, -0.64], [-0.41, 0.85]])  # elongates and shears every blob
    fig, axes = new_figure(1, 2)
    for ax, data, title in [(axes[0], X, "round, well-separated clusters"),
                            (axes[1], stretched, "elongated (anisotropic) clusters")]:
        km = KMeans(n_clusters=3, n_init=10, random_state=0).fit(data)
        for k in range(3):
            color, marker = CLUSTER_STYLES[k]
            pts = data[km.labels_ == k]
            ax.scatter(pts[:, 0], pts[:, 1], s=12, c=color, marker=marker, alpha=0.8, lw=0)
        ax.scatter(*km.cluster_centers_.T, s=160, c="white", marker="X", edgecolors="black",
                   linewidths=1.5, label="k-means centroids", zorder=5)
        ari = adjusted_rand_score(y, km.labels_)
        ax.set_title(f"{title}\nadjusted Rand index vs truth = {ari:.2f}", fontsize=11)
        ax.set_xlabel("x₁")
        ax.legend(loc="lower right", fontsize=10)
    axes[0].set_ylabel("x₂")
    fig.suptitle("k-means (k = 3): right on round blobs, wrong on stretched ones")
    return fig


def silhouette_vs_k():
    """Mean silhouette score and within-cluster sum of squares of k-means for k = 2..10 on data
    drawn from four blobs."""
    X, _ = make_blobs(n_samples=400, centers=4, cluster_std=1.0, random_state=11)
    ks = np.arange(2, 11)
    scores, inertia = [], []
    for k in ks:
        km = KMeans(n_clusters=k, n_init=4, random_state=0).fit(X)
        scores.append(silhouette_score(X, km.labels_))
        inertia.append(km.inertia_)
    best = ks[int(np.argmax(scores))]
    fig, (ax, right) = new_figure(1, 2)
    ax.plot(ks, scores, "o-", color=BLUE)
    ax.plot(best, max(scores), "*", color=VERMILION, ms=18, mec="black",
            label=f"highest: k = {best}")
    ax.set_xlabel("number of clusters k")
    ax.set_ylabel("mean silhouette score")
    ax.set_title("Silhouette score (higher is better)")
    ax.legend(loc="upper right")
    right.plot(ks, inertia, "s-", color=ORANGE)
    right.axvline(best, color=GREY, ls="--", lw=1.2)
    right.set_xlabel("number of clusters k")
    right.set_ylabel("within-cluster sum of squares")
    right.set_title("Inertia: look for the elbow")
    for a in (ax, right):
        a.set_xticks(ks)
    fig.suptitle("Choosing k for k-means on data from 4 blobs")
    return fig


def pca_explained_variance():
    """Share of variance explained by each principal component of the 8 x 8 digit images
    (64 pixels), and the cumulative share."""
    X = load_digits().data
    ratio = PCA().fit(X).explained_variance_ratio_
    cumulative = np.cumsum(ratio)
    shown = 40
    comps = np.arange(1, shown + 1)
    fig, ax = new_figure()
    ax.bar(comps, ratio[:shown], color=BLUE, width=0.8, label="individual component")
    ax.set_xlabel("principal component")
    ax.set_ylabel("explained variance ratio (individual)")
    ax.set_xlim(0, shown + 1)
    twin = ax.twinx()
    twin.plot(comps, cumulative[:shown], "-", color=VERMILION, drawstyle="steps-mid",
              label="cumulative")
    twin.set_ylim(0, 1.02)
    twin.set_ylabel("cumulative explained variance", color=VERMILION)
    twin.grid(False)
    twin.spines["right"].set_visible(True)
    for target, style in [(0.8, ":"), (0.95, "--")]:
        k = int(np.searchsorted(cumulative, target) + 1)
        twin.axhline(target, color=GREY, ls=style, lw=1)
        twin.plot(k, cumulative[k - 1], "o", color=VERMILION, ms=7)
        twin.annotate(f"{target:.0%} with {k} components", (k, cumulative[k - 1]),
                      xytext=(8, -16), textcoords="offset points", fontsize=10)
    handles = ax.get_legend_handles_labels()[0] + twin.get_legend_handles_labels()[0]
    ax.legend(handles=handles, loc="center right")
    ax.set_title("PCA on the 64-pixel digits: variance explained by each component")
    return fig
