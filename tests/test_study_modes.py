"""Study modes in a real browser: the self-quiz (reveal, mark, progress kept across reloads,
filters, keyboard only) and the review sheets (filters, print media)."""

from __future__ import annotations

import io
import json
import re

import pytest
from playwright.sync_api import expect

from macros.bank import load_bank

pytestmark = [pytest.mark.site, pytest.mark.browser]


@pytest.fixture
def quiz(page, site_url):
    page.goto(f"{site_url}/quiz/")
    expect(page.locator(".quiz-card h2")).to_be_visible()
    return page


def _progress(page):
    return json.loads(page.evaluate("localStorage.getItem('mlq-progress-v1')") or "{}")


def _first_question():
    bank, _ = load_bank()
    return bank.all_questions()[0]


def test_the_quiz_reveals_the_short_answer_then_the_full_answer(quiz):
    card = quiz.locator(".quiz-card")
    expect(card.locator("[data-part=short]")).to_have_count(0)
    quiz.get_by_role("button", name="Show short answer (Space)").click()
    expect(card.locator("[data-part=short]")).to_be_visible()
    expect(card.locator("[data-part=full]")).to_have_count(0)
    quiz.get_by_role("button", name="Show full answer (Space)").click()
    expect(card.locator("[data-part=full]")).to_be_visible()


def test_marks_are_kept_across_a_reload_and_review_again_comes_first(quiz):
    first = quiz.locator(".quiz-card h2").inner_text()
    quiz.get_by_role("button", name="Review again (R)").click()
    second = quiz.locator(".quiz-card h2").inner_text()
    quiz.get_by_role("button", name="Knew it (K)").click()
    items = _progress(quiz)["items"]
    assert sorted(m["status"] for m in items.values()) == ["again", "known"]
    quiz.reload()
    expect(quiz.locator(".quiz-card h2")).to_have_text(first)  # "review again" comes back first
    assert _progress(quiz)["items"] == items
    if first != second:
        known = quiz.locator(".quiz-progress td[data-count=known]")
        assert sum(int(t) for t in known.all_inner_texts()) == 1


def test_progress_is_keyed_by_question_id_and_survives_unknown_ids(quiz):
    q = _first_question()
    quiz.evaluate("""id => localStorage.setItem('mlq-progress-v1', JSON.stringify({version: 1,
        items: {'a-question-that-was-removed': {status: 'again', last: 1, count: 1},
                [id]: {status: 'known', last: 2, count: 1}}}))""", q.id)
    quiz.reload()
    expect(quiz.locator(".quiz-card h2")).to_be_visible()
    items = _progress(quiz)["items"]
    assert items[q.id]["status"] == "known"
    assert "a-question-that-was-removed" in items, "progress for other IDs is never dropped"


def test_filters_restrict_the_questions_and_persist(quiz):
    bank, _ = load_bank()
    hard = [q for q in bank.all_questions() if q.difficulty == "hard"]
    quiz.select_option("#quiz-difficulty", "hard")
    if hard:
        expect(quiz.locator(".quiz-meta")).to_contain_text("· hard ·")
    else:
        expect(quiz.locator(".quiz-card")).to_contain_text("No question matches")
    quiz.reload()
    expect(quiz.locator("#quiz-difficulty")).to_have_value("hard")


def test_the_quiz_is_usable_with_the_keyboard_only(quiz):
    quiz.locator("body").press("Space")
    expect(quiz.locator(".quiz-card [data-part=short]")).to_be_visible()
    quiz.keyboard.press("Space")
    expect(quiz.locator(".quiz-card [data-part=full]")).to_be_visible()
    quiz.keyboard.press("r")
    assert list(_progress(quiz)["items"].values())[0]["status"] == "again"
    quiz.keyboard.press("k")
    assert sorted(m["status"] for m in _progress(quiz)["items"].values()) in (
        ["again", "known"], ["known"])
    # Tab reaches the filters and the buttons, and the focus is visible.
    quiz.locator("#quiz-topic").focus()
    quiz.keyboard.press("Tab")
    focused = quiz.evaluate("document.activeElement.id")
    assert focused == "quiz-role"


