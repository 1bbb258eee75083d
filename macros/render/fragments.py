"""How generated pages carry pre-rendered HTML through MkDocs untouched.

A generated page's Markdown is a skeleton written by the renderers (trusted); every piece of bank
text in it is a placeholder token. MkDocs renders the skeleton; the page-content hook then puts
each token's sanitized HTML in its place. Bank text is therefore never parsed as Markdown twice,
never read by Jinja, and cannot reach a page without passing `macros.render.sanitize`.

Tokens are letters and digits only, so Markdown leaves them alone in a heading, a link text, a
table cell or a paragraph of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from macros.render.rendered import resolve_urls

_TOKEN = re.compile(r"MLQFRAG(\d+)Z")
_BLOCK_TOKEN = re.compile(r"<p>MLQFRAG(\d+)Z</p>")


class FragmentError(Exception):
    """A page holds a token the store does not know, or a block token ended up inline."""


@dataclass(eq=False)  # one store is one build's numbering: never equal to another
class FragmentStore:
    fragments: list[str | None] = field(default_factory=list)
    _known: dict[str, int] = field(default_factory=dict)
    _slots: dict[object, int] = field(default_factory=dict)

    def token(self, html: str) -> str:
        """The placeholder for a fragment. The same HTML gets the same token (titles repeat)."""
        if html not in self._known:
            self._known[html] = len(self.fragments)
            self.fragments.append(html)
        return f"MLQFRAG{self._known[html]}Z"

    def block(self, html: str) -> str:
        """A block fragment: its token as a paragraph of its own (blank lines around it)."""
        return f"\n\n{self.token(html)}\n\n"

    def block_in_slot(self, slot: object, html: str) -> str:
        """A block fragment that takes the place of the last one given for `slot`, which is
        forgotten (its token then fails loudly). For large fragments that change with every edit
        (a review sheet's list of a topic's short answers): `make serve` keeps one store across
        rebuilds, where each edit's copy would otherwise pile up. A slot belongs to one place of
        one page, so no page of the build still holds the forgotten token."""
        index = self._slots.get(slot)
        if index is None or self.fragments[index] != html:
            if index is not None:
                self.fragments[index] = None
            index = self._slots[slot] = len(self.fragments)
            self.fragments.append(html)
        return f"\n\nMLQFRAG{index}Z\n\n"

    def substitute(self, page_html: str, root: str) -> str:
        """The page with every token replaced; `root` is the relative path from the page to the
        site root (`../../`), for the fragments' figure URLs."""
        def fragment(found: re.Match) -> str:
            index = int(found.group(1))
            if index >= len(self.fragments) or self.fragments[index] is None:
                raise FragmentError(f"unknown fragment token {found.group(0)}")
            return resolve_urls(self.fragments[index], root)

        page_html = _BLOCK_TOKEN.sub(fragment, page_html)
        return _TOKEN.sub(fragment, page_html)
