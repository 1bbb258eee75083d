"""The metric chooser in a real browser: the issue's three scenarios, each checked for its
recommendation and for the link that reproduces it; and the page without JavaScript."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from macros import chooser_logic
from macros.bank import load_bank

pytestmark = [pytest.mark.site, pytest.mark.browser]

SCENARIOS = {
    "fraud with rare positives": {"task": "binary", "balance": "rare", "costlier": "false-alarm",
                                  "output": "queue"},
    "medical screening": {"task": "binary", "balance": "rare", "costlier": "missed-positive",
                          "output": "decision"},
    "regression with outliers": {"task": "regression", "errors": "proportional",
                                 "outliers": "outliers"},
}


def _expected(answers):
    bank, _ = load_bank()
    situations = bank.metrics.chooser.situations
    index = chooser_logic.first_match([s.model_dump() for s in situations], answers)
    return situations[index], bank.metrics.by_id()


def _answer(page, answers):
    for question, option in answers.items():
        page.locator(f'input[name="{question}"][value="{option}"]').check()


def _check_recommendation(page, answers):
    situation, metrics = _expected(answers)
    result = page.locator(".chooser-recommendation")
    expect(result).to_have_attribute("data-situation", situation.id)
    optimize = result.locator("dd").nth(1)
    expect(optimize).to_contain_text(metrics[situation.optimize].name)
    # The metric's entry on its task's page of the reference (/metrics/reference/<task>/).
    task = metrics[situation.optimize].task
    expect(optimize.locator("a")).to_have_attribute(
        "href", f"reference/{task}/#{situation.optimize}")
    return situation


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_chooser_recommends_and_its_url_reproduces_it(page, site_url, scenario):
    answers = SCENARIOS[scenario]
    page.goto(f"{site_url}/metrics/")
    expect(page.locator("#metric-chooser")).to_be_visible()
    expect(page.locator('fieldset[data-question="balance"]')).to_be_hidden()  # before a task
    _answer(page, answers)
    _check_recommendation(page, answers)
    query = parse_qs(urlsplit(page.url).query)
    assert {k: v[0] for k, v in query.items()} == answers, page.url
    link = page.locator(".chooser-permalink")
    expect(link).to_have_attribute("href", page.url)

    # A teammate opening the link sees the same recommendation without answering anything.
    shared = page.url
    page.goto("about:blank")
    page.goto(shared)
    _check_recommendation(page, answers)


def test_questions_for_other_tasks_are_hidden(page, site_url):
    page.goto(f"{site_url}/metrics/?task=regression")
    expect(page.locator('fieldset[data-question="errors"]')).to_be_visible()
    expect(page.locator('fieldset[data-question="balance"]')).to_be_hidden()
    expect(page.locator(".chooser-result")).to_contain_text("Answer the questions")


def test_without_javascript_the_tables_are_there_and_the_form_is_not(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/metrics/")
        expect(page.locator("#metric-chooser")).to_be_hidden()
        expect(page.locator(".situation-table tbody tr").first).to_be_visible()
        expect(page.locator("#properties-binary-classification")).to_be_visible()
    finally:
        context.close()
