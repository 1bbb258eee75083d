"""Which pages the build generates from the bank, and the navigation that lists them.

`generated_pages` maps a source path (as if it were a file in docs/) to its Markdown. Nothing
here touches MkDocs, so the whole site's content can be tested without a build.
"""

from __future__ import annotations

import html
import posixpath
import re

from macros import links
from macros.bank import Bank, shown_path
from macros.model import DIFFICULTIES, ROLE_TITLES, ROLES, Question, Topic
from macros.render_indexes import (DIFFICULTY_TITLES, browse_page, difficulty_pages, role_pages,
                                   tag_pages)
from macros.render.fragments import FragmentStore
from macros.render.rendered import RenderedBank
from macros.render_question import (QuestionContext, question_page, question_section,
                                    redirect_page)
from macros.metrics_model import TASK_TITLES
from macros.render_metrics import chooser_page, reference_page, reference_tasks, task_page
from macros.render_review import review_page_path, review_pages
from macros.render_topics import landing_page, section_page, topic_page


def question_contexts(bank: Bank, rendered: RenderedBank, repository: links.Repository
                      ) -> dict[str, QuestionContext]:
    by_id = bank.by_id()
    answer_pages = {q.id: links.answer_page(topic.id, q)
                    for topic in bank.topics for q in bank.questions.get(topic.id, [])}
    tag_titles = {tag_id: title for tag_id, (title, _) in rendered.tags.items()}
    metrics: dict[str, list] = {}  # question ID -> (id, name, task) of the metrics listing it
    for m in bank.metrics.metrics if bank.metrics else ():
        for qid in dict.fromkeys(m.questions):
            metrics.setdefault(qid, []).append((m.id, m.name, m.task))
    contexts = {}
    for topic in bank.topics:
        for q in bank.questions.get(topic.id, []):
            related = tuple((rid, rendered.questions[rid].title, answer_pages[rid])
                            for rid in q.related if rid in by_id)
            contexts[q.id] = QuestionContext(topic=topic, section=topic.section(q.section),
                                             source_path=shown_path(bank.sources[q.id]),
                                             related=related, tag_titles=tag_titles,
                                             repository=repository,
                                             metrics=tuple(metrics.get(q.id, ())),
                                             rendered=rendered.questions[q.id])
    return contexts


def _call(slot, function, *args):
    return function(*args)


def generated_pages(bank: Bank, rendered: RenderedBank, repository: links.Repository,
                    store: FragmentStore, memo=None) -> dict[str, str]:
    """Every page built from the bank, as Markdown skeletons whose bank text is in `store`.

    `memo(slot, function, *args)` may replace the call `function(*args)` of the per-question
    renderers (`make serve` reuses the last result while the arguments are unchanged:
    macros.incremental)."""
    memo = memo or _call
    contexts = question_contexts(bank, rendered, repository)
    pages: dict[str, str] = {}
    for topic in topics_with_questions(bank):
        questions = bank.questions[topic.id]
        pages.update(_answer_pages(bank, rendered, topic, contexts, store, memo))
        for q in questions:
            pages[links.question_page(q.id)] = memo(("page", q.id), question_page, q,
                                                    contexts[q.id], store)
            for old_id in q.former_ids:
                pages[links.question_page(old_id)] = redirect_page(
                    old_id, q, rendered.questions[q.id].title.text)
    pages.update(tag_pages(bank, rendered, store, memo))
    pages.update(role_pages(bank, rendered, store, memo))
    pages.update(difficulty_pages(bank, rendered, store, memo))
    pages["browse.md"] = browse_page(bank, rendered, store)
    pages.update(review_pages(bank, rendered, store, memo))
    if bank.metrics:
        by_id = bank.by_id()
        pages[links.metric_chooser_page()] = chooser_page(bank.metrics, by_id, rendered, store)
        pages[links.metric_reference_page()] = reference_page(bank.metrics, by_id, rendered,
                                                              store)
        for task in reference_tasks(bank.metrics):
            pages[links.metric_task_page(task)] = task_page(bank.metrics, task, by_id, rendered,
                                                            store)
    for src in pages:
        check_page_path(src)
    return pages


class UnsafePagePath(ValueError):
    """A generated page's path that could leave the site directory or replace another page."""


# What a generated page's source path may look like: folders and a name made of IDs.
_SAFE_PAGE_PATH = re.compile(r"[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*\.md")


