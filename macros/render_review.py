"""Review sheets: every question with only its short answer, grouped by topic, one page per role
and one for everything. Compact on screen, clean in print, filterable by difficulty and topic
(docs/assets/javascripts/review.js adds the filters; without JavaScript every line shows)."""

from __future__ import annotations

from collections.abc import Callable

from macros import links
from macros.bank import Bank
from macros.model import ROLE_TITLES, ROLES, Question
from macros.render.fragments import FragmentStore
from macros.render.rendered import RenderedBank
from macros.text import meta_value

REVIEW_DIR = "review"


def review_page_path(role: str | None) -> str:
    return f"{REVIEW_DIR}/{role or 'index'}.md"


def review_pages(bank: Bank, rendered: RenderedBank, store: FragmentStore) -> dict[str, str]:
    pages = {review_page_path(None): review_sheet(bank, rendered, store, None, lambda q: True)}
    for role in ROLES:
        pages[review_page_path(role)] = review_sheet(bank, rendered, store, role,
                                                     lambda q, r=role: r in q.roles)
    return pages


def review_sheet(bank: Bank, rendered: RenderedBank, store: FragmentStore, role: str | None,
                 keep: Callable[[Question], bool]) -> str:
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
                               [q for q in bank.questions.get(topic.id, []) if keep(q)])
                for topic in bank.topics]
    filters = '<div class="review-filters" data-review-filters hidden></div>'
    return "\n\n".join([front, intro, filters, *[s for s in sections if s]]) + "\n"


def _topic_section(rendered: RenderedBank, store: FragmentStore, topic_id: str, src: str,
                   questions: list[Question]) -> str:
    if not questions:
        return ""
    items = "\n\n".join(
        f'<div class="review-item" data-difficulty="{q.difficulty}" markdown>\n'
        f'[{store.token(rendered.questions[q.id].title.html)}]'
        f'({links.answer_link(src, topic_id, q)}){{ .review-q }} '
        f'<span class="q-level q-level--{q.difficulty}">{q.difficulty}</span>\n\n'
        f"{store.token(rendered.questions[q.id].short_answer.html)}\n\n"
        "</div>" for q in questions)
    title = store.token(rendered.topics[topic_id][0].html)
    return (f'<section class="review-topic" data-topic="{topic_id}" markdown>\n\n'
            f"## {title} {{ #{topic_id} }}\n\n{items}\n\n</section>")
