"""Recompute the numbers stated in the entry-level batch easy3 (object detection, recurrent
networks, the multi-armed bandit, PMF/PDF/CDF)."""

from __future__ import annotations

import math

from tests.helpers import all_text


def _norm(text: str) -> str:
    return " ".join(text.split())


def assert_states_ws(question_id: str, *expected: str) -> None:
    """Like tests.helpers.assert_states, but blind to line wrapping in the YAML."""
    text = _norm(all_text(question_id))
    missing = [e for e in expected if _norm(e) not in text]
    assert not missing, f"{question_id} does not state {missing}"


# --- object-detection-vs-classification-and-segmentation -------------------------------------

def _iou(a, b):
    x1, y1 = max(a[0], b[0]), max(a[1], b[1])
    x2, y2 = min(a[2], b[2]), min(a[3], b[3])
    inter = max(0, x2 - x1) * max(0, y2 - y1)
    area = lambda r: (r[2] - r[0]) * (r[3] - r[1])  # noqa: E731
    return inter, area(a) + area(b) - inter


def test_shifted_box_iou():
    truth = (0, 0, 10, 10)
    pred = (2, 2, 12, 12)  # shifted 2 right and 2 down
    inter, union = _iou(truth, pred)
    assert (inter, union) == (64, 136)
    iou = inter / union
    assert f"{iou:.3f}" == "0.471"
    assert iou < 0.5
    assert_states_ws(
        "object-detection-vs-classification-and-segmentation",
        "an 8×8 square",
        "IoU $= 64/(100 + 100 - 64) = 64/136 = 0.471$",
    )


# --- what-is-a-recurrent-neural-network -------------------------------------------------------

def test_rnn_parameter_counts():
    x, h = 100, 256
    rnn = h * x + h * h + h
    assert rnn == 91_392
    torch_rnn = h * x + h * h + 2 * h  # torch.nn.RNN has bias_ih and bias_hh
    assert torch_rnn == 91_648
    lstm = 4 * (h * (h + x) + h)
    assert lstm == 365_568
    assert_states_ws(
        "what-is-a-recurrent-neural-network",
        "$256 \\cdot 100 + 256 \\cdot 256 + 256 = 91{,}392$",
        "has 91,648",
        "four such blocks, 365,568",
    )


def test_rnn_gradient_decay():
    assert f"{0.9 ** 50:.4f}" == "0.0052"
    assert_states_ws("what-is-a-recurrent-neural-network", "$0.9^{50} \\approx 0.0052$")
