"""Recompute every number stated in the deep-learning batch."""

from __future__ import annotations

import math

import numpy as np
from scipy.optimize import minimize_scalar
from scipy.stats import norm

from tests.helpers import assert_states


def test_sawtooth_depth_separation():
    k = 10
    pieces = 2**k
    deep_units = 2 * k
    shallow_units_needed = pieces - 1
    assert_states(
        "why-depth-helps-depth-efficiency",
        f"| deep: 10 layers of 2 ReLUs | {deep_units} | {pieces} |",
        f"$m \\ge {shallow_units_needed}$",
        f"at least {shallow_units_needed} units",
    )


def test_sigmoid_derivative_product_over_ten_layers():
    z = np.linspace(-10, 10, 20001)
    s = 1 / (1 + np.exp(-z))
    assert math.isclose((s * (1 - s)).max(), 0.25)
    product = 0.25**10
    mantissa, exponent = f"{product:.1e}".split("e")
    assert_states(
        "sigmoid-tanh-saturation-vanishing-gradients",
        f"{mantissa} \\times 10^{{{int(exponent)}}}",
    )


def test_gelu_values_and_minimum():
    def gelu(x):
        return x * norm.cdf(x)

    res = minimize_scalar(gelu, bounds=(-3, 0), method="bounded")
    assert_states(
        "dying-relu-leaky-relu-and-gelu",
        f"\\mathrm{{GELU}}(1) \\approx {gelu(1.0):.3f}",
        f"\\mathrm{{GELU}}(-1) \\approx {gelu(-1.0):.3f}",
        f"about ${res.fun:.2f}$",
        f"z \\approx {res.x:.2f}",
    )


def test_he_and_xavier_for_512_inputs():
    n = 512
    he_var = 2 / n
    assert_states(
        "xavier-and-he-initialization-derivation",
        f"Var(w) = {he_var:.8f}",
        f"standard deviation is {math.sqrt(he_var):.4f}",
        f"$2/512 = {he_var:.8f}$ | {math.sqrt(he_var):.4f} |",
        f"$1/512$ | {math.sqrt(1 / n):.4f} |",
        f"limit $a = {math.sqrt(6 / (n + n)):.4f}$",
        f"sqrt(2/{3 * 3 * 64})",
    )
    # Xavier on ReLU halves the second moment per layer.
    assert (0.5 * n * (2 / (n + n))) == 0.5


def test_conv_output_size_params_and_compute():
    w, k, s, p, c_in, c_out = 224, 7, 2, 3, 3, 64
    out = (w + 2 * p - k) // s + 1
    params = k * k * c_in * c_out + c_out
    macs = out * out * c_out * k * k * c_in
    dense = (w * w * c_in) * (out * out * c_out)
    dw = 3 * 3 * 256 + 256 * 256
    full = 3 * 3 * 256 * 256
    assert_states(
        "convolution-output-size-and-parameter-count",
        f"{out}×{out}×{c_out}",
        f"{params}",
        f"${w * w * c_in:,} \\times {out * out * c_out:,}".replace(",", "{,}"),
        f"\\approx {dense / 1e11:.1f} \\times 10^{{11}}",
        f"\\approx {macs / 1e6:.0f}$ million MACs",
        f"{dw:,}",
        f"{full:,}",
        f"about {full / dw:.1f} times fewer",
    )


def test_receptive_field_table():
    layers = [("conv 3×3", 3, 1), ("conv 3×3", 3, 1), ("max-pool 2×2", 2, 2),
              ("conv 3×3", 3, 1), ("conv 3×3", 3, 1)]
    r, j = 1, 1
    rows = []
    for name, k, s in layers:
        r += (k - 1) * j
        j *= s
        rows.append(f"| {name} | {k} | {s} | {r} | {j} |")
    assert r == 14
    assert_states("receptive-field-of-stacked-convolutions", *rows, "14×14", "3, 5, 6, 10, 14")
    # Dilated stack 1, 2, 4 with 3x3 kernels.
    r = 1
    fields = []
    for d in (1, 2, 4):
        r += d * (3 - 1)
        fields.append(r)
    assert_states("receptive-field-of-stacked-convolutions", "receptive fields 3, 7 and 15")
    assert fields == [3, 7, 15]


def test_convolution_is_shift_equivariant_and_gap_head_sizes():
    x = np.zeros(12)
    x[3:5] = [1.0, 2.0]
    k = np.array([1.0, -1.0, 0.5])
    y = np.convolve(x, k, mode="full")
    assert np.allclose(np.roll(y, 4), np.convolve(np.roll(x, 4), k, mode="full"))
    fc = 7 * 7 * 512 * 4096
    gap = 512 * 1000 + 1000
    assert_states(
        "translation-equivariance-vs-invariance-in-cnns",
        f"{fc:,}".replace(",", "{,}"),
        f"{gap:,}".replace(",", "{,}"),
    )


