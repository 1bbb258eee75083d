"""What search indexes: each question's title, short answer and the names its full answer
mentions (macros/search_terms.py), and not the full answer itself."""

from __future__ import annotations

import json

import pytest

from macros import links
from macros.bank import load_bank
from macros.search_terms import MAX_TERMS, distinctive_terms, ordinary_words, terms_by_question

ORDINARY = ordinary_words(["the estimator uses a rule and a distance, and we compare them",
                           "expected cost and false negatives, pick a threshold"])


def test_names_acronyms_and_code_identifiers_are_kept_in_order():
    answer = ("Use the Mahalanobis distance, or `class_weight` in scikit-learn, "
              "and compare against ROC-AUC and the L1 rule of Lloyd.")
    assert distinctive_terms(answer, "", ORDINARY) == [
        "class_weight", "Mahalanobis", "ROC-AUC", "L1", "Lloyd"]


def test_capitals_that_only_start_a_sentence_or_list_item_are_not_names():
    answer = ("Intro. Jumping ahead is common.\n\n- Compare them.\n"
              "**Expected-cost** rule: pick a threshold.")
    assert distinctive_terms(answer, "", ORDINARY) == []


def test_an_ordinary_word_capitalised_mid_sentence_is_not_a_name():
    assert distinctive_terms("we use the Estimator and a Distance", "", ORDINARY) == []


def test_terms_the_title_or_short_answer_already_holds_are_left_out():
    answer = "Platt scaling fits a sigmoid; Zadrozny and Elkan proposed isotonic binning."
    assert distinctive_terms(answer, "What is Platt scaling?", ORDINARY) == ["Zadrozny", "Elkan"]


def test_code_blocks_math_and_link_targets_are_not_prose():
    answer = ("See [the guide](https://Example.org/Sklearn) and $\\Sigma^{-1}$ here.\n\n"
              "```python\nfrom sklearn.linear_model import LogisticRegression\n```\n")
    assert distinctive_terms(answer, "", ORDINARY) == []


def test_a_long_answer_keeps_at_most_max_terms():
    answer = " and ".join(f"the Name{chr(65 + i // 26)}{chr(97 + i % 26)}x rule"
                          for i in range(MAX_TERMS + 10))
    assert len(distinctive_terms(answer, "", ORDINARY)) == MAX_TERMS


@pytest.mark.site
def test_the_index_holds_each_question_s_short_answer_and_terms_not_its_full_answer(built_site):
    bank, problems = load_bank()
    assert not problems
    docs = {d["location"]: d for d in json.loads(
        (built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]}
    questions = [(t.id, q) for t in bank.topics for q in bank.questions.get(t.id, [])]
    terms_of = terms_by_question(bank.all_questions())
    problems = []
    for topic_id, q in questions:
        location = f"{links.site_path(links.answer_page(topic_id, q))}#{q.id}"
        doc = docs.get(location)
        if doc is None:
            problems.append(f"{location}: not in the index")
            continue
        text = doc["text"]
        terms = terms_of[q.id]
        if "Short answer." not in text:
            problems.append(f"{location}: no short answer")
        if terms and f"Also covers: {', '.join(terms)}" not in text:
            problems.append(f"{location}: terms missing")
        # The short answer, the terms line and a little markup, never the answer's paragraphs.
        if len(text) > len(q.short_answer) + sum(len(t) + 2 for t in terms) + 200:
            problems.append(f"{location}: {len(text)} characters indexed, the full answer?")
    assert not problems, "\n".join(problems[:10])
