"""The bank of the build in progress, shared by the MkDocs hooks and the mkdocs-macros adapter so
the bank is parsed once per build."""

from __future__ import annotations

from macros.bank import Bank

bank: Bank | None = None
