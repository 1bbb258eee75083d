"""Each question (and each registry text) rendered once into every form the outputs use."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from macros.model import Question
from macros.render.markdown_html import block_html, inline_html
from macros.render.plain import html_to_text
from macros.render.sanitize import sanitize, sanitize_inline

# Bank text links its figures relative to a page one folder deep (`../assets/figures/x.svg`).
# Rendered fragments carry them relative to the site root behind this marker; each output
# resolves it for where the fragment lands (`SiteUrls.resolve`).
SITE_ROOT = "@mlq-root@/"
_BANK_RELATIVE = re.compile(r'(\s(?:src|href))="\.\./')


@dataclass(frozen=True)
class RenderedText:
    """One piece of bank text: sanitized HTML and the same as readable plain text."""

    html: str
    text: str


@dataclass(frozen=True)
class RenderedFollowUp:
    question: RenderedText
    answer: RenderedText


@dataclass(frozen=True)
class RenderedReference:
    title: RenderedText
    url: str  # https only (the validator checks; sanitize drops anything else)
    html: str  # the whole link, sanitized


@dataclass(frozen=True)
class RenderedQuestion:
    id: str
    title: RenderedText  # inline HTML (no paragraph), for headings, lists and links
    short_answer: RenderedText
    answer: RenderedText
    follow_ups: tuple[RenderedFollowUp, ...]
    mistakes: tuple[RenderedText, ...]
    references: tuple[RenderedReference, ...]

    def full_text(self) -> str:
        """Everything a reader can read of the question, as text: what search indexes."""
        parts = [self.title.text, self.short_answer.text, self.answer.text]
        for follow_up in self.follow_ups:
            parts += [follow_up.question.text, follow_up.answer.text]
        parts += [m.text for m in self.mistakes]
        return "\n".join(parts)


# An empty corner cell of a cross-table is not a header: axe rejects an empty <th>.
_EMPTY_HEADER_CELL = re.compile(r"<th((?: [^>]*)?)>\s*</th>")


def block(markdown: str) -> RenderedText:
    html = _site_rooted(sanitize(block_html(markdown)))
    html = _EMPTY_HEADER_CELL.sub(r"<td\1></td>", html)
    return RenderedText(html, html_to_text(html))


def inline(markdown: str) -> RenderedText:
    """A one-line text (a title, a tag name): inline elements only, never a link or image, so it
    can sit inside a heading or a link."""
    html = sanitize_inline(inline_html(markdown))
    return RenderedText(html, html_to_text(html))


def render_question(q: Question) -> RenderedQuestion:
    references = []
    for ref in q.references:
        title = inline(ref.title)
        html = link(title.html, ref.url)
        references.append(RenderedReference(title, ref.url if 'href="' in html else "", html))
    return RenderedQuestion(
        id=q.id,
        title=inline(q.question),
        short_answer=block(q.short_answer),
        answer=block(q.answer),
        follow_ups=tuple(RenderedFollowUp(inline(f.question), block(f.answer))
                         for f in q.follow_ups),
        mistakes=tuple(block(m) for m in q.mistakes),
        references=tuple(references),
    )


def _site_rooted(html: str) -> str:
    return _BANK_RELATIVE.sub(rf'\1="{SITE_ROOT}', html)


def _attribute(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def resolve_urls(html: str, root: str) -> str:
    """A rendered fragment's site-rooted URLs, made relative (`../../`) or absolute (the site URL)
    for where it lands."""
    return html.replace(f'="{SITE_ROOT}', f'="{root}')


@dataclass(frozen=True)
class RenderedBank:
    """Every question and every registry text of a bank, rendered once for the whole build."""

    questions: dict[str, RenderedQuestion]
    topics: dict[str, tuple[RenderedText, RenderedText]]  # id -> (title, summary)
    sections: dict[tuple[str, str], tuple[RenderedText, RenderedText]]  # (topic, section) -> ...
    tags: dict[str, tuple[RenderedText, RenderedText]]  # id -> (title, description)


def render_bank(bank, render=None) -> RenderedBank:
    """`render(render_question, q)` may replace the rendering of one question (`mkdocs serve`
    reuses the last rendering of an unchanged question, and of unchanged registry text:
    macros.incremental)."""
    one_line = _inline_cached if render else inline
    return RenderedBank(
        questions={q.id: render(render_question, q) if render else render_question(q)
                   for q in bank.all_questions()},
        topics={t.id: (one_line(t.title), one_line(t.summary)) for t in bank.topics},
        sections={(t.id, s.id): (one_line(s.title), one_line(s.summary))
                  for t in bank.topics for s in t.sections},
        tags={t.id: (one_line(t.title), one_line(t.description)) for t in bank.tags},
    )


# A rendering is a pure function of its text (RenderedText is frozen).
_inline_cached = functools.lru_cache(maxsize=4096)(inline)


@functools.lru_cache(maxsize=4096)  # pure; the metric pages' references, on every build
def link(title_html: str, url: str) -> str:
    """A link to a registry or reference URL, built as HTML and sanitized: a URL is never placed
    into Markdown, where `){: onclick=... }` could add attributes."""
    return sanitize(f'<a href="{_attribute(url)}">{title_html}</a>')
