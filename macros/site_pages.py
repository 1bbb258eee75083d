"""Which pages the build generates from the bank, and the navigation that lists them.

`generated_pages` maps a source path (as if it were a file in docs/) to its Markdown. Nothing
here touches MkDocs, so the whole site's content can be tested without a build.
"""

from __future__ import annotations

from macros import links
from macros.bank import Bank, shown_path
from macros.model import DIFFICULTIES, ROLE_TITLES, ROLES
from macros.render_indexes import (DIFFICULTY_TITLES, browse_page, difficulty_pages, role_pages,
                                   tag_pages, topic_page)
from macros.render_question import (QuestionContext, question_page, question_section,
                                    redirect_page)
from macros.render_metrics import chooser_page, reference_page
from macros.render_review import review_page_path, review_pages


def question_contexts(bank: Bank, repository: links.Repository) -> dict[str, QuestionContext]:
    by_id = bank.by_id()
    topic_ids = {q.id: topic.id for topic in bank.topics for q in bank.questions.get(topic.id, [])}
    tag_titles = bank.tag_titles()
    metrics = bank.metrics
    contexts = {}
    for topic in bank.topics:
        for q in bank.questions.get(topic.id, []):
            related = tuple((rid, by_id[rid].question, topic_ids[rid]) for rid in q.related
                            if rid in by_id)
            contexts[q.id] = QuestionContext(topic=topic, source_path=shown_path(bank.sources[q.id]),
                                             related=related, tag_titles=tag_titles,
                                             repository=repository,
                                             metrics=tuple((m.id, m.name) for m in
                                                           metrics.metrics_of_question(q.id))
                                             if metrics else ())
    return contexts


def generated_pages(bank: Bank, repository: links.Repository) -> dict[str, str]:
    contexts = question_contexts(bank, repository)
    pages: dict[str, str] = {}
    for topic in topics_with_questions(bank):
        src = links.topic_page(topic.id)
        questions = bank.questions[topic.id]
        pages[src] = topic_page(bank, topic.id,
                                (question_section(q, contexts[q.id], src) for q in questions))
        for q in questions:
            pages[links.question_page(q.id)] = question_page(q, contexts[q.id])
            for old_id in q.former_ids:
                pages[links.question_page(old_id)] = redirect_page(old_id, q)
    pages.update(tag_pages(bank))
    pages.update(role_pages(bank))
    pages.update(difficulty_pages(bank))
    pages["browse.md"] = browse_page(bank)
    pages.update(review_pages(bank))
    if bank.metrics:
        by_id = bank.by_id()
        pages[links.metric_chooser_page()] = chooser_page(bank.metrics, by_id)
        pages[links.metric_reference_page()] = reference_page(bank.metrics, by_id)
    return pages


def topics_with_questions(bank: Bank):
    return [t for t in bank.topics if bank.questions.get(t.id)]


def navigation(bank: Bank, hand_written: list) -> list:
    """The hand-written nav from mkdocs.yml with the generated sections inserted.

    An entry `<Section>: generated` in mkdocs.yml marks where a generated section goes: `Topics`
    (the topic pages), `Study` (review sheets and the self-quiz), `Metrics` (the chooser and the
    metric reference, when the bank has a metrics registry) and `Browse` (the indexes).
    Per-question pages are deliberately absent: in the
    nav they would make every page grow with the size of the bank.
    """
    generated = {
        "Topics": [{t.title: links.topic_page(t.id)} for t in topics_with_questions(bank)],
        "Study": [{"Review sheet: all roles": review_page_path(None)}]
        + [{f"Review sheet: {ROLE_TITLES[r]}": review_page_path(r)} for r in ROLES]
        + [{"Self-quiz": "quiz.md"}],
        "Browse": [{"All tags and counts": "browse.md"}]
        + [{ROLE_TITLES[r]: links.role_page(r)} for r in ROLES]
        + [{DIFFICULTY_TITLES[d]: links.difficulty_page(d)} for d in DIFFICULTIES],
        "Metrics": [{"Choosing a metric": links.metric_chooser_page()},
                    {"Metric reference": links.metric_reference_page()}] if bank.metrics else [],
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
