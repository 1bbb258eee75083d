"""The bank of the build in progress, shared by the MkDocs hooks and the mkdocs-macros adapter so
the bank is parsed once per build, and each answer's HTML as its question page rendered it, which
the exports reuse instead of rendering every answer again."""

from __future__ import annotations

from macros.bank import Bank

bank: Bank | None = None
answer_html: dict[str, str] = {}  # question id -> its answer's HTML, filled as pages render
