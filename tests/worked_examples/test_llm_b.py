"""Recompute every number stated in the llm-b batch (decoding, retrieval, evaluation, serving,
generative models of the llms-and-generative-ai topic)."""

from __future__ import annotations

import math

import numpy as np
from scipy.special import softmax

from tests.helpers import assert_states, question

TEMPERATURE = "sampling-temperature-in-llm-decoding"
TOP_P = "top-k-vs-top-p-nucleus-sampling"


def _fmt(values) -> str:
    return ", ".join(f"{v:.3f}" for v in values)


def test_temperature_table():
    logits = np.array([2.0, 1.0, 0.0])
    for t in (0.5, 1, 2):
        assert_states(TEMPERATURE, f"| {t} | {_fmt(softmax(logits / t))} |")
    assert_states(TEMPERATURE, f"$e^2 \\approx {math.exp(2):.1f}$", f"$e^{{0.5}} \\approx {math.exp(0.5):.1f}$")
    assert question(TEMPERATURE).difficulty == "easy"


def _nucleus(p, top_p):
    order = np.argsort(-p, kind="stable")
    cum = np.cumsum(p[order])
    n = int(np.searchsorted(cum, top_p - 1e-12) + 1)
    kept = order[:n]
    return kept, p[kept] / p[kept].sum(), cum


def test_top_p_and_top_k_worked_example():
    p = np.array([0.5, 0.2, 0.15, 0.1, 0.05])
    kept, renorm, cum = _nucleus(p, 0.9)
    assert len(kept) == 4
    assert_states(TOP_P, "are " + ", ".join(f"{c:.2f}".rstrip("0") for c in cum[:4]),
                  f"probabilities {_fmt(renorm)} (each divided by {p[:4].sum():.2f})")
    top2 = p[:2] / p[:2].sum()
    assert_states(TOP_P, f"with {top2[0]:.3f} and {top2[1]:.3f}")


def test_top_p_flat_and_peaked():
    flat = np.full(5, 0.2)
    kept, _, cum = _nucleus(flat, 0.9)
    assert len(kept) == 5 and math.isclose(cum[3], 0.8)
    peaked = np.array([0.92, 0.04, 0.02, 0.01, 0.01])
    kept, _, _ = _nucleus(peaked, 0.9)
    assert len(kept) == 1
    assert round(0.04 / 0.96 * 100) == 4
    assert_states(TOP_P, "sum to only 0.8", "one token has 0.92", "about 4%")


RRF = "hybrid-search-rrf-and-cross-encoder-reranking"
DENSE = "dense-retrieval-embeddings-for-rag"
RAG_EVAL = "evaluating-rag-retrieval-and-generation"
COT = "chain-of-thought-prompting-when-it-helps"


def test_cot_example_arithmetic():
    rows, per_row, cracked = 4, 6, 5
    whole = rows * per_row - cracked
    assert_states(COT, f"4 rows of 6 is {rows * per_row}.",
                  f"{rows * per_row} - {cracked} = {whole}. The answer is {whole}.")


def test_reciprocal_rank_fusion_table():
    k = 60
    bm25, dense = ["A", "B", "C", "D"], ["C", "A", "E", "B"]

    def score(d):
        return sum(1 / (k + lst.index(d) + 1) for lst in (bm25, dense) if d in lst)

    fused = sorted("ABCDE", key=score, reverse=True)
    assert fused == ["A", "C", "B", "E", "D"]
    for d in fused:
        ranks = ", ".join(str(lst.index(d) + 1) if d in lst else "-" for lst in (bm25, dense))
        terms = " + ".join(f"1/{k + lst.index(d) + 1}" for lst in (bm25, dense) if d in lst)
        assert_states(RRF, f"| {d} | {ranks} | {terms} = {score(d):.4f} |")
    assert_states(RRF, "k = 60")


def test_dense_index_memory():
    n, d = 10**7, 1024
    assert_states(DENSE, f"= {n * d * 4 / 1e9:.2f} GB", f"to {n * d * 2 / 1e9:.2f} GB",
                  f"needs {n * 64 / 1e9:.2f} GB")


def test_rag_eval_example():
    mrr = (1 + 1 / 3 + 0) / 3
    assert_states(RAG_EVAL, f"$= (1 + 1/3 + 0)/3 = {mrr:.3f}$", f"$= 2/3 = {2 / 3:.3f}$",
                  f"gives {4 / 5:.1f}")


