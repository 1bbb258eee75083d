"""Recompute every number stated in the llm-a batch (tokenization, scaling laws, KV cache, LoRA,
fine-tuning memory, reward models and DPO)."""

from __future__ import annotations

import math

import numpy as np

from tests.helpers import assert_states, question, run_python_block


def test_bpe_worked_example_merges():
    out = run_python_block("byte-pair-encoding-worked-example").splitlines()
    assert out == [
        "1 e+r 14",
        "2 w+er 10",
        "3 n+e 9",
        "4 l+o 8",
        "('w', 'o', 'n', 'd', 'er')",
    ]
    # The table's counts, recomputed from the word counts.
    counts = {"low": 5, "lower": 3, "newer": 7, "wider": 4, "new": 2}
    assert counts["lower"] + counts["newer"] + counts["wider"] == 14
    assert counts["lower"] + counts["newer"] == 10
    assert counts["newer"] + counts["new"] == 9
    assert counts["low"] + counts["lower"] == 8
    assert_states("byte-pair-encoding-worked-example", "| 14 |", "| 10 |", "| 9 |", "| 8 |",
                  "`w o n d er`")


def test_vocabulary_size_costs():
    qid = "vocabulary-size-trade-offs"
    d = 4096
    small, large = 32_000, 128_256
    assert small * d == 131_072_000
    assert large * d == 525_336_576
    assert 2 * small * d == 262_144_000
    assert 2 * large * d == 1_050_673_152
    assert f"{2 * d * small / 1e9:.2f}" == "0.26"
    assert f"{2 * d * large / 1e9:.2f}" == "1.05"
    # Two matrices of an 8B model: about an eighth.
    assert 0.12 < 2 * large * d / 8.03e9 < 0.14
    assert large * 2048 == 262_668_288
    logits = 8 * 4096 * large
    assert logits == 4_202_692_608
    assert f"{logits * 4 / 1e9:.1f}" == "16.8"
    assert round(100 * (1 - 3.17 / 3.94)) == 20
    assert_states(qid, "131,072,000", "525,336,576", "262,144,000", "1,050,673,152",
                  "about 0.26 GFLOP", "about 1.05 GFLOP", "262,668,288", "4,202,692,608",
                  "16.8 GB", "about 20% fewer tokens")


def _chinchilla_loss(n: float, d: float) -> float:
    """Hoffmann et al. (2022), approach 3 fit."""
    return 1.69 + 406.4 / n**0.34 + 410.7 / d**0.28


def test_chinchilla_token_budget():
    qid = "scaling-laws-kaplan-vs-chinchilla"
    c = 1e24
    n = math.sqrt(c / 120)
    d = 20 * n
    assert f"{n:.2e}" == "9.13e+10" and f"{d:.2e}" == "1.83e+12"
    assert round(n / 1e9) == 91 and round(d / 1e12, 1) == 1.8
    assert math.isclose(6 * n * d, c)
    assert f"{6 * 70e9 * 1.4e12:.2e}" == "5.88e+23"
    assert 1.4e12 / 70e9 == 20
    gpu_hours = c / 400e12 / 3600
    assert f"{round(gpu_hours, -3):,.0f}" == "694,000"
    assert round(gpu_hours / 1000 / 24) == 29
    assert 300e9 / 175e9 < 2
    # Attention-score FLOPs relative to 2N: n_ctx / (12 d_model).
    assert round(100 * 4096 / (12 * 4096)) == 8
    assert round(100 * 400 / 989) == 40  # H100 SXM dense BF16 peak, 989 TFLOP/s
    assert_states(qid, "9.13 \\times 10^{10}", "1.83 \\times 10^{12}", "91B parameters on 1.8T tokens",
                  "5.88 \\times 10^{23}", "694,000 GPU-hours", "29 days", "about 8% for",
                  "about 40% of an H100")


