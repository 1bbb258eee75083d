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
                  "4-byte centroid id", "$4 + 32 = 36$ bytes a token, about 36 GB")


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


PQ = "ivf-pq-vs-hnsw-memory-for-100m-embeddings"


def test_ivf_pq_and_hnsw_memory_for_100m_vectors():
    n, d = 10**8, 768
    assert n * d * 4 / 1e9 == 307.2 and n * d * 2 / 1e9 == 153.6
    assert n * d == 7.68e10
    assert round(n * d * 4 / 100e9, 2) == 3.07  # seconds at 100 GB/s
    assert_states(PQ, "= 307.2 GB", "(153.6 GB in float16)", "$7.68 \\times 10^{10}$",
                  "about 3 s per query")
    # PQ with m = 96 sub-vectors of 8 dimensions, one byte each
    m = 96
    assert d // m == 8 and d * 4 / m == 32
    assert 256 * d * 4 == 786_432 and 256 * d == 196_608
    assert_states(PQ, "$m = 96$ sub-vectors of 8", "96 bytes instead of 3,072 (32 times smaller)",
                  "786,432 bytes", "$256 \\times 768 = 196{,}608$", "$96 \\times 256$ entries")
    # IVF with 2^18 cells, nprobe 256
    nlist, nprobe = 2**18, 256
    assert nlist == 262_144 and nlist / nprobe == 1024
    scanned = n * nprobe / nlist
    assert f"{scanned:,.0f}" == "97,656" and f"{scanned * m / 1e6:.1f}" == "9.4"
    centroids = nlist * d * 4 / 1e9
    assert f"{centroids:.1f}" == "0.8" and f"{nlist * d:.0e}" == "2e+08"
    assert_states(PQ, "$2^{18} = 262{,}144$", "(0.8 GB)", "$2 \\times 10^8$", "1/1,024 of the data",
                  "about 97,656 codes and 9.4 million lookups")
    # the memory table
    hnsw_links = n * 2 * 32 * 4 / 1e9
    assert hnsw_links == 25.6 and n * d * 4 / 1e9 + hnsw_links == 332.8
    assert round(hnsw_links / (n * d * 4 / 1e9) * 100) == 8
    ids = n * 8 / 1e9
    assert ids == 0.8
    assert f"{n * 96 / 1e9 + ids + centroids:.1f}" == "11.2"
    assert f"{n * 48 / 1e9 + ids + centroids:.1f}" == "6.4"
    assert round(n * d * 4 / 1e9 + hnsw_links) == 333
    assert_states(PQ, "| about 332.8 GB |", "| about 11.2 GB |", "| about 6.4 GB |",
                  "about 8% more here", "the ids add 0.8 GB", "about 11 GB in all", "(about 333 GB)")
    # the Faiss guideline puts 10M-100M vectors at 2^18 cells and 100M-1B at 2^20: 1e8 is the boundary
    assert_states(PQ, "for 10M-100M vectors ($2^{20}$ from 100M to 1B")
    # scalar quantization follow-up
    assert n * d / 1e9 == 76.8 and d // m == 8
    assert_states(PQ, "768 bytes (int8) or 1,536 bytes (float16) per vector, 76.8 or",
                  "another factor of 8")


NCE = "infonce-mutual-information-bound-and-log-n-ceiling"


def test_infonce_ceilings():
    assert f"{math.log(256):.2f}" == "5.55"
    assert 2 * 4096 - 1 == 8191 and f"{math.log(8191):.2f}" == "9.01"
    assert f"{math.log(32768):.2f}" == "10.40"
    assert_states(NCE, "5.55 nats at $N = 256$", "9.01 with SimCLR's 8,191 candidates",
                  "10.40\nwith CLIP's 32,768", "(10.40 nats for CLIP's 32,768 pairs)")
    n = 32768

    def floor(tau):
        return math.log(1 + (n - 1) * math.exp(-2 / tau))

    assert f"{floor(1.0):.2f}" == "8.40" and f"{math.log(n) - floor(1.0):.2f}" == "2.00"
    for tau in (0.05, 0.07, 0.1, 0.5, 1.0, 2.0):
        assert math.log(n) - floor(tau) <= 2 / tau + 1e-12
    assert floor(0.07) < 1e-7  # at CLIP's initial temperature the floor no longer binds
    assert f"{1 / 0.07:.1f}" == "14.3"
    assert_states(NCE, "floor is 8.40 nats", "at most 2.00 nats", "(logit scale 14.3)",
                  "at 100")
    # the bound itself on a small discrete example: I(X;Y) >= log N - L for the optimal critic
    rng = np.random.default_rng(0)
    joint = rng.random((4, 4)) + np.eye(4) * 3
    joint /= joint.sum()
    px, py = joint.sum(1), joint.sum(0)
    mi = float((joint * np.log(joint / np.outer(px, py))).sum())
    for n_cand in (2, 4, 16):
        losses = []
        for _ in range(4000):
            flat = rng.choice(16, p=joint.ravel())
            x, y = divmod(int(flat), 4)
            cands = np.concatenate([[y], rng.choice(4, size=n_cand - 1, p=py)])
            scores = np.log(joint[x, cands] / (px[x] * py[cands]))
            losses.append(-(scores[0] - np.log(np.exp(scores).sum())))
        bound = math.log(n_cand) - float(np.mean(losses))
        assert bound <= mi + 0.05
        assert bound <= math.log(n_cand)