def test_rag_eval_sample_size_interval():
    n, acc = 300, 0.8
    half_width = 1.96 * math.sqrt(acc * (1 - acc) / n) * 100
    assert_states(RAG_EVAL, f"With {n} questions, an answer accuracy of {acc:.0%}",
                  f"±{half_width:.1f} points")
    assert half_width > 2  # so a 2-point difference is within the noise


CHUNKING = "chunking-strategies-for-rag"


def test_chunk_overlap_storage_factor():
    window, overlap = 400, 100
    assert_states(CHUNKING, f"({window / (window - overlap):.2f} times for $W = {window}$, $O = {overlap}$)")


PPL = "perplexity-and-tokenizer-comparability"


def test_perplexity_worked_example():
    probs = [0.5, 0.25, 0.1, 0.8]
    nll = -np.mean(np.log(probs))
    ppl = math.exp(nll)
    assert math.isclose(math.prod(probs), 0.01)
    assert math.isclose(ppl, 0.01 ** -0.25)
    assert_states(PPL, "0.5, 0.25, 0.1 and 0.8", "product is 0.01",
                  f"negative log-likelihood is {nll:.3f} nats",
                  f"$\\text{{PPL}} = e^{{{nll:.3f}}} = 0.01^{{-1/4}} = {ppl:.3f}$")


def test_perplexity_tokenizer_table():
    total_nats, words, nbytes = 230, 100, 550
    for name, n_tokens in (("A", 125), ("B", 200)):
        assert_states(PPL, f"| tokenizer {name}, {n_tokens} tokens | PPL $= e^{{230/{n_tokens}}} = "
                      f"{math.exp(total_nats / n_tokens):.3f}$ |")
    assert_states(PPL, f"$e^{{230/100}} = {math.exp(total_nats / words):.3f}$",
                  f"$230 / (550 \\ln 2) = {total_nats / (nbytes * math.log(2)):.3f}$",
                  "100-word, 550-byte passage")
    # "twice as good per token"
    assert round(math.exp(230 / 125) / math.exp(230 / 200)) == 2


QUANT = "llm-weight-quantization-int8-int4"
BANDWIDTH = "llm-decoding-memory-bandwidth-bound"
CONT_BATCH = "continuous-batching-for-llm-serving"
PAGED = "paged-attention-vllm-kv-cache-memory"
SPEC = "speculative-decoding-acceptance-rule"


def test_quantization_memory_table():
    params = 70e9
    rows = {"fp16 / bf16 | 2": 2, "int8 | 1": 1, "int4 | 0.5": 0.5}
    for label, nbytes in rows.items():
        assert_states(QUANT, f"| {label} | {params * nbytes / 1e9:.0f} GB |")
    grouped = params * (4 + 16 / 128) / 8 / 1e9
    assert_states(QUANT, f"| int4, one fp16 scale per group of 128 | {4 + 16 / 128} bits | {grouped:.1f} GB |")
    assert_states(QUANT, "a 70B model takes 140 GB in fp16, 70 GB in int8 and 35 GB in int4",
                  f"about {grouped:.0f} GB with per-group scales",
                  f"140 GB is {140e9 / 2**30:.1f} GiB")
    assert 140 > 80 and 140 <= 2 * 80 and grouped < 80


def test_bandwidth_bound_table_and_ridge_point():
    bw = 3.35e12
    assert_states(BANDWIDTH, f"| 7B, fp16 | 14 GB | {bw / 14e9:.0f} tokens/s |",
                  f"| 7B, int4 | 3.5 GB | {bw / 3.5e9:.0f} tokens/s |",
                  f"| 70B, int4 | 35 GB | {bw / 35e9:.1f} tokens/s |",
                  f"about {bw / 14e9:.0f} tokens/s")
    ridge = 989e12 / bw
    assert_states(BANDWIDTH, f"{round(ridge)} FLOPs per byte", "989 TFLOP/s", "3.35 TB/s")
    assert 250 < ridge < 350  # "Below a batch of roughly 300"


def test_static_batching_utilization():
    lengths = [500] + [50] * 7
    slots = len(lengths) * max(lengths)
    useful = sum(lengths)
    assert (slots, useful) == (4000, 850)
    assert_states(CONT_BATCH, f"$8 \\times 500 = {slots}$", f"$500 + 7 \\times 50 = {useful}$",
                  f"a utilization of {useful / slots:.2%}")


def test_paged_attention_waste():
    reserved, used, block = 2048, 300, 16
    assert_states(PAGED, f"wastes {reserved - used:,} slots", f"{(reserved - used) / reserved:.1%} of its reservation")
    blocks = math.ceil(used / block)
    assert_states(PAGED, f"\\lceil 300/16 \\rceil = {blocks}$ blocks, {blocks * block} slots, wasting "
                  f"{blocks * block - used}\n  ({(blocks * block - used) / (blocks * block):.1%})".replace("\n  ", "\n"))


