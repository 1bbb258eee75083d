"""What search indexes: one record per question, built from the bank (pure functions).

Each record holds the question's title, short answer and full text (answer, follow-ups,
mistakes) in normal form, each with a weight (the index, macros/search_postings.py, is written
from them by the build's on_post_build step, macros/mkdocs_hooks.py), so a question whose title
or short answer says the words ranks above one whose body mentions them. Its URL is the
question's answer link (`#<id>` on its topic or section page). Only questions are indexed:
topic, section, tag, role, difficulty and review pages list questions, so a query would find
them above the question it is looking for.

Synonyms (questions/search-synonyms.yaml) are expanded here, not in the browser: a record that
says one term of a group gets the group's other terms in a field of its own, weighted like the
part of the record that said it (title, short answer or body).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from macros import links
from macros.bank import Bank
from macros.model import DIFFICULTIES, ROLE_TITLES, ROLES, Question
from macros.search_synonyms import STOP_WORDS, american, normal_form
from macros.render.rendered import RenderedBank, RenderedQuestion, render_bank

# Field weights (a body word counts 1). A title word outweighs a short-answer word,
# which outweighs a body word; a synonym weighs a little less than the word it stands for.
WEIGHTS = {"title": 10.0, "short": 4.0, "body": 1.0, "context": 1.0}
SYNONYM_WEIGHTS = {"title": 7.0, "short": 2.5, "body": 0.5}


@dataclass(frozen=True)
class SearchRecord:
    id: str
    url: str  # relative to the site root: the answer's page and `#<id>`
    title: str
    topic_id: str
    topic: str  # the topic's title, and its section's when it has one
    difficulty: str
    roles: tuple[str, ...]
    # What the index holds: (field, its text in normal form, weight) for each field: title,
    # short answer, body, context (topic and tag names), and the synonyms each of the first
    # three gains.
    fields: tuple[tuple[str, str, float], ...] = ()
    text: str = ""  # the question's own words after its title (short answer, body): snippets
    normal: tuple[tuple[str, str], ...] = ()  # (part, its text in normal form), for search_data


def _key(word: str) -> str:
    """A word with a plural -s dropped, so "svms" matches "svm" and "outliers" "outlier"."""
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


class SynonymMatcher:
    """Finds which synonym groups a text mentions (whole words, in normal form)."""

    def __init__(self, groups: list[tuple[str, ...]]):
        self.groups = groups
        self._by_first: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        for index, group in enumerate(groups):
            for term in group:
                words = tuple(_key(w) for w in term.split())
                self._by_first.setdefault(words[0], []).append((words, index))

    def groups_in(self, normal: str) -> list[int]:
        """The groups whose terms appear in `normal` (text already in normal form)."""
        words = [_key(w) for w in normal.split()]
        found: set[int] = set()
        for i, word in enumerate(words):
            for term, index in self._by_first.get(word, ()):
                if tuple(words[i:i + len(term)]) == term:
                    found.add(index)
        return sorted(found)

    def expansion(self, text: str, normal: str | None = None) -> list[str]:
        """The other terms of every group the text mentions (terms it says already left out)
        and the group's key, then the text's lone letters joined to the word after them."""
        normal = normal_form(text) if normal is None else normal
        said = f" {normal} "
        terms = []
        for index in self.groups_in(normal):
            group = self.groups[index]
            terms += [term for term in group if f" {term} " not in said]
            terms.append(group_key(group))
        return terms + [t for t in _joined(normal) if t not in terms]


GROUP_KEY_PREFIX = "zq"  # no word of the bank starts so: a key never matches a word by prefix


def group_key(group: tuple[str, ...]) -> str:
    """One word standing for a whole group: its first term without spaces, prefixed ("ab test"
    -> "zqabtest"). The search box replaces a phrase of the group in a query ("split test") with
    it, so the phrase matches as a phrase, not as two common words. (Snippets leave keys out.)"""
    return GROUP_KEY_PREFIX + group[0].replace(" ", "")


_LONE_LETTER = re.compile(r"(?<![a-z0-9])([a-z]) (?=([a-z0-9]+))")


def joined_letters(text: str) -> list[str]:
    """Each lone letter joined to the word after it: "k-means" -> "kmeans", "p-value" ->
    "pvalue", "t-SNE" -> "tsne". The search box joins them in a query the same way, since a
    one-letter word would match every word that starts with that letter."""
    return _joined(normal_form(text))


def _joined(normal: str) -> list[str]:
    found = dict.fromkeys(a + b for a, b in _LONE_LETTER.findall(normal)
                          if a not in ("a", "i") and b.isalpha() and len(b) > 1)
    return list(found)


def question_parts(r: RenderedQuestion) -> dict[str, str]:
    """The question's text by weight class, as the render stage gives it: plain text with math
    as Unicode (θ, σ², ≤), the same text as titles and link previews."""
    body = [r.answer.text]
    for follow_up in r.follow_ups:
        body += [follow_up.question.text, follow_up.answer.text]
    body += [m.text for m in r.mistakes]
    return {"title": r.title.text, "short": r.short_answer.text, "body": " ".join(body)}


# Greek letters as readers type them: plain text writes the symbol (math is Unicode), which no
# query names. Names of three letters or fewer (mu, nu, pi, eta, ...) stay out: as words they
# mean other things ("ETA" prediction) or match too much.
GREEK_NAMES = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon",
               "ϵ": "epsilon", "ζ": "zeta", "θ": "theta", "κ": "kappa", "λ": "lambda",
               "σ": "sigma", "ω": "omega"}


def alternatives(matcher: SynonymMatcher, text: str, normal: str) -> list[str]:
    """What a part of a record also answers to: the synonyms of what it says, read in American
    spelling, the American form of each word it spells the British way, and the names of the
    Greek letters its math uses."""
    us = [american(word) for word in normal.split()]
    terms = matcher.expansion(text, " ".join(us))
    said = set(normal.split())
    for word in [*us, *(GREEK_NAMES[c] for c in text if c in GREEK_NAMES)]:
        if word not in said and word not in terms:
            terms.append(word)
    return terms


def question_records(bank: Bank, rendered: RenderedBank | None = None) -> list[SearchRecord]:
    rendered = rendered or render_bank(bank)
    matcher = SynonymMatcher(bank.synonyms)
    tag_titles = bank.tag_titles()
    records = []
    for topic in bank.topics:
        for q in bank.questions.get(topic.id, []):
            section = topic.section(q.section)
            topic_title = topic.title + (f": {section.title}" if section else "")
            parts = question_parts(rendered.questions[q.id])
            normal = {part: normal_form(text) for part, text in parts.items()}
            context = " · ".join([topic_title, *(tag_titles.get(t, t) for t in q.tags)])
            synonyms = {part: alternatives(matcher, text, normal[part])
                        for part, text in parts.items()}
            # A term the title already gains stays out of the lower fields.
            seen: set[str] = set()
            for part in ("title", "short", "body"):
                synonyms[part] = [t for t in synonyms[part] if t not in seen]
                seen.update(synonyms[part])
            url = links.site_path(links.answer_page(topic.id, q)) + f"#{q.id}"
            fields = [(part, normal[part], WEIGHTS[part]) for part in ("title", "short", "body")]
            fields.append(("context", normal_form(context), WEIGHTS["context"]))
            fields += [(f"{part} synonyms", " ".join(synonyms[part]), SYNONYM_WEIGHTS[part])
                       for part in ("title", "short", "body") if synonyms[part]]
            records.append(SearchRecord(
                id=q.id, url=url, title=parts["title"], topic_id=topic.id, topic=topic_title,
                difficulty=q.difficulty, roles=tuple(q.roles), fields=tuple(fields),
                text=parts["short"] + " " + parts["body"], normal=tuple(normal.items())))
    return records


MIN_WORD_LENGTH = 5  # shorter words are too close to each other to correct a typo safely


def vocabulary(bank: Bank, records: list[SearchRecord]) -> list[str]:
    """Words the search box may correct a mistyped word to: those of titles, short answers, tags
    and synonyms, and body words the bank uses at least twice. Sorted, for a stable build."""
    counts: Counter[str] = Counter()
    always: set[str] = set()
    for record in records:
        normal = dict(record.normal)
        always.update(normal["title"].split())
        always.update(normal["short"].split())
        counts.update(normal["body"].split())
    always.update(w for tag in bank.tags for w in normal_form(tag.title).split())
    always.update(w for group in bank.synonyms for term in group for w in term.split())
    words = always | {w for w, n in counts.items() if n >= 2}
    words |= {american(w) for w in words}  # what the search box makes of British spellings
    return sorted(w for w in words if len(w) >= MIN_WORD_LENGTH and w.isalpha()
                  and w not in STOP_WORDS)


def joined_forms(bank: Bank, records: list[SearchRecord]) -> list[str]:
    """Every lone letter joined to its next word anywhere in the bank (see joined_letters)."""
    forms: set[str] = set()
    for record in records:
        for _, normal in record.normal:
            forms.update(_joined(normal))
    forms.update(t for group in bank.synonyms for term in group for t in joined_letters(term))
    return sorted(forms)


def search_data(bank: Bank, records: list[SearchRecord] | None = None) -> dict:
    """What the search box needs besides the index chunks, preloaded once a page is idle: the
    filters' names, the phrases of synonym groups, the words it corrects typos to and the
    letter-word pairs the bank joins."""
    records = question_records(bank) if records is None else records
    topics = [[t.id, t.title] for t in bank.topics if bank.questions.get(t.id)]
    return {
        "topics": topics,
        "difficulties": [[d, d] for d in DIFFICULTIES],
        "roles": [[r, ROLE_TITLES[r]] for r in ROLES],
        "stop_words": sorted(STOP_WORDS),
        "words": vocabulary(bank, records),
        "joined": joined_forms(bank, records),
        "phrases": {term: group_key(group) for group in bank.synonyms for term in group
                    if " " in term},
    }


def result_table(records: list[SearchRecord]) -> dict:
    """What a result shows, by question number (its position here, the index's numbering):
    the question's ID, title, difficulty and roles, and where its answer is (page, the topic's
    title and ID, listed once in `where`). The search box also filters results by it."""
    where: dict[tuple[str, str, str], int] = {}
    rows = []
    for record in records:
        place = where.setdefault((record.url.split("#")[0], record.topic, record.topic_id),
                                 len(where))
        rows.append([record.id, record.title, place, record.difficulty, list(record.roles)])
    return {"where": [list(key) for key in where], "records": rows}
