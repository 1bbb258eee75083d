"""Phone and desktop, light and dark: key pages never overflow sideways, tables fit or scroll with a
visible cue, display math stays inside its answer box and is spaced like the text around it,
tap targets are at least 24 x 24 px, figures fit a phone's column (and open full size where their
text is drawn small), and punctuation after inline math stays on the formula's line. Screenshots
of every case are saved under pytest's tmp dir (look at them when a layout changes)."""

from __future__ import annotations

import re
from functools import cache

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from macros.bank import load_bank
from macros.render.markdown_html import block_html
from tests.conftest import ROOT

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

# Every figure: inside its column and the content area, not in a box that scrolls sideways, its
# aspect ratio kept; where its smallest text is drawn below 10 px (the SVG's font sizes are in
# viewBox units: `sizes` gives [smallest font size, viewBox width] per file), it links to its own
# file and says so under it.
FIGURES = """(sizes) => {
    const content = document.querySelector('.md-content').getBoundingClientRect();
    return Array.from(document.querySelectorAll('img[src*="assets/figures/"]')).flatMap(img => {
        if (!img.offsetParent) return [];
        const name = img.getAttribute('src').split('/').pop(), found = [];
        const r = img.getBoundingClientRect(), column = img.closest('p').getBoundingClientRect();
        if (r.left < column.left - 1 || r.right > column.right + 1 || r.right > content.right + 1)
            found.push(`${name}: drawn at ${r.left}-${r.right}, its column is ${column.left}-${column.right}`);
        for (let box = img.parentElement; box !== document.body; box = box.parentElement) {
            if (['auto', 'scroll'].includes(getComputedStyle(box).overflowX) &&
                box.scrollWidth > box.clientWidth + 1) found.push(`${name}: scrolls sideways in a ${box.tagName}`);
        }
        if (!img.naturalWidth) return [...found, `${name}: not loaded`];
        const aspect = (r.width / r.height) / (img.naturalWidth / img.naturalHeight);
        if (Math.abs(aspect - 1) > 0.02) found.push(`${name}: aspect ratio changed by ${aspect}`);
        const [font, box] = sizes[name], text = font * r.width / box;
        const link = img.closest('a[href]');
        if (text < 10 && !(link && link.href === img.src))
            found.push(`${name}: text drawn at ${text.toFixed(1)} px and no link to the full-size file`);
        else if (text < 10 && !getComputedStyle(link, '::after').content.includes('full size'))
            found.push(`${name}: text drawn at ${text.toFixed(1)} px and no line saying it opens full size`);
        return found;
    });
}"""


@cache
def _figure_text_sizes() -> dict[str, list[float]]:
    """File name -> [smallest font size, viewBox width] of each committed figure."""
    sizes = {}
    for path in (ROOT / "docs" / "assets" / "figures").glob("*.svg"):
        svg = path.read_text(encoding="utf-8")
        width = float(re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+)', svg).group(1))
        fonts = [float(size) for size in re.findall(r"font-size: ?([\d.]+)px", svg)]
        sizes[path.name] = [min(fonts), width]
    return sizes


