"""The site in a real browser (Debian's chromium driven by Playwright), served over HTTP."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from playwright.sync_api import expect

from macros.bank import load_bank
from macros.search_terms import terms_by_question

pytestmark = [pytest.mark.site, pytest.mark.browser]

def _bank():
    bank, problems = load_bank()
    assert not problems
    return bank


def _name_only_in_one_full_answer() -> tuple[str, str, str]:
    """A name that search knows only from one question's full answer (its "also covers" terms):
    in no question's title or short answer, and in no other question's terms."""
    bank = _bank()
    indexed = " ".join(f"{q.question} {q.short_answer}" for q in bank.all_questions()).lower()
    owners: dict[str, list[tuple[str, str]]] = {}
    for q_id, terms in terms_by_question(bank.all_questions()).items():
        for term in terms:
            owners.setdefault(term, []).append((bank.topic_of(q_id).id, q_id))
    for term, owner in sorted(owners.items()):
        if len(owner) == 1 and re.fullmatch(r"[A-Z][a-z]{6,}", term) and \
                term.lower() not in indexed:
            return term, *owner[0]
    raise AssertionError("no name found only in one full answer")


def test_search_finds_a_name_only_the_full_answer_mentions_and_opens_that_answer(page, site_url):
    word, topic_id, question_id = _name_only_in_one_full_answer()
    page.goto(site_url + "/")
    page.wait_for_load_state("networkidle")
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially(word, delay=30)
    result = page.locator(f'a.md-search-result__link[href*="#{question_id}"]').first
    expect(result).to_be_visible(timeout=10_000)
    expect(result).to_contain_text("Also covers")  # the preview says why it matched
    result.click()
    page.wait_for_url(re.compile(rf"/topics/{topic_id}/.*#{question_id}$"))
    answer = page.locator(f"h2#{question_id} ~ details").first
    expect(answer).to_have_attribute("open", "")
    # The name is highlighted where the answer says it, not only in the hidden terms line.
    expect(answer.locator(".q-body mark[data-md-highlight]").first).to_be_visible()


def test_the_search_index_waits_for_the_page_to_load(page, site_url):
    """Requested after the load event (or on a first search), never while the page loads."""
    page.goto(site_url + "/")
    # Requested when the browser is next idle after load (at most 2 s later): wait for it.
    handle = page.wait_for_function("""() => {
        const index = performance.getEntriesByType("resource")
            .find(e => e.name.endsWith("/search/search_index.json"));
        const nav = performance.getEntriesByType("navigation")[0];
        return index && nav.loadEventStart > 0 &&
            {start: index.startTime, loaded: nav.loadEventStart};
    }""", timeout=10_000)
    timing = handle.json_value()
    assert timing["start"] >= timing["loaded"], timing


def test_a_permalink_opens_the_question_with_its_answer_visible(page, site_url):
    q = _bank().all_questions()[0]
    page.goto(f"{site_url}/q/{q.id}/")
    expect(page.locator("h1")).to_contain_text(re.sub(r"\$.*?\$", "", q.question)[:20])
    expect(page.locator(".admonition.answer .q-short")).to_be_visible()


def test_a_topic_link_to_a_question_opens_its_answer(page, site_url):
    bank = _bank()
    topic = next(t for t in bank.topics if bank.questions.get(t.id))
    q = bank.questions[topic.id][-1]
    page.goto(f"{site_url}/topics/{topic.id}/#{q.id}")
    expect(page.locator(f"h2#{q.id} + .q-meta + details, h2#{q.id} ~ details").first) \
        .to_have_attribute("open", "")


def _question_of_a_split_topic(topic_id: str = "evaluation-metrics"):
    questions = _bank().questions[topic_id]
    assert all(q.section for q in questions), f"{topic_id} is no longer split into sections"
    return questions[len(questions) // 2]


def test_an_anchor_on_a_split_topic_page_forwards_to_the_open_answer_on_its_section_page(
        page, site_url):
    q = _question_of_a_split_topic()
    page.goto(f"{site_url}/topics/evaluation-metrics/#{q.id}")
    page.wait_for_url(f"{site_url}/topics/evaluation-metrics/{q.section}/#{q.id}")
    answer = page.locator(f"h2#{q.id} ~ details").first
    expect(answer).to_have_attribute("open", "")
    expect(answer.locator(".q-short")).to_be_in_viewport()


def test_without_javascript_an_old_topic_anchor_lands_on_the_list_entry_and_its_link(
        browser, site_url):
    q = _question_of_a_split_topic()
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/topics/evaluation-metrics/#{q.id}")
        assert page.url.endswith(f"/topics/evaluation-metrics/#{q.id}")
        link = page.locator(f"li:has(#{q.id}) a.q-listed-link")
        expect(link).to_be_in_viewport()
        link.click()
        page.wait_for_url(f"{site_url}/topics/evaluation-metrics/{q.section}/#{q.id}")
        expect(page.locator(f"h2#{q.id}")).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize("published", ["/metrics/reference/#roc-auc",
                                       "/metrics/reference/#mae"])
def test_a_published_metric_anchor_forwards_to_its_entry_on_the_task_page(page, site_url,
                                                                          published):
    """The reference is split by task; every /metrics/reference/#<metric> link published before
    still lands on that metric's entry (answers.js forwards from the landing page's list)."""
    metric = published.split("#")[1]
    bank = _bank()
    task = bank.metrics.by_id()[metric].task
    page.goto(site_url + published)
    page.wait_for_url(f"{site_url}/metrics/reference/{task}/#{metric}")
    expect(page.locator(f"h2#{metric}")).to_be_in_viewport()


def test_clicking_a_collapsed_answer_opens_it(page, site_url):
    bank = _bank()
    topic = next(t for t in bank.topics if bank.questions.get(t.id))
    q = bank.questions[topic.id][0]
    page.goto(f"{site_url}/topics/{topic.id}/")
    answer = page.locator(f"h2#{q.id} ~ details").first
    expect(answer).not_to_have_attribute("open", "")
    expect(answer.locator(".q-short")).to_be_hidden()
    answer.locator("summary").click()
    expect(answer).to_have_attribute("open", "")
    expect(answer.locator(".q-short")).to_be_visible()


def test_math_is_rendered_by_katex_when_its_answer_opens(page, site_url):
    bank = _bank()
    q = next(q for q in bank.all_questions() if "$" in q.answer)
    page.goto(f"{site_url}/q/{q.id}/")  # the answer is open on the question's own page
    expect(page.locator(".arithmatex .katex").first).to_be_attached()

    # Closed answers are not typeset while the page loads (math.js typesets them in the
    # background only after the load event, for print): check before that event.
    page.goto(f"{site_url}/topics/{bank.topic_of(q.id).id}/", wait_until="commit")
    answer = page.locator(f"h2#{q.id} ~ details").first
    math = answer.locator(".arithmatex").first
    expect(math).to_have_count(1)
    if page.evaluate("document.readyState") != "complete":
        assert math.locator(".katex").count() == 0, "math in a closed answer typeset during load"
    page.wait_for_load_state("load")
    answer.locator("summary").click()
    expect(math.locator(".katex").first).to_be_attached()


def test_a_phone_in_dark_mode_gets_a_readable_page_without_sideways_scrolling(watched_page,
                                                                              site_url):
    bank = _bank()
    topic = next(t for t in bank.topics if bank.questions.get(t.id))
    with watched_page(viewport={"width": 375, "height": 740}, color_scheme="dark",
                      is_mobile=True, has_touch=True) as page:
        page.goto(f"{site_url}/topics/{topic.id}/")
        page.wait_for_load_state("networkidle")
        assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 376, f"page is {width}px wide on a 375px screen"
