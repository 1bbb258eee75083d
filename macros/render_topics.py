"""Markdown for the pages that hold the answers: a topic's page, or, for a topic split into
sections, one page per section plus a landing page at the topic's URL that lists the sections
and their questions. Pure functions from the model to Markdown strings."""

from __future__ import annotations

from collections.abc import Iterable

from macros import links
from macros.model import Question, Section, Topic
from macros.text import heading_text, meta_value


def topic_page(topic: Topic, count: int, questions: Iterable[str]) -> str:
    """A topic without sections: every question with its collapsed answer."""
    intro = f"# {topic.title}\n\n{topic.summary}\n\n" \
        f"*{_count(count)}. Click a question's answer to open it.*"
    return "\n\n".join([_front(topic.title, topic.summary), intro, *questions])


def section_page(topic: Topic, section: Section, count: int, questions: Iterable[str]) -> str:
    """One section of a split topic: its questions with their collapsed answers."""
    src = links.section_page(topic.id, section.id)
    back = links.from_page(src, links.topic_page(topic.id))
    intro = f"# {heading_text(section.title)}\n\n{section.summary}\n\n" \
        f"*{_count(count)} on [{heading_text(topic.title)}]({back}), part " \
        f"{[s.id for s in topic.sections].index(section.id) + 1} of {len(topic.sections)}. " \
        "Click a question's answer to open it.*"
    return "\n\n".join([_front(f"{topic.title}: {section.title}", section.summary), intro,
                        *questions])


def landing_page(topic: Topic, sections: list[tuple[Section, list[Question]]]) -> str:
    """The page at a split topic's URL: each section with the list of its questions.

    Each list entry carries the question's anchor (and its former IDs), because links to
    /topics/<t>/#<id> were published when the answers lived here: answers.js forwards such a
    link to the answer on the section page; without JavaScript the reader lands on the entry."""
    src = links.topic_page(topic.id)
    count = sum(len(questions) for _, questions in sections)
    blocks = [_front(topic.title, topic.summary),
              f"# {topic.title}\n\n{topic.summary}\n\n*{_count(count)} in {len(sections)} "
              "sections. Each section's page holds the answers.*"]
    for section, questions in sections:
        page = links.from_page(src, links.section_page(topic.id, section.id))
        blocks.append(f"## [{heading_text(section.title)}]({page}) {{ #section-{section.id} }}\n\n"
                      f"{section.summary}")
        # Out of the search index: the section page is the search target for these questions.
        blocks.append('<section class="q-landing" data-search-exclude markdown>\n\n'
                      + "\n".join(_entry(q, topic, src) for q in questions) + "\n\n</section>")
    return "\n\n".join(blocks) + "\n"


def _entry(q: Question, topic: Topic, src: str) -> str:
    anchors = "".join(f'<span id="{old}" class="q-former"></span>' for old in q.former_ids)
    return (f'- <span id="{q.id}" class="q-listed"></span>{anchors}'
            f"[{heading_text(q.question)}]({links.answer_link(src, topic.id, q)})"
            f'{{ .q-listed-link }} <span class="q-level q-level--{q.difficulty}">'
            f"{q.difficulty}</span>")


def _front(title: str, description: str) -> str:
    return "\n".join(["---", f"title: {meta_value(title)}", f"description: {meta_value(description)}",
                      "---"])


def _count(count: int) -> str:
    return f"{count} question{'s' if count != 1 else ''}"
