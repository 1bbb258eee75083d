"""Study modes in a real browser: the self-quiz (reveal, mark, progress kept across reloads,
filters, keyboard only) and the review sheets (filters, print media)."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import re
import threading
import urllib.request
from pathlib import Path

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


# --- the quiz on a slow phone, its keys and its saved state --------------------------------------

class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """A static server that gzips text, as GitHub Pages does (http.server never compresses)."""

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.is_file() and path.suffix in {".html", ".css", ".js", ".json", ".svg"}
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the test closed the page before the download ended

    def log_message(self, *args):
        pass


# Lighthouse's mobile profile: 1.6 Mbps down, 750 kbps up; 40 ms round trips on 127.0.0.1.
SLOW_PHONE = {"offline": False, "latency": 40, "downloadThroughput": 1_600_000 / 8,
              "uploadThroughput": 750_000 / 8}
FIRST_CARD_MAX_BYTES = 150_000


def test_the_first_quiz_card_needs_few_enough_bytes_for_a_second_on_a_slow_phone(
        browser, built_site):
    """Cold cache, gzip, throttled to 1.6 Mbps: the first question needs few enough bytes to be
    on screen within 1 s of the navigation starting, because the quiz loads a small index and
    one topic's cards first, never the multi-megabyte export. The assertion is on bytes, which
    do not depend on how busy the machine is; the time is printed, and measured by the
    benchmarks (a timed assertion fails on a loaded machine for no fault of the page)."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_GzipHandler, directory=str(built_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    times, wire, requested = [], [], []
    urllib.request.urlopen(f"{base}/quiz/", timeout=30).read()  # a warm server, cold browser
    try:
        for _ in range(3):
            context = browser.new_context(viewport={"width": 390, "height": 844},
                                          is_mobile=True, has_touch=True)
            page = context.new_page()
            page.on("request", lambda r: requested.append(r.url))
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", SLOW_PHONE)
            page.goto(f"{base}/quiz/")
            expect(page.locator(".quiz-card h2")).to_be_visible(timeout=20_000)
            first_card = int(page.get_attribute("#quiz", "data-first-card"))
            encoded = page.evaluate("""() => performance.getEntriesByType('resource')
                .filter(e => e.name.includes('/assets/quiz/'))
                .map(e => e.encodedBodySize < e.decodedBodySize)""")
            times.append(first_card)
            # Bytes on the wire (headers included) of every response that finished before the
            # first card showed: the page, its CSS and scripts, the quiz index and cards.
            wire.append(page.evaluate("""(t) => performance.getEntriesByType('navigation')
                .concat(performance.getEntriesByType('resource'))
                .filter(e => e.responseEnd <= t)
                .reduce((sum, e) => sum + (e.transferSize || e.encodedBodySize), 0)""",
                                      first_card))
            context.close()
    finally:
        server.shutdown()
        server.server_close()
    print(f"first quiz card at {times} ms after navigation start (1.6 Mbps, 40 ms, gzip), "
          f"after {wire} bytes on the wire")
    assert encoded and all(encoded), "the quiz's data was not served gzipped"
    assert not [u for u in requested if "/exports/" in u], "the quiz must not load the export"
    # 1.6 Mbps carries 200,000 bytes a second: 150,000 bytes take 0.75 s, leaving a quarter
    # second for round trips and script on a real phone.
    assert max(wire) <= FIRST_CARD_MAX_BYTES, \
        f"{wire} bytes loaded before the first card (at most {FIRST_CARD_MAX_BYTES:,})"


def test_revealing_keeps_the_start_of_the_answer_in_view_with_the_focus_on_it(watched_page,
                                                                              site_url):
    with watched_page(viewport={"width": 390, "height": 700}, is_mobile=True,
                      has_touch=True) as page:
        page.goto(f"{site_url}/quiz/")
        expect(page.locator(".quiz-card h2")).to_be_visible()
        for part in ("short", "full"):
            page.keyboard.press("Space")
            revealed = page.locator(f".quiz-card [data-part={part}]")
            expect(revealed).to_be_visible()
            if part == "full":
                expect(revealed.locator("p").first).to_be_visible()
                expect(revealed).not_to_have_attribute("aria-busy", "true")
            assert revealed.evaluate("e => e === document.activeElement"), \
                f"the focus is not on the revealed {part} answer"
            top = revealed.evaluate("e => e.getBoundingClientRect().top")
            header = page.evaluate("document.querySelector('.md-header').offsetHeight")
            assert header <= top < 700 - 40, f"the start of the {part} answer is out of view: {top}"


