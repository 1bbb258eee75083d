"""Markdown for the pages that hold the answers: a topic's page, or, for a topic split into
sections, one page per section plus a landing page at the topic's URL that lists the sections
and their questions. Pure functions from the model to Markdown skeletons; registry and question
text enter as fragment tokens (`macros.render.fragments`)."""

from __future__ import annotations

from collections.abc import Iterable

from macros import links
from macros.model import Question, Section, Topic
from macros.render.fragments import FragmentStore
from macros.render.rendered import RenderedBank
from macros.text import meta_text


def topic_page(topic: Topic, rendered: RenderedBank, store: FragmentStore, count: int,
               questions: Iterable[str]) -> str:
    """A topic without sections: every question with its collapsed answer."""
    title, summary = rendered.topics[topic.id]
    intro = f"# {store.token(title.html)} {{ #{links.TITLE_ID} }}\n\n" \
        f"{store.token(summary.html)}\n\n" \
        f"*{_count(count)}. Click a question's answer to open it.*"
    return "\n\n".join([_front(title.text, summary.text), intro, *questions])


def section_page(topic: Topic, section: Section, rendered: RenderedBank, store: FragmentStore,
                 count: int, questions: Iterable[str]) -> str:
    """One section of a split topic: its questions with their collapsed answers."""
    src = links.section_page(topic.id, section.id)
    back = links.from_page(src, links.topic_page(topic.id))
    topic_title = rendered.topics[topic.id][0]
    title, summary = rendered.sections[topic.id, section.id]
    intro = f"# {store.token(title.html)} {{ #{links.TITLE_ID} }}\n\n" \
        f"{store.token(summary.html)}\n\n" \
        f"*{_count(count)} on [{store.token(topic_title.html)}]({back}), part " \
        f"{[s.id for s in topic.sections].index(section.id) + 1} of {len(topic.sections)}. " \
        "Click a question's answer to open it.*"
    return "\n\n".join([_front(f"{topic_title.text}: {title.text}", summary.text), intro,
                        *questions])


def landing_page(topic: Topic, rendered: RenderedBank, store: FragmentStore,
                 sections: list[tuple[Section, list[Question]]]) -> str:
    """The page at a split topic's URL: each section with the list of its questions.

    Each list entry carries the question's anchor (and its former IDs), because links to
    /topics/<t>/#<id> were published when the answers lived here: answers.js forwards such a
    link to the answer on the section page; without JavaScript the reader lands on the entry."""
    src = links.topic_page(topic.id)
    title, summary = rendered.topics[topic.id]
    count = sum(len(questions) for _, questions in sections)
    blocks = [_front(title.text, summary.text),
              f"# {store.token(title.html)} {{ #{links.TITLE_ID} }}\n\n"
              f"{store.token(summary.html)}\n\n"
              f"*{_count(count)} in {len(sections)} sections. Each section's page holds the "
              "answers.*"]
    for section, questions in sections:
        page = links.from_page(src, links.section_page(topic.id, section.id))
        section_title, section_summary = rendered.sections[topic.id, section.id]
        blocks.append(f"## [{store.token(section_title.html)}]({page}) "
                      f"{{ #section-{section.id} }}\n\n{store.token(section_summary.html)}")
        blocks.append('<section class="q-landing" markdown>\n\n'
                      + "\n".join(_entry(q, topic, src, rendered, store) for q in questions)
                      + "\n\n</section>")
    return "\n\n".join(blocks) + "\n"


def _entry(q: Question, topic: Topic, src: str, rendered: RenderedBank,
           store: FragmentStore) -> str:
    anchors = "".join(f'<span id="{old}" class="q-former"></span>' for old in q.former_ids)
    return (f'- <span id="{q.id}" class="q-listed"></span>{anchors}'
            f"[{store.token(rendered.questions[q.id].title.html)}]"
            f"({links.answer_link(src, topic.id, q)})"
            f'{{ .q-listed-link }} <span class="q-level q-level--{q.difficulty}">'
            f"{q.difficulty}</span>")


def _front(title: str, description: str) -> str:
    return "\n".join(["---", f"title: {meta_text(title)}", f"description: {meta_text(description)}",
                      "---"])


def _count(count: int) -> str:
    return f"{count} question{'s' if count != 1 else ''}"
