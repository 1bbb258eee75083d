"""Readable plain text from rendered (sanitized) HTML: math as Unicode, code kept, markup gone.

For the places where only text can go: page `<title>`, `og:title`, `og:description`, meta
descriptions, search records and snippets, the CSV export.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from macros.render.tex_text import tex_to_text

_INLINE_MATH = re.compile(r"^\\\((.*)\\\)$", re.S)
_DISPLAY_MATH = re.compile(r"^\\\[(.*)\\\]$", re.S)
_BLOCKS = {"p", "div", "li", "tr", "pre", "h3", "h4", "h5", "h6", "blockquote", "dt", "dd",
           "table", "ul", "ol", "br", "hr"}


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._math_depth = 0
        self._math: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self._math_depth:
            self._math_depth += 1
            return
        if "arithmatex" in (dict(attrs).get("class") or "").split():
            self._math_depth = 1
            self._math = []
            return
        if tag in _BLOCKS:
            self.parts.append(" ")
        if tag == "li":
            self.parts.append("• ")
        if tag in ("td", "th"):
            self.parts.append(" | ")

    def handle_endtag(self, tag):
        if self._math_depth:
            self._math_depth -= 1
            if not self._math_depth:
                self.parts.append(math_text("".join(self._math)))
            return
        if tag in _BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data):
        (self._math if self._math_depth else self.parts).append(data)


def math_text(source: str) -> str:
    """An arithmatex element's content (`\\(...\\)` or `\\[...\\]`) as Unicode text."""
    source = source.strip()
    found = _INLINE_MATH.match(source) or _DISPLAY_MATH.match(source)
    return tex_to_text(found.group(1) if found else source)


def html_to_text(fragment: str) -> str:
    """One line of text: block boundaries become spaces, math becomes Unicode."""
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    return " ".join("".join(collector.parts).split())


def markdown_to_text(markdown: str) -> str:
    """Bank Markdown (a title, an answer) as one line of readable text, rendered as the site
    renders it."""
    from macros.render.markdown_html import block_html
    from macros.render.sanitize import sanitize

    return html_to_text(sanitize(block_html(markdown)))


def escaped(text: str) -> str:
    """Plain text safe inside HTML text and attribute values."""
    return html.escape(text, quote=True)
