"""The site's figures, each computed by a function from a real model or algorithm.

`REGISTRY` maps each figure's file name (kebab-case, without `.svg`) to the function that draws
it and the alt text that states what it shows. `python -m scripts.figures` writes every figure
to docs/assets/figures/<name>.svg; `--check` reports figures whose committed SVG differs from a
fresh render. The output is byte-identical across runs: fixed seeds, the style's fixed SVG hash
salt and no dates in the metadata.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Callable, NamedTuple

import matplotlib
from matplotlib.figure import Figure

from . import (bias_variance, classification, decision_boundaries, optimization, regularization,
               unsupervised)
from .style import STYLE

ROOT = Path(__file__).resolve().parents[2]
OUTPUT_DIR = ROOT / "docs" / "assets" / "figures"


class Entry(NamedTuple):
    function: Callable[[], Figure]
    alt: str


REGISTRY: dict[str, Entry] = {
    "bias-variance-u-curve": Entry(
        bias_variance.bias_variance_u_curve,
        "Across 300 refits of polynomials to 30 noisy points, squared bias falls and variance "
        "rises with the degree, so the expected test error traces a U with its minimum at "
        "degree 7, never below the noise floor."),
    "validation-curve": Entry(
        bias_variance.validation_curve_tree_depth,
        "As a regression tree grows deeper, training error falls steadily towards zero while "
        "cross-validated error falls until depth 5 and then rises; the widening gap marks "
        "overfitting."),
    "learning-curve-overfit": Entry(
        bias_variance.learning_curve_overfit,
        "An unpruned decision tree has zero training error at every training-set size while its "
        "validation error falls only from about 0.27 to 0.19; the large gap, closing slowly "
        "with more data, is the signature of high variance."),
    "learning-curve-underfit": Entry(
        bias_variance.learning_curve_underfit,
        "Logistic regression on two interleaved moons has training and validation error that "
        "meet by a few hundred examples on a plateau near 0.13, far above the 0.04 an RBF SVM "
        "reaches: more data cannot fix this high bias."),
    "lasso-coefficient-path": Entry(
        regularization.lasso_coefficient_path,
        "On the diabetes data, lasso coefficients are exactly zero under a strong penalty and "
        "enter the model one at a time as the penalty weakens, bmi and s5 first."),
    "ridge-coefficient-path": Entry(
        regularization.ridge_coefficient_path,
        "On the diabetes data, ridge coefficients shrink smoothly towards zero as the penalty "
        "grows, but none of them becomes exactly zero at any penalty strength."),
    "l1-l2-constraint-geometry": Entry(
        regularization.l1_l2_constraint_geometry,
        "Elliptical least-squares contours first touch the L1 diamond at its corner, where the "
        "second coefficient is exactly zero, but touch the L2 disc at a smooth point where both "
        "coefficients are nonzero."),
    "confusion-matrix": Entry(
        classification.confusion_matrix_breast_cancer,
        "A logistic regression on 228 breast-cancer test cases makes 79 true positives, 6 false "
        "negatives, 1 false positive and 142 true negatives, giving recall 0.929, precision "
        "0.988 and accuracy 0.969."),
    "roc-balanced-vs-imbalanced": Entry(
        classification.roc_balanced_vs_imbalanced,
        "The same kind of classifier has almost the same ROC curve and an AUC of about 0.81 "
        "whether positives are 50% or 2% of the data, because ROC ignores prevalence."),
    "pr-balanced-vs-imbalanced": Entry(
        classification.pr_balanced_vs_imbalanced,
        "With the same classifier quality, average precision drops from 0.80 at 50% positives "
        "to 0.13 at 2% positives, and each curve should be read against its own random-ranking "
        "baseline equal to the prevalence."),
    "calibration-reliability-diagram": Entry(
        classification.calibration_reliability_diagram,
        "Logistic regression tracks the diagonal of the reliability diagram, Gaussian naive "
        "Bayes pushes its probabilities towards 0 and 1 and is overconfident, and the random "
        "forest is close to calibrated with an S-shaped bend."),
    "decision-boundary-logistic-regression": Entry(
        decision_boundaries.decision_boundary_logistic_regression,
        "Logistic regression draws a single straight boundary through the two interleaved moons, "
        "so it misclassifies the tips of both moons and gets only 0.85 training accuracy."),
    "decision-boundary-deep-tree": Entry(
        decision_boundaries.decision_boundary_deep_tree,
        "An unpruned decision tree carves the moons into axis-aligned boxes, including thin "
        "slivers around single noisy points, reaching training accuracy 1.00 but test accuracy "
        "0.89."),
    "decision-boundary-random-forest": Entry(
        decision_boundaries.decision_boundary_random_forest,
        "Averaging 200 randomized trees gives a random forest a boundary that follows the moons "
        "with graded probabilities, fitting the training set perfectly and scoring 0.90 on the "
        "test set."),
    "decision-boundary-rbf-svm": Entry(
        decision_boundaries.decision_boundary_rbf_svm,
        "An RBF-kernel SVM draws a smooth curved boundary that follows the shape of the two "
        "moons, with training and test accuracy close together at 0.92 and 0.91."),
    "decision-boundary-knn": Entry(
        decision_boundaries.decision_boundary_knn,
        "A 15-nearest-neighbour classifier gives a flexible but fairly smooth boundary that "
        "follows the moons, with training accuracy 0.89 and test accuracy 0.91."),
    "kmeans-separated-vs-anisotropic": Entry(
        unsupervised.kmeans_separated_vs_anisotropic,
        "k-means recovers three round, well-separated blobs perfectly, but on the same blobs "
        "stretched into elongated clusters it cuts across them, because it assumes compact "
        "spherical clusters."),
    "silhouette-vs-k": Entry(
        unsupervised.silhouette_vs_k,
        "For k-means on data drawn from four blobs, the mean silhouette score peaks at k = 4, "
        "where the within-cluster sum of squares also shows its elbow."),
    "pca-explained-variance": Entry(
        unsupervised.pca_explained_variance,
        "On the 64-pixel digit images the first principal components explain most variance and "
        "the rest fall off fast: 13 components keep 80% of the variance and 29 keep 95%."),
    "optimizer-paths": Entry(
        optimization.optimizer_paths,
        "On an ill-conditioned quadratic bowl plain gradient descent zig-zags across the steep "
        "valley, momentum damps the zig-zag and reaches a lower loss fastest, and Adam takes "
        "even, sign-like steps that converge more slowly here."),
    "double-descent": Entry(
        bias_variance.double_descent,
        "For min-norm least squares with 40 training points, test error rises as the number of "
        "features approaches 40, peaks sharply where features equal training points, and falls "
        "again as features keep growing."),
    "threshold-expected-cost": Entry(
        classification.threshold_expected_cost,
        "When a missed positive costs ten times a false alarm, the expected cost is lowest at a "
        "threshold near 0.1, close to C_FP / (C_FP + C_FN), and the default threshold of 0.5 "
        "costs far more."),
}


def render(name: str) -> bytes:
    """The SVG bytes of one figure, drawn with the shared style."""
    with matplotlib.rc_context(STYLE):
        fig = REGISTRY[name].function()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def output_path(name: str, directory: Path = OUTPUT_DIR) -> Path:
    return directory / f"{name}.svg"
