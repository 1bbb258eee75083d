"""Small text helpers shared by the renderers."""

from __future__ import annotations

import html
import json
import re

_MATH_DELIMS = re.compile(r"\$+")
_LATEX_COMMAND = re.compile(r"\\([a-zA-Z]+)")
_MARKUP = re.compile(r"[*_`]|\[(.*?)\]\([^)]*\)")


def plain_text(markdown: str) -> str:
    """A one-line, markup-free version for <title>, meta descriptions and link previews."""
    text = _MARKUP.sub(lambda m: m.group(1) or "", markdown)
    text = _MATH_DELIMS.sub("", text)
    text = _LATEX_COMMAND.sub(r"\1", text).replace("{", "").replace("}", "")
    return " ".join(text.split())


def indent(markdown: str, spaces: int = 4) -> str:
    """Indent every non-blank line, to nest Markdown inside an admonition or list item."""
    pad = " " * spaces
    return "\n".join(pad + line if line.strip() else "" for line in markdown.strip("\n").split("\n"))


def yaml_string(value: str) -> str:
    """A double-quoted scalar that is valid YAML (JSON strings are), for front matter."""
    return json.dumps(value, ensure_ascii=False)


def meta_value(markdown: str) -> str:
    """A front-matter title or description: plain text, HTML-escaped, YAML-quoted. Escaped because
    the theme prints `page.meta` values into attributes and <title> without escaping them."""
    return yaml_string(html.escape(plain_text(markdown), quote=True))


def meta_text(text: str) -> str:
    """Front-matter title or description from plain text (a rendered question's `.text`)."""
    return yaml_string(html.escape(" ".join(text.split()), quote=True))
