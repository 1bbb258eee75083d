"""Recompute every number stated in the optimization batch."""

from __future__ import annotations

import math

import numpy as np

from tests.helpers import assert_states


def _iterations(rate: float, reduction: float = 1e-6) -> float:
    return math.log(reduction) / math.log(rate)


def test_gradient_descent_rates_and_iterations_for_condition_number_100():
    mu, big_l = 1.0, 100.0
    best_rate = (big_l - mu) / (big_l + mu)
    simple_rate = 1 - mu / big_l
    assert_states(
        "gradient-descent-step-size-condition-number",
        f"{2 / big_l:.2f}",  # step must stay below 0.02
        f"{best_rate:.3f}",
        f"about {round(_iterations(best_rate))} iterations",
        f"rate is {simple_rate:.2f}",
        f"takes about {round(_iterations(simple_rate))}",
    )


def test_momentum_rate_and_iterations_for_condition_number_100():
    kappa = 100.0
    gd_rate = (kappa - 1) / (kappa + 1)
    rate = (math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1)
    beta = rate**2
    assert_states(
        "momentum-acceleration-square-root-condition-number",
        f"{gd_rate:.3f}",
        f"about {round(_iterations(gd_rate))} iterations",
        f"\\approx{beta:.3f}",
        f"9/11\\approx{rate:.3f}",
        f"needs about {round(_iterations(rate))}",
    )


def test_momentum_effective_step_at_beta_09():
    beta = 0.9
    assert round(1 / (1 - beta)) == 10
    assert_states("momentum-heavy-ball-vs-nesterov", "ten times", "$\\beta=0.9$")


def test_adam_bias_sizes_and_uncorrected_first_step():
    beta1, beta2 = 0.9, 0.999
    after10 = 1 - beta2**10
    first_step = (1 - beta1) / math.sqrt(1 - beta2)
    assert round(1 / after10, -1) == 100
    assert_states(
        "adam-update-and-bias-correction",
        f"\\approx{after10:.5f}",
        "about 100 times too small",
        f"{first_step:.2f}",
    )


def test_adagrad_step_after_100_steps():
    assert_states("rmsprop-and-adagrad-adaptive-learning-rates", f"{1 / math.sqrt(100):.1f} of its initial")


def test_steps_per_epoch_for_a_million_examples():
    assert_states("batch-vs-stochastic-vs-mini-batch-gradient-descent",
                  f"{math.ceil(1_000_000 / 256)} mini-batch steps")


def test_batch_32_to_512_compute_and_noise():
    ratio = 512 // 32
    assert_states("mini-batch-gradient-noise-and-batch-size",
                  f"costs {ratio} times more", f"only {round(math.sqrt(ratio))} times")


def test_goyal_linear_scaling_learning_rate():
    lr = 0.1 * 8192 / 256
    assert_states("linear-scaling-rule-large-batch-training", f"={lr:.1f}")


def test_cosine_schedule_three_quarters_through():
    fraction = 0.5 * (1 + math.cos(0.75 * math.pi))
    assert_states("learning-rate-schedules-step-cosine-one-cycle", f"{fraction:.1%}")


def test_transformer_warmup_peak_and_untuned_warmup_length():
    peak = 512**-0.5 * 4000**-0.5
    assert_states(
        "learning-rate-warmup-why-adam-needs-it",
        f"{peak * 1e4:.1f}\\times10^{{-4}}",
        f"{round(2 / (1 - 0.999))} for",
    )


def test_range_test_multiplier_per_step():
    factor = (10 / 1e-7) ** (1 / 100)
    assert math.isclose(factor, 10**0.08)
    assert_states("learning-rate-range-test", f"\\approx{factor:.3f}")


def test_minimum_probability_caricature_for_100_eigenvalues():
    p = 2.0**-100
    mantissa, exponent = f"{p:.1e}".split("e")
    assert_states("saddle-points-vs-local-minima-high-dimensions",
                  f"{mantissa}\\times10^{{{int(exponent)}}}")


def test_newton_iterates_on_exp_minus_2x():
    x, target, errors = 0.0, math.log(2), []
    for _ in range(5):
        x = x - 1 + 2 * math.exp(-x)
        errors.append(abs(x - target))
    assert_states(
        "newton-method-quadratic-convergence",
        f"{target:.4f}",
        f"{errors[0]:.3f}, {errors[1]:.4f},\n{errors[2]:.6f}, {errors[3]:.1e} and {errors[4]:.1e}",
    )


def test_lbfgs_memory_versus_dense_hessian():
    p, m, bytes_per = 10**6, 10, 8
    lbfgs_mb = 2 * m * p * bytes_per / 1e6
    hessian_tb = p * p * bytes_per / 1e12
    assert_states("quasi-newton-lbfgs-and-deep-learning",
                  f"{lbfgs_mb:.0f} MB", f"{hessian_tb:.0f} TB")