def test_training_past_chinchilla():
    qid = "training-past-chinchilla-optimal"
    c = 6 * 8e9 * 15e12
    assert f"{c:.1e}" == "7.2e+23"
    n_opt = math.sqrt(c / 120)
    d_opt = 20 * n_opt
    assert round(n_opt / 1e9) == 77 and round(d_opt / 1e12, 2) == 1.55
    assert 15e12 / 8e9 == 1875
    l_opt, l_over = _chinchilla_loss(n_opt, d_opt), _chinchilla_loss(8e9, 15e12)
    assert f"{l_opt:.3f}" == "1.929" and f"{l_over:.3f}" == "1.949"
    assert round(l_over - l_opt, 2) == 0.02
    assert round(2 * n_opt / 1e9) == 155 and 2 * 8e9 / 1e9 == 16
    assert f"{n_opt / 8e9:.1f}" == "9.7"
    assert round(2e12 / 7e9) == 286 and round(2e12 / 7e9 / 20) == 14
    # The same fitted formula's own optimum at this compute (not the 20:1 split).
    a, b = 0.34, 0.28
    g = (a * 406.4 / (b * 410.7)) ** (1 / (a + b))
    n_fit = g * (c / 6) ** (b / (a + b))
    d_fit = c / 6 / n_fit
    assert round(n_fit / 1e9) == 36 and round(d_fit / 1e12, 1) == 3.4
    assert f"{_chinchilla_loss(n_fit, d_fit):.3f}" == "1.923"
    assert _chinchilla_loss(n_fit, d_fit) < l_opt < l_over
    assert_states(qid, "7.2 \\times 10^{23}", "77B parameters on 1.55T tokens", "1.929", "1.949",
                  "about 155 GFLOP", "16 GFLOP", "about 0.02 nats", "about 9.7 times", "About 286",
                  "about 14 times", "1,875", "about 36B parameters on 3.4T tokens", "loss of 1.923")


def _kv_bytes(layers, kv_heads, head_dim, seq_len=1, batch=1, nbytes=2):
    return 2 * layers * kv_heads * head_dim * seq_len * batch * nbytes


def test_kv_cache_size():
    qid = "kv-cache-size-arithmetic"
    per_token = _kv_bytes(32, 32, 128)
    assert per_token == 524_288 and per_token / 2**20 == 0.5
    seq = _kv_bytes(32, 32, 128, 4096)
    assert seq == 2_147_483_648 and seq / 2**30 == 2
    assert _kv_bytes(32, 32, 128, 4096, 16) / 2**30 == 32
    weights = 6.74e9 * 2
    assert round(weights / 1e9, 1) == 13.5 and 32 * 2**30 > 2 * weights
    assert math.floor((80e9 - weights) / seq) == 30
    gqa = _kv_bytes(32, 8, 128)
    assert gqa == 131_072 and gqa * 4 == per_token
    llama70 = _kv_bytes(80, 8, 128)
    assert llama70 == 327_680 and llama70 / 2**10 == 320
    assert _kv_bytes(80, 8, 128, 4096) / 2**30 == 1.25
    assert_states(qid, "524{,}288", "0.5 MiB", "2,147,483,648", "2 GiB", "32 GiB", "13.5 GB",
                  "about 30", "131,072", "327,680", "320 KiB", "1.25 GiB")


def test_mqa_gqa_savings():
    qid = "multi-query-and-grouped-query-attention"
    for kv, per_token_kib, batch_gib in [(32, 512, 32), (8, 128, 8), (1, 16, 1)]:
        assert _kv_bytes(32, kv, 128) / 2**10 == per_token_kib
        assert _kv_bytes(32, kv, 128, 4096, 16) / 2**30 == batch_gib
    saved = 32 * 2 * (4096 * 4096 - 4096 * 8 * 128)
    assert saved == 805_306_368
    assert_states(qid, "| 512 KiB | 32 GiB |", "| 128 KiB | 8 GiB |", "| 16 KiB | 1 GiB |",
                  "805,306,368")


def test_self_attention_toy_weights():
    qid = "self-attention-in-llms-explained"
    out = run_python_block(qid)
    assert out.splitlines()[:3] == ["[[1.   0.   0.  ]", " [0.33 0.67 0.  ]", " [0.25 0.25 0.5 ]]"]
    s = 1 / math.sqrt(2)
    row2 = np.exp([0, s]) / np.exp([0, s]).sum()
    row3 = np.exp([s, s, 2 * s]) / np.exp([s, s, 2 * s]).sum()
    assert [round(x, 2) for x in row2] == [0.33, 0.67]
    assert [round(x, 2) for x in row3] == [0.25, 0.25, 0.5]
    assert_states(qid, "0.33 / 0.67", "0.5 on itself", "0.25 on each earlier token")


def test_flashattention_tiled_equals_reference():
    assert run_python_block("flashattention-io-aware-exact-attention") == "True"