def test_bottleneck_parameter_counts():
    bottleneck = 256 * 64 + 9 * 64 * 64 + 64 * 256
    basic = 2 * 9 * 256 * 256
    assert_states(
        "one-by-one-convolutions",
        f"{bottleneck:,} weights instead",
        f"of {basic:,} for two",
        f"{bottleneck:,}".replace(",", "{,}"),
        f"{basic:,}".replace(",", "{,}"),
        f"About {round(basic / bottleneck)} times fewer",
    )


def test_rnn_gradient_decay_and_growth_over_50_steps():
    assert_states(
        "rnn-vanishing-gradients-through-time",
        f"0.9^50 ≈ {0.9**50:.4f}",
        f"$0.9^{{50}} \\approx {0.9**50:.4f}$",
        f"$1.1^{{50}} \\approx {1.1**50:.0f}$",
    )


def test_lstm_parameter_count():
    x, h = 100, 256
    lstm = 4 * (h * (h + x) + h)
    assert lstm == 365_568
    assert_states("lstm-and-gru-gates", f"{lstm:,}".replace(",", "{,}"))


def test_dot_product_variance_is_d_k():
    rng = np.random.default_rng(0)
    d_k = 64
    q = rng.normal(size=(200_000, d_k))
    k = rng.normal(size=(200_000, d_k))
    dots = (q * k).sum(axis=1)
    assert abs(dots.var() / d_k - 1) < 0.02
    assert_states(
        "scaled-dot-product-attention-sqrt-dk",
        f"standard deviation {math.isqrt(d_k)} for d_k = {d_k}",
        f"standard deviation {math.isqrt(d_k)}, and the difference",
        f"standard deviation about {round(math.sqrt(2 * d_k))}.",
        f"$e^{{10}}\\approx {round(math.exp(10), -3):,.0f}".replace(",", "{,}"),
    )


def test_multi_head_attention_parameters():
    d = 512
    assert_states(
        "multi-head-attention",
        f"{4 * d * d:,} weights for d_model = {d}",
        f"$3 \\cdot 512^2 = {3 * d * d:,}$".replace(",", "{,}"),
        f"$512^2 = {d * d:,}$".replace(",", "{,}"),
        f"= {4 * d * d:,}$".replace(",", "{,}"),
        f"plus {4 * d} biases",
        f"cache is {32 // 8} times smaller",
    )


def test_self_attention_cost_for_4096_tokens():
    n, d = 4096, 1024
    quadratic = 4 * n * n * d
    projections = 8 * n * d * d
    scores = n * n
    mib_per_head = scores * 2 / 2**20
    assert mib_per_head == 32
    # Crossovers: attention alone at n = 2d, with a 4x MLP (16 n d^2) at n = 6d.
    assert 4 * (2 * d) ** 2 * d == 8 * (2 * d) * d * d
    assert 4 * (6 * d) ** 2 * d == (8 + 16) * (6 * d) * d * d
    assert_states(
        "self-attention-quadratic-cost",
        f"about {quadratic / 1e9:.1f} GFLOP against {projections / 1e9:.1f} GFLOP",
        f"$4n^2 d \\approx {quadratic / 1e9:.1f}$ GFLOP",
        f"$8nd^2 \\approx {projections / 1e9:.1f}$ GFLOP",
        f"$n^2 = {scores:,}$".replace(",", "{,}"),
        f"about {mib_per_head:.0f} MiB per head",
        "$n > 2d$",
        "$n > 6d$",
    )


def test_embedding_table_size_and_lookup():
    rng = np.random.default_rng(0)
    E = rng.normal(size=(5, 3))
    assert np.allclose(np.eye(5)[2] @ E, E[2])
    v, d = 50_000, 300
    assert_states(
        "embedding-tables-and-similarity",
        f"$50{{,}}000 \\times 300 = {v * d:,}$".replace(",", "{,}").replace("50{{,}}000", "50{,}000"),
    )


def test_lora_parameter_share():
    d, r = 4096, 8
    lora = 2 * d * r
    full = d * d
    assert_states(
        "transfer-learning-feature-extraction-vs-fine-tuning",
        f"{lora:,} instead of {full:,}",
        f"{lora:,}".replace(",", "{,}"),
        f"{full:,}".replace(",", "{,}"),
        f"i.e. {lora / full:.2%}",
    )


