"""Recompute every number stated in the gaps3a batch (sequence models, vision transformers,
object detection and CTC)."""

from __future__ import annotations

import itertools
import math

import numpy as np

from tests.helpers import all_text, run_python_block


def assert_states(question_id: str, *expected: str) -> None:
    """Like tests.helpers.assert_states, but blind to where the YAML text wraps its lines."""
    text = " ".join(all_text(question_id).split())
    missing = [e for e in expected if " ".join(e.split()) not in text]
    assert not missing, f"{question_id} does not state {missing}"

VIT = "vision-transformer-vs-cnn-inductive-bias"


def test_vit_patch_embedding_numbers():
    image, patch, channels, width = 224, 16, 3, 768
    n_patches = (image // patch) ** 2
    patch_dim = patch * patch * channels
    params = patch_dim * width + width
    assert (n_patches, patch_dim, params) == (196, 768, 590_592)
    assert_states(
        VIT,
        f"$(224/16)^2 = {n_patches}$",
        f"$16\\cdot16\\cdot3 = {patch_dim}$",
        f"$768\\cdot768 + 768 = {params:,}$".replace(",", "{,}"),
        f"processes the {n_patches + 1} tokens",
    )


def test_vit_halving_patch_size_cost():
    tokens_16 = (224 // 16) ** 2
    tokens_8 = (224 // 8) ** 2
    ratio = (tokens_8 / tokens_16) ** 2  # attention scores are quadratic in the token count
    assert tokens_8 == 784 and ratio == 16
    assert_states(VIT, f"gives {tokens_8} tokens and {ratio:.0f}× the attention-score FLOPs")


# --- object detection --------------------------------------------------------------------------

TWO_STAGE = "one-stage-vs-two-stage-object-detectors"
ANCHORS = "anchor-boxes-and-anchor-free-detectors"
DETR = "detr-set-prediction-hungarian-matching"
DET_AP = "object-detection-map-coco-vs-pascal-voc"


def _iou(a, b) -> float:
    """IoU of two (x1, y1, x2, y2) boxes."""
    w = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    h = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = w * h
    area = lambda r: (r[2] - r[0]) * (r[3] - r[1])
    return inter / (area(a) + area(b) - inter)


def _corners(cx, cy, w, h):
    return (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


def test_rpn_anchor_count():
    positions, per_position = 60 * 40, 3 * 3
    assert_states(TWO_STAGE, f"about {positions * per_position:,} anchors", "9 anchors each")


def test_rpn_anchors_per_position():
    scales, ratios = 3, 3
    assert_states(ANCHORS, f"3 scales × 3 aspect ratios = {scales * ratios} anchors per position")


def test_anchor_iou_assignment_and_offsets():
    anchor = _corners(100, 100, 64, 64)
    obj = _corners(110, 96, 80, 48)
    assert anchor == (68, 68, 132, 132) and obj == (70, 72, 150, 120)
    width = min(anchor[2], obj[2]) - max(anchor[0], obj[0])
    height = min(anchor[3], obj[3]) - max(anchor[1], obj[1])
    inter = int(width * height)
    union = 64 * 64 + 80 * 48 - inter
    iou = _iou(anchor, obj)
    assert (inter, union) == (2976, 4960) and math.isclose(iou, 0.6)
    # RetinaNet: positive at IoU >= 0.5; RPN: positive above 0.7, negative below 0.3.
    assert iou >= 0.5 and 0.3 <= iou <= 0.7
    tx, ty = (110 - 100) / 64, (96 - 100) / 64
    tw, th = math.log(80 / 64), math.log(48 / 64)
    assert_states(
        ANCHORS,
        f"Intersection 62 × 48 = {inter:,}",
        f"4,096 + 3,840 − 2,976 = {union:,}",
        f"IoU = {iou:.1f}",
        f"$t_x = 10/64 = {tx:.3f}$",
        f"$t_y = -4/64 = {ty:.4f}$",
        f"$t_w = \\ln(80/64) = {tw:.3f}$",
        f"$t_h = \\ln(48/64) = {th:.3f}$",
    )


def test_square_anchor_on_a_pole():
    anchor = _corners(100, 100, 64, 64)
    pole = _corners(100, 100, 20, 120)
    inter = 20 * 64
    union = 64 * 64 + 20 * 120 - inter
    iou = _iou(anchor, pole)
    assert math.isclose(iou, inter / union) and iou < 0.3
    assert_states(ANCHORS, f"IoU {inter:,}/{union:,} = {iou:.3f}")


def test_detr_matching_block_and_greedy_total():
    from scipy.optimize import linear_sum_assignment

    assert run_python_block(DETR) == "[0 1] [1 0] 0.6"
    cost = np.array([[0.2, 0.3], [0.3, 1.5], [1.0, 1.2]])
    # Greedy: repeatedly take the cheapest remaining (query, object) pair.
    free_q, free_o, greedy = set(range(3)), set(range(2)), []
    while free_o:
        q, o = min(((q, o) for q in free_q for o in free_o), key=lambda p: cost[p])
        greedy.append(cost[q, o])
        free_q.discard(q)
        free_o.discard(o)
    rows, cols = linear_sum_assignment(cost)
    brute = min(cost[list(p), [0, 1]].sum() for p in itertools.permutations(range(3), 2))
    assert math.isclose(cost[rows, cols].sum(), brute)
    assert_states(
        DETR,
        f"query 0 object 0 ({greedy[0]:.1f})",
        f"query 2 with object 1  ({greedy[1]:.1f}), {sum(greedy):.1f} in total",
        f"The optimum, {cost[rows, cols].sum():.1f}",
    )


# The worked example of the detection-AP answer: detections by descending score, each with the
# object it overlaps most and that IoU; four ground-truth objects A-D, D never detected.
DETECTIONS = [(0.95, "A", 0.86), (0.90, "A", 0.71), (0.80, "B", 0.62),
              (0.70, "C", 0.30), (0.60, "C", 0.78), (0.50, None, 0.0)]
N_OBJECTS = 4
COCO_IOU_THRESHOLDS = np.linspace(0.5, 0.95, int(np.round((0.95 - 0.5) / 0.05)) + 1, endpoint=True)
COCO_RECALL_POINTS = np.linspace(0.0, 1.00, int(np.round((1.00 - 0.0) / 0.01)) + 1, endpoint=True)


def _true_positives(threshold: float) -> np.ndarray:
    claimed, tp = set(), []
    for _, obj, iou in DETECTIONS:
        hit = obj is not None and iou >= threshold and obj not in claimed
        if hit:
            claimed.add(obj)
        tp.append(int(hit))
    return np.array(tp)


def _precision_recall(tp):
    cum_tp = np.cumsum(tp)
    ranks = np.arange(1, len(tp) + 1)
    return cum_tp / ranks, cum_tp / N_OBJECTS


def _ap_voc2010(precision, recall) -> float:
    """Area under the precision envelope at every recall change (VOC 2010 onward)."""
    mrec = np.concatenate(([0.0], recall, [1.0]))
    mpre = np.concatenate(([0.0], precision, [0.0]))
    for i in range(len(mpre) - 2, -1, -1):
        mpre[i] = max(mpre[i], mpre[i + 1])
    steps = np.where(mrec[1:] != mrec[:-1])[0]
    return float(np.sum((mrec[steps + 1] - mrec[steps]) * mpre[steps + 1]))


def _ap_voc2007(precision, recall) -> float:
    points = [precision[recall >= t].max() if (recall >= t).any() else 0.0
              for t in np.arange(0, 1.1, 0.1)]
    return float(np.mean(points))


def _ap_coco(precision, recall) -> float:
    """pycocotools' accumulate(): envelope, then precision at 101 recall points (0 beyond reach)."""
    envelope = precision.tolist()
    for i in range(len(envelope) - 1, 0, -1):
        envelope[i - 1] = max(envelope[i - 1], envelope[i])
    index = np.searchsorted(recall, COCO_RECALL_POINTS, side="left")
    return float(np.mean([envelope[i] if i < len(envelope) else 0.0 for i in index]))


def test_detection_table_rows():
    precision, recall = _precision_recall(_true_positives(0.5))
    labels = {0: "TP", 1: "FP, duplicate", 2: "TP", 3: "FP, poor box", 4: "TP", 5: "FP"}
    rows = []
    for k, ((score, obj, iou), p, r) in enumerate(zip(DETECTIONS, precision, recall)):
        best = f"{iou:.2f} ({obj})" if obj else "none"
        rows.append(f"| {k + 1} | {score:.2f} | {best} | {labels[k]} | {p:.3f} | {r:.2f} |")
    assert_states(DET_AP, *rows)


def test_detection_ap_variants_at_iou_half():
    precision, recall = _precision_recall(_true_positives(0.5))
    assert_states(
        DET_AP,
        f"AP at IoU 0.5 is {_ap_voc2010(precision, recall):.3f} as VOC 2010 computes it",
        f"{_ap_voc2007(precision, recall):.3f} with 11 points",
        f"{_ap_coco(precision, recall):.3f}  with COCO's 101 points",
    )


def test_coco_ap_over_iou_thresholds():
    per_threshold = {round(float(t), 2): _ap_coco(*_precision_recall(_true_positives(t)))
                     for t in COCO_IOU_THRESHOLDS}
    groups = [(0.50, 0.60), (0.65, 0.75), (0.80, 0.85), (0.90, 0.95)]
    cells = []
    for lo, hi in groups:
        values = {v for t, v in per_threshold.items() if lo <= t <= hi}
        assert len(values) == 1
        value = values.pop()
        cells.append("0" if value == 0 else f"{value:.3f}")
    assert_states(DET_AP, "| AP (101 points) | " + " | ".join(cells) + " |")
    ap = float(np.mean(list(per_threshold.values())))
    assert_states(
        DET_AP,
        f"AP50 = {per_threshold[0.5]:.3f} and AP75 = {per_threshold[0.75]:.3f}",
        f"is  {ap:.3f}",
        f"(AP50 {per_threshold[0.5]:.3f} against AP {ap:.3f})",
        f"({per_threshold[0.5]:.3f} against {ap:.3f} in the example)",
    )
    # The thresholds at which ranks 3, 5 and 1 stop being true positives.
    first_fail = {}
    for rank in (3, 5, 1):
        first_fail[rank] = min(round(float(t), 2) for t in COCO_IOU_THRESHOLDS
                               if not _true_positives(t)[rank - 1])
    assert_states(
        DET_AP,
        f"rank 3 fails from  {first_fail[3]:.2f}",
        f"rank 5 from {first_fail[5]:.2f}",
        f"rank 1 from {first_fail[1]:.2f}",
    )


def test_sklearn_average_precision_on_matched_detections():
    from sklearn.metrics import average_precision_score

    tp = _true_positives(0.5)
    scores = [score for score, _, _ in DETECTIONS]
    sk = average_precision_score(tp, scores)  # denominator: the 3 matched objects only
    matched = int(tp.sum())
    rescaled = sk * matched / N_OBJECTS
    precision, recall = _precision_recall(tp)
    step_sum = float(np.sum(np.diff(np.concatenate(([0.0], recall))) * precision))
    assert math.isclose(rescaled, step_sum)
    # Equal to the VOC 2010 value only because precision at the true positives never rises.
    tp_precisions = precision[tp == 1]
    assert all(np.diff(tp_precisions) < 0)
    assert math.isclose(rescaled, _ap_voc2010(precision, recall))
    assert_states(
        DET_AP,
        f"recall denominator is the {matched} matched objects, not $G = {N_OBJECTS}$",
        f"it gives {sk:.3f} on the example",
        f"Rescaling by ${matched}/{N_OBJECTS}$ gives {rescaled:.3f}",
        "(" + ", ".join(f"{p:.3f}".rstrip("0").rstrip(".") for p in tp_precisions) + ")",
    )


def test_low_score_detections_never_lower_ap():
    precision, recall = _precision_recall(_true_positives(0.5))
    base = _ap_voc2010(precision, recall)
    tp = _true_positives(0.5)
    for extra in ([0], [0, 0, 0], [1], [0, 1]):
        p, r = _precision_recall(np.concatenate((tp, extra)))
        assert _ap_voc2010(p, r) >= base - 1e-12


# --- CTC -----------------------------------------------------------------------------------------

CTC = "ctc-loss-connectionist-temporal-classification"
CTC_PROBS = np.array([[0.2, 0.7, 0.1], [0.5, 0.2, 0.3], [0.3, 0.1, 0.6]])  # columns: -, a, b


def _collapse(path, blank=0):
    out, previous = [], None
    for k in path:
        if k != previous and k != blank:
            out.append(k)
        previous = k
    return out


def _alignments(target, frames, symbols=3):
    return [p for p in itertools.product(range(symbols), repeat=frames) if _collapse(p) == target]


def test_ctc_python_block_prints_the_stated_values():
    assert run_python_block(CTC) == "5 0.507 0.507"


def test_ctc_example_paths_probability_and_loss():
    paths = _alignments([1, 2], 3)
    names = {"".join("-ab"[k] for k in p).replace("-", "−") for p in paths}
    assert names == {"aab", "abb", "−ab", "a−b", "ab−"}
    prob = sum(np.prod([CTC_PROBS[t, k] for t, k in enumerate(p)]) for p in paths)
    a_blank_b = CTC_PROBS[0, 1] * CTC_PROBS[1, 0] * CTC_PROBS[2, 2]
    assert_states(
        CTC,
        f"{len(paths)} of the {3 ** 3}",
        f"$0.7 \\times 0.5 \\times 0.6 = {a_blank_b:.2f}$",
        f"$p(\\text{{ab}}\\mid\\mathbf{{x}}) = {prob:.3f}$",
        f"$-\\ln {prob:.3f} = {-math.log(prob):.3f}$",
    )
    # "aa" on three frames: only a-a; on two frames: none.
    assert _alignments([1, 1], 3) == [(1, 0, 1)] and _alignments([1, 1], 2) == []
    assert_states(CTC, '("aa" needs a−a)', '"aa" on 2 frames has no valid alignment')


def test_ctc_alignment_count_formula():
    for u in range(1, 4):
        target = [1 + (i % 2) for i in range(u)]  # a, b, a ...: no adjacent repeats
        for t in range(u, 8):
            assert len(_alignments(target, t)) == math.comb(t + u, 2 * u)
    assert_states(CTC, "$\\binom{T+U}{2U}$ in general when no two adjacent labels are equal")


def test_ctc_path_count_for_one_second_of_speech():
    frames, labels = 100, 20
    count = math.comb(frames + labels, 2 * labels)
    mantissa, exponent = f"{count:.1e}".split("e")
    assert_states(
        CTC,
        f"$T = {frames}$, with $U = {labels}$ labels has "
        f"$\\binom{{{frames + labels}}}{{{2 * labels}}} \\approx {mantissa} \\times 10^{{{int(exponent)}}}$",
    )


def test_ctc_collapse_rule_example():
    symbols = {"−": 0, "a": 1, "b": 2}
    path = [symbols[c] for c in "aa−ab"]
    assert "".join("-ab"[k] for k in _collapse(path)) == "aab"
    assert_states(CTC, "$\\mathcal{B}(\\text{aa−ab}) = \\text{aab}$")


def test_ctc_best_path_versus_best_labelling():
    probs = np.array([[0.6, 0.4], [0.6, 0.4]])  # columns: -, a
    by_label: dict[tuple, float] = {}
    for p in itertools.product(range(2), repeat=2):
        label = tuple(_collapse(p))
        path_prob = float(np.prod([probs[t, k] for t, k in enumerate(p)]))
        by_label[label] = by_label.get(label, 0.0) + path_prob
    best_path = max(itertools.product(range(2), repeat=2),
                    key=lambda p: np.prod([probs[t, k] for t, k in enumerate(p)]))
    assert best_path == (0, 0) and max(by_label, key=by_label.get) == (1,)
    assert_states(
        CTC,
        f"the empty string with {by_label[()]:.2f}",
        f"−a for {by_label[(1,)]:.2f}",
    )