def test_long_context_costs():
    qid = "long-context-attention-trade-offs"
    assert (128 // 8) ** 2 == 256 and 128 // 8 == 16
    assert _kv_bytes(32, 8, 128, 128 * 1024) / 2**30 == 16
    # Causal prefill: attention 2 n^2 d L FLOPs vs weights 2 N n; equal at n = N / (d L).
    n_cross = 8.03e9 / (4096 * 32)
    assert round(n_cross / 1000) == 61
    n = 61_000
    assert math.isclose(2 * n * n * 4096 * 32, 2 * 8.03e9 * n, rel_tol=0.01)
    assert_states(qid, "by 256", "by 16", "128 KiB per token", "16 GiB of cache",
                  "N/(dL) \\approx 61$K tokens")


def test_rope_wavelengths_and_ntk_base():
    qid = "rope-context-extension-interpolation-ntk-yarn"
    d, base = 128, 10_000
    lam = [2 * math.pi * base ** (2 * i / d) for i in range(d // 2)]
    assert f"{lam[0]:.2f}" == "6.28" and f"{round(lam[-1], -1):,.0f}" == "54,410"
    long = [i for i, w in enumerate(lam) if w > 4096]
    assert len(long) == 18 and long[0] == 46 and long[-1] == 63
    s = 8
    b_new = base * s ** (d / (d - 2))
    assert f"{round(b_new, -2):,.0f}" == "82,700"
    # The lowest frequency is slowed by exactly s.
    assert math.isclose(b_new ** (-(d - 2) / d), base ** (-(d - 2) / d) / s)
    assert 32 * 1024 // 4096 == 8
    # NTK-aware scaling slows pair i by s^(2i/(d-2)); pair 46 (first beyond 4,096) only ~4.6x.
    slow46 = (b_new / base) ** (2 * 46 / d)
    assert math.isclose(slow46, s ** (2 * 46 / (d - 2)))
    assert f"{lam[46]:,.0f}" == "4,712" and f"{slow46:.1f}" == "4.6"
    assert f"{round(32 * 1024 / slow46, -1):,.0f}" == "7,180" and 32 * 1024 / slow46 > 4096
    assert f"{0.1 * math.log(s) + 1:.2f}" == "1.21" and f"{(0.1 * math.log(s) + 1) ** 2:.2f}" == "1.46"
    assert_states(qid, "about 6.28", "about 54,410", "the 18 pairs", "pairs 46-63",
                  "b' \\approx 82{,}700", "an 8× larger KV cache", "wavelength about 4,712",
                  "about 4.6×", "position 7,180", "about 1.21 for $s = 8$",
                  "grow by about 1.46")


def _lora_params(r, d, k):
    return r * (d + k)


def test_lora_parameter_counts():
    qid = "lora-low-rank-adaptation-parameter-count"
    one = _lora_params(8, 4096, 4096)
    assert one == 65_536 and 4096 * 4096 == 16_777_216
    assert f"{100 * one / 4096**2:.2f}%" == "0.39%"
    attn_only = 4 * 32 * one
    assert attn_only == 8_388_608 and f"{100 * attn_only / 6.74e9:.2f}%" == "0.12%"
    attn = 4 * _lora_params(16, 4096, 4096)
    mlp = 3 * _lora_params(16, 4096, 11_008)
    assert attn == 524_288 and mlp == 724_992 and attn + mlp == 1_249_280
    total = 32 * (attn + mlp)
    assert total == 39_976_960 and f"{100 * total / 6.74e9:.2f}%" == "0.59%"
    assert_states(qid, "65,536", "16,777,216", "0.39%", "8{,}388{,}608", "0.12% of 6.74B",
                  "524{,}288", "724{,}992", "1,249,280", "39,976,960", "0.59%")


def test_fine_tuning_memory():
    qid = "fine-tuning-memory-full-lora-qlora"
    n = 7e9
    assert 2 + 2 + 4 + 4 + 4 == 16
    assert n * 16 / 1e9 == 112 and n * 2 / 1e9 == 14 and n * 14 / 1e9 == 98
    adapters = 32 * 1_249_280  # rank 16 on all linear maps, from the LoRA question
    assert round(adapters / 1e6) == 40 and round(40e6 * 16 / 1e6) == 640
    assert round(14 + 0.64) == 15
    assert 32 / 64 == 0.5
    bits = 8 / 64 + 32 / (64 * 256)
    assert f"{bits:.3f}" == "0.127"
    assert f"{n * (4 + bits) / 8 / 1e9:.1f}" == "3.6"
    assert f"{65e9 * (4 + bits) / 8 / 1e9:.1f}" == "33.5"
    assert f"{n * (4 + bits) / 8 / 1e9 + 0.64:.1f}" == "4.3"
    # Llama 2 7B: only the linear layers are quantized; embeddings, head and norms stay 16-bit.
    total, layers, d, ffn, vocab = 6_738_415_616, 32, 4096, 11_008, 32_000
    linear = layers * (4 * d * d + 3 * d * ffn)
    rest = total - linear
    assert rest == 2 * vocab * d + (2 * layers + 1) * d
    assert f"{rest * 2 / 1e9:.1f}" == "0.5"
    assert f"{linear * (4 + bits) / 8 / 1e9 + rest * 2 / 1e9:.1f}" == "3.9"
    assert_states(qid, "112 GB", "14 GB", "98 GB", "640 MB", "about 15 GB", "0.127 bits",
                  "3.6 GB", "33.5 GB", "about 4.3 GB", "32/64 = 0.5 bits", "about 0.5 GB",
                  "about 3.9 GB")


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z))


def test_bradley_terry_losses():
    qid = "reward-model-bradley-terry-loss"
    rows = {2: ("0.881", "0.127"), 1: ("0.731", "0.313"), 0: ("0.5", "0.693"),
            -1: ("0.269", "1.313")}
    for margin, (p, loss) in rows.items():
        assert f"{_sigmoid(margin):.3f}".rstrip("0").rstrip(".") == p.rstrip("0") or \
            f"{_sigmoid(margin):.3f}" == p
        assert f"{-math.log(_sigmoid(margin)):.3f}" == loss
        label = "−1" if margin < 0 else str(margin)
        assert_states(qid, f"| {label} | {p} | {loss} |")
    assert f"{math.log(2):.3f}" == "0.693"
    assert math.comb(9, 2) == 36
    assert_states(qid, "ln 2 ≈ 0.693", "36 for $K = 9$")


def test_rlhf_size_ratio():
    assert 175 / 1.3 > 100
    assert_states("rlhf-pipeline-reward-model-ppo-kl", "more than 100 times larger")


def test_best_of_n_kl():
    n = 16
    assert f"{math.log(n) - (n - 1) / n:.3f}" == "1.835"
    assert_states("reward-hacking-and-the-kl-penalty", "at most about 1.835 nats")


def _dpo_loss(beta, chosen_logratio, rejected_logratio):
    return -math.log(_sigmoid(beta * (chosen_logratio - rejected_logratio)))


def test_dpo_numbers():
    qid = "dpo-direct-preference-optimization-loss"
    assert f"{_dpo_loss(0.1, 0, 0):.3f}" == "0.693"
    assert f"{_dpo_loss(0.1, 0.5, -0.5):.3f}" == "0.644"
    assert f"{_dpo_loss(0.5, 0.5, -0.5):.3f}" == "0.474"
    assert_states(qid, "\\ln 2 \\approx 0.693", "the loss is 0.644", "it is 0.474")


def test_minhash_lsh_probabilities():
    qid = "pretraining-data-deduplication-and-filtering"
    b, r = 20, 5
    assert b * r == 100
    probs = {s: 1 - (1 - s**r) ** b for s in (0.8, 0.5, 0.3)}
    assert f"{probs[0.8]:.4f}" == "0.9996"
    assert f"{probs[0.5]:.3f}" == "0.470"
    assert f"{probs[0.3]:.3f}" == "0.047"
    assert_states(qid, "| 0.8 | 0.9996 |", "| 0.5 | 0.470 |", "| 0.3 | 0.047 |")


def test_grpo_group_advantages():
    qid = "grpo-vs-ppo-for-llm-reinforcement-learning"
    r = np.array([1.0, 0.0, 0.0, 1.0])
    assert r.mean() == 0.5 and r.std() == 0.5  # population standard deviation
    assert list((r - r.mean()) / r.std()) == [1, -1, -1, 1]
    same = np.ones(4)
    assert np.all(same - same.mean() == 0)
    sample = (r - r.mean()) / r.std(ddof=1)
    assert [f"{x:+.2f}" for x in sample] == ["+0.87", "-0.87", "-0.87", "+0.87"]
    assert_states(qid, "mean 0.5, population standard deviation 0.5", "$(+1, -1, -1, +1)$",
                  "about ±0.87")
