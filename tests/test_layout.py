"""Phone and desktop, light and dark: key pages never overflow sideways, tables fit or scroll with a
visible cue, display math stays inside its answer box, tap targets are at least 24 x 24 px and
figure text stays readable on a phone. Screenshots of every case are saved under pytest's tmp
dir (look at them when a layout changes)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from macros.bank import load_bank

pytestmark = [pytest.mark.site, pytest.mark.browser]

WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def _figure_question():
    """A question whose answer shows a figure and display math (the worst case for a phone)."""
    bank, _ = load_bank()
    for q in bank.all_questions():
        if "assets/figures/" in q.answer and "$$" in q.answer:
            return q
    pytest.fail("no question shows both a figure and display math")


def _key_pages():
    bank, _ = load_bank()
    split = next(t for t in bank.topics if t.sections and bank.questions.get(t.id))
    section = bank.sections_of(split)[0][0]
    return {"home": "/", "section": f"/topics/{split.id}/{section.id}/",
            "question": f"/q/{_figure_question().id}/", "quiz": "/quiz/", "review": "/review/",
            "metrics": "/metrics/"}


# Every table: fits its column, or sits in a box that scrolls sideways and shows a shadow cue.
TABLES = """() => Array.from(document.querySelectorAll('.md-typeset table')).flatMap(table => {
    const content = document.querySelector('.md-content').getBoundingClientRect();
    let box = table.parentElement;
    while (box && box !== document.body) {
        const style = getComputedStyle(box);
        if (['auto', 'scroll'].includes(style.overflowX)) break;
        box = box.parentElement;
    }
    const scrolls = box && box !== document.body && box.scrollWidth > box.clientWidth + 1;
    const right = table.getBoundingClientRect().right;
    if (!scrolls) return right > content.right + 1 ? [`clipped: ${table.innerText.slice(0, 40)}`] : [];
    const cue = getComputedStyle(box).backgroundImage;
    return cue.includes('gradient') ? [] : [`scrolls without a cue: ${table.innerText.slice(0, 40)}`];
})"""

# Display math inside an answer box ends inside the box's border.
MATH = """() => Array.from(document.querySelectorAll('div.arithmatex')).flatMap(math => {
    const box = math.closest('.admonition, details, .quiz-full, .quiz-short');
    if (!box || !box.offsetParent) return [];
    const inner = math.getBoundingClientRect(), outer = box.getBoundingClientRect();
    return inner.right > outer.right + 1 || inner.left < outer.left - 1
        ? [`${math.textContent.slice(0, 40)}: ${inner.left}-${inner.right} outside ${outer.left}-${outer.right}`]
        : [];
})"""

# The smallest figure text as drawn: the SVG's font sizes are in viewBox units.
FIGURE_TEXT = """async () => {
    const found = [];
    for (const img of document.querySelectorAll('img[src*="assets/figures/"]')) {
        const svg = await (await fetch(img.src)).text();
        const box = svg.match(/viewBox="[\\d.]+ [\\d.]+ ([\\d.]+)/);
        const sizes = Array.from(svg.matchAll(/font-size: ?([\\d.]+)px/g), m => parseFloat(m[1]));
        if (!box || !sizes.length) continue;
        const scale = img.getBoundingClientRect().width / parseFloat(box[1]);
        found.push([img.getAttribute('src'), Math.min(...sizes) * scale]);
    }
    return found;
}"""


@pytest.mark.parametrize("form", list(WIDTHS))
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_key_pages_fit_phone_and_desktop_in_light_and_dark(watched_page, site_url, scheme, form,
                                                           tmp_path):
    problems = []
    phone = form == "phone"
    with watched_page(viewport=WIDTHS[form], color_scheme=scheme, is_mobile=phone,
                      has_touch=phone) as page:
        for kind, path in _key_pages().items():
            page.goto(site_url + path)
            page.wait_for_load_state("networkidle")
            if kind == "quiz":
                page.keyboard.press("Space")
                page.keyboard.press("Space")
                expect(page.locator(".quiz-full p").first).to_be_visible()
            page.eval_on_selector_all("details", "ds => ds.forEach(d => d.open = true)")
            page.wait_for_timeout(300)
            page.screenshot(path=tmp_path / f"{kind}-{form}-{scheme}.png", full_page=kind != "review")
            width = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
            if width[0] > width[1]:
                problems.append(f"{kind}: the page is {width[0]} px wide in a {width[1]} px window")
            problems += [f"{kind}: table {p}" for p in page.evaluate(TABLES)]
            # Typeset whatever the background has not reached yet (math.js's print handler).
            page.wait_for_function("""() => typeof renderMathInElement === 'function' ||
                !document.querySelector('.arithmatex:not([data-math-rendered])')""",
                                   timeout=60_000)
            page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
            problems += [f"{kind}: display math {p}" for p in page.evaluate(MATH)]
            if phone:
                for src, size in page.evaluate(FIGURE_TEXT):
                    if size < 10:
                        problems.append(f"{kind}: figure {src} draws text at {size:.1f} px")
    print(f"screenshots: {tmp_path}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_passes_on_a_phone_tap_targets_included(watched_page, site_url, scheme):
    """axe on each key page at phone width, answers open: its target-size rule (WCAG 2.5.8,
    24 x 24 px) and the rest, since phone layouts scroll tables and figures sideways."""
    axe = Axe()
    found = []
    with watched_page(viewport=WIDTHS["phone"], is_mobile=True, has_touch=True,
                      color_scheme=scheme) as page:
        for kind, path in _key_pages().items():
            page.goto(site_url + path)
            page.wait_for_load_state("networkidle")
            if kind == "quiz":
                page.keyboard.press("Space")
                page.keyboard.press("Space")
            page.eval_on_selector_all("details", "ds => ds.forEach(d => d.open = true)")
            page.wait_for_timeout(300)
            rules = axe.run(page, options={"runOnly": ["target-size"]}).response
            everything = axe.run(page).response
            for violation in rules["violations"] + everything["violations"]:
                found += [f"{kind}: {violation['id']} {n['target']} {n['failureSummary'][:120]}"
                          for n in violation["nodes"][:5]]
    assert not found, "\n".join(found)


def test_review_filters_and_quiz_filters_are_at_least_24_px(watched_page, site_url):
    with watched_page(viewport=WIDTHS["phone"], is_mobile=True, has_touch=True) as page:
        page.goto(site_url + "/review/")
        controls = page.locator("[data-review-filters] input, [data-review-filters] select")
        expect(controls.first).to_be_visible()
        for box in [controls.nth(i).bounding_box() for i in range(controls.count())]:
            assert box["width"] >= 24 and box["height"] >= 24, box
        page.goto(site_url + "/quiz/")
        selects = page.locator(".quiz-filters select")
        expect(selects.first).to_be_visible()
        for box in [selects.nth(i).bounding_box() for i in range(selects.count())]:
            assert box["height"] >= 24, box
