"""Bank Markdown to HTML with the site's extensions, configured once.

The extensions are the subset of mkdocs.yml's that bank text uses and the site styles: math
(arithmatex, emitting `\\(...\\)` / `\\[...\\]` inside `.arithmatex` elements, which KaTeX on the
site and MathJax in Anki both read), tables, fenced and highlighted code. Deliberately absent:
`attr_list` and `md_in_html` (they let text set attributes or nest Markdown in HTML) and
`toc` (ids inside answers would collide on a topic page). Whatever the output, it is
sanitized next (`macros.render.sanitize`): this module makes HTML, it does not make it safe.
Two presentation fixes follow the conversion (`macros.render.typography`): text written directly
after inline math stays on the formula's line, and a figure links to its own file.
"""

from __future__ import annotations

from functools import cache

import markdown

from macros.render.normalize import normalize
from macros.render.typography import keep_math_with_its_tail, link_figures

EXTENSIONS = [
    "tables",
    "pymdownx.arithmatex",
    "pymdownx.highlight",
    "pymdownx.inlinehilite",
    "pymdownx.superfences",
]
EXTENSION_CONFIGS = {
    # `align` attributes rather than `style`: the sanitizer allows no style attribute at all.
    "tables": {"use_align_attribute": True},
    "pymdownx.arithmatex": {"generic": True},
    "pymdownx.highlight": {"anchor_linenums": False},
}


@cache
def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


def block_html(text: str) -> str:
    """Block Markdown (an answer, a follow-up's answer) as HTML, blocks normalized first."""
    html = _converter().reset().convert(normalize(text.strip()))
    return link_figures(keep_math_with_its_tail(html))


def inline_html(text: str) -> str:
    """One-line Markdown (a title, a tag name) as inline HTML: the paragraph wrapper removed."""
    html = keep_math_with_its_tail(_converter().reset().convert(" ".join(text.split())))
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html