def check_page_path(src: str) -> str:
    """`src` unchanged when it is a plain relative path inside the site; else UnsafePagePath.

    The bank's validation already keeps every ID kebab-case; this is the last line of defence
    for any path built from bank data (a former ID of `../index` would replace the home page)."""
    normal = posixpath.normpath(src)
    if normal != src or normal.startswith(("/", "../")) or normal == ".." \
            or not _SAFE_PAGE_PATH.fullmatch(src):
        raise UnsafePagePath(f"refusing to generate the page {src!r}: a generated page's path "
                             "must be relative, normalised and made of kebab-case IDs, inside "
                             "the site directory")
    return src


def _answer_pages(bank: Bank, rendered: RenderedBank, topic: Topic,
                  contexts: dict[str, QuestionContext], store: FragmentStore, memo=_call
                  ) -> dict[str, str]:
    """The topic's page with every answer or, for a topic with sections, its landing page and a
    page per section."""
    def answers(questions: list[Question], src: str):
        return (memo(("answer", q.id, src), question_section, q, contexts[q.id], src, store)
                for q in questions)

    if not topic.sections:
        src = links.topic_page(topic.id)
        questions = bank.questions[topic.id]
        return {src: topic_page(topic, rendered, store, len(questions), answers(questions, src))}
    sections = bank.sections_of(topic)
    pages = {links.topic_page(topic.id): landing_page(topic, rendered, store, sections)}
    for section, questions in sections:
        src = links.section_page(topic.id, section.id)
        pages[src] = section_page(topic, section, rendered, store, len(questions),
                                  answers(questions, src))
    return pages


def topic_navigation(bank: Bank, rendered: RenderedBank) -> list:
    """Each topic's page; a topic with sections as a nested nav section: its landing page, then
    its section pages. (Not Material's navigation.indexes: it leaves the nested sections' nav
    landmarks without a name, which axe reports.)"""
    # The theme prints nav titles unescaped: give it escaped plain text.
    entries = []
    for topic in topics_with_questions(bank):
        title = html.escape(rendered.topics[topic.id][0].text)
        if not topic.sections:
            entries.append({title: links.topic_page(topic.id)})
            continue
        entries.append({title: [{"Overview": links.topic_page(topic.id)}] + [
            {html.escape(rendered.sections[topic.id, section.id][0].text):
             links.section_page(topic.id, section.id)}
            for section, _ in bank.sections_of(topic)]})
    return entries


def topics_with_questions(bank: Bank):
    return [t for t in bank.topics if bank.questions.get(t.id)]


def navigation(bank: Bank, rendered: RenderedBank, hand_written: list) -> list:
    """The hand-written nav from mkdocs.yml with the generated sections inserted.

    An entry `<Section>: generated` in mkdocs.yml marks where a generated section goes: `Topics`
    (the topic and section pages), `Study` (review sheets and the self-quiz), `Metrics` (the chooser and the
    metric reference, when the bank has a metrics registry) and `Browse` (the indexes).
    Per-question pages are deliberately absent: in the
    nav they would make every page grow with the size of the bank.
    """
    generated = {
        "Topics": topic_navigation(bank, rendered),
        "Study": [{"Review sheet: all roles": review_page_path(None)}]
        + [{f"Review sheet: {ROLE_TITLES[r]}": review_page_path(r)} for r in ROLES]
        + [{"Self-quiz": "quiz.md"}],
        "Browse": [{"All tags and counts": "browse.md"}]
        + [{ROLE_TITLES[r]: links.role_page(r)} for r in ROLES]
        + [{DIFFICULTY_TITLES[d]: links.difficulty_page(d)} for d in DIFFICULTIES],
        "Metrics": [{"Choosing a metric": links.metric_chooser_page()},
                    {"Metric reference": [{"All metrics": links.metric_reference_page()}] + [
                        {TASK_TITLES[task]: links.metric_task_page(task)}
                        for task in reference_tasks(bank.metrics)]}] if bank.metrics else [],
    }
    nav = []
    for entry in hand_written:
        if isinstance(entry, dict) and len(entry) == 1:
            (title, value), = entry.items()
            if value == "generated" and title in generated:
                if not generated[title]:
                    continue  # e.g. a bank without a metrics registry has no Metrics section
                entry = {title: generated[title]}
        nav.append(entry)
    return nav
