"""Every page works for every reader: a crawl of the whole built site in a real browser,
axe-core on every page type in light and dark mode, phone-sized pages, keyboard-only use."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from macros.bank import load_bank

pytestmark = [pytest.mark.site, pytest.mark.browser]


def _page_paths(site):
    paths = []
    for page in sorted(site.rglob("index.html")):
        if 'http-equiv="refresh"' in page.read_text(encoding="utf-8"):
            continue  # a redirect left at a former question ID: it leaves at once
        rel = page.parent.relative_to(site).as_posix()
        paths.append("/" if rel == "." else f"/{rel}/")
    return paths


def _one_of_each_kind(site):
    bank, _ = load_bank()
    topic = next(t for t in bank.topics if bank.questions.get(t.id))
    q = bank.questions[topic.id][0]
    split = next(t for t in bank.topics if t.sections and bank.questions.get(t.id))
    return {
        "home": "/", "topic": f"/topics/{topic.id}/", "question": f"/q/{q.id}/",
        "topic with sections": f"/topics/{split.id}/",
        "section": f"/topics/{split.id}/{bank.sections_of(split)[0][0].id}/",
        "tag": f"/tags/{q.tags[0]}/", "role": "/roles/research/", "difficulty": "/difficulty/hard/",
        "browse": "/browse/", "review": "/review/", "quiz": "/quiz/", "conventions": "/conventions/",
        # the chooser with a recommendation showing, so its generated markup is checked too
        "metric chooser": "/metrics/?task=binary&balance=rare&costlier=missed-positive"
                          "&output=decision",
        "metric reference": "/metrics/reference/",
        "metric reference task": "/metrics/reference/binary-classification/",
    }


def test_every_page_loads_with_no_console_error_failed_request_or_broken_image(
        watched_page, site_url, built_site):
    broken_images = []
    paths = _page_paths(built_site)
    assert len(paths) > 20
    with watched_page() as page:
        for path in paths:
            page.goto(site_url + path, wait_until="load")
            for src in page.eval_on_selector_all(
                    "img", "imgs => imgs.filter(i => i.complete && i.naturalWidth === 0)"
                           ".map(i => i.getAttribute('src'))"):
                broken_images.append(f"{path}: {src}")
    assert not broken_images, "\n".join(broken_images)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_any_page_type(watched_page, site_url, built_site, scheme):
    axe = Axe()
    found = []
    with watched_page(color_scheme=scheme) as page:
        for kind, path in _one_of_each_kind(built_site).items():
            page.goto(site_url + path)
            page.wait_for_load_state("networkidle")
            if kind in ("topic", "section"):  # check the answers too, not only the closed boxes
                page.eval_on_selector_all("details", "ds => ds.forEach(d => d.open = true)")
            if kind == "quiz":
                page.keyboard.press("Space")
                page.keyboard.press("Space")
            page.wait_for_timeout(400)  # let header and focus transitions finish first
            for violation in axe.run(page).response["violations"]:
                targets = [n["target"] for n in violation["nodes"][:3]]
                found.append(f"{kind} ({scheme}): {violation['id']} [{violation['impact']}] "
                             f"{targets}")
    assert not found, "\n".join(found)


def test_one_page_of_each_kind_fits_a_phone_in_dark_mode(watched_page, site_url, built_site):
    too_wide = []
    with watched_page(viewport={"width": 360, "height": 740}, color_scheme="dark",
                      is_mobile=True, has_touch=True) as page:
        for kind, path in _one_of_each_kind(built_site).items():
            page.goto(site_url + path)
            page.wait_for_load_state("networkidle")
            assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 361:
                too_wide.append(f"{kind}: {width}px")
    assert not too_wide, "pages wider than a 360px phone: " + ", ".join(too_wide)


# Search with the keyboard alone ("/", arrows, Enter, Esc): tests/test_search_browser.py.


def test_answers_open_and_close_with_the_keyboard_and_focus_is_visible(page, site_url):
    bank, _ = load_bank()
    topic = next(t for t in bank.topics if bank.questions.get(t.id))
    q = bank.questions[topic.id][0]
    page.goto(f"{site_url}/topics/{topic.id}/")
    summary = page.locator(f"h2#{q.id} ~ details > summary").first
    summary.focus()
    outline = summary.evaluate("s => getComputedStyle(s).outlineStyle + ' ' + "
                               "getComputedStyle(s).outlineWidth")
    assert not outline.startswith("none"), f"no visible focus on the answer toggle: {outline}"
    details = page.locator(f"h2#{q.id} ~ details").first
    page.keyboard.press("Enter")
    expect(details).to_have_attribute("open", "")
    page.keyboard.press("Space")
    expect(details).not_to_have_attribute("open", "")
