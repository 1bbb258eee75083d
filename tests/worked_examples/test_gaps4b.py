"""Recompute every number stated in the gaps4b batch (bi-encoder, cross-encoder and late-interaction
cost; retriever metrics for RAG; product quantization memory; the InfoNCE bound; mixed-precision
memory; gradient checkpointing)."""

from __future__ import annotations

import math

import numpy as np
from sklearn.metrics import ndcg_score

from tests.helpers import assert_states, run_python_block

ENC = "bi-encoder-vs-cross-encoder-vs-late-interaction"


def test_encoder_costs_and_storage():
    params, flops_per_s = 110e6, 1e14
    query = 2 * params * 32
    pair = 2 * params * 256
    assert f"{query:.1e}" == "7.0e+09"
    assert f"{query / flops_per_s * 1e3:.2f}" == "0.07"
    assert f"{pair * 100:.1e}" == "5.6e+12"
    assert round(pair * 100 / flops_per_s * 1e3) == 56
    assert f"{pair * 1e7:.1e}" == "5.6e+17"
    assert round(pair * 1e7 / flops_per_s / 60) == 94
    assert_states(ENC, "$7.0 \\times 10^9$ | 0.07 ms", "$5.6 \\times 10^{12}$ | about 56 ms",
                  "$5.6 \\times 10^{17}$ | about 94 minutes", "$10^{14}$ FLOP/s", "110M parameters")
    # storage: one 768-d float32 vector per passage, ColBERT tokens in 16-bit, ColBERTv2 at 2 bits
    assert 1e7 * 768 * 4 / 1e9 == 30.72
    assert 1e7 * 100 * 128 * 2 / 1e9 == 256
    per_token = 4 + 128 * 2 // 8
    assert per_token == 36 and 1e7 * 100 * per_token / 1e9 == 36
    assert_states(ENC, "= 30.72 GB", "$10^7 \\times 100 \\times 128 \\times 2$ bytes = 256 GB",
                  "$4 + 32 = 36$ bytes a token, about 36 GB")


RAG = "retriever-metrics-for-rag-and-the-recall-ceiling"


def test_one_query_metrics_and_the_recall_ceiling():
    relevant = np.array([0, 1, 0, 1, 0, 0, 0, 0, 1])
    R, k = int(relevant.sum()), 5
    hits = int(relevant[:k].sum())
    assert (R, hits) == (3, 2)
    assert f"{hits / R:.3f}" == "0.667" and hits / k == 0.4
    assert 1 / (int(np.argmax(relevant)) + 1) == 0.5
    dcg = 1 / math.log2(3) + 1 / math.log2(5)
    idcg = 1 + 1 / math.log2(3) + 1 / math.log2(4)
    assert (f"{dcg:.3f}", f"{idcg:.3f}", f"{dcg / idcg:.3f}") == ("1.062", "2.131", "0.498")
    assert f"{ndcg_score([relevant], [np.arange(9, 0, -1)], k=k):.3f}" == "0.498"
    assert_states(RAG, "2/3 = 0.667", "2/5 = 0.4", "1/2 = 0.5", "1.062 / 2.131 = 0.498")
    # after reranking the two retrieved chunks to ranks 1 and 2
    reranked = np.array([1, 1, 0, 0, 0, 0, 0, 0, 1])
    assert f"{ndcg_score([reranked], [np.arange(9, 0, -1)], k=k):.3f}" == "0.765"
    assert_states(RAG, "nDCG@5 to 0.765", "(0.667 and 0.4)")
    assert run_python_block(RAG) == "0.667 0.4 0.5\n0.498"

    def accuracy(r, a_hit, a_miss):
        return r * a_hit + (1 - r) * a_miss

    assert f"{accuracy(0.70, 0.90, 0.10):.2f}" == "0.66"
    assert f"{accuracy(0.70, 1.0, 0.10):.2f}" == "0.73"
    assert f"{accuracy(0.70, 0.95, 0.10):.3f}" == "0.695"
    assert f"{accuracy(0.85, 0.90, 0.10):.2f}" == "0.78"
    assert_states(RAG, "accuracy is 0.66", "cannot pass 0.73", "gives 0.695", "gives 0.78")
