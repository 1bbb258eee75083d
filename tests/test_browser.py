"""The site in a real browser (Debian's chromium driven by Playwright), served over HTTP.

Search has its own file: tests/test_search_browser.py."""

from __future__ import annotations

import re
import pytest
from playwright.sync_api import expect

from macros.bank import load_bank

pytestmark = [pytest.mark.site, pytest.mark.browser]

def _bank():
    bank, problems = load_bank()
    assert not problems
    return bank


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
