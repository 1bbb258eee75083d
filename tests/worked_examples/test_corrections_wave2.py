"""Numbers introduced by the second wave of corrections (December 2026)."""

import math

from tests.helpers import assert_states


def test_auc_bounds_best_youden_index():
    auc = 0.92
    # AUC <= 1/2 + J - J^2/2  <=>  J >= 1 - sqrt(2 (1 - AUC))
    j_min = 1 - math.sqrt(2 * (1 - auc))
    assert abs(0.5 + j_min - j_min**2 / 2 - auc) < 1e-12
    balanced_accuracy = (1 + j_min) / 2
    assert_states("roc-auc-probabilistic-meaning", f"{j_min:.1f}", f"{balanced_accuracy:.1f}", "0.92")
