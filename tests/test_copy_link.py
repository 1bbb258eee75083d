"""Copy a link (issue "Every answer renders as written", point 7): every question, on its answer
page and on its own /q/ page, has a visible button that copies its permanent URL, works by mouse,
touch and keyboard, and tells screen readers it did."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.site, pytest.mark.browser]


def _copy_and_read(page, button) -> str:
    expect(button).to_have_text("Link copied")
    expect(page.locator(".q-copy-status")).to_have_text("Link copied")
    return page.evaluate("navigator.clipboard.readText()")


def test_the_keyboard_copies_a_questions_permanent_url_on_a_topic_page(watched_page, site_url):
    with watched_page(permissions=["clipboard-read", "clipboard-write"]) as page:
        page.goto(f"{site_url}/topics/interview/")
        heading = page.locator("h2.question").first
        question_id = heading.get_attribute("id")
        button = page.locator("button.q-copy-link").first
        expect(button).to_be_visible()
        expect(button).to_have_accessible_name("Copy link to this question")
        button.focus()
        page.keyboard.press("Enter")
        assert _copy_and_read(page, button) == f"{site_url}/q/{question_id}/"


def test_a_tap_copies_the_url_on_a_phone_without_hover(watched_page, site_url):
    with watched_page(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True,
                      permissions=["clipboard-read", "clipboard-write"]) as page:
        page.goto(f"{site_url}/q/which-evaluation-metric-should-i-use/")
        button = page.locator("button.q-copy-link")
        expect(button).to_be_visible()
        box = button.bounding_box()
        assert box["height"] >= 24 and box["width"] >= 24, box
        button.tap()
        assert _copy_and_read(page, button) == \
            f"{site_url}/q/which-evaluation-metric-should-i-use/"
