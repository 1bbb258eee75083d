"""Markdown for one question: as a section of its topic page, and as its own permanent page.

Pure functions from the model to Markdown strings. Bank text is inserted as Markdown source and is
never passed through Jinja (these pages do not opt in to macros), so `{{ }}` stays literal.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from macros import links
from macros.model import ROLE_TITLES, Question, Section, Topic
from macros.text import heading_text, indent, meta_value


@dataclass(frozen=True)
class QuestionContext:
    """What rendering one question needs to know about the rest of the site."""

    topic: Topic
    section: Section | None  # its section, when the topic is split into sections
    source_path: str  # the YAML file, relative to the repository root
    related: tuple[tuple[str, str, str], ...]  # (id, question text, answer page) per related one
    tag_titles: dict[str, str]
    repository: links.Repository
    metrics: tuple[tuple[str, str], ...] = ()  # (id, name) of metrics whose entry lists it
    search_terms: tuple[str, ...] = ()  # names in the answer that search should still find


def question_section(q: Question, ctx: QuestionContext, src: str) -> str:
    """A question on its answer page (its topic's or its section's page): a heading with a permanent anchor, then a closed answer.
    Former IDs stay anchors too (empty markers before the heading), so old links still land."""
    former = "".join(f'<div id="{old}" class="q-former"></div>' for old in q.former_ids)
    return "\n\n".join([
        *([former] if former else []),
        f"## {heading_text(q.question)} {{ #{q.id} .question }}",
        badges(q, ctx, src),
        f'??? answer "Answer"\n\n{indent(answer_body(q, ctx, src))}',
    ]) + "\n"


def question_page(q: Question, ctx: QuestionContext) -> str:
    """The question's own page (`/q/<id>/`): answer open, title and description for previews."""
    src = links.question_page(q.id)
    answers = ctx.topic.title + (f": {ctx.section.title}" if ctx.section else "")
    front_matter = "\n".join([
        "---",
        f"title: {meta_value(q.question)}",
        f"description: {meta_value(q.short_answer)}",
        "search:",
        "  exclude: true",  # the answer page is the search target; one hit per question
        "---",
    ])
    return "\n\n".join([
        front_matter,
        f"# {heading_text(q.question)} {{ #{q.id} .question }}",
        badges(q, ctx, src),
        f'!!! answer "Answer"\n\n{indent(answer_body(q, ctx, src))}',
        f"[All questions on {heading_text(answers)}]({links.answer_link(src, ctx.topic.id, q)})"
        "{ .q-back }",
    ]) + "\n"


def redirect_page(old_id: str, q: Question) -> str:
    """The page at a former ID's permalink: it forwards to the question's current one."""
    return "\n".join([
        "---",
        "template: redirect.html",
        f"title: {meta_value(q.question)}",
        f"redirect_to: ../{q.id}/",
        "search:",
        "  exclude: true",
        "---",
        "",
    ])


def badges(q: Question, ctx: QuestionContext, src: str) -> str:
    level = f"[{q.difficulty}]({links.from_page(src, links.difficulty_page(q.difficulty))})" \
        f"{{ .q-badge .q-badge--{q.difficulty} title=\"Difficulty\" }}"
    roles = [f"[{ROLE_TITLES[r]}]({links.from_page(src, links.role_page(r))})"
             f"{{ .q-badge .q-badge--role }}" for r in q.roles]
    tags = [f"[{ctx.tag_titles[t]}]({links.from_page(src, links.tag_page(t))}){{ .q-tag }}"
            for t in q.tags]
    # Out of the search index: the same few words on every question match everything.
    return '<div class="q-meta" data-search-exclude markdown>\n' + " ".join([level, *roles, *tags]) \
        + "\n</div>"


def answer_body(q: Question, ctx: QuestionContext, src: str) -> str:
    extras = [
        follow_ups(q),
        "**Common mistakes**\n\n" + "\n".join(_item(m) for m in q.mistakes),
        "**References**\n\n" + "\n".join(f"- [{r.title}]({r.url})" for r in q.references),
    ]
    if ctx.related:
        extras.append("**Related questions**\n\n" + "\n".join(
            f"- [{text}]({links.from_page(src, page)}#{rid})" for rid, text, page in ctx.related))
    if ctx.metrics:
        reference = links.from_page(src, links.metric_reference_page())
        extras.append("**Metrics in the reference**\n\n" + " · ".join(
            f"[{name}]({reference}#{mid})" for mid, name in ctx.metrics))
    extras.append(actions(q, ctx, src))
    # Search indexes the question, its short answer and the terms of its full answer (see
    # macros/search_terms.py); the full text would make the index too heavy to download and
    # build on a first visit. Material skips data-search-exclude elements, matched by tag name,
    # so the wrappers must be a tag the content never nests: a <section>, not a <div>.
    terms = [wrapped('<div class="q-terms" hidden>',
                     f"Also covers: {html.escape(', '.join(ctx.search_terms))}", "</div>")
             ] if ctx.search_terms else []
    return "\n\n".join([
        wrapped('<div class="q-short">', f"**Short answer.** {q.short_answer.strip()}", "</div>"),
        *terms,
        wrapped('<section class="q-body" data-search-exclude>',
                links.bank_markdown(q.answer.strip(), src), "</section>"),
        wrapped('<section class="q-more" data-search-exclude>', "\n\n".join(extras),
                "</section>"),
    ])


def wrapped(opening: str, markdown: str, closing: str) -> str:
    """Markdown inside an HTML element, within an answer's admonition. There md_in_html does not
    apply (it only sees unindented HTML), so each tag is a paragraph of its own: Markdown then
    emits it bare, where a tag sharing a paragraph with text would end up inside a <p>."""
    return f"{opening}\n\n{markdown}\n\n{closing}"


def follow_ups(q: Question) -> str:
    items = [f"- **{f.question.strip()}**\n\n{indent(f.answer.strip())}" for f in q.follow_ups]
    return "**Likely follow-ups**\n\n" + "\n\n".join(items)


def actions(q: Question, ctx: QuestionContext, src: str) -> str:
    permalink = links.from_page(src, links.question_page(q.id))
    return wrapped(
        '<div class="q-actions">',
        f"[Permalink]({permalink}) · "
        f"[Suggest an edit]({ctx.repository.edit_url(ctx.source_path)}) · "
        f"[Report a wrong answer]({ctx.repository.report_url(q.id, q.question)}) · "
        f"Reviewed {q.reviewed.isoformat()}",
        "</div>")


def _item(text: str) -> str:
    """A list item whose text may span several lines or paragraphs."""
    lines = text.strip().split("\n")
    return "- " + lines[0] + ("\n" + indent("\n".join(lines[1:])) if len(lines) > 1 else "")
