"""Recompute every number stated in the system-design-a batch (serving, monitoring, drift)."""

from __future__ import annotations

import math

import numpy as np
from scipy import special, stats

from tests.helpers import assert_states


def test_framing_back_of_envelope_qps():
    average = 50e6 * 20 / 86_400
    assert_states("framing-an-ml-system-design-interview", f"{average:,.0f}", f"{3 * average:,.0f}")


def test_batch_scoring_volume_and_waste():
    scores = 100e6 * 1_000
    worker_hours = scores / 1e6 / 3_600
    wasted = 1 - 10e6 / 100e6
    assert scores == 10**11
    assert_states("batch-vs-online-inference-and-hybrid", "$10^{11}$", f"{worker_hours:.1f} worker-hours",
                  f"{wasted:.0%} of the nightly scores")


def test_latency_budget_fan_out_and_replicas():
    budget = [30, 25, 20, 50, 25]
    assert sum(budget) == 150
    p10 = 1 - 0.99**10
    p100 = 1 - 0.99**100
    capacity = 8 / 0.040
    effective = capacity * 0.6
    replicas = math.ceil(20_000 / effective)
    per_zone = math.ceil(20_000 / effective / 2)
    assert_states(
        "latency-budget-and-replica-sizing",
        f"{p10 * 100:.1f}\\%", f"{p100:.1%}", f"= {capacity:.0f}", f"{effective:.0f} requests per second per",
        f"= {replicas}", f"{per_zone} replicas per", f"{3 * per_zone} in total",
        f"{1 / (1 - 0.6):g} times", f"{1 / (1 - 0.9):.0f} times", "| total | 150 ms |",
        f"the request's {0.99**100 * 100:.0f}th percentile",
    )


def test_int8_affine_quantization_example():
    a, b = -1.0, 1.5
    s = (b - a) / 255
    z = round(-a / s)
    w = np.linspace(a, b, 10_001)
    q = np.clip(np.round(w / s) + z, 0, 255)
    err = np.abs(s * (q - z) - w).max()
    assert err <= s / 2 + 1e-12
    s_outlier = 11 / 255
    levels = 2 / s_outlier
    assert_states(
        "model-compression-quantization-distillation-pruning",
        f"s \\approx {s:.4f}", f"z = {z}", f"s/2 \\approx {s / 2:.4f}",
        f"s = 11/255 \\approx {s_outlier:.4f}", f"about {levels:.0f} of the 256",
        f"About {100e6 * 4 / 1e6:.0f} MB in fp32", f"about {100e6 / 1e6:.0f} MB in int8",
    )


def test_cache_hit_rate_under_zipf_and_mean_latency():
    def harmonic(n):
        return float(np.sum(1.0 / np.arange(1, n + 1)))

    hit = harmonic(10_000) / harmonic(1_000_000)
    mean_latency = hit * 1 + (1 - hit) * 40
    assert_states(
        "caching-predictions-and-features",
        f"H_{{10^6}} \\approx {hit:.2f}", f"{hit:.2f} \\times 1 + {1 - hit:.2f} \\times 40 \\approx {mean_latency:.1f}",
        f"({1 - hit:.0%} of requests miss)",
    )


def test_feature_store_online_sizing():
    gigabytes = 100e6 * 200 * 8 / 1e9
    assert_states("feature-store-architecture-online-offline", f"about {gigabytes:.0f} GB")


def test_psi_worked_example_and_null_expectation():
    expected = np.full(5, 0.20)
    actual = np.array([0.10, 0.15, 0.20, 0.25, 0.30])
    terms = (actual - expected) * np.log(actual / expected)
    psi = terms.sum()
    rows = [f"| {a:.2f} | 0.20 | {t:.4f} |" for a, t in zip(actual, terms) if t > 0]
    null_1000 = 9 * (1 / 1_000 + 1 / 1_000)
    null_100 = 9 * (1 / 100 + 1 / 100)
    assert_states("population-stability-index-computed", f"PSI = {psi:.4f}", *rows,
                  f"about {null_1000:.3f} with 10 bins", f"but {null_100:.2f} with 100")


def test_psi_null_expectation_by_simulation():
    rng = np.random.default_rng(0)
    k, n = 10, 1_000
    p = np.full(k, 1 / k)
    values = []
    for _ in range(2_000):
        e = np.maximum(rng.multinomial(n, p) / n, 1e-6)
        a = np.maximum(rng.multinomial(n, p) / n, 1e-6)
        values.append(np.sum((a - e) * np.log(a / e)))
    assert math.isclose(np.mean(values), (k - 1) * 2 / n, rel_tol=0.1)