def test_reset_forgets_every_mark(quiz):
    quiz.get_by_role("button", name="Knew it (K)").click()
    quiz.once("dialog", lambda dialog: dialog.accept())
    quiz.get_by_role("button", name="Reset progress").click()
    assert _progress(quiz)["items"] == {}


@pytest.fixture
def review(page, site_url):
    page.goto(f"{site_url}/review/")
    expect(page.locator("[data-review-filters] input").first).to_be_visible()
    return page


def test_the_review_sheet_lists_every_question_with_its_short_answer(review):
    bank, _ = load_bank()
    expect(review.locator(".review-item")).to_have_count(len(bank.all_questions()))


def test_review_sheet_filters_by_difficulty_and_topic(review):
    bank, _ = load_bank()
    questions = bank.all_questions()
    review.uncheck("[data-filter-difficulty=easy]")
    not_easy = sum(q.difficulty != "easy" for q in questions)
    expect(review.locator(".review-item:visible")).to_have_count(not_easy)
    topic = bank.topics[0] if bank.questions.get(bank.topics[0].id) else \
        next(t for t in bank.topics if bank.questions.get(t.id))
    review.select_option("[data-filter-topic]", topic.id)
    in_topic = sum(q.difficulty != "easy" for q in bank.questions[topic.id])
    expect(review.locator(".review-item:visible")).to_have_count(in_topic)


def test_printing_the_review_sheet_shows_every_answer_without_navigation(review):
    bank, _ = load_bank()
    review.emulate_media(media="print")
    expect(review.locator(".review-item:visible")).to_have_count(len(bank.all_questions()))
    expect(review.locator(".md-sidebar--primary")).to_be_hidden()
    expect(review.locator("[data-review-filters]")).to_be_hidden()
    expect(review.locator(".md-header")).to_be_hidden()


def test_printing_a_topic_page_shows_the_answers(page, site_url):
    bank, _ = load_bank()
    topic = next(t for t in bank.topics if bank.questions.get(t.id))
    page.goto(f"{site_url}/topics/{topic.id}/")
    page.emulate_media(media="print")
    expect(page.locator("details.answer .q-short").first).to_be_visible()


def test_the_quiz_keeps_working_offline_once_loaded(quiz):
    quiz.wait_for_load_state("networkidle")
    quiz.context.set_offline(True)
    quiz.get_by_role("button", name="Show short answer (Space)").click()
    quiz.get_by_role("button", name="Show full answer (Space)").click()
    expect(quiz.locator(".quiz-card [data-part=full]")).to_be_visible()
    quiz.get_by_role("button", name="Knew it (K)").click()
    assert list(_progress(quiz)["items"].values())[0]["status"] == "known"
    expect(quiz.locator(".quiz-card h2")).to_be_visible()


_RAW_TEX = re.compile(r"\\\(|\\\)|\\\[|\\\]|\$\$")


@pytest.mark.parametrize("path", ["review/", "topics/evaluation-metrics/regression/",
                                  "metrics/reference/"])
def test_a_printed_page_shows_typeset_math_open_answers_and_no_raw_tex(page, site_url, path):
    """Printed (page.pdf emulates print), a page shows every formula typeset, closed answers
    included: the text of the PDF holds no TeX delimiter."""
    from pypdf import PdfReader

    page.goto(f"{site_url}/{path}")
    page.wait_for_selector("html[data-math-typeset=all]", state="attached", timeout=90_000)
    pdf = PdfReader(io.BytesIO(page.pdf()))
    text = "\n".join(p.extract_text() or "" for p in pdf.pages)
    assert len(text) > 2000, "the PDF holds the page's text"
    raw = [text[max(0, m.start() - 40):m.end() + 40] for m in _RAW_TEX.finditer(text)]
    assert not raw, f"{len(raw)} raw TeX fragments in the printed {path}: {raw[:5]}"
    if path.startswith("topics/"):
        # Closed answers print open: the last answer's references are in the PDF.
        assert "Common mistakes" in text and "References" in text
