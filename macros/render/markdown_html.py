"""Bank Markdown to HTML with the site's extensions, configured once.

The extensions are the subset of mkdocs.yml's that bank text uses and the site styles: math
(arithmatex, emitting `\\(...\\)` / `\\[...\\]` inside `.arithmatex` elements, which KaTeX on the
site and MathJax in Anki both read), tables, fenced and highlighted code. Deliberately absent:
`attr_list` and `md_in_html` (they let text set attributes or nest Markdown in HTML) and
`toc` (ids inside answers would collide on a topic page). Whatever the output, it is
sanitized next (`macros.render.sanitize`): this module makes HTML, it does not make it safe.
"""

from __future__ import annotations

from functools import cache

import markdown

from macros.render.normalize import normalize

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
    return _converter().reset().convert(normalize(text.strip()))


def inline_html(text: str) -> str:
    """One-line Markdown (a title, a tag name) as inline HTML: the paragraph wrapper removed."""
    html = _converter().reset().convert(" ".join(text.split()))
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html
