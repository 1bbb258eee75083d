"""Markdown for the pages that list questions: the tag, role and difficulty indexes. Pure
functions from the bank to Markdown strings."""

from __future__ import annotations

import html

from collections import Counter
from collections.abc import Callable, Iterable

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


# A listing's groups: (topic ID, its title, ((question, its title), ...)) per topic.
Listing = tuple[tuple[str, RenderedText, tuple[tuple[Question, RenderedText], ...]], ...]


def _direct(slot, function, *args):
    return function(*args)


def _listing(rendered: RenderedBank, groups: list[tuple[str, list[Question]]]) -> Listing:
    """Everything a listing page shows of its questions, so `memo` can tell it is unchanged."""
    return tuple((topic_id, rendered.topics[topic_id][0],
                  tuple((q, rendered.questions[q.id].title) for q in chosen))
                 for topic_id, chosen in groups)


def _grouped_list(store: FragmentStore, groups: Listing, src: str) -> str:
    blocks = []
    for topic_id, topic_title, chosen in groups:
        lines = [f"- [{store.token(title.html)}]"
                 f"({links.answer_link(src, topic_id, q)})"
                 f" <span class=\"q-level q-level--{q.difficulty}\">{q.difficulty}</span>"
                 for q, title in chosen]
        blocks.append(f"**{store.token(topic_title.html)}**\n\n" + "\n".join(lines))
    return "\n\n".join(blocks) if blocks else "*No questions yet.*"


def _listing_page(store: FragmentStore, src: str, title: RenderedText,
                  description: RenderedText, groups: Listing) -> str:
    count = sum(len(chosen) for _, _, chosen in groups)
    front = _INDEX_FRONT_MATTER.format(title=meta_text(title.text),
                                       description=meta_text(description.text))
    return "\n\n".join([front, f"# {store.token(title.html)} {{ #{links.TITLE_ID} }}",
                        store.token(description.html),
                        f"*{count} question{'s' if count != 1 else ''}.*",
                        _grouped_list(store, groups, src)]) + "\n"


def _page(memo, src: str, store: FragmentStore, title: RenderedText,
          description: RenderedText, groups: Listing) -> str:
    """A listing page; `memo(slot, function, *args)` may reuse the last one while what it shows
    is unchanged (`make serve`: macros.incremental)."""
    return (memo or _direct)(("listing", src), _listing_page, store, src, title, description,
                             groups)


def _groups_by(bank: Bank, keys: Callable[[Question], Iterable[str]]
               ) -> dict[str, list[tuple[str, list[Question]]]]:
    """Each key's questions grouped by topic, in bank order, in one pass over the bank (one pass
    per tag would cost 5,000 questions x 120 tags on every `make serve` rebuild)."""
    groups: dict[str, list[tuple[str, list[Question]]]] = {}
    for topic in bank.topics:
        for q in bank.questions.get(topic.id, []):
            for key in dict.fromkeys(keys(q)):
                listed = groups.setdefault(key, [])
                if not listed or listed[-1][0] != topic.id:
                    listed.append((topic.id, []))
                listed[-1][1].append(q)
    return groups


def _own(text: str) -> RenderedText:
    """Text written here (not bank text), in the form `_listing_page` takes."""
    return RenderedText(html.escape(text), text)


def tag_pages(bank: Bank, rendered: RenderedBank, store: FragmentStore, memo=None
              ) -> dict[str, str]:
    pages = {}
    groups = _groups_by(bank, lambda q: q.tags)
    for tag in bank.tags:
        src = links.tag_page(tag.id)
        title, description = rendered.tags[tag.id]
        pages[src] = _page(memo, src, store,
                           RenderedText("Tag: " + title.html, "Tag: " + title.text),
                           description, _listing(rendered, groups.get(tag.id, [])))
    return pages


def role_pages(bank: Bank, rendered: RenderedBank, store: FragmentStore, memo=None
               ) -> dict[str, str]:
    pages = {}
    groups = _groups_by(bank, lambda q: q.roles)
    for role in ROLES:
        src = links.role_page(role)
        pages[src] = _page(
            memo, src, store, _own(f"Role: {ROLE_TITLES[role]}"),
            _own(f"Questions typical of {ROLE_TITLES[role].lower()} interviews."),
            _listing(rendered, groups.get(role, [])))
    return pages


def difficulty_pages(bank: Bank, rendered: RenderedBank, store: FragmentStore, memo=None
                     ) -> dict[str, str]:
    pages = {}
    groups = _groups_by(bank, lambda q: (q.difficulty,))
    for level in DIFFICULTIES:
        src = links.difficulty_page(level)
        pages[src] = _page(memo, src, store, _own(f"Difficulty: {DIFFICULTY_TITLES[level]}"),
                           _own(DIFFICULTY_MEANING[level]),
                           _listing(rendered, groups.get(level, [])))
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
