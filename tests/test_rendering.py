"""Every answer renders as its writer meant (issue "Every answer renders as written"): the blocks
GitHub's preview shows are the blocks the site shows, math is typeset or readable as text, and no
page shows raw Markdown or TeX."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from macros.bank import load_bank
from macros.render.markdown_html import block_html
from macros.render.normalize import normalize
from macros.render.plain import markdown_to_text
from macros.render.rendered import block, inline
from macros.render.tex_text import tex_to_text

# --- CommonMark parity: the site shows the blocks GitHub shows ---------------------------------

_COMMONMARK = MarkdownIt("commonmark").enable("table")
_DISPLAY = re.compile(r"\$\$.*?\$\$", re.S)
_INLINE = re.compile(r"\$[^$\n]+\$")


def _without_math(text: str) -> str:
    """GitHub renders $-math itself; plain CommonMark would read `+` or `-` in a formula as a
    list. Math becomes an opaque word, one per line of a display block."""
    text = _DISPLAY.sub(lambda m: "\n".join("MATH" for _ in m.group(0).split("\n")), text)
    return _INLINE.sub("MATH", text)


def _blocks(html: str) -> tuple[int, int, int]:
    return html.count("<li"), html.count("<table"), html.count("<pre")


def _bank_fields():
    bank, problems = load_bank()
    assert not problems
    for q in bank.all_questions():
        yield q.id, "answer", q.answer
        yield q.id, "short_answer", q.short_answer
        for i, f in enumerate(q.follow_ups):
            yield q.id, f"follow_ups[{i}].answer", f.answer
        for i, m in enumerate(q.mistakes):
            yield q.id, f"mistakes[{i}]", m


def test_every_bank_text_has_the_lists_tables_and_code_blocks_github_shows():
    mismatches = []
    for qid, field, text in _bank_fields():
        ours, github = _blocks(block_html(text)), _blocks(_COMMONMARK.render(_without_math(text)))
        if ours != github:
            mismatches.append(f"{qid} {field}: site (li, table, pre) {ours}, GitHub {github}")
    assert not mismatches, "\n".join(mismatches)


@pytest.mark.parametrize("source, items", [
    ("**Lead-in.**\n- one\n- two", 2),
    ("Text line\n1. first\n2. second", 2),
    ("- a\n  - nested under a by two spaces\n- b", 3),
    ("1. step\n   continued\n   - sub\n2. next", 3),
    ("- a\n\n  second paragraph of a\n- b", 2),
    ("Sentence ending with a number\n2. is not a list on GitHub", 0),
    ("- an item whose text wraps after a citation (Ba et al.,\n  2016) and goes on\n- next", 2),
])
def test_lists_directly_under_text_or_nested_by_content_column_render_as_lists(source, items):
    html = block_html(source)
    assert html.count("<li") == items, html
    assert "- " not in BeautifulSoup(html, "html.parser").get_text().replace("-\n", "")


@pytest.mark.parametrize("source", [
    "Where\n$$\nx^2\n$$\nfollows.",
    "- item\n  $$\n  a + b\n  $$\n- next",
    "Inline then display\n$$x = 1$$",
    # indented past the item's content column by up to three spaces: still the item's block
    "1. a\n2. set\n\n    $$\n    x = 1.\n    $$\n\n3. next",
    "- a\n\n     $$\n     x = 1\n     $$\n- b",
])
def test_display_math_directly_next_to_text_is_typeset_not_left_raw(source):
    html = block_html(source)
    soup = BeautifulSoup(html, "html.parser")
    for math in soup.select(".arithmatex"):
        math.decompose()
    assert "$$" not in soup.get_text(), html
    assert '<div class="arithmatex">' in html


def test_normalizing_adds_only_blank_lines_and_indentation():
    source = "**Lead.**\n- a\n  - b\ntext\n$$\nx\n$$\nend"
    squeeze = lambda t: [line.strip() for line in t.split("\n") if line.strip()]
    assert squeeze(normalize(source)) == squeeze(source)


# --- Text glued to inline math, and figures (macros/render/typography.py) --------------------

_M = r'<span class="arithmatex">\({}\)</span>'


@pytest.mark.parametrize("source, html", [
    ("the weights $w$.", f'the weights <span class="q-nowrap">{_M.format("w")}.</span>'),
    ("per $k$) and", f'per <span class="q-nowrap">{_M.format("k")})</span> and'),
    ("$x$, then $y$;", f'<span class="q-nowrap">{_M.format("x")},</span> then '
                       f'<span class="q-nowrap">{_M.format("y")};</span>'),
    ("the $k$-th, $x$'s", f'the <span class="q-nowrap">{_M.format("k")}-th,</span> '
                          f'<span class="q-nowrap">{_M.format("x")}\'s</span>'),
    ("$a<b$.", f'<span class="q-nowrap">{_M.format("a&lt;b")}.</span>'),
    # A space after the formula is a normal break; nothing to glue.
    ("$x$ and $y$ . end", f'{_M.format("x")} and {_M.format("y")} . end'),
])
def test_text_directly_after_inline_math_shares_a_no_wrap_span_with_it(source, html):
    """The renderer glues a formula and the punctuation written directly after it, and the
    sanitizer keeps the glue: a sentence never starts a line with the full stop of `$x$.`."""
    rendered = block(source)
    assert rendered.html == f"<p>{html}</p>"
    assert "q-nowrap" not in rendered.text and rendered.text == markdown_to_text(source)


def test_a_title_keeps_its_question_mark_with_the_math_before_it():
    rendered = inline(r"Why does the penalty $\lambda \|w\|^2$?")
    assert rendered.html.endswith(
        r'<span class="q-nowrap"><span class="arithmatex">\(\lambda \|w\|^2\)</span>?</span>')
    assert rendered.text == "Why does the penalty λ ‖w‖²?"


def test_display_math_and_code_are_not_glued():
    html = block("Text\n\n$$\nx^2\n$$\n\n`$x$.` and\n\n```python\nx = '$y$.'\n```").html
    assert "q-nowrap" not in html


def test_each_figure_links_to_its_own_file_unless_already_in_a_link():
    alone = block("![A figure of the thing, drawn.](../assets/figures/x-y.svg)").html
    assert alone == ('<p><a href="@mlq-root@/assets/figures/x-y.svg" rel="noopener noreferrer">'
                     '<img alt="A figure of the thing, drawn." '
                     'src="@mlq-root@/assets/figures/x-y.svg"></a></p>')
    linked = block("[![A figure.](../assets/figures/x.svg)](https://example.org/)").html
    assert linked.count("<a ") == 1 and 'href="https://example.org/"' in linked
    # Not a figure: left alone (an image elsewhere on the site, a hostile source).
    other = block("![Logo.](../assets/logo.svg) ![x](https://evil.example/assets/figures/x.svg)")
    assert "<a " not in other.html


# --- Math as readable text --------------------------------------------------------------------

@pytest.mark.parametrize("tex, text", [
    (r"\theta = \mathrm{Cov}(Y, X)/\mathrm{Var}(X)", "θ = Cov(Y, X)/Var(X)"),
    (r"\hat\sigma^2 = \frac{1}{n}\sum_{i=1}^n (x_i - \bar x)^2", "σ̂² = 1/n Σᵢ₌₁ⁿ (xᵢ − x̄)²"),
    (r"X^\top X + \lambda I", "Xᵀ X + λ I"),
    (r"C_{FP}", "C_FP"),
    (r"\|w\|^2/2", "‖w‖²/2"),
    (r"\sqrt{d_k}", "√dₖ"),
    (r"p(y \mid x) \le 1", "p(y | x) ≤ 1"),
    (r"\frac{TP}{TP + FN}", "TP/(TP + FN)"),
    (r"\mathbb{E}[X]", "𝔼[X]"),
])
def test_tex_becomes_readable_unicode(tex, text):
    assert tex_to_text(tex) == text


def test_plain_text_keeps_math_instead_of_leaving_holes():
    text = markdown_to_text(r"The MLEs are $\hat\mu = \bar x$ and $\hat\sigma^2$, see **this**.")
    assert text == "The MLEs are μ̂ = x̄ and σ̂², see this."


# --- The built site ---------------------------------------------------------------------------

# What GitHub would start a list with inside a paragraph: a bullet, or an ordered item numbered 1
# (a line such as "466. With ..." continues the paragraph there too).
_GLUED_LIST = re.compile(r"(^|\n)[ \t]*([-*+]|1[.)])[ \t]+\S")
_RAW_MARKUP = re.compile(r"\$\$|\\\(|\\\)|\\\[|\\\]|\*\*")


def _answer_pages(site):
    for page in sorted((site / "q").glob("*/index.html")):
        yield page
    for page in sorted((site / "topics").rglob("index.html")):
        yield page


def _visible_text_outside_code_and_math(soup: BeautifulSoup):
    for element in soup.select("article code, article pre, article .arithmatex, article script"):
        element.decompose()
    for paragraph in soup.select("article p, article li, article td, article th, "
                                 "article h1, article h2, article summary"):
        yield paragraph


@pytest.mark.site
def test_no_question_or_topic_page_shows_raw_markdown_or_tex(built_site):
    problems = []
    for page in _answer_pages(built_site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for block in _visible_text_outside_code_and_math(soup):
            own_text = "".join(block.find_all(string=True, recursive=False))
            if block.name == "p" and _GLUED_LIST.search(own_text):
                problems.append(f"{page.relative_to(built_site)}: glued list: {own_text[:80]!r}")
            if found := _RAW_MARKUP.search(block.get_text()):
                problems.append(f"{page.relative_to(built_site)}: raw {found.group(0)!r} in "
                                f"{block.get_text()[:80]!r}")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:40])


@pytest.mark.site
def test_titles_and_previews_read_math_as_text(built_site):
    """`<title>`, og:title and descriptions of question pages never show TeX commands or dollar
    signs: math there is Unicode."""
    problems = []
    for page in sorted((built_site / "q").glob("*/index.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        values = [soup.title.get_text() if soup.title else ""]
        values += [m.get("content", "") for m in soup.select(
            'meta[name="description"], meta[property="og:title"], '
            'meta[property="og:description"]')]
        for value in values:
            # A dollar sign before a digit is a price, not math.
            if re.search(r"\\[a-zA-Z]+|\$(?![\d\s])|\bfrac\b|\bmathrm\b", value):
                problems.append(f"{page.parent.name}: {value[:90]!r}")
    assert not problems, "\n".join(problems[:30])
