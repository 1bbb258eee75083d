"""Topics split into sections, checked on the generated Markdown (no build): each answer lives on
exactly one page, every link to an answer goes to that page, the landing page keeps the anchors,
and the navigation lists the section pages."""

from __future__ import annotations

import re
from functools import cache

from macros import links
from macros.bank import load_bank
from macros.render.fragments import FragmentStore
from macros.render.rendered import render_bank
from macros.site_pages import generated_pages, navigation

REPOSITORY = links.Repository("https://github.com/example/repo")


@cache
def _bank_and_pages():
    bank, problems = load_bank()
    assert not problems
    return bank, generated_pages(bank, render_bank(bank), REPOSITORY, FragmentStore())


def test_every_question_is_answered_on_exactly_one_topic_or_section_page():
    bank, pages = _bank_and_pages()
    for topic in bank.topics:
        for q in bank.questions.get(topic.id, []):
            holders = [src for src, text in pages.items() if src.startswith("topics/")
                       and f"{{ #{q.id} .question }}" in text]
            assert holders == [links.answer_page(topic.id, q)], (q.id, holders)


def test_no_section_holds_more_than_14_questions_and_small_topics_stay_whole():
    bank, _ = _bank_and_pages()
    for topic in bank.topics:
        if topic.sections:
            sizes = [len(questions) for _, questions in bank.sections_of(topic)]
            assert max(sizes) <= 14, (topic.id, sizes)
        else:
            assert len(bank.questions.get(topic.id, [])) <= 18, f"{topic.id} needs sections"


def test_the_landing_page_of_a_split_topic_keeps_each_question_anchor_and_links_its_answer():
    bank, pages = _bank_and_pages()
    topic = next(t for t in bank.topics if t.id == "evaluation-metrics")
    landing = pages[links.topic_page(topic.id)]
    assert "??? answer" not in landing
    for q in bank.questions[topic.id]:
        assert f'<span id="{q.id}" class="q-listed"></span>' in landing
        assert f"({q.section}.md#{q.id}){{ .q-listed-link }}" in landing.replace(
            "../../topics/evaluation-metrics/", "")


def test_no_page_links_an_answer_of_a_split_topic_to_the_topic_page():
    bank, pages = _bank_and_pages()
    split = [t.id for t in bank.topics if t.sections]
    stale = re.compile(r"topics/(" + "|".join(map(re.escape, split)) + r")/index\.md#")
    found = [src for src, text in pages.items() if stale.search(text)]
    assert not found, f"links to answers on a split topic's page: {found[:5]}"


def test_the_navigation_lists_each_split_topic_with_its_landing_and_section_pages():
    bank, _ = _bank_and_pages()
    nav = navigation(bank, render_bank(bank), [{"Topics": "generated"}])
    topics = nav[0]["Topics"]
    entry = next(e for e in topics if "Evaluation metrics" in e)["Evaluation metrics"]
    assert entry[0] == {"Overview": "topics/evaluation-metrics/index.md"}
    assert [list(e.values())[0] for e in entry[1:]] == [
        links.section_page("evaluation-metrics", s.id) for s, _ in
        bank.sections_of(next(t for t in bank.topics if t.id == "evaluation-metrics"))]
    assert not any("q/" in str(e) for e in topics), "per-question pages stay out of the nav"


def test_the_exports_point_at_the_section_page_anchor():
    from macros.exports import question_records

    bank, _ = _bank_and_pages()
    from macros.render.rendered import render_bank

    records = {r["id"]: r for r in question_records(bank, render_bank(bank), "https://x.test/")}
    q = bank.questions["evaluation-metrics"][0]
    assert records[q.id]["topic_url"] == \
        f"https://x.test/topics/evaluation-metrics/{q.section}/#{q.id}"
    interview = bank.questions["interview"][0]
    assert records[interview.id]["topic_url"] == f"https://x.test/topics/interview/#{interview.id}"
