"""The inverted index the search box searches (pure functions; written by macros/search_index.py).

Why an index of our own rather than Pagefind's (measured; see CONTRIBUTING.md, "Search" and
benchmarks/RESULTS.md): the box must answer each keystroke within 50 ms on a slow phone, on a
bank of 5,000 questions too. Pagefind scores every matching page from its word positions in
WebAssembly, about 220 ms a search with the CPU slowed 4x once a word is in every question. Here
everything a score needs is computed at build time: for each word stem and each question that
uses it, one number, its BM25 score (Robertson & Zaragoza 2009) taken field by field and added by
the fields' weights (title above short answer above body; synonyms a little below the words they
stand for). A query adds those numbers up, a few microseconds a question.

Files (written under site/search/):
- `index/<key>.<hash>.json`: chunks of stems sharing their first letters (two, or three where a
  chunk would be large), small chunks of one first letter packed into one file. `s` lists its
  stems; `w` pairs each word the bank writes (in sorted order) with its stem's position in `s`;
  `g`, by the same position, holds the stem's questions (each a gap from the previous question
  number) and its scores (hundredths). The box loads a chunk when a query word needs it.
- the chunk list goes into search-data.json (`index`), which the box preloads.
Question numbers are positions in the result table (search-records.json, see result_table).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import defaultdict
from dataclasses import dataclass

from macros.search_stem import stem

# BM25's two knobs, at their textbook values (Manning et al., Introduction to Information
# Retrieval, 11.4.3). On the findability query set, k1 from 0.9 to 2.0 at b 0.5-0.9 scored within
# a point of these; b 0.3 scored about two points lower.
# k1: how fast repeating a word in a field stops adding to the score (a question that says
# "dropout" ten times is not ten times about it). b: how much a field longer than that field's
# average is marked down for its length.
K1, B = 1.2, 0.75
SCALE = 100  # scores are stored as integers, in hundredths
CHUNK_PREFIX = 2  # letters of a stem that choose its chunk...
CHUNK_SPLIT_BYTES = 48_000  # ...three letters when a two-letter chunk would be larger
PACK_BYTES = 32_000  # chunks of one first letter share a file up to about this size


@dataclass(frozen=True)
class IndexFiles:
    chunks: dict[str, str]  # chunk key -> file name (under index/; packed chunks share one)
    files: dict[str, str]  # file name -> its JSON text


def _saturated(count: int, norm: float) -> float:
    return count * (K1 + 1) / (count + K1 * norm)


def stem_scores(documents: list[list[tuple[str, str, float]]]
                ) -> tuple[dict[str, dict[int, int]], dict[str, str]]:
    """For each stem, each question's score (hundredths, at least 1); and each word's stem.
    `documents[n]` is question n's fields: (name, text in normal form, weight).

    BM25 field by field, then weighted: a field's count of the stem saturates on its own (K1),
    the long fields' by their length against the average (B), and the fields add up by weight.
    So a title that names the word outranks an answer that repeats it twenty times, which a
    single weighted count would not do (its saturation would cap both alike)."""
    stems: dict[str, str] = {}
    # per question, per field: its stems' counts, its name, its weight, its length in words
    counted: list[list[tuple[dict[str, int], str, float, int]]] = []
    for fields in documents:
        per_field = []
        for name, text, weight in fields:
            words = text.split()
            counts: dict[str, int] = defaultdict(int)
            for word in words:
                s = stems.get(word)
                if s is None:
                    s = stems[word] = stem(word)
                counts[s] += 1
            per_field.append((counts, name, weight, len(words)))
        counted.append(per_field)
    total = len(documents)
    length_sum: dict[str, int] = defaultdict(int)
    for per_field in counted:
        for _, name, _, length in per_field:
            length_sum[name] += length
    average = {name: max(1.0, n / total) for name, n in length_sum.items()}
    frequency: dict[str, int] = defaultdict(int)
    for per_field in counted:
        for s in set().union(*(counts for counts, _, _, _ in per_field)):
            frequency[s] += 1
    scores: dict[str, dict[int, int]] = defaultdict(dict)
    for n, per_field in enumerate(counted):
        value: dict[str, float] = defaultdict(float)
        for counts, name, weight, length in per_field:
            norm = 1 - B + B * length / average[name]
            for s, count in counts.items():
                value[s] += weight * _saturated(count, norm)
        for s, v in value.items():
            idf = math.log(1 + (total - frequency[s] + 0.5) / (frequency[s] + 0.5))
            scores[s][n] = max(1, round(idf * v * SCALE / (K1 + 1)))
    return dict(scores), stems


def chunk_key(word: str, split: set[str]) -> str:
    """The chunk a stem (or a word) belongs to: its first two letters, or three when the
    two-letter chunk was split."""
    key = word[:CHUNK_PREFIX]
    return word[:CHUNK_PREFIX + 1] if key in split else key


def _chunk_json(stems: list[str], scores: dict[str, dict[int, int]],
                words: dict[str, str]) -> str:
    position = {s: i for i, s in enumerate(stems)}
    entries = []
    for s in stems:
        numbers = sorted(scores[s])
        gaps = [b - a for a, b in zip([0, *numbers], numbers)]
        entries.append([gaps, [scores[s][n] for n in numbers]])
    return json.dumps({"s": stems, "w": [[w, position[s]] for w, s in sorted(words.items())],
                       "g": entries}, separators=(",", ":"))


def index_files(documents: list[list[tuple[str, str, float]]]) -> IndexFiles:
    """The chunk files of the index over `documents` (see stem_scores)."""
    scores, stems = stem_scores(documents)
    # A word and its stem share their first three letters (a stem keeps at least four), so a
    # word is listed in its stem's chunk.
    words_of: dict[str, dict[str, str]] = defaultdict(dict)  # stem -> {word: stem}
    for word, s in stems.items():
        words_of[s][word] = s

    def grouped(split: set[str]) -> dict[str, list[str]]:
        chunks: dict[str, list[str]] = defaultdict(list)
        for s in sorted(scores):
            chunks[chunk_key(s, split)].append(s)
        return dict(sorted(chunks.items()))

    def estimated_bytes(members: list[str]) -> int:
        return sum(len(scores[s]) for s in members) * 6  # a posting is about 6 characters

    split = {key for key, members in grouped(set()).items()
             if estimated_bytes(members) > CHUNK_SPLIT_BYTES}
    chunked = grouped(split)
    # Chunks of the same first letter are packed together into files of about PACK_BYTES: a
    # first letter typed fetches that letter's files, a few requests rather than dozens.
    packs: list[list[str]] = []
    size = 0
    for key, members in chunked.items():
        if not packs or packs[-1][0][0] != key[0] or size + estimated_bytes(members) > PACK_BYTES:
            packs.append([])
            size = 0
        packs[-1].append(key)
        size += estimated_bytes(members)
    chunks: dict[str, str] = {}
    files: dict[str, str] = {}
    for keys in packs:
        members = [m for key in keys for m in chunked[key]]
        words = {w: s for m in members for w, s in words_of[m].items()}
        text = _chunk_json(members, scores, words)
        name = f"{keys[0]}.{hashlib.sha256(text.encode()).hexdigest()[:10]}.json"
        for key in keys:
            chunks[key] = name
        files[name] = text
    return IndexFiles(chunks=chunks, files=files)
