"""Search in the real browser: the header box over the site's own index
(assets/javascripts/search.js, search-engine.js).

Landing on the answer (mouse, keyboard, touch on a phone), what a result shows and in which order
(titles first, snippets as they arrive), filters kept in the URL, shortcuts, and what search
preloads before the reader searches (only what every query needs, only from this site).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from benchmarks import findability
from benchmarks.browser import PRELOADED
from macros.bank import load_bank

pytestmark = [pytest.mark.site, pytest.mark.browser]

BOX = "input.md-search__input"
RESULT = "a.md-search-result__link"


def _bank():
    bank, problems = load_bank()
    assert not problems
    return bank


def _a_question_with_math_below_others():
    """A question deep in its answer page (so landing means scrolling), whose answer has math."""
    bank = _bank()
    for topic in bank.topics:
        questions = bank.questions.get(topic.id, [])
        for q in questions[3:]:
            if "$" in q.answer:
                return topic, q
    raise AssertionError("no question with math below three others on its page")


def _search(page, query: str) -> None:
    findability.results_for(page, query)


def _assert_landed(page, q, viewport_height: int) -> None:
    page.wait_for_url(re.compile(rf"#{q.id}$"))
    heading = page.locator(f"h2#{q.id}")
    answer = page.locator(f"h2#{q.id} ~ details").first
    expect(answer).to_have_attribute("open", "")
    page.wait_for_timeout(300)  # math typesets as it comes into view: let the page settle
    top = heading.evaluate("h => h.getBoundingClientRect().top")
    assert 0 <= top <= viewport_height * 0.25, f"heading at {top}px, not at the top"
    opened = page.eval_on_selector_all(".md-content details[open]", "ds => ds.length")
    assert opened == 1, f"{opened} answers open: only the target's should be"
    # Nothing of the search marks the page, so no formula is split by a highlight.
    assert page.locator(".arithmatex mark").count() == 0


def test_a_result_click_opens_that_answer_with_its_heading_at_the_top(watched_page, site_url):
    topic, q = _a_question_with_math_below_others()
    with watched_page() as page:
        page.goto(site_url + "/")
        page.locator(BOX).click()
        _search(page, re.sub(r"\$[^$]*\$", " ", q.question)[:60])
        page.locator(f'{RESULT}[data-mlq-id="{q.id}"]').click()
        _assert_landed(page, q, 900)
        expect(page.locator(f"h2#{q.id} ~ details .arithmatex .katex").first).to_be_attached()


def test_a_result_tapped_on_a_390px_phone_lands_on_its_answer(watched_page, site_url):
    topic, q = _a_question_with_math_below_others()
    with watched_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                      color_scheme="dark") as page:
        page.goto(site_url + "/")
        page.locator("label.md-header__button[for='__search']").tap()
        expect(page.locator(BOX)).to_be_focused()
        _search(page, re.sub(r"\$[^$]*\$", " ", q.question)[:60])
        page.locator(f'{RESULT}[data-mlq-id="{q.id}"]').tap()
        _assert_landed(page, q, 844)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 391


def test_slash_opens_search_arrows_move_through_results_enter_follows(watched_page, site_url):
    with watched_page() as page:
        page.goto(site_url + "/")
        page.keyboard.press("/")
        expect(page.locator(BOX)).to_be_focused()
        page.keyboard.type("bias variance")
        page.wait_for_function(  # typed key by key: wait until the results are for all of it
            "document.querySelector('.md-search-result__list').getAttribute('data-mlq-for')"
            " === 'bias variance'")
        first = page.locator(RESULT).first
        second = page.locator(RESULT).nth(1)
        page.keyboard.press("ArrowDown")
        expect(first).to_be_focused()
        page.keyboard.press("ArrowDown")
        expect(second).to_be_focused()
        page.keyboard.press("ArrowUp")
        expect(first).to_be_focused()
        target = first.get_attribute("data-mlq-id")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(rf"#{target}$"))
        expect(page.locator(f"h2#{target} ~ details").first).to_have_attribute("open", "")


def test_s_opens_search_and_escape_closes_it(watched_page, site_url):
    with watched_page() as page:
        page.goto(site_url + "/conventions/")
        page.keyboard.press("s")
        expect(page.locator(BOX)).to_be_focused()
        assert page.locator("#__search").is_checked()
        page.keyboard.press("Escape")
        assert not page.locator("#__search").is_checked()
        expect(page.locator(BOX)).not_to_be_focused()


def test_enter_in_the_box_follows_the_best_result(watched_page, site_url):
    with watched_page() as page:
        page.goto(site_url + "/")
        page.keyboard.press("/")
        _search(page, "smote")
        best = page.locator(RESULT).first.get_attribute("data-mlq-id")
        page.locator(BOX).press("Enter")
        page.wait_for_url(re.compile(rf"#{best}$"))


def test_a_result_shows_title_topic_difficulty_and_a_readable_snippet(watched_page, site_url):
    bank = _bank()
    by_id = bank.by_id()
    with watched_page() as page:
        page.goto(site_url + "/")
        page.keyboard.press("/")
        _search(page, "bias variance")
        items = page.locator(RESULT)
        assert items.count() >= 5
        for i in range(5):
            item = items.nth(i)
            q = by_id[item.get_attribute("data-mlq-id")]
            where = item.locator(".mlq-search-result__where").inner_text()
            assert bank.topic_of(q.id).title in where and q.difficulty in where, where
            assert item.locator("h1").inner_text().strip()
            snippet = item.locator(".md-search-result__teaser").inner_text()
            assert len(snippet) > 40, snippet
            assert "$" not in snippet and "\\frac" not in snippet, snippet
        assert items.first.locator(".md-search-result__teaser mark").count() >= 1


def test_one_result_per_question_and_questions_only(watched_page, site_url):
    with watched_page() as page:
        page.goto(site_url + "/")
        page.keyboard.press("/")
        _search(page, "regularization")
        ids = page.eval_on_selector_all(RESULT, "as => as.map(a => a.dataset.mlqId)")
        hrefs = page.eval_on_selector_all(RESULT, "as => as.map(a => a.href)")
    assert len(ids) == len(set(ids)) == 10, ids
    assert all(re.search(r"/topics/.+#[a-z0-9-]+$", h) for h in hrefs), hrefs


def test_a_filter_narrows_results_in_one_click_and_the_url_shares_it(watched_page, site_url):
    with watched_page() as page:
        page.goto(site_url + "/")
        page.keyboard.press("/")
        _search(page, "overfitting")
        hard = page.locator('button.mlq-chip[data-filter="difficulty"][data-value="hard"]')
        hard.focus()
        page.keyboard.press("Enter")  # keyboard reachable; a click does the same
        page.wait_for_function("new URLSearchParams(location.search).get('difficulty') === 'hard'")
        page.wait_for_function("document.querySelector('.md-search-result__list')"
                               ".getAttribute('data-mlq-for') === 'overfitting'")
        expect(hard).to_have_attribute("aria-pressed", "true")
        levels = page.eval_on_selector_all(".mlq-search-result__level",
                                           "ls => ls.map(l => l.textContent.trim())")
        assert levels and set(levels) == {"hard"}, levels
        topic = page.locator('button.mlq-chip[data-filter="topic"]:not([hidden])').first
        topic_id = topic.get_attribute("data-value")
        topic.click()
        page.wait_for_function(f"new URLSearchParams(location.search).get('topic') === "
                               f"'{topic_id}'")
        shared = page.url
    params = parse_qs(urlsplit(shared).query)
    assert params == {"q": ["overfitting"], "difficulty": ["hard"], "topic": [topic_id]}, params
    with watched_page() as page:  # the shared link opens the same filtered search
        page.goto(shared)
        page.wait_for_function("document.querySelector('.md-search-result__list')"
                               ".getAttribute('data-mlq-for') === 'overfitting'")
        expect(page.locator(BOX)).to_have_value("overfitting")
        expect(page.locator('button.mlq-chip[data-filter="difficulty"][data-value="hard"]')) \
            .to_have_attribute("aria-pressed", "true")
        links = page.eval_on_selector_all(RESULT, "as => as.map(a => a.href)")
        assert links and all(f"/topics/{topic_id}/" in h for h in links), links


def _search_files(urls: list[str]) -> list[str]:
    return [u for u in urls if "/search/" in u or "search-engine" in u]


def test_on_a_phone_results_start_in_the_first_screen_and_topics_fold_under_a_toggle(
        watched_page, site_url):
    with watched_page(viewport={"width": 390, "height": 844}, is_mobile=True,
                      has_touch=True) as page:
        page.goto(site_url + "/")
        page.wait_for_function(PRELOADED)
        page.keyboard.press("/")
        _search(page, "bias variance")
        first = page.locator(RESULT).first.bounding_box()
        assert first["y"] + first["height"] < 844 / 2, first  # the first result is in view
        topics = page.locator("details.mlq-search__topics")
        expect(topics).not_to_have_attribute("open", "")
        topic = page.locator('button.mlq-chip[data-filter="topic"]:not([hidden])').first
        expect(topic).to_be_hidden()
        topics.locator("summary").tap()
        expect(topic).to_be_visible()
        name = topic.inner_text().rsplit(" ", 1)[0]
        topic.tap()
        page.wait_for_function("document.querySelector('.md-search-result__list')"
                               ".getAttribute('data-mlq-for') === 'bias variance'")
        expect(topics.locator("summary")).to_have_text(f"Topic: {name}")


def test_search_preloads_at_idle_what_every_query_needs_and_nothing_more(watched_page, site_url):
    with watched_page() as page:
        requested = []
        page.on("request", lambda r: requested.append(r.url))
        page.goto(site_url + "/")
        page.wait_for_function(PRELOADED)
        page.wait_for_load_state("networkidle")
        preloaded = _search_files(requested)
        for needed in ("/search-engine.js", "/search/search-data.json",
                       "/search/search-records.json"):
            assert any(needed in u for u in preloaded), (needed, preloaded)
        # What a query adds (its words' index chunks, its results' texts) waits for the reader.
        early = [u for u in preloaded if re.search(r"/search/(index|text)/", u)]
        assert not early, early
        page.keyboard.press("/")
        _search(page, "dropout")
        chunk = page.evaluate("fetch('search/search-data.json').then(r => r.json())"
                              ".then(d => d.index.dr)")
        assert any(u.endswith("/search/index/" + chunk) for u in requested), requested
        assert any("/search/text/" in u for u in requested)
        hosts = {urlsplit(u).netloc for u in requested if u.startswith("http")}
        assert hosts == {urlsplit(site_url).netloc}, hosts


def test_results_show_before_their_snippets_arrive_and_settle_once_these_are_in(watched_page,
                                                                                site_url):
    with watched_page() as page:
        held = []  # the snippets' text, held back until released

        def hold(route):
            if held is not None:
                held.append(route)
            else:
                route.continue_()
        page.route("**/search/text/*", hold)
        page.goto(site_url + "/")
        page.wait_for_function(PRELOADED)
        page.keyboard.press("/")
        page.locator(BOX).fill("dropout")
        page.wait_for_function("document.querySelector('.md-search-result__list')"
                               ".getAttribute('data-mlq-shown') === 'dropout'")
        items = page.locator(RESULT)
        assert items.count() == 10
        for i in range(10):
            assert items.nth(i).locator("h1").inner_text().strip()
            assert items.nth(i).locator(".mlq-search-result__where").inner_text().strip()
            assert items.nth(i).get_attribute("data-mlq-id")
        assert not page.locator(".md-search-result__teaser").first.inner_text().strip()
        assert page.locator(".md-search-result__list").get_attribute("data-mlq-for") is None
        page.wait_for_timeout(200)
        released, held = held, None
        for route in released:
            route.continue_()
        page.wait_for_function("document.querySelector('.md-search-result__list')"
                               ".getAttribute('data-mlq-for') === 'dropout'")
        teasers = page.eval_on_selector_all(".md-search-result__teaser",
                                            "ps => ps.map(p => p.textContent.trim())")
        assert len(teasers) == 10 and all(len(t) > 40 for t in teasers), teasers
        assert page.locator(".md-search-result__teaser mark").count() >= 1


def test_search_that_failed_to_load_says_so_and_loads_on_the_next_keystroke(browser, site_url):
    context = browser.new_context()  # not watched: a request fails on purpose
    page = context.new_page()
    failures = []

    def fail_while_offline(route):
        if offline:
            failures.append(route.request.url)
            route.abort()
        else:
            route.continue_()
    offline = True
    page.route("**/search/search-records.json", fail_while_offline)
    page.goto(site_url + "/")
    page.keyboard.press("/")
    page.locator(BOX).fill("dropou")
    expect(page.locator(".md-search-result__meta")).to_have_text(
        "Search could not load. Reload the page to try again.")
    assert failures
    offline = False
    page.keyboard.type("t")
    page.wait_for_function("document.querySelector('.md-search-result__list')"
                           ".getAttribute('data-mlq-for') === 'dropout'")
    assert page.locator(RESULT).count() == 10
    context.close()


def test_once_searched_the_whole_index_follows_and_search_works_offline(browser, site_url):
    context = browser.new_context()  # not watched: requests fail offline on purpose
    page = context.new_page()
    page.goto(site_url + "/")
    page.wait_for_function(PRELOADED)
    page.keyboard.press("/")
    _search(page, "dropout")
    page.wait_for_function("performance.getEntriesByName('mlq-search:offline-ready').length > 0",
                           timeout=60_000)
    context.set_offline(True)
    ids = _search_and_ids(page, "kernel trick")  # words never searched before
    assert {"what-is-the-kernel-trick", "kernel-trick-and-mercer-condition"} & set(ids[:3]), ids
    assert _search_and_ids(page, "xgboost") and _search_and_ids(page, "t-sne")
    context.close()


def test_a_word_whose_index_chunk_cannot_be_fetched_says_so_and_works_once_it_can(browser,
                                                                                 site_url):
    context = browser.new_context()  # not watched: requests fail on purpose
    page = context.new_page()
    page.route("**/search/index/k*", lambda route: route.abort())  # words starting with k
    page.goto(site_url + "/")
    page.wait_for_function(PRELOADED)
    page.keyboard.press("/")
    assert _search_and_ids(page, "dropout")
    page.locator(BOX).fill("kernel trick")
    page.wait_for_function("document.querySelector('.md-search-result__list')"
                           ".getAttribute('data-mlq-for') === 'kernel trick'")
    expect(page.locator(".md-search-result__meta")).to_contain_text("Check the connection")
    assert page.locator(RESULT).count() == 0
    page.unroute("**/search/index/k*")
    assert _search_and_ids(page, "kernel trick")
    context.close()


def _search_and_ids(page, query: str) -> list[str]:
    _search(page, query)
    return page.eval_on_selector_all(RESULT, "as => as.map(a => a.dataset.mlqId)")


def test_abbreviation_and_long_form_find_the_same_questions(watched_page, site_url):
    pairs = [("pca", "principal component analysis"), ("svm", "support vector machine"),
             ("a/b test", "split test"), ("tsne", "t-sne")]
    with watched_page() as page:
        page.goto(site_url + "/")
        page.keyboard.press("/")
        for short, long in pairs:
            a, b = _search_and_ids(page, short)[:5], _search_and_ids(page, long)[:5]
            assert a and b and set(a) & set(b), f"{short!r} {a} vs {long!r} {b}"


def test_british_spellings_typos_and_filler_find_what_the_plain_query_finds(watched_page, site_url):
    # the box reduces each pair to the same words: the results must be the same
    pairs = [("which optimiser", "optimizer"), ("gradient desent", "gradient descent"),
             ("how does regularisation work", "regularization"),
             ("labelled data in machine learning", "labeled data"),
             ("pros and cons of the random forest", "random forest")]
    with watched_page() as page:
        page.goto(site_url + "/")
        page.keyboard.press("/")
        for typed, plain in pairs:
            a, b = _search_and_ids(page, typed)[:5], _search_and_ids(page, plain)[:5]
            assert a and a == b, f"{typed!r} {a} vs {plain!r} {b}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_open_search_with_results_and_filters_passes_axe(watched_page, site_url, scheme):
    from axe_playwright_python.sync_playwright import Axe

    with watched_page(color_scheme=scheme) as page:
        page.goto(site_url + "/")
        page.keyboard.press("/")
        _search(page, "gradient boosting")
        page.locator('button.mlq-chip[data-filter="difficulty"][data-value="medium"]').click()
        page.wait_for_function("document.querySelector('.md-search-result__list')"
                               ".getAttribute('data-mlq-for') === 'gradient boosting'")
        page.wait_for_timeout(400)  # let the dialog's transitions finish
        violations = Axe().run(page, context={"include": [".md-search"]}).response["violations"]
    found = [f"{v['id']} [{v['impact']}] {[n['target'] for n in v['nodes'][:3]]}"
             for v in violations]
    assert not found, "\n".join(found)
