"""One question on a page: as a section of its topic page, and as its own permanent page.

Pure functions from the model and its rendering (`macros.render`) to page Markdown. The
Markdown is a skeleton written here; every piece of bank text enters it as a fragment token
(`macros.render.fragments`), replaced by its sanitized HTML after MkDocs has rendered the page.
The answer's HTML (`answer_html`) is the one object every output shares: the topic page, the
question page, the quiz data, the exports and the Anki deck.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from macros import links
from macros.model import ROLE_TITLES, Question, Section, Topic
from macros.render.fragments import FragmentStore
from macros.render.rendered import SITE_ROOT, RenderedQuestion, RenderedText
from macros.text import meta_text


@dataclass(frozen=True)
class QuestionContext:
    """What rendering one question needs to know about the rest of the site."""

    topic: Topic
    section: Section | None  # its section, when the topic is split into sections
    source_path: str  # the YAML file, relative to the repository root
    related: tuple[tuple[str, RenderedText, str], ...]  # (id, title, answer page) per related one
    tag_titles: dict[str, RenderedText]
    repository: links.Repository
    rendered: RenderedQuestion
    metrics: tuple[tuple[str, str, str], ...] = ()  # (id, name, task) of metrics listing it


def question_section(q: Question, ctx: QuestionContext, src: str, store: FragmentStore) -> str:
    """A question on its answer page (its topic's or its section's page): a heading with a
    permanent anchor, then a closed answer. Former IDs stay anchors too (empty markers before the
    heading), so old links still land."""
    former = "".join(f'<div id="{old}" class="q-former"></div>' for old in q.former_ids)
    return "\n\n".join([
        *([former] if former else []),
        f"## {store.token(ctx.rendered.title.html)} {{ #{q.id} .question }}",
        badges(q, ctx, src, store),
        '??? answer "Answer"\n\n    ' + store.token(answer_html(q, ctx, src)),
    ]) + "\n"


def question_page(q: Question, ctx: QuestionContext, store: FragmentStore) -> str:
    """The question's own page (`/q/<id>/`): answer open, title and description for previews."""
    src = links.question_page(q.id)
    answers = store.token(_joined(ctx))
    front_matter = "\n".join([
        "---",
        f"title: {meta_text(ctx.rendered.title.text)}",
        f"description: {meta_text(ctx.rendered.short_answer.text)}",
        "---",
    ])
    return "\n\n".join([
        front_matter,
        f"# {store.token(ctx.rendered.title.html)} {{ #{q.id} .question }}",
        badges(q, ctx, src, store),
        '!!! answer "Answer"\n\n    ' + store.token(answer_html(q, ctx, src)),
        f"[All questions on {answers}]({links.answer_link(src, ctx.topic.id, q)})"
        "{ .q-back }",
    ]) + "\n"


def _joined(ctx: QuestionContext) -> str:
    return html.escape(ctx.topic.title) + (f": {html.escape(ctx.section.title)}"
                                           if ctx.section else "")


def redirect_page(old_id: str, q: Question, title: str) -> str:
    """The page at a former ID's permalink: it forwards to the question's current one."""
    return "\n".join([
        "---",
        "template: redirect.html",
        f"title: {meta_text(title)}",
        f"redirect_to: ../{q.id}/",
        "---",
        "",
    ])


def badges(q: Question, ctx: QuestionContext, src: str, store: FragmentStore) -> str:
    level = f"[{q.difficulty}]({links.from_page(src, links.difficulty_page(q.difficulty))})" \
        f"{{ .q-badge .q-badge--{q.difficulty} title=\"Difficulty\" }}"
    roles = [f"[{ROLE_TITLES[r]}]({links.from_page(src, links.role_page(r))})"
             f"{{ .q-badge .q-badge--role }}" for r in q.roles]
    tags = [f"[{store.token(ctx.tag_titles[t].html)}]({links.from_page(src, links.tag_page(t))})"
            "{ .q-tag }" for t in q.tags]
    # The permanent URL to share, copied by copy-link.js (resolved against the page's URL there,
    # so it is absolute wherever the site is served). Without JavaScript the button stays hidden.
    permalink = links.url_between(links.site_path(src), links.site_path(links.question_page(q.id)))
    copy = (f'<button type="button" class="q-copy-link" data-copy-url="{_attr(permalink)}" '
            'hidden>Copy link</button>')
    return '<div class="q-meta" markdown>\n' + " ".join([level, *roles, *tags, copy]) + \
        "\n</div>"


