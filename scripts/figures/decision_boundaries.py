"""Decision boundaries of five classifiers trained on the same two-moons data."""

from __future__ import annotations

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.datasets import make_moons
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier

from .style import CLASS_COLORS, CLASS_MARKERS, PROBABILITY_CMAP, new_figure


def _moons():
    X, y = make_moons(n_samples=400, noise=0.3, random_state=0)
    return train_test_split(X, y, test_size=0.5, random_state=0)


def decision_boundary(model, title):
    """Fit `model` on the moons, shade its predicted probability of class 1 on a 80 x 80 grid,
    draw the boundary where its prediction flips, and report training and test accuracy."""
    X_train, X_test, y_train, y_test = _moons()
    model.fit(X_train, y_train)
    g1, g2 = np.meshgrid(np.linspace(-2.0, 3.0, 80), np.linspace(-1.6, 2.1, 80))
    grid = np.column_stack([g1.ravel(), g2.ravel()])
    proba = model.predict_proba(grid)[:, 1].reshape(g1.shape)
    label = model.predict(grid).reshape(g1.shape)

    fig, ax = new_figure()
    ax.grid(False)
    shading = ax.contourf(g1, g2, proba, levels=np.linspace(0, 1, 5), cmap=PROBABILITY_CMAP)
    ax.contour(g1, g2, label, levels=[0.5], colors="black", linewidths=1.8)
    for cls in (0, 1):
        pts = X_train[y_train == cls]
        ax.scatter(pts[:, 0], pts[:, 1], s=22, marker=CLASS_MARKERS[cls], c=CLASS_COLORS[cls],
                   edgecolors="black", linewidths=0.5, label=f"class {cls} (training)")
    cbar = fig.colorbar(shading, ax=ax, shrink=0.9)
    cbar.set_label("predicted P(class 1)")
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    ax.set_title(f"{title}: train accuracy {model.score(X_train, y_train):.2f}, "
                 f"test {model.score(X_test, y_test):.2f}", fontsize=11.5)
    ax.legend(loc="lower left", fontsize=10)
    return fig


def decision_boundary_logistic_regression():
    return decision_boundary(LogisticRegression(), "Logistic regression")


def decision_boundary_deep_tree():
    return decision_boundary(DecisionTreeClassifier(random_state=0), "Unpruned decision tree")


def decision_boundary_random_forest():
    return decision_boundary(RandomForestClassifier(n_estimators=200, random_state=0),
                             "Random forest (200 trees)")


def decision_boundary_rbf_svm():
    # An SVM outputs margins, not probabilities: Platt scaling (a sigmoid fitted by
    # cross-validation) maps them to probabilities for the shading.
    svm = CalibratedClassifierCV(SVC(kernel="rbf", C=1.0, gamma=1.0), method="sigmoid",
                                 ensemble=False)
    return decision_boundary(svm, "RBF SVM (C = 1, γ = 1)")


def decision_boundary_knn():
    return decision_boundary(KNeighborsClassifier(n_neighbors=15), "k-nearest neighbours (k = 15)")