def _figure_problems(page) -> list[str]:
    page.wait_for_function("""() => Array.from(document.querySelectorAll(
        'img[src*="assets/figures/"]')).every(i => i.complete)""")
    return page.evaluate(FIGURES, _figure_text_sizes())


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
            problems += [f"{kind}: figure {p}" for p in _figure_problems(page)]
    print(f"screenshots: {tmp_path}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_passes_on_a_phone_tap_targets_included(watched_page, site_url, scheme):
    """axe on each key page at phone width, answers open: its target-size rule (WCAG 2.5.8,
    24 x 24 px) and the rest, since phone layouts scroll tables and display math sideways."""
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


def _open_and_typeset(page, url):
    """Load a page, open every answer and typeset all its math (math.js's print handler)."""
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.eval_on_selector_all("details", "ds => ds.forEach(d => d.open = true)")
    page.wait_for_function("""() => typeof renderMathInElement === 'function' ||
        !document.querySelector('.arithmatex:not([data-math-rendered])')""", timeout=60_000)
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.wait_for_timeout(200)


def test_every_figure_fits_a_phone_column_and_opens_full_size(watched_page, site_url, built_site):
    """On a 390 px phone, every page that shows a figure (question, topic and section pages):
    the figure is scaled into its column with its aspect ratio, nothing scrolls sideways, and a
    figure whose text is drawn below 10 px links to its full-size file."""
    pages = sorted("/" + str(path.parent.relative_to(built_site)) + "/"
                   for path in built_site.rglob("index.html")
                   if "assets/figures/" in path.read_text(encoding="utf-8"))
    assert len(pages) > 20, pages
    problems, seen = [], 0
    with watched_page(viewport=WIDTHS["phone"], is_mobile=True, has_touch=True) as page:
        for path in pages:
            page.goto(site_url + path)
            page.eval_on_selector_all("details", "ds => ds.forEach(d => d.open = true)")
            seen += page.locator('img[src*="assets/figures/"]').count()
            problems += [f"{path}: {p}" for p in _figure_problems(page)]
            width = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
            if width[0] > width[1]:
                problems.append(f"{path}: the page is {width[0]} px wide in a {width[1]} px window")
    assert seen >= len(pages)
    assert not problems, "\n".join(problems)


# Each display formula: the gap between its drawn formula and the paragraph above and below, the
# paragraph spacing of the page (the median gap between two paragraphs outside lists), and
# whether a formula wider than its box scrolls inside that box.
DISPLAY_MATH = """() => {
    const gaps = Array.from(document.querySelectorAll('.md-typeset p + p'))
        .filter(p => p.offsetParent && !p.closest('li'))
        .map(p => p.getBoundingClientRect().top - p.previousElementSibling.getBoundingClientRect().bottom)
        .sort((a, b) => a - b);
    const formulas = [];
    for (const math of document.querySelectorAll('div.arithmatex')) {
        const drawn = math.querySelector('.katex-display > .katex');
        if (!math.offsetParent || !drawn) continue;
        const r = drawn.getBoundingClientRect(), box = math.getBoundingClientRect();
        const prev = math.previousElementSibling, next = math.nextElementSibling;
        formulas.push({
            tex: math.textContent.slice(0, 30),
            above: prev && prev.tagName === 'P' ? r.top - prev.getBoundingClientRect().bottom : null,
            below: next && next.tagName === 'P' ? next.getBoundingClientRect().top - r.bottom : null,
            wide: math.scrollWidth > math.clientWidth + 1,
            scrolls: ['auto', 'scroll'].includes(getComputedStyle(math).overflowX),
            upright: ['auto', 'scroll'].includes(getComputedStyle(math).overflowY) &&
                math.scrollHeight > math.clientHeight,
            inside: box.right <= math.parentElement.getBoundingClientRect().right + 1,
        });
    }
    return {paragraph: gaps[Math.floor(gaps.length / 2)], formulas,
            page: [document.documentElement.scrollWidth, innerWidth]};
}"""


def _display_math_pages() -> list[str]:
    """The figure question, and the three questions with the longest display formulas."""
    bank, _ = load_bank()

    def longest(q):
        return max((len(m) for m in re.findall(r"\$\$(.*?)\$\$", q.answer, re.S)), default=0)

    longest_three = sorted(bank.all_questions(), key=longest)[-3:]
    return [f"/q/{q.id}/" for q in [_figure_question(), *longest_three]]


def test_display_math_on_a_phone_is_spaced_like_paragraphs_and_scrolls_in_its_box(watched_page,
                                                                                   site_url):
    """At 390 px the gap between a display formula and the paragraphs around it is between 0.75
    and 1.5 times the gap between two paragraphs (KaTeX's inline wrapper under the theme's
    padding once made it 3.5 times), and a formula wider than the column scrolls inside its own
    box, which stays in the column, never the page (and never up and down)."""
    problems, measured, wide = [], 0, 0
    with watched_page(viewport=WIDTHS["phone"], is_mobile=True, has_touch=True) as page:
        for path in _display_math_pages():
            _open_and_typeset(page, site_url + path)
            found = page.evaluate(DISPLAY_MATH)
            spacing = found["paragraph"]
            assert spacing and spacing > 5, f"{path}: no paragraph spacing measured ({spacing})"
            for formula in found["formulas"]:
                for side in ("above", "below"):
                    gap = formula[side]
                    if gap is None:
                        continue
                    measured += 1
                    if not 0.75 * spacing <= gap <= 1.5 * spacing:
                        problems.append(f"{path}: {gap:.0f} px {side} {formula['tex']!r}, "
                                        f"paragraphs are {spacing:.0f} px apart")
                if formula["upright"]:
                    problems.append(f"{path}: {formula['tex']!r} scrolls up and down")
                if formula["wide"]:
                    wide += 1
                    if not (formula["scrolls"] and formula["inside"]):
                        problems.append(f"{path}: {formula['tex']!r} is wider than its column and "
                                        "does not scroll inside it")
            if found["page"][0] > found["page"][1]:
                problems.append(f"{path}: the page is {found['page'][0]} px wide")
    assert measured >= 4 and wide >= 1, (measured, wide)
    assert not problems, "\n".join(problems)


# Every inline formula followed directly by text (`$x$.`), in paragraphs narrowed step by step
# from their width on the page down to 200 px (a narrow phone, a box in a box): the first
# character after the formula must sit on the line of the formula's last drawn block (KaTeX draws
# a formula as a row of blocks, split where it may break). Widths at which that block and the
# character together do not fit are skipped: nothing can keep them on one line.
GLUED_PUNCTUATION = r"""() => {
    const pairs = [];
    for (const math of document.querySelectorAll('.md-typeset p span.arithmatex')) {
        const next = math.nextSibling;
        if (math.offsetParent && next && next.nodeType === Node.TEXT_NODE && /^\S/.test(next.data))
            pairs.push([math, next]);
    }
    const broken = new Set();
    for (const p of new Set(pairs.map(([math]) => math.closest('p')))) {
        const mine = pairs.filter(([math]) => math.closest('p') === p);
        for (let width = Math.floor(p.getBoundingClientRect().width); width >= 200; width -= 2) {
            p.style.width = width + 'px';
            for (const [math, text] of mine) {
                const blocks = math.querySelectorAll('.katex-html > .katex-base');
                if (!blocks.length) { broken.add(`no KaTeX blocks in ${math.textContent}`); continue; }
                const last = blocks[blocks.length - 1].getBoundingClientRect();
                const range = document.createRange();
                range.setStart(text, 0);
                range.setEnd(text, 1);
                const mark = range.getBoundingClientRect();
                if (last.width + mark.width > width - 2) continue;
                if (mark.top >= last.bottom - 2)
                    broken.add(`"${text.data[0]}" after ${math.textContent.slice(0, 30)} starts a line at ${width} px`);
            }
        }
        p.style.width = '';
    }
    return [pairs.length, Array.from(broken)];
}"""


def test_punctuation_after_inline_math_stays_on_the_formulas_line(watched_page, site_url):
    """On a 390 px phone and in narrower columns, `$x$.` never leaves the full stop (or comma,
    bracket, `-th`) at the start of the next line. Checked on the two answers with the most
    formulas followed by punctuation, one of which broke so at 390 px."""
    bank, _ = load_bank()
    glued = re.compile(r'<span class="arithmatex">[^<]*</span>[^\s<]')
    counts = {q.id: len(glued.findall(block_html(q.answer))) for q in bank.all_questions()}
    busiest = sorted(counts, key=counts.get)[-2:]
    problems, pairs = [], 0
    with watched_page(viewport=WIDTHS["phone"], is_mobile=True, has_touch=True) as page:
        for path in ["/q/choosing-k-for-kmeans/", *(f"/q/{qid}/" for qid in busiest)]:
            _open_and_typeset(page, site_url + path)
            found, broken = page.evaluate(GLUED_PUNCTUATION)
            pairs += found
            problems += [f"{path}: {b}" for b in broken]
    assert pairs >= 20, pairs
    assert not problems, f"{len(problems)} breaks, e.g.\n" + "\n".join(problems[:20])
