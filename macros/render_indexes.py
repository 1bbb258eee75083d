"""Markdown for the pages that list questions: the tag, role and difficulty indexes. Pure
functions from the bank to Markdown strings."""

from __future__ import annotations

import html

from collections import Counter
from collections.abc import Callable

from macros import links
from macros.bank import Bank
from macros.model import DIFFICULTIES, ROLE_TITLES, ROLES, Question
from macros.render.fragments import FragmentStore
from macros.render.rendered import RenderedBank, RenderedText
from macros.text import meta_text

DIFFICULTY_TITLES = {"easy": "Easy", "medium": "Medium", "hard": "Hard"}
DIFFICULTY_MEANING = {
    "easy": "Definitions and facts every candidate is expected to know.",
    "medium": "Questions that need reasoning, a tradeoff or a worked example.",
    "hard": "Derivations, subtle failure modes and research-depth questions.",
}

# Index pages list links, not answers: keep them out of search so a search lands on the answer.
_INDEX_FRONT_MATTER = "---\ntitle: {title}\ndescription: {description}\nsearch:\n  exclude: true\n---"


def question_list(bank: Bank, rendered: RenderedBank, store: FragmentStore,
                  questions: list[Question], src: str) -> str:
    """Questions grouped by topic, each linking to its answer."""
    wanted = {q.id for q in questions}
    blocks = []
    for topic in bank.topics:
        chosen = [q for q in bank.questions.get(topic.id, []) if q.id in wanted]
        if not chosen:
            continue
        lines = [f"- [{store.token(rendered.questions[q.id].title.html)}]"
                 f"({links.answer_link(src, topic.id, q)})"
                 f" <span class=\"q-level q-level--{q.difficulty}\">{q.difficulty}</span>"
                 for q in chosen]
        blocks.append(f"**{store.token(rendered.topics[topic.id][0].html)}**\n\n"
                      + "\n".join(lines))
    return "\n\n".join(blocks) if blocks else "*No questions yet.*"


def filtered_page(bank: Bank, rendered: RenderedBank, store: FragmentStore, src: str,
                  title: RenderedText, description: RenderedText,
                  keep: Callable[[Question], bool]) -> str:
    chosen = [q for q in bank.all_questions() if keep(q)]
    front = _INDEX_FRONT_MATTER.format(title=meta_text(title.text),
                                       description=meta_text(description.text))
    return "\n\n".join([front, f"# {store.token(title.html)}", store.token(description.html),
                        f"*{len(chosen)} question{'s' if len(chosen) != 1 else ''}.*",
                        question_list(bank, rendered, store, chosen, src)]) + "\n"


def _own(text: str) -> RenderedText:
    """Text written here (not bank text), in the form `filtered_page` takes."""
    return RenderedText(html.escape(text), text)


def tag_pages(bank: Bank, rendered: RenderedBank, store: FragmentStore) -> dict[str, str]:
    pages = {}
    for tag in bank.tags:
        src = links.tag_page(tag.id)
        title, description = rendered.tags[tag.id]
        pages[src] = filtered_page(bank, rendered, store, src,
                                   RenderedText("Tag: " + title.html, "Tag: " + title.text),
                                   description, lambda q, t=tag.id: t in q.tags)
    return pages


def role_pages(bank: Bank, rendered: RenderedBank, store: FragmentStore) -> dict[str, str]:
    pages = {}
    for role in ROLES:
        src = links.role_page(role)
        pages[src] = filtered_page(
            bank, rendered, store, src, _own(f"Role: {ROLE_TITLES[role]}"),
            _own(f"Questions typical of {ROLE_TITLES[role].lower()} interviews."),
            lambda q, r=role: r in q.roles)
    return pages


def difficulty_pages(bank: Bank, rendered: RenderedBank, store: FragmentStore) -> dict[str, str]:
    pages = {}
    for level in DIFFICULTIES:
        src = links.difficulty_page(level)
        pages[src] = filtered_page(bank, rendered, store, src,
                                   _own(f"Difficulty: {DIFFICULTY_TITLES[level]}"),
                                   _own(DIFFICULTY_MEANING[level]),
                                   lambda q, d=level: q.difficulty == d)
    return pages


def browse_page(bank: Bank, rendered: RenderedBank, store: FragmentStore) -> str:
    """`browse.md`: every tag, role and difficulty with its question count."""
    src = "browse.md"
    questions = bank.all_questions()

    def row(target: str, title: str, count: int) -> str:
        return f"| [{title}]({links.from_page(src, target)}) | {count} |"

    roles = [row(links.role_page(r), ROLE_TITLES[r], sum(r in q.roles for q in questions))
             for r in ROLES]
    levels = [row(links.difficulty_page(d), DIFFICULTY_TITLES[d],
                  sum(q.difficulty == d for q in questions)) for d in DIFFICULTIES]
    # One pass over the questions, not one per tag (5,000 questions x 120 tags).
    tag_counts = Counter(tag for q in questions for tag in set(q.tags))
    tags = [row(links.tag_page(t.id), store.token(rendered.tags[t.id][0].html),
                tag_counts[t.id])
            for t in sorted(bank.tags, key=lambda t: rendered.tags[t.id][0].text.lower())]
    def table(label: str) -> str:
        return f"| {label} | Questions |\n|---|---:|\n"
    front = _INDEX_FRONT_MATTER.format(title='"Browse by role, difficulty and tag"',
                                       description='"Every question of the bank, indexed."')
    return "\n\n".join([
        front, "# Browse by role, difficulty and tag",
        "## By role { #by-role }", table("Role") + "\n".join(roles),
        "## By difficulty { #by-difficulty }", table("Difficulty") + "\n".join(levels),
        "## By tag { #by-tag }", table("Tag") + "\n".join(tags),
    ]) + "\n"
