"""Word stems for search: "outliers", "regularize" and "regularization" find each other.

A light suffix stripper, not a full Porter stemmer: it only has to bring together the forms a
reader types and an answer writes (plurals, -ing, -ed, -ize/-ization, -ate/-ation, a final e),
and it must be exactly the same in the browser (docs/assets/javascripts/search-engine.js,
`stem`; tests/test_search_engine.py runs both over the bank's vocabulary). The index groups the
words of one stem under that stem; a query word is looked up as itself first, and by its stem
only when the bank never writes it.
"""

from __future__ import annotations

import re

# (suffix, replacement), tried in order; the first that leaves a stem of MIN_STEM letters or
# more applies, then a final "e" is dropped. Words of MIN_STEM + 1 letters or fewer stay whole.
RULES = (
    ("izations", "iz"), ("ization", "iz"), ("isations", "iz"), ("isation", "iz"),
    ("izing", "iz"), ("ized", "iz"), ("izes", "iz"), ("izer", "iz"), ("izers", "iz"),
    ("ize", "iz"),
    ("ations", ""), ("ation", ""), ("ating", ""), ("ated", ""), ("ates", ""), ("ate", ""),
    ("ies", "y"), ("ied", "y"),
    ("ings", ""), ("ing", ""),
    ("sses", "ss"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"),
    ("ed", ""),
    ("ss", "ss"), ("us", "us"), ("is", "is"),
    ("s", ""),
)
MIN_STEM = 4
_DOUBLE = re.compile(r"([^aeiouslz])\1$")  # "stopping" -> "stopp" -> "stop"


def stem(word: str) -> str:
    if len(word) <= MIN_STEM or not word.isalpha():
        return word
    for suffix, replacement in RULES:
        if word.endswith(suffix):
            root = word[: len(word) - len(suffix)] + replacement
            if len(root) >= MIN_STEM:
                word = root
                break
    if _DOUBLE.search(word) and len(word) > MIN_STEM:
        word = word[:-1]
    if word.endswith("e") and len(word) > MIN_STEM:
        word = word[:-1]
    return word