def test_confident_error_outweighs_many_correct_predictions():
    wrong = math.log(100)
    right = math.log(1 / 0.9)
    assert_states(
        "diagnosing-overfitting-from-deep-net-training-curves",
        f"$\\ln 100 \\approx {wrong:.1f}$ nats",
        f"about {round(wrong / right)} correct ones",
        f"$\\ln(1/0.9) \\approx {right:.3f}$",
    )


def test_initial_loss_is_log_of_class_count():
    assert_states(
        "initial-loss-and-training-sanity-checks",
        f"{math.log(10):.3f} for 10 classes and {math.log(1000):.3f} for 1000",
        f"$\\ln 2 = {math.log(2):.3f}$",
        f"$\\ln 10 = {math.log(10):.3f}$",
        f"$\\ln 1000 = {math.log(1000):.3f}$",
    )


def test_log_softmax_of_extreme_logits():
    z = np.array([1000.0, 0.0, -1000.0])
    c = z.max()
    log_p = z - (c + np.log(np.exp(z - c).sum()))
    assert np.allclose(log_p, [0.0, -1000.0, -2000.0])
    assert_states("softmax-log-sum-exp-stability", f"cross-entropy is ${-log_p[1]:.0f}$ nats")


def test_float16_limits_and_lost_update():
    f16, f32 = np.finfo(np.float16), np.finfo(np.float32)
    assert np.float16(1.0) + np.float16(1e-4) == np.float16(1.0)
    assert np.float32(1.0) + np.float32(1e-4) != np.float32(1.0)
    bf16_eps = 2.0**-7
    assert_states(
        "mixed-precision-and-loss-scaling",
        f"| {float(f16.max):.0f} |",
        f"${float(f16.tiny) * 1e5:.1f} \\times 10^{{-5}}$",
        f"${float(f16.smallest_subnormal) * 1e8:.1f} \\times 10^{{-8}}$",
        f"${float(f16.eps) * 1e4:.1f} \\times 10^{{-4}}$",
        f"$2^{{-10}} \\approx {float(f16.eps):.6f}$",
        f"${float(f32.eps) * 1e7:.1f} \\times 10^{{-7}}$",
        f"${float(f32.tiny) * 1e38:.1f} \\times 10^{{-38}}$",
        f"${bf16_eps * 1e3:.1f} \\times 10^{{-3}}$",
        f"about 6e-8 (2^-24)",
    )
    assert math.isclose(float(f16.smallest_subnormal), 2.0**-24)


def test_distillation_temperature_probabilities():
    v = np.array([5.0, 2.0, 1.0])
    rows = {}
    for t in (1, 4):
        p = np.exp(v / t) / np.exp(v / t).sum()
        rows[t] = ", ".join(f"{x:.3f}" for x in p)
    assert_states(
        "knowledge-distillation-temperature",
        f"| 1 | {rows[1]} |",
        f"| 4 | {rows[4]} |",
        f"give {rows[1]} at T = 1 but {rows[4]} at",
    )


def test_bfloat16_limits_and_fastai_embedding_rule():
    # bfloat16: 8 exponent bits (bias 127), 7 mantissa bits
    largest = (2 - 2.0**-7) * 2.0**127
    smallest_normal = 2.0**-126
    smallest_subnormal = 2.0**-133
    assert math.isclose(largest, np.finfo(np.float32).max, rel_tol=1e-2)
    assert_states(
        "mixed-precision-and-loss-scaling",
        f"| bfloat16 | 8 / 7 | ${largest / 1e38:.1f} \\times 10^{{38}}$ "
        f"| ${smallest_normal * 1e38:.1f} \\times 10^{{-38}}$ "
        f"| ${smallest_subnormal * 1e41:.1f} \\times 10^{{-41}}$ |",
        "$2^{-133}$",
    )
    assert_states(
        "embedding-tables-and-similarity",
        f"which gives {min(600, round(1.6 * 300**0.56))} for V = 300",
    )


def test_distillation_gradient_scales_as_inverse_t_squared():
    rng = np.random.default_rng(0)
    v = rng.normal(size=10)
    z = rng.normal(size=10)
    v, z = v - v.mean(), z - z.mean()
    for t in (20.0, 50.0):
        p = np.exp(v / t) / np.exp(v / t).sum()
        q = np.exp(z / t) / np.exp(z / t).sum()
        grad = (q - p) / t
        approx = (z - v) / (len(v) * t**2)
        assert np.allclose(grad, approx, rtol=0.1, atol=1e-6)
