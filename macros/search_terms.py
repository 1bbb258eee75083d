"""The few words of a long answer that search should still find once the answer itself is left
out of the index.

Search indexes each question's title and short answer, not its full answer: the full text made
the index 400 KiB gzip (over the 500 KiB first-visit budget of issue #9 with any page beside it)
and took the browser about a second to build on every visit. What the short answer does not
say but a reader may type is mostly names and identifiers: Mahalanobis, VIF, Lloyd, `class_weight`.
Those are kept as a list of terms, indexed with the question and shown in its search result.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from macros.model import Question

# Markdown that holds no searchable prose: code blocks, math, link targets, HTML tags.
_FENCED = re.compile(r"^(\s*)(```|~~~).*?^\1\2", re.S | re.M)
_MATH = re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$|\\\(.*?\\\)|\\\[.*?\\\]", re.S)
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_CODE_SPAN = re.compile(r"`([^`\n]+)`")
# A word that starts with a capital (names, acronyms, L1, ROC-AUC, t-SNE's capital variants).
_CAPITALISED = re.compile(r"(?<![\w'-])[A-Z](?:[^\W_]|'(?=[A-Z]))*(?:-[^\W_]+)*")
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z0-9]*")
# An identifier in a code span: `class_weight`, `np.logaddexp`, `predict_proba()`.
_IDENTIFIER = re.compile(r"[A-Za-z_][\w.]*[\w](?:\(\))?")
_ACRONYM = re.compile(r"[A-Z0-9-]*[A-Z][A-Z0-9-]*[A-Z0-9]|[A-Z][0-9]+")

# The last character before a capital that only starts a sentence, list item or bold lead-in.
_SENTENCE_END = ".!?:*#>|-)"

MAX_TERMS = 40  # a long answer's terms past this add index weight, not findability


def prose(markdown: str) -> str:
    """The words of Markdown a reader sees as prose (code spans kept, their backticks too)."""
    for pattern in (_FENCED, _MATH, _LINK_TARGET, _TAG):
        markdown = pattern.sub(" ", markdown)
    return markdown


def ordinary_words(texts: Iterable[str]) -> set[str]:
    """Every word the bank writes in lower case somewhere: a capitalised occurrence of one of
    these starts a sentence or a list item, it is not a name."""
    words: set[str] = set()
    for text in texts:
        words.update(_LOWER_WORD.findall(_CODE_SPAN.sub(" ", prose(text))))
    return words


def _starts_sentence(before: str) -> bool:
    before = before.rstrip()
    return not before or before[-1] in _SENTENCE_END or before[-1].isdigit()


def _is_ordinary(word: str, ordinary: set[str]) -> bool:
    """A capitalised word (or hyphenated compound) made only of words the bank writes in lower
    case: "Expected-cost" is not a name, "Mahalanobis" and "Platt" are."""
    return all(part.lower() in ordinary for part in word.split("-"))


def distinctive_terms(answer: str, already_indexed: str, ordinary: set[str]) -> list[str]:
    """Names, acronyms and code identifiers in the answer that the indexed text lacks, in order
    of first appearance."""
    text = prose(answer)
    known = already_indexed.lower()
    terms: list[str] = []

    def keep(term: str) -> None:
        if len(term) > 1 and term.lower() not in known and term not in terms:
            terms.append(term)

    for span in _CODE_SPAN.findall(text):
        if _IDENTIFIER.fullmatch(span.strip()) and len(span.strip()) > 3:
            keep(span.strip())
    words = _CODE_SPAN.sub(" ", text)
    named = {m.group() for m in _CAPITALISED.finditer(words)
             if not _starts_sentence(words[max(0, m.start() - 40):m.start()])}
    for word in _CAPITALISED.findall(words):
        if _ACRONYM.fullmatch(word) or (word in named and not _is_ordinary(word, ordinary)):
            keep(word)
    return terms[:MAX_TERMS]


def terms_by_question(questions: list[Question]) -> dict[str, list[str]]:
    """Each question's distinctive terms, judged against the words of the whole bank."""
    ordinary = ordinary_words(text for q in questions
                              for text in (q.question, q.short_answer, q.answer))
    return {q.id: distinctive_terms(q.answer, f"{q.question} {q.short_answer}", ordinary)
            for q in questions}
