"""The allowlist that every HTML fragment derived from the bank passes, whatever produced it.

Bank text is untrusted input from pull requests. The validator's E014 rule tells a writer early
that raw HTML is not wanted; safety does not depend on it. Whatever Markdown makes of the text,
only the elements and attributes that Markdown, the math, tables and highlighted code need
survive here: no script, style, form, frame, object, base or meta element, no event handler, no
`style` or `id` attribute, classes only from a fixed list (so text cannot borrow the theme's
overlays), links only `https:`, relative or fragment, images only from the site itself.
"""

from __future__ import annotations

from functools import cache

import nh3
from pygments.token import STANDARD_TYPES

from macros.render.typography import NOWRAP_CLASS

TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "span", "div", "a", "img",
    "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "table", "thead", "tbody", "tr", "th", "td",
    "sup", "sub", "del", "s", "ins", "kbd", "abbr", "h3", "h4", "h5", "h6",
}
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
    "abbr": {"title"},
}
# Pygments' token classes (highlighted code), the math and code wrappers of pymdown-extensions
# and the no-wrap span that keeps a formula and the punctuation after it on one line
# (`macros.render.typography`).
_CODE_CLASSES = {cls for cls in STANDARD_TYPES.values() if cls}
_MATH_CLASSES = {"arithmatex", NOWRAP_CLASS}
ALLOWED_CLASSES = {
    "span": {*_MATH_CLASSES, *_CODE_CLASSES},
    "div": {"arithmatex", "highlight"},
    "code": {"highlight"},
    "pre": set(),
}
URL_SCHEMES = {"https"}
# Elements whose content is code, not text: removed with it. Any other element outside the
# allowlist is unwrapped and its text kept (a stray <plaintext> or <textarea> cannot swallow the
# rest of the answer, let alone of the page: each fragment is cleaned on its own).
DROPPED_WITH_CONTENT = {"script", "style", "template"}


def sanitize(html: str) -> str:
    """The fragment with everything outside the allowlist removed (text content is kept)."""
    return nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ATTRIBUTES,
        attribute_filter=_attribute_filter,
        allowed_classes=_allowed_classes(),
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


@cache
def _allowed_classes() -> dict[str, set[str]]:
    # Highlighted code is wrapped as <div class="language-python highlight">: allow the language
    # class of every lexer Pygments knows (a fixed, finite list).
    from pygments.lexers import get_all_lexers

    languages = {f"language-{alias}" for _, aliases, _, _ in get_all_lexers() for alias in aliases}
    classes = {tag: set(values) for tag, values in ALLOWED_CLASSES.items()}
    classes["div"] |= languages
    classes["code"] |= languages
    return classes


def _attribute_filter(element: str, attribute: str, value: str) -> str | None:
    if element == "img" and attribute == "src":
        return value if _is_site_path(value) else None
    if attribute in ("width", "height"):
        return value if value.isdigit() else None
    if attribute == "start":
        return value if value.isdigit() else None
    if attribute == "align":
        return value if value in ("left", "right", "center") else None
    return value


def _is_site_path(url: str) -> bool:
    """A relative path on this site: no scheme, no host (`//host/...`), no backslash tricks."""
    stripped = url.strip()
    return bool(stripped) and ":" not in stripped.split("/", 1)[0] \
        and not stripped.startswith(("//", "\\", "/\\")) and "\\" not in stripped


INLINE_TAGS = {"strong", "em", "b", "i", "code", "span", "sup", "sub", "del", "s", "kbd", "abbr"}


def sanitize_inline(html: str) -> str:
    """A fragment that must stay inline (a title inside a heading or a link): block elements,
    links and images are unwrapped to their text."""
    return nh3.clean(
        html,
        tags=INLINE_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes={"abbr": {"title"}},
        allowed_classes={"span": {*_MATH_CLASSES, *_CODE_CLASSES}, "code": {"highlight"}},
        link_rel=None,
        strip_comments=True,
    )