def test_mse_gradient_worked_example():
    X = np.array([[1.0, 1], [1, 2], [1, 3]])
    y = np.array([1.0, 2, 2])
    grad = 2 / 3 * X.T @ (X @ np.zeros(2) - y)
    w = np.linalg.solve(X.T @ X, X.T @ y)
    assert_states(
        "mse-gradient-linear-regression-matrix-form",
        f"X^\\top y=({X.T[0] @ y:.0f},{X.T[1] @ y:.0f})",
        f"({grad[0]:.2f},{grad[1]:.2f})",
        f"w\\approx({w[0]:.3f},{w[1]:.1f})",
    )


def test_softmax_cross_entropy_worked_example():
    z = np.array([2.0, 1.0, 0.0])
    p = np.exp(z) / np.exp(z).sum()
    grad = p - np.array([1.0, 0, 0])
    assert abs(grad.sum()) < 1e-12
    assert_states(
        "softmax-cross-entropy-gradient-derivation",
        "p\\approx(" + ",".join(f"{v:.3f}" for v in p) + ")",
        f"\\approx{-math.log(p[0]):.3f}",
        "\\approx(" + ",".join(f"{v:.3f}" for v in grad) + ")",
    )


def test_backprop_parameter_count():
    d, h, k = 4, 5, 3
    assert_states("backpropagation-two-layer-network-derivation", f"all {d * h + h + h * k + k} parameters")


def test_sigmoid_derivative_bound_over_ten_layers():
    bound = 0.25**10
    mantissa, exponent = f"{bound:.1e}".split("e")
    assert_states("vanishing-and-exploding-gradients", f"{mantissa}\\times10^{{{int(exponent)}}}")


def test_finite_difference_errors_for_exp():
    x, h = 1.0, 1e-4
    forward = abs((math.exp(x + h) - math.exp(x)) / h - math.e) / math.e
    central = abs((math.exp(x + h) - math.exp(x - h)) / (2 * h) - math.e) / math.e
    x32, h32 = np.float32(1), np.float32(1e-4)
    central32 = (np.exp(x32 + h32) - np.exp(x32 - h32)) / (2 * h32)
    error32 = abs(float(central32) - math.e) / math.e
    assert math.floor(math.log10(error32)) == -4
    assert_states("gradient-checking-finite-differences", f"{forward:.1e}", f"{central:.1e}",
                  "order $10^{-4}$")


def test_clipping_worked_example():
    g = np.array([3.0, 4.0])
    by_norm = g / np.linalg.norm(g)
    by_value = np.clip(g, -1, 1)
    angle = math.degrees(math.atan2(*by_norm[::-1]))
    angle_value = math.degrees(math.atan2(*by_value[::-1]))
    assert_states("gradient-clipping-norm-vs-value", f"({by_norm[0]:.1f},{by_norm[1]:.1f})",
                  f"{angle:.1f}°", f"{angle_value:.0f}°")


def test_float_limits_for_nan_question():
    assert_states("loss-goes-nan-causes-and-fixes",
                  f"{math.log(np.finfo(np.float32).max):.1f}",
                  f"{int(np.finfo(np.float16).max)}")
    assert np.float16(1e-8) == 0


def test_armijo_worked_example():
    c, x, d = 1e-4, 1.0, -2.0
    slope = 2 * x * d
    bound1 = x**2 + c * 1.0 * slope
    bound2 = x**2 + c * 0.5 * slope
    assert (x + d) ** 2 > bound1 and (x + 0.5 * d) ** 2 <= bound2
    assert_states("line-search-armijo-condition", f"={bound1:.4f}", f"\\le{bound2:.4f}")


def _python_block(question_id: str) -> str:
    import re
    from pathlib import Path

    import yaml

    path = Path(__file__).resolve().parents[2] / "questions" / "optimization" / f"{question_id}.yaml"
    answer = yaml.safe_load(path.read_text())["answer"]
    return re.findall(r"```python\n(.*?)```", answer, re.S)[0]


def test_backprop_gradient_check_snippet(capsys):
    exec(_python_block("backpropagation-two-layer-network-derivation"), {})
    assert capsys.readouterr().out.strip() == "True"
    assert_states("backpropagation-two-layer-network-derivation", "It prints `True`")


def test_lasso_coordinate_descent_snippet_matches_sklearn(capsys):
    namespace: dict = {}
    exec(_python_block("coordinate-descent-for-lasso"), namespace)
    capsys.readouterr()
    beta, ref = namespace["beta"], namespace["ref"]
    assert np.abs(beta - ref).max() < 1e-6
    # count nonzeros with a tolerance so the check does not depend on exact floating-point zeros
    nonzero = int((np.abs(beta) > 1e-10).sum())
    assert nonzero == int((np.abs(ref) > 1e-10).sum())
    assert_states("coordinate-descent-for-lasso", f"It prints `True {nonzero}`",
                  f"with {nonzero} of 20 coefficients nonzero")


def test_adam_bias_correction_still_matters_at_1000_steps():
    assert_states("adam-update-and-bias-correction", f"0.999^{{1000}}\\approx{0.999**1000:.2f}")