def test_speculative_decoding_numbers():
    from tests.helpers import run_python_block
    assert run_python_block(SPEC) == "[0.5 0.3 0.2] 0.7"
    alpha, gamma, c = 0.8, 4, 0.05
    tokens = (1 - alpha ** (gamma + 1)) / (1 - alpha)
    assert_states(SPEC, f"that is {tokens:.2f} tokens", f"$3.36 / (1 + \\gamma c) = {tokens / (1 + gamma * c):.2f}$")


DDPM = "diffusion-models-ddpm-forward-reverse-and-loss"
VAE = "vae-elbo-and-reparameterization-trick"
GAN = "gan-minimax-objective-and-mode-collapse"


def test_ddpm_linear_schedule_alpha_bar():
    betas = np.linspace(1e-4, 0.02, 1000)
    alpha_bar = np.cumprod(1 - betas)
    a500, a1000 = alpha_bar[499], alpha_bar[-1]
    mantissa, exponent = f"{a1000:.1e}".split("e")
    assert_states(DDPM, f"$\\bar\\alpha_{{500}} = {a500:.3f}$",
                  f"(signal coefficient {math.sqrt(a500):.2f}, noise coefficient {math.sqrt(1 - a500):.2f})",
                  f"$\\bar\\alpha_{{1000}} \\approx {mantissa} \\times 10^{{{int(exponent)}}}$")


def test_vae_gaussian_kl_example():
    mu, sigma = 0.5, 0.8
    kl = 0.5 * (mu**2 + sigma**2 - math.log(sigma**2) - 1)
    # closed form agrees with a numerical KL(N(mu, sigma^2) || N(0, 1))
    from scipy.integrate import quad
    from scipy.stats import norm as normal
    numeric, _ = quad(lambda z: normal.pdf(z, mu, sigma) * (normal.logpdf(z, mu, sigma) - normal.logpdf(z)), -12, 12)
    assert math.isclose(kl, numeric, rel_tol=1e-6)
    assert_states(VAE, "$\\mu = 0.5$, $\\sigma = 0.8$", f"costs {kl:.3f} nats")


def test_gan_optimum_value():
    # at p_g = p_data the value of the game is log(1/2) + log(1/2) = -log 4
    assert math.isclose(2 * math.log(0.5), -math.log(4))
    assert_states(GAN, f"$-\\log 4 \\approx -{math.log(4):.3f}$")


def test_gan_non_saturating_gradient_is_reverse_kl_minus_2jsd():
    # Against a fixed optimal D, the gradient of the non-saturating loss -E_{p_g}[log D*] equals
    # the gradient of KL(p_g || p_data) - 2 JSD(p_data, p_g) (Arjovsky and Bottou, 2017).
    rng = np.random.default_rng(0)
    p_data = softmax(rng.normal(size=5))
    theta0 = rng.normal(size=5)
    d_star = p_data / (p_data + softmax(theta0))

    def kl(a, b):
        return float(np.sum(a * np.log(a / b)))

    def jsd(a, b):
        m = (a + b) / 2
        return 0.5 * kl(a, m) + 0.5 * kl(b, m)

    def non_saturating(theta):
        return -float(np.sum(softmax(theta) * np.log(d_star)))

    def reverse_kl_minus_2jsd(theta):
        return kl(softmax(theta), p_data) - 2 * jsd(p_data, softmax(theta))

    def grad(f, theta, h=1e-6):
        return np.array([(f(theta + h * e) - f(theta - h * e)) / (2 * h) for e in np.eye(len(theta))])

    assert np.allclose(grad(non_saturating, theta0), grad(reverse_kl_minus_2jsd, theta0), atol=1e-7)
    assert_states(GAN, "$\\text{KL}(p_g \\,\\|\\, p_{\\text{data}}) - 2\\,\\text{JSD}$")


CONSTRAINED = "constrained-decoding-for-structured-output"


def test_constrained_decoding_mask_renormalization():
    probs = {'"': 0.5, "3": 0.3, "4": 0.15, "x": 0.05}
    allowed = {t: p for t, p in probs.items() if t.isdigit()}
    total = sum(allowed.values())
    assert math.isclose(total, 0.45)
    assert_states(CONSTRAINED, f"become {allowed['3'] / total:.3f} and {allowed['4'] / total:.3f} after "
                  f"renormalizing by {total:.2f}")