MIX = "mixed-precision-memory-savings-fp16-vs-bf16"


def test_float_formats_and_mixed_precision_memory():
    fp16_max = (2 - 2**-10) * 2**15
    assert fp16_max == 65504 == float(np.finfo(np.float16).max)
    assert f"{2**-14:.2e}" == "6.10e-05" == f"{float(np.finfo(np.float16).tiny):.2e}"
    assert f"{2**-24:.0e}" == "6e-08"
    assert f"{2**-10:.2e}" == "9.77e-04" and f"{2**-7:.2e}" == "7.81e-03"
    assert f"{2**-23:.2e}" == "1.19e-07" == f"{float(np.finfo(np.float32).eps):.2e}"
    assert f"{(2 - 2**-7) * 2**127:.2e}" == "3.39e+38"
    assert f"{float(np.finfo(np.float32).max):.2e}" == "3.40e+38"
    assert f"{2**-126:.2e}" == "1.18e-38" == f"{float(np.finfo(np.float32).tiny):.2e}"
    digits = {bits: f"{bits * math.log10(2):.1f}" for bits in (24, 11, 8)}
    assert digits == {24: "7.2", 11: "3.3", 8: "2.4"}
    assert f"{2**-7 / 2:.1e}" == "3.9e-03"
    assert_states(MIX, "| fp32 | 8 / 23 | $3.40 \\times 10^{38}$ | $1.18 \\times 10^{-38}$ | $1.19 \\times 10^{-7}$ | 7.2 |",
                  "| fp16 | 5 / 10 | 65504 | $6.10 \\times 10^{-5}$ | $9.77 \\times 10^{-4}$ | 3.3 |",
                  "| bf16 | 8 / 7 | $3.39 \\times 10^{38}$ | $1.18 \\times 10^{-38}$ | $7.81 \\times 10^{-3}$ | 2.4 |",
                  "$(2 - 2^{-10}) \\cdot 2^{15} = 65504$", "$2^{-24} \\approx 6 \\times 10^{-8}$",
                  "about $3.9 \\times 10^{-3}$", "(7 against 10)")
    assert run_python_block(MIX) == "True False\nFalse True"
    # a 1e-4 step vanishes in both formats (bf16 emulated by rounding float32 to 8 significant bits)
    assert np.float16(1 + 1e-4) == 1
    assert np.float16(1 + 1e-3) != 1 and abs(float(np.float16(1 + 1e-3)) - 1 - 2**-10) < 1e-12
    # bytes per parameter with Adam
    fp32_training = 4 + 4 + 8
    mixed = 2 + 2 + 4 + 8
    assert fp32_training == mixed == 16
    params = 7e9
    assert params * 16 / 1e9 == 112 and params * 4 / 1e9 == 28 and params * 2 / 1e9 == 14
    assert 112 + 60 == 172 and 112 + 30 == 142 and round(30 / 172 * 100) == 17
    assert_states(MIX, "| 4 | 4 | none | 8 | 16 bytes |", "| 2 | 2 | 4 | 8 | 16 bytes |",
                  "needs 112 GB either way", "172 GB falls to 142 GB, a 17% saving",
                  "from 28 GB to 14 GB")


CKPT = "gradient-checkpointing-activation-recomputation"


def test_checkpointing_memory_and_compute():
    n = 64

    def memory(k):
        return k + n / k

    assert min(range(1, n + 1), key=memory) == int(math.sqrt(n)) == 8
    assert memory(8) == 16 == 2 * math.sqrt(n) and memory(4) == memory(16) == 20
    assert_states(CKPT, "64 units without checkpointing, 16 units with 8 segments, 20 with 4\nor 16")
    assert round((4 - 3) / 3 * 100) == 33
    assert_states(CKPT, "from $3F$ to $4F$: about 33%\nslower", "roughly 33% more compute")
    # Korthikanti et al. activation count per transformer layer, 16-bit, no parallelism
    s, b, h, a, layers = 2048, 1, 4096, 32, 32
    per_layer = s * b * h * (34 + 5 * a * s / h)
    assert 5 * a * s / h == 80
    assert f"{per_layer / 1e9:.2f}" == "0.96" and f"{per_layer * layers / 1e9:.1f}" == "30.6"
    layer_input = 2 * s * b * h
    assert f"{layer_input / 1e6:.1f}" == "16.8" and f"{layer_input * layers / 1e9:.2f}" == "0.54"
    assert f"{(layer_input * layers + per_layer) / 1e9:.2f}" == "1.49"
    assert f"{34 * s * b * h * layers / 1e9:.1f}" == "9.1"
    assert (34 + 80) / 2 == 57
    assert_states(CKPT, "0.96 GB per layer, 30.6 GB", "($2sbh$ = 16.8 MB)",
                  "0.54 GB + one layer recomputed (0.96 GB) = 1.49 GB", "$34\\,sbh$ per layer, 9.1 GB",
                  "57 times smaller")