def test_psi_null_at_100_rows_mostly_exceeds_point_one():
    rng = np.random.default_rng(1)
    k, n = 10, 100
    p = np.full(k, 1 / k)
    values = []
    for _ in range(5_000):
        e = np.maximum(rng.multinomial(n, p) / n, 1e-4)
        a = np.maximum(rng.multinomial(n, p) / n, 1e-4)
        values.append(np.sum((a - e) * np.log(a / e)))
    share = np.mean(np.array(values) > 0.1)
    assert abs(share - 0.85) < 0.03
    assert_states("population-stability-index-computed", "about 85% of no-shift comparisons above 0.1")


def test_ks_critical_value_and_tiny_shift():
    c = math.sqrt(-0.5 * math.log(0.05 / 2))
    n = 1e6
    critical = c * math.sqrt(2 / n)
    gap = 2 * stats.norm.cdf(0.01 / 2) - 1
    lam = gap * math.sqrt(n * n / (n + n))
    p_value = special.kolmogorov(lam)
    assert gap > 2 * critical * 0.99
    assert_states(
        "ks-test-drift-at-large-sample-sizes",
        f"c(0.05) \\approx {c:.3f}", f"{c:.3f} \\times \\sqrt{{2/10^6}} \\approx {critical:.4f}",
        f"about {gap:.4f}", f"\\lambda \\approx {lam:.2f}",
        f"about ${p_value * 1e7:.1f} \\times 10^{{-7}}$", f"about {300 * 0.05:.0f} false alarms",
    )


def test_delayed_label_cohort_example():
    observed = 0.70 * 1.0
    assert_states("what-to-monitor-in-production-ml", f"shows {observed:.1f}%")


def test_retraining_staleness_cost():
    d, lag = 0.001, 2
    weekly = d * (lag + 7 / 2)
    daily = d * (lag + 1 / 2)
    assert_states("retraining-strategies-and-cadence", f"about {weekly:.4f} AUC", f"daily about {daily:.4f}")


def test_canary_minimum_detectable_effect():
    p, treated, control = 0.05, 100_000, 9_900_000
    se = math.sqrt(p * (1 - p) / treated + p * (1 - p) / control)
    mde = (stats.norm.ppf(0.975) + stats.norm.ppf(0.8)) * se
    assert_states("shadow-canary-and-rollback", f"about {se:.5f}", f"about {mde:.4f} absolute",
                  f"{mde / p:.1%} relative change", f"gets {treated:,}")


def test_gpu_batching_and_cost_per_million():
    def t(b):
        return 5 + 0.1 * b

    tput1, tput64 = 1_000 / t(1), 64 * 1_000 / t(64)
    gpu_rate = 0.7 * tput64
    gpu_per_hour = gpu_rate * 3_600 / 1e6
    cpu_per_hour = 0.7 * 300 * 3_600 / 1e6
    assert_states(
        "gpu-vs-cpu-serving-and-dynamic-batching",
        f"| 1 | {t(1):.1f} ms | {tput1:.0f} per s |", f"| 64 | {t(64):.1f} ms | {tput64:,.0f} per s |",
        f"5 + {t(64):.1f} = {5 + t(64):.1f} ms", f"about {tput64 / tput1:.0f}-fold",
        f"about {gpu_rate:,.0f} per second", f"{gpu_per_hour:.1f} million an hour",
        f"about \\${2.5 / gpu_per_hour:.2f} per million", f"handles {cpu_per_hour:.3f} million",
        f"about \\${0.4 / cpu_per_hour:.2f} per million",
    )


def test_ann_costs_and_memory():
    n, d = 1e8, 128
    assert_states(
        "ann-retrieval-at-serving-time",
        f"{n * d / 1e10:.2f} \\times 10^{{10}}", f"{n * d * 4 / 1e9:.1f} GB", f"{n * 16 / 1e9:.1f} GB",
        f"a {512 // 16}×", f"about {32 / 16_384:.3%}", f"about {32 / 16_384 * n:,.0f}".replace("195,312", "195,000"),
        f"about {n * 64 * 4 / 1e9:.1f} GB extra",
    )
    seconds = n * d * 4 / 100e9
    assert 0.4 < seconds < 0.6
    assert_states("ann-retrieval-at-serving-time", "about half a second per query")