def answer_html(q: Question, ctx: QuestionContext, src: str) -> str:
    """The whole answer (short answer, full answer, follow-ups, mistakes, references, related
    questions, actions) as HTML, for a page at `src`. Bank parts are already sanitized; the rest
    is written here. Figure URLs stay site-rooted until the page or export resolves them."""
    r = ctx.rendered
    return "\n".join([
        '<div class="q-short">' + _lead(r.short_answer.html, "Short answer.") + "</div>",
        f'<section class="q-body">\n{r.answer.html}\n</section>',
        '<section class="q-more">',
        more_html(q, ctx, src),
        "</section>",
    ])


def shared_answer_html(r: RenderedQuestion) -> str:
    """The answer as the exports and the quiz carry it: short answer, full answer, follow-ups,
    mistakes and references (no page-relative navigation)."""
    return "\n".join([f'<section class="q-body">\n{r.answer.html}\n</section>',
                      '<section class="q-more">', _bank_parts(r), "</section>"])


def more_html(q: Question, ctx: QuestionContext, src: str) -> str:
    parts = [_bank_parts(ctx.rendered)]
    here = links.site_path(src)
    if ctx.related:
        items = "".join(
            f'<li><a href="{_attr(links.url_between(here, links.site_path(page)))}#{rid}">'
            f"{title.html}</a></li>" for rid, title, page in ctx.related)
        parts.append(f"<p><strong>Related questions</strong></p>\n<ul>{items}</ul>")
    if ctx.metrics:
        parts.append("<p><strong>Metrics in the reference</strong></p>\n<p>" + " · ".join(
            f'<a href="{_attr(links.url_between(here, links.site_path(links.metric_task_page(task))))}'
            f'#{mid}">{html.escape(name)}</a>'
            for mid, name, task in ctx.metrics) + "</p>")
    parts.append(actions_html(q, ctx, src))
    return "\n".join(parts)


def _bank_parts(r: RenderedQuestion) -> str:
    follow_ups = "".join(f"<li><p><strong>{f.question.html}</strong></p>\n{f.answer.html}</li>"
                         for f in r.follow_ups)
    mistakes = "".join(f"<li>{m.html}</li>" for m in r.mistakes)
    references = "".join(f"<li>{ref.html}</li>" for ref in r.references)
    return "\n".join([
        f"<p><strong>Likely follow-ups</strong></p>\n<ul>{follow_ups}</ul>",
        f"<p><strong>Common mistakes</strong></p>\n<ul>{mistakes}</ul>",
        f"<p><strong>References</strong></p>\n<ul>{references}</ul>",
    ])


def actions_html(q: Question, ctx: QuestionContext, src: str) -> str:
    here = links.site_path(src)
    permalink = links.url_between(here, links.site_path(links.question_page(q.id)))
    return (
        '<div class="q-actions"><p>'
        f'<a href="{_attr(permalink)}">Permalink</a> · '
        f'<a href="{_attr(ctx.repository.edit_url(ctx.source_path))}">Suggest an edit</a> · '
        f'<a href="{_attr(ctx.repository.report_url(q.id, q.question))}">Report a wrong answer</a>'
        f" · Reviewed {q.reviewed.isoformat()}</p></div>")


def _lead(block: str, label: str) -> str:
    """A block fragment with a bold label opening its first paragraph."""
    if block.startswith("<p>"):
        return f"<p><strong>{label}</strong> " + block[3:]
    return f"<p><strong>{label}</strong></p>\n{block}"


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


__all__ = ["QuestionContext", "SITE_ROOT", "answer_html", "question_page", "question_section",
           "redirect_page", "shared_answer_html"]
