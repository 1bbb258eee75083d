"""The bank of the build in progress, shared by the MkDocs hooks and the mkdocs-macros adapter so
the bank is parsed once per build; its rendering (every question rendered once, for every output);
and the fragment store that carries the rendered HTML through the generated pages."""

from __future__ import annotations

from macros.bank import Bank
from macros.render.fragments import FragmentStore
from macros.render.rendered import RenderedBank

bank: Bank | None = None
rendered: RenderedBank | None = None
fragments: FragmentStore = FragmentStore()
