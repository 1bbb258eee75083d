"""Review sheets: every question with only its short answer, grouped by topic, one page per role
and one for everything. Compact on screen, clean in print, filterable by difficulty and topic
(docs/assets/javascripts/review.js adds the filters; without JavaScript every line shows)."""

from __future__ import annotations

import html
from collections.abc import Callable

from macros import links
from macros.bank import Bank
from macros.model import ROLE_TITLES, ROLES, Question
from macros.render.fragments import FragmentStore
from macros.render.rendered import RenderedBank, RenderedQuestion
from macros.text import meta_value

REVIEW_DIR = "review"


def review_page_path(role: str | None) -> str:
    return f"{REVIEW_DIR}/{role or 'index'}.md"


def _direct(slot, function, *args):
    return function(*args)


def review_pages(bank: Bank, rendered: RenderedBank, store: FragmentStore, memo=None
                 ) -> dict[str, str]:
    """The sheets. `memo(slot, function, *args)` may replace the call `function(*args)` that
    writes a topic's items (`make serve` reuses it while the topic's questions are unchanged)."""
    memo = memo or _direct
    pages = {review_page_path(None): review_sheet(bank, rendered, store, None, lambda q: True,
                                                  memo)}
    for role in ROLES:
        pages[review_page_path(role)] = review_sheet(bank, rendered, store, role,
                                                     lambda q, r=role: r in q.roles, memo)
    return pages


def review_sheet(bank: Bank, rendered: RenderedBank, store: FragmentStore, role: str | None,
                 keep: Callable[[Question], bool], memo=_direct) -> str:
    src = review_page_path(role)
    who = ROLE_TITLES[role] if role else "All roles"
    title = f"Review sheet: {who}"
    chosen = [q for q in bank.all_questions() if keep(q)]
    scope = f"Every {who.lower()} question" if role else "Every question"
    description = f"{scope} with its short answer, for a last review before an interview."
    front = "\n".join(["---", f"title: {meta_value(title)}", f"description: {meta_value(description)}",
                       "search:", "  exclude: true",  # the answers' home is their topic or section page
                       "---"])
    other_sheets = " · ".join(
        f"[{ROLE_TITLES[r]}]({links.from_page(src, review_page_path(r))})" for r in ROLES
        if r != role)
    if role:
        other_sheets = f"[All roles]({links.from_page(src, review_page_path(None))}) · " \
            + other_sheets
    intro = (f"# {title}\n\n{len(chosen)} questions, each with the short answer to say first. "
             "Click a question for its full answer. Print this page for a paper copy (answers "
             f"shown, one topic per page).\n\nOther sheets: {other_sheets}")
    sections = [_topic_section(rendered, store, topic.id, src,
                               [q for q in bank.questions.get(topic.id, []) if keep(q)], memo)
                for topic in bank.topics]
    filters = '<div class="review-filters" data-review-filters hidden></div>'
    return "\n\n".join([front, intro, filters, *[s for s in sections if s]]) + "\n"


def _topic_section(rendered: RenderedBank, store: FragmentStore, topic_id: str, src: str,
                   questions: list[Question], memo=_direct) -> str:
    """The topic's heading (Markdown, so the table of contents lists it) and its items as one
    block of HTML: a sheet lists every question of the bank, and written as Markdown (an
    `md_in_html` block per item) it cost seconds per sheet to render at 5,000 questions, on
    every `make serve` rebuild that changes a short answer. The items are HTML written here
    around the render stage's sanitized fragments, as the answers' related-question links are."""
    if not questions:
        return ""
    items = memo(("review", src, topic_id), _items, tuple(questions),
                 tuple(rendered.questions[q.id] for q in questions), links.site_path(src),
                 topic_id)
    title = store.token(rendered.topics[topic_id][0].html)
    return (f'<section class="review-topic" data-topic="{topic_id}" markdown>\n\n'
            f"## {title} {{ #{topic_id} }}\n\n"
            f"{store.block_in_slot(('review', src, topic_id), items).strip()}\n\n</section>")


def _items(questions: tuple[Question, ...], renderings: tuple[RenderedQuestion, ...],
           here: str, topic_id: str) -> str:
    return "\n".join(_item(r, q, here, topic_id) for q, r in zip(questions, renderings))


def _item(r: RenderedQuestion, q: Question, here: str, topic_id: str) -> str:
    """One question of a sheet: its title linking to the answer, its level, its short answer."""
    answer = links.url_between(here, links.site_path(links.answer_page(topic_id, q)))
    return (f'<div class="review-item" data-difficulty="{q.difficulty}">\n'
            f'<p><a class="review-q" href="{html.escape(answer, quote=True)}#{q.id}">'
            f"{r.title.html}</a> "
            f'<span class="q-level q-level--{q.difficulty}">{q.difficulty}</span></p>\n'
            f"{r.short_answer.html}\n</div>")
