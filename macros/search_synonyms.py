"""The search synonyms registry, `questions/search-synonyms.yaml`: groups of terms that mean the
same thing to a reader (pca / principal component analysis, a/b test / split test).

Search expands them when it builds the index (macros/search_records.py): a question that says one
term of a group is also found by the group's other terms. Terms are written in the form the
search box reduces a query to (`normal_form`): lower case, letters and digits separated by single
spaces, "a/b" written "ab". Like the other registries, loading never raises for bad content: it
returns what is valid and every problem found, each at a file and line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from macros.diagnostics import Problem
from macros.schema_errors import kind_of, schema_problems
from macros.yaml_source import fast_load, load_yaml

SYNONYMS_FILE = "search-synonyms.yaml"

# Words a query can drop without changing what it asks (the search box drops them too: the
# same list is written into the page's search data, see macros/search_records.py).
STOP_WORDS = frozenset("""
a an and are as at be between by can could compare comparison difference differences do does
explain for from give how i if in into is it its me my of on or should tell than that the their
them then there these this to use used using versus vs was we what whats when where which why
will with would you your s
""".split())

_SLASH_PAIR = re.compile(r"\b([a-z0-9])/([a-z0-9])\b")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def normal_form(text: str) -> str:
    """Text as the search box reduces a query before searching: lower case, "a/b" -> "ab",
    every other character that is not a letter or digit -> a space. (search.js does the same.)"""
    text = _SLASH_PAIR.sub(r"\1\2", text.lower())
    return " ".join(_NOT_WORD.sub(" ", text).split())


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class SynonymGroup(_Strict):
    """Terms a reader uses for one idea: an abbreviation, its long form, other names."""

    terms: list[str] = Field(min_length=2, description="Two or more terms, in normal form "
                             "(lower case, words separated by spaces, a/b written ab).")


class SynonymRegistry(_Strict):
    """`questions/search-synonyms.yaml`."""

    groups: list[SynonymGroup] = Field(min_length=1)


def load_synonyms(root: Path, shown: Callable[[Path], str]
                  ) -> tuple[list[tuple[str, ...]], list[Problem]]:
    """The groups (each a tuple of terms) and the problems found. A bank without the file has no
    synonyms."""
    path = root / SYNONYMS_FILE
    if not path.exists():
        return [], []
    doc = fast_load(path, shown(path))
    if doc is not None:
        groups, problems = _checked(doc)
        if not problems:
            return groups, []
    doc, problems = load_yaml(path, shown(path))
    if doc is None:
        return [], problems
    groups, problems = _checked(doc)
    return ([] if problems else groups), problems


def _checked(doc) -> tuple[list[tuple[str, ...]], list[Problem]]:
    if not isinstance(doc.data, dict):
        return [], [Problem(doc.path, 1, "E015", "the file must be a mapping with a `groups` "
                            f"list, found {kind_of(doc.data)}")]
    try:
        registry = SynonymRegistry.model_validate(doc.data)
    except ValidationError as err:
        return [], schema_problems(doc, err, SynonymRegistry)
    problems = []
    first_seen: dict[str, int] = {}
    for g, group in enumerate(registry.groups):
        for t, term in enumerate(group.terms):
            loc = ("groups", g, "terms", t)
            normal = normal_form(term)
            if term != normal:
                problems.append(Problem(doc.path, doc.line_of(loc), "E035",
                                        f"term '{term}' is not in normal form: write '{normal}' "
                                        "(lower case, spaces between words, a/b as ab)"))
            elif all(word in STOP_WORDS for word in term.split()):
                problems.append(Problem(doc.path, doc.line_of(loc), "E035",
                                        f"term '{term}' is made of words the search box drops "
                                        "(what, is, vs, ...): it can never be searched for"))
            if normal in first_seen:
                other = first_seen[normal]
                where = "earlier in this group" if other == g else \
                    f"in group {other + 1} (line {doc.line_of(('groups', other))})"
                problems.append(Problem(doc.path, doc.line_of(loc), "E034",
                                        f"term '{term}' is also listed {where}: a term belongs "
                                        "to one group; merge the groups if they mean the same"))
            else:
                first_seen[normal] = g
    return [tuple(group.terms) for group in registry.groups], problems
