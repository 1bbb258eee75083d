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
    assert 2 * 3 == 6 and 5 + 6 == 11
    assert_states(COT, "2 cans of 3 is 6. 5 + 6 = 11. The answer is 11.")


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
