"""What the search index leaves out of a page's HTML, beyond `data-search-exclude` written by the
renderers: the LaTeX source of math outside headings.

The index is downloaded on every first visit (issue #9 budgets the total at 500 KiB gzip), and
LaTeX source is over a tenth of it while no reader searches for `\\frac{TP}{TP + FN}`; results
show it unrendered anyway. Math inside headings stays: it is part of a question's title.
"""

from __future__ import annotations

import re

_HEADING = re.compile(r"(<h[1-6][\s>].*?</h[1-6]>)", re.S)
_MATH = re.compile(r'(<(?:span|div) class="arithmatex")>')


def exclude_math_from_search(html: str) -> str:
    # Material's indexer skips an element marked data-search-exclude up to its closing tag,
    # matched by tag name: safe here, arithmatex elements hold text only (KaTeX renders later).
    parts = _HEADING.split(html)
    return "".join(part if index % 2 else _MATH.sub(r'\1 data-search-exclude="math">', part)
                   for index, part in enumerate(parts))
