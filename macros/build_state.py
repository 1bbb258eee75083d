"""The bank of the build in progress, shared by the MkDocs hooks and the mkdocs-macros adapter so
the bank is parsed once per build; and each short and full answer's HTML as its question page
rendered it, which the exports reuse instead of rendering every answer again."""

from __future__ import annotations

from macros.bank import Bank

bank: Bank | None = None
# question id -> {"short_answer_html": ..., "answer_html": ...}, filled as question pages render
rendered: dict[str, dict[str, str]] = {}
