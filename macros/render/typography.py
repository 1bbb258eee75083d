"""Two presentation fixes to the HTML Markdown makes of bank text, applied before sanitizing.

- **Text glued to inline math stays on its line.** KaTeX draws a formula as inline blocks, and a
  browser may break the line between the formula and the text written directly after it, so a
  sentence ending in `$x$.` can start the next line with the lone full stop. The formula and the
  run of text that follows it without a space (`.`, `,`, `)`, `-th`, `'s`) are wrapped in
  `<span class="q-nowrap">` (site.css: `white-space: nowrap` for the gap, the formula itself
  still breaks where KaTeX allows).
- **A figure opens full size.** On a phone a figure is scaled down to the column, and its text can
  become too small to read: each figure image (`../assets/figures/x.svg`) is wrapped in a link to
  its own file, unless the writer already put it inside a link.

Both work on Python-Markdown's output, whose text is escaped (`<` only starts a tag) and whose
math is `<span class="arithmatex">\\(...\\)</span>` with no element inside.
"""

from __future__ import annotations

import re

NOWRAP_CLASS = "q-nowrap"

# An inline formula and the text that directly follows it, up to the next space or tag.
_MATH_AND_TAIL = re.compile(r'(<span class="arithmatex">[^<]*</span>)([^\s<]+)')
# A figure image as Python-Markdown writes it, and a link with whatever it holds.
_FIGURE = re.compile(r'<img\b[^>]*?\ssrc="((?:\.\./)+assets/figures/[A-Za-z0-9._-]+)"[^>]*>')
_LINK = re.compile(r"<a\b.*?</a>", re.S)


def keep_math_with_its_tail(html: str) -> str:
    """`<math>.` as `<span class="q-nowrap"><math>.</span>`: no line break between the two."""
    return _MATH_AND_TAIL.sub(rf'<span class="{NOWRAP_CLASS}">\1\2</span>', html)


def link_figures(html: str) -> str:
    """Each figure image not already inside a link, wrapped in a link to the image file."""
    def outside_links(text: str) -> str:
        return _FIGURE.sub(lambda found: f'<a href="{found.group(1)}">{found.group(0)}</a>', text)

    parts, end = [], 0
    for link in _LINK.finditer(html):
        parts += [outside_links(html[end:link.start()]), link.group(0)]
        end = link.end()
    parts.append(outside_links(html[end:]))
    return "".join(parts)
