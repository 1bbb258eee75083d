"""The search index (macros/search_postings.py, macros/search_stem.py) and the engine that
searches it in the browser (docs/assets/javascripts/search-engine.js, run here in node on an
index written by the Python side)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from macros.bank import load_bank
from macros.search_postings import CHUNK_PREFIX, chunk_key, index_files, stem_scores
from macros.search_records import question_records, vocabulary
from macros.search_stem import stem
from tests.conftest import ROOT

ENGINE_JS = ROOT / "docs" / "assets" / "javascripts" / "search-engine.js"
NODE = shutil.which("node")

# Loads the engine, serves the index from a folder, and runs the searches given as JSON.
HARNESS = """
const fs = require("fs");
global.window = {};
require(process.argv[2]);
const folder = process.argv[3];
const job = JSON.parse(fs.readFileSync(0, "utf8"));
global.fetch = async (url) => ({ok: true, json: async () =>
  JSON.parse(fs.readFileSync(folder + "/" + url.split("/").pop(), "utf8"))});
const engine = new window.MLQSearchEngine.Engine("http://site/search/index/", job.index, job.size);
(async () => {
  const out = {stems: job.stems.map(window.MLQSearchEngine.stem), searches: []};
  for (const s of job.searches) {
    const keep = s.drop === undefined ? () => true : (n) => n !== s.drop;
    const found = await engine.search(s.words, keep);
    out.searches.push({ids: found.results.map(r => r.id), held: found.held});
  }
  process.stdout.write(JSON.stringify(out));
})();
"""


def _run_engine(tmp_path: Path, documents, searches, stems=()) -> dict:
    assert NODE, "node is installed by `make setup` (package.json): the engine runs in it"
    index = index_files(documents)
    folder = tmp_path / "index"
    folder.mkdir()
    for name, text in index.files.items():
        (folder / name).write_text(text, encoding="utf-8")
    harness = tmp_path / "harness.js"
    harness.write_text(HARNESS, encoding="utf-8")
    job = {"index": index.chunks, "size": len(documents), "searches": searches,
           "stems": list(stems)}
    run = subprocess.run([NODE, str(harness), str(ENGINE_JS), str(folder)], input=json.dumps(job),
                         capture_output=True, text=True, timeout=60, check=True)
    return json.loads(run.stdout)


def _doc(title: str, body: str = "", short: str = "") -> list[tuple[str, str, float]]:
    return [("title", title, 10.0), ("short", short, 4.0), ("body", body, 1.0)]


@pytest.mark.parametrize("word, expected", [
    ("outliers", "outlier"), ("regularization", "regulariz"), ("regularized", "regulariz"),
    ("regularize", "regulariz"), ("calibration", "calibr"), ("calibrated", "calibr"),
    ("probabilities", "probability"), ("embeddings", "embed"), ("classes", "class"),
    ("losses", "loss"), ("boosting", "boost"), ("trees", "tree"), ("bias", "bias"),
    ("analysis", "analysis"), ("corpus", "corpus"), ("l1", "l1"), ("stopping", "stop")])
def test_stems_bring_the_forms_of_a_word_together(word, expected):
    assert stem(word) == expected


def test_the_browser_stems_every_word_of_the_bank_as_the_build_does(tmp_path):
    bank, problems = load_bank()
    assert not problems
    words = sorted({w for r in question_records(bank) for _, text, _ in r.fields
                    for w in text.split()} | set(vocabulary(bank, question_records(bank))))
    out = _run_engine(tmp_path, [_doc("x")], [], stems=words)
    differ = [(w, js, stem(w)) for w, js in zip(words, out["stems"]) if js != stem(w)]
    assert len(words) > 5_000 and not differ, differ[:10]


def test_a_title_that_names_the_word_outranks_a_body_that_repeats_it():
    scores, _ = stem_scores([_doc("what is dropout"), _doc("a network", "dropout " * 20),
                             _doc("batch norm", "layers")])
    assert scores["dropout"][0] > scores["dropout"][1] > 0 and 2 not in scores["dropout"]


def test_a_rare_word_counts_more_than_a_common_one():
    docs = [_doc("one", "model smote"), _doc("two", "model"), _doc("three", "model")]
    scores, _ = stem_scores(docs)
    assert scores[stem("smote")][0] > scores["model"][0]


def test_every_stem_is_in_the_chunk_its_key_names_and_files_hold_one_first_letter():
    bank, _ = load_bank()
    records = question_records(bank)
    index = index_files([list(r.fields) for r in records])
    split = {key[:CHUNK_PREFIX] for key in index.chunks if len(key) > CHUNK_PREFIX}
    for name, text in index.files.items():
        chunk = json.loads(text)
        assert len(chunk["s"]) == len(chunk["g"])
        assert len({s[0] for s in chunk["s"]}) == 1, name  # one first letter a file
        for s in chunk["s"]:
            assert index.chunks[chunk_key(s, split)] == name
        words = [w for w, _ in chunk["w"]]
        assert words == sorted(words)
    assert len(index.files) < len(index.chunks)  # small chunks are packed together


def test_the_engine_ranks_matches_all_words_first_and_reports_unknown_words(tmp_path):
    documents = [
        _doc("what is dropout", "a regularization method for networks"),        # 0
        _doc("batch normalization", "normalizes layer inputs; not dropout"),    # 1
        _doc("weight decay", "l2 regularization of the weights"),              # 2
        _doc("gradient boosting", "trees fitted to residuals"),                # 3
    ]
    out = _run_engine(tmp_path, documents, [
        {"words": ["dropout"]},                      # title beats body
        {"words": ["drop"]},                         # the start of a word
        {"words": ["regularizing"]},                 # a form no question writes: by its stem
        {"words": ["dropout", "regularization"]},    # both words first, then either
        {"words": ["dropout", "zzzqx"]},             # an unknown word is reported
        {"words": ["dropout"], "drop": 0},           # a filter keeps question 0 out
        {"words": ["residual"]},                     # "residuals" by stem
    ])["searches"]
    assert out[0]["ids"] == [0, 1] and out[0]["held"] == [True]
    assert out[1]["ids"] == [0, 1]
    assert set(out[2]["ids"]) == {0, 2}
    assert out[3]["ids"][0] == 0 and set(out[3]["ids"]) == {0, 1, 2}
    assert out[4]["held"] == [True, False] and out[4]["ids"] == [0, 1]
    assert out[5]["ids"] == [1]
    assert out[6]["ids"] == [3]
