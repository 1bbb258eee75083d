"""What search indexes (macros/search_records.py, macros/search_synonyms.py) and what the build
writes for it: one record per question, weighted, synonyms expanded, nothing else indexed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from macros import links
from macros.bank import load_bank
from macros.search_records import (SYNONYM_WEIGHTS, WEIGHTS, SynonymMatcher, alternatives,
                                   joined_letters, question_records, result_table, search_data)
from macros.search_synonyms import SPELLING_RULES, STOP_WORDS, american, normal_form
from tests.conftest import ROOT, VALID_BANK

SEARCH_JS = ROOT / "docs" / "assets" / "javascripts" / "search.js"


def _bank(root=None):
    bank, problems = load_bank(root) if root else load_bank()
    assert not problems, problems[:5]
    return bank


@pytest.mark.parametrize("text, normal", [
    ("A/B test", "ab test"), ("t-SNE", "t sne"), ("What's ROC-AUC?", "what s roc auc"),
    ("  L1  vs  L2 ", "l1 vs l2"), ("k-means++", "k means")])
def test_normal_form_is_what_the_search_box_searches(text, normal):
    assert normal_form(text) == normal


def test_the_search_box_drops_the_same_filler_words_as_the_registry_checks():
    listed = re.search(r'var STOP = new Set\(\((.*?)\)\.split', SEARCH_JS.read_text(), re.S)
    words = set(" ".join(re.findall(r'"([^"]*)"', listed.group(1))).split())
    assert words == STOP_WORDS


def test_the_search_box_reads_british_spellings_by_the_same_rules_as_the_records():
    listed = re.search(r"var SPELLING = \[(.*?)\]\.map", SEARCH_JS.read_text(), re.S).group(1)
    # each rule is ["pattern", "replacement"]; a long pattern is split over lines with +
    rules = re.findall(r'\[((?:"[^"]*"\s*\+?\s*)+),\s*"([^"]*)"\]', listed)
    in_js = [("".join(re.findall(r'"([^"]*)"', pattern)), replacement)
             for pattern, replacement in rules]
    assert in_js == list(SPELLING_RULES)


@pytest.mark.parametrize("british, us", [
    ("optimiser", "optimizer"), ("regularisation", "regularization"), ("normalised", "normalized"),
    ("unnormalised", "unnormalized"), ("tokenisers", "tokenizers"), ("modelling", "modeling"),
    ("labelled", "labeled"), ("behaviour", "behavior"), ("neighbours", "neighbors"),
    ("analyse", "analyze"), ("centre", "center"), ("catalogue", "catalog"), ("datasets", "data"),
    # not British -ise forms: left alone
    ("noise", "noise"), ("supervised", "supervised"), ("promise", "promise"), ("raise", "raise"),
    ("analysis", "analysis"), ("emphasis", "emphasis"), ("contour", "contour")])
def test_british_spellings_read_as_american(british, us):
    assert american(british) == us


def test_a_record_also_answers_to_american_spellings_and_the_names_of_its_greek_letters():
    matcher = SynonymMatcher([("regularization", "regularisation"), ("svm", "svc")])
    text = "The optimiser minimises the λ-penalised loss of a normalised SVC; σ is fixed."
    terms = alternatives(matcher, text, normal_form(text))
    assert {"optimizer", "minimizes", "penalized", "normalized", "lambda", "sigma"} <= set(terms)
    assert "svm" in terms and "optimiser" not in terms and "the" not in terms
    # a group written in American is found through British text
    tokenizers = SynonymMatcher([("tokenizer", "wordpiece")])
    assert "wordpiece" in alternatives(tokenizers, "The tokeniser", "the tokeniser")


def test_a_group_matches_whole_words_and_plurals_and_expands_to_its_other_terms():
    matcher = SynonymMatcher([("pca", "principal component analysis"), ("svm", "support vector machine")])
    # "SVMs" names the group: its singular, long form and key are added, said terms are not
    assert matcher.expansion("Two SVMs and a principal component analysis") == [
        "pca", "zqpca", "svm", "support vector machine", "zqsvm"]
    assert matcher.expansion("mapcat and svmlight") == []


def test_lone_letters_are_joined_to_the_next_word():
    assert joined_letters("k-means, a p-value, t-SNE and A/B tests") == ["kmeans", "pvalue",
                                                                          "tsne"]


def test_one_record_per_question_linking_to_its_answer():
    bank = _bank()
    records = question_records(bank)
    assert [r.id for r in records] == [q.id for q in bank.all_questions()]
    for topic in bank.topics:
        for q in bank.questions.get(topic.id, []):
            record = next(r for r in records if r.id == q.id)
            assert record.url == links.site_path(links.answer_page(topic.id, q)) + f"#{q.id}"


def test_a_record_holds_all_the_text_with_title_and_short_answer_weighing_more():
    bank = _bank()
    q = next(q for q in bank.all_questions() if q.follow_ups and q.mistakes)
    record = next(r for r in question_records(bank) if r.id == q.id)
    fields = {name: (text, weight) for name, text, weight in record.fields}
    assert WEIGHTS["title"] > WEIGHTS["short"] > WEIGHTS["body"]
    assert fields["title"] == (normal_form(record.title), WEIGHTS["title"])
    follow_up_word = re.findall(r"[A-Za-z]{6,}", q.follow_ups[-1].answer)[-1]
    mistake_word = re.findall(r"[A-Za-z]{6,}", q.mistakes[-1])[-1]
    assert follow_up_word.lower() in fields["body"][0].split()
    assert mistake_word.lower() in fields["body"][0].split()
    assert follow_up_word in record.text and mistake_word in record.text
    # no raw TeX in what a snippet can show
    assert "$" not in record.text and "\\frac" not in record.text


def test_a_record_gets_its_synonyms_weighted_like_the_text_that_said_them():
    bank = _bank()
    record = next(r for r in question_records(bank) if r.id == "pca-limitations")
    fields = {name: (text, weight) for name, text, weight in record.fields}
    text, weight = fields["title synonyms"]
    assert weight == SYNONYM_WEIGHTS["title"] and "principal component analysis" in text


def test_search_data_names_the_filters_and_the_words_to_correct_to():
    data = search_data(_bank())
    assert {t for t, _ in data["topics"]} and data["difficulties"] and data["roles"]
    assert "regularization" in data["words"] and "kmeans" in data["joined"]
    assert data["words"] == sorted(data["words"])


def test_the_result_table_gives_each_question_number_its_title_topic_difficulty_and_roles():
    records = question_records(_bank())
    table = result_table(records)
    assert [row[0] for row in table["records"]] == [r.id for r in records]  # numbered in order
    for (qid, title, where, difficulty, roles), record in zip(table["records"], records):
        assert table["where"][where] == [record.url.split("#")[0], record.topic, record.topic_id]
        assert (title, difficulty, tuple(roles)) == (record.title, record.difficulty,
                                                     record.roles)
    assert len(table["where"]) == len({tuple(w) for w in table["where"]}) < len(records)


def test_the_fixture_bank_reads_its_synonyms():
    assert _bank(VALID_BANK).synonyms == [("roc auc", "area under the curve", "auc"),
                                         ("ab test", "split test")]


@pytest.mark.site
def test_the_build_writes_a_complete_index_and_no_material_search(built_site: Path):
    bank = _bank()
    search = built_site / "search"
    assert not (search / "search_index.json").exists() and not (built_site / "pagefind").exists()
    data = json.loads((search / "search-data.json").read_text())
    assert data["words"] and data["index"]
    # every chunk the list names is written, and nothing else
    assert {p.name for p in (search / "index").iterdir()} == set(data["index"].values())
    # one result-table row and one text per question
    table = json.loads((search / "search-records.json").read_text())
    ids = sorted(q.id for q in bank.all_questions())
    assert sorted(row[0] for row in table["records"]) == ids
    assert sorted(p.stem for p in (search / "text").glob("*.txt")) == ids
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'data-md-component="search"' not in home and "data-mlq-search" in home
    topic_pages = list((built_site / "topics").rglob("index.html"))
    assert topic_pages and not any("Also covers" in p.read_text(encoding="utf-8")
                                   for p in topic_pages)