def test_space_only_reveals_and_never_marks_a_question(quiz):
    quiz.locator("body").press("Space")
    quiz.keyboard.press("Space")
    expect(quiz.locator(".quiz-card [data-part=full]")).to_be_visible()
    for _ in range(3):  # nothing left to reveal: Space must not fall through to "Knew it"
        quiz.keyboard.press("Space")
    for name in ("Knew it (K)", "Review again (R)", "Skip (J)"):
        quiz.get_by_role("button", name=name).focus()
        quiz.keyboard.press("Space")
    assert _progress(quiz).get("items", {}) == {}, "Space recorded a mark"
    expect(quiz.locator(".quiz-card [data-part=full]")).to_be_visible()  # and skipped nothing
    quiz.keyboard.press("k")
    assert [m["status"] for m in _progress(quiz)["items"].values()] == ["known"]


def _save(page, key, text):
    page.evaluate("([k, t]) => localStorage.setItem(k, t)", [key, text])
    page.reload()
    expect(page.locator(".quiz-card h2")).to_be_visible()


@pytest.mark.parametrize("saved", ['{"items":"oops"}', "not json", "[1, 2]", '"text"',
                                  '{"version": 1, "items": []}'])
def test_saved_progress_of_a_wrong_shape_is_reset_with_a_notice(quiz, saved):
    _save(quiz, "mlq-progress-v1", saved)
    expect(quiz.locator(".quiz-notice")).to_be_visible()
    assert _progress(quiz) == {"version": 1, "items": {}}
    quiz.get_by_role("button", name="Knew it (K)").click()  # and marking works again
    assert len(_progress(quiz)["items"]) == 1


def test_damaged_progress_entries_are_dropped_keeping_every_valid_mark(quiz):
    q = _first_question()
    saved = {"version": 1, "items": {
        q.id: {"status": "again", "last": 5, "count": 2},
        "kept-with-a-bad-date": {"status": "known", "last": "yesterday", "count": -1},
        "not-an-object": 7, "a-list": [1], "null": None,
        "unknown-status": {"status": "maybe", "last": 1, "count": 1}}}
    _save(quiz, "mlq-progress-v1", json.dumps(saved))
    notice = quiz.locator(".quiz-notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("2 marks kept, 4 unreadable entries removed")
    items = _progress(quiz)["items"]
    assert items == {q.id: {"status": "again", "last": 5, "count": 2},
                     "kept-with-a-bad-date": {"status": "known", "last": 0, "count": 1}}
    expect(quiz.locator(".quiz-meta")).to_contain_text("marked review again")  # it comes first


def test_a_saved_filter_that_no_longer_exists_resets_to_all(quiz):
    _save(quiz, "mlq-quiz-filters-v1",
          json.dumps({"topic": "a-topic-that-was-removed", "role": 3, "difficulty": "hard"}))
    expect(quiz.locator(".quiz-notice")).to_be_visible()
    expect(quiz.locator("#quiz-topic")).to_have_value("")
    expect(quiz.locator("#quiz-role")).to_have_value("")
    expect(quiz.locator("#quiz-difficulty")).to_have_value("hard")  # still valid: kept
    saved = json.loads(quiz.evaluate("localStorage.getItem('mlq-quiz-filters-v1')"))
    assert saved == {"topic": "", "role": "", "difficulty": "hard"}


def test_undamaged_saved_state_shows_no_notice(quiz):
    quiz.get_by_role("button", name="Knew it (K)").click()
    quiz.select_option("#quiz-difficulty", "easy")
    quiz.reload()
    expect(quiz.locator(".quiz-card h2")).to_be_visible()
    expect(quiz.locator(".quiz-notice")).to_have_count(0)


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
                                  "metrics/reference/binary-classification/"])
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


def test_printed_answers_show_their_figures_loaded(page, site_url):
    """Print media opens the closed answers, and their figures are drawn (not lazy, not hidden,
    not held at a phone's scrolling width)."""
    bank, _ = load_bank()
    topic, q = next((t, q) for t in bank.topics for q in bank.questions.get(t.id, [])
                    if "assets/figures/" in q.answer)
    from macros import links
    page.goto(f"{site_url}/{links.site_path(links.answer_page(topic.id, q))}")
    page.wait_for_load_state("networkidle")
    page.emulate_media(media="print")
    figures = page.locator(f"h2#{q.id} ~ details img[src*='assets/figures/']").first
    expect(figures).to_be_visible()
    page.wait_for_function("""() => Array.from(document.querySelectorAll(
        'img[src*="assets/figures/"]')).every(i => i.complete && i.naturalWidth > 0)""")
    width = figures.evaluate("i => i.getBoundingClientRect().width")
    assert width > 300
