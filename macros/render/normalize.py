"""Block fixes applied to bank Markdown before Python-Markdown sees it, so the site shows the blocks
the writer saw in GitHub's preview (CommonMark).

Python-Markdown and CommonMark disagree where writers do not look:
- a list directly under a paragraph line is a list on GitHub, but glued into the paragraph here
  (`**Lead-in.** - a - b`);
- a `$$` display block directly under or above a text line stays raw TeX here;
- a fenced code block must stand apart from the paragraph above it;
- list items nest by their content's column on GitHub (2 spaces under `- `, 3 under `1. `), by
  4 spaces here, so content indented less than 4 under an item falls out of it.

Each fix inserts blank lines or re-indents; no text is added or removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})")
_ITEM = re.compile(r"^(\s*)([-*+]|\d{1,9}[.)])(\s+)(?=\S)")
_DISPLAY_MATH = re.compile(r"^\s*\$\$")
_TABLE_ROW = re.compile(r"^\s*\|")


@dataclass
class _Item:
    marker_col: int  # column of the list marker in the source
    content_col: int  # column where the item's text starts in the source (CommonMark)
    level: int  # nesting depth: Python-Markdown wants its content at 4 * (level + 1)


def normalize(markdown: str) -> str:
    """Bank Markdown with the block structure CommonMark gives it, spelled for Python-Markdown."""
    out: list[str] = []
    items: list[_Item] = []  # the open list items, outermost first
    previous = "blank"  # kind of the previous source line: blank, text, item or table
    lines = markdown.split("\n")
    loose = False  # a blank line has occurred inside the current list item
    i = 0
    while i < len(lines):
        line = lines[i]
        indent = len(line) - len(line.lstrip(" "))
        if not line.strip():
            out.append("")
            previous = "blank"
            loose = loose or bool(items)
            i += 1
            continue
        items = _open_items(items, indent, previous)
        item = _ITEM.match(line)
        if item and _starts_item(item, previous, items, indent):
            continues_list = False
            while items and indent < items[-1].content_col:  # a sibling or an outer item
                continues_list = items.pop().marker_col <= indent or continues_list
            level = len(items)
            marker, gap = item.group(2), len(item.group(3))
            items.append(_Item(indent, indent + len(marker) + (gap if gap <= 4 else 1), level))
            # A new list (or a list nested under an item's text) under a text line needs a blank
            # line; a sibling item continues its list, tight as it was.
            # After a blank line inside the previous item, the item's last block would swallow
            # this line unless a blank line separates them.
            if previous == "text" and (not continues_list or loose):
                out.append("")
            loose = False
            out.append(" " * (4 * level) + line.lstrip(" "))
            previous = "item"
            i += 1
            continue
        shift = _shift(items, indent)
        fence = _FENCE.match(line)
        block = _fenced_block(lines, i, fence) if fence else \
            _math_block(lines, i) if _DISPLAY_MATH.match(line) else None
        if block:
            # A fenced code or `$$` block stands apart: blank lines before and after it. Inside
            # an item it opens at the item's content column: up to three spaces more are not
            # significant on GitHub, but Python-Markdown would not see the block at all.
            if items and 0 <= indent - items[-1].content_col < 4:
                shift = 4 * (items[-1].level + 1) - indent
            if previous != "blank":
                out.append("")
            out.extend(_reindent(row, shift) for row in block)
            i += len(block)
            if i < len(lines) and lines[i].strip():
                out.append("")
            previous = "blank"
            loose = loose or bool(items)
            continue
        if _TABLE_ROW.match(line) and not items:
            if previous == "text":  # a table directly under a paragraph line starts its own block
                out.append("")
            out.append(line)
            previous = "table"
            i += 1
            continue
        out.append(_reindent(line, shift))
        previous = "text"
        i += 1
    return "\n".join(out)


def _open_items(items: list[_Item], indent: int, previous: str) -> list[_Item]:
    """The items still open at a line with this indentation. After a blank line, a line less
    indented than an item's content closes it; directly after text it is a lazy continuation."""
    if previous != "blank":
        return items
    kept = list(items)
    while kept and indent < kept[-1].content_col:
        kept.pop()
    return kept


def _starts_item(match: re.Match, previous: str, items: list[_Item], indent: int) -> bool:
    """Whether a line that looks like a list item starts one. Where it would interrupt a
    paragraph (the line after text, at a depth that continues that text), CommonMark lets only a
    bullet or an ordered item numbered 1 start a list: `2016) compute` continues the sentence."""
    interrupts = previous in ("text", "item") and (not items or indent >= items[-1].content_col)
    if not interrupts:
        return True
    marker = match.group(2)
    return not marker[0].isdigit() or int(marker[:-1]) == 1


def _shift(items: list[_Item], indent: int) -> int:
    """How far to move a continuation line so it stays inside the innermost item that holds it."""
    while items:
        item = items[-1]
        if indent >= item.content_col:
            return 4 * (item.level + 1) - item.content_col
        if indent >= item.marker_col:  # lazily indented continuation of this item
            return 4 * (item.level + 1) - indent
        items = items[:-1]
    return 0


def _reindent(line: str, shift: int) -> str:
    if not line.strip():
        return ""
    if shift >= 0:
        return " " * shift + line
    indent = len(line) - len(line.lstrip(" "))
    return line[min(indent, -shift):]


def _fenced_block(lines: list[str], start: int, fence: re.Match) -> list[str]:
    mark = fence.group(2)
    for end in range(start + 1, len(lines)):
        stripped = lines[end].strip()
        if stripped.startswith(mark[0] * len(mark)) and not stripped.strip(mark[0]):
            return lines[start:end + 1]
    return lines[start:]


def _math_block(lines: list[str], start: int) -> list[str]:
    first = lines[start].strip()
    if len(first) > 2 and first.endswith("$$"):
        return [lines[start]]
    for end in range(start + 1, len(lines)):
        if lines[end].rstrip().endswith("$$"):
            return lines[start:end + 1]
    return lines[start:]
