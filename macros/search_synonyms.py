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
a about advantage advantages an and are as at avoid be behind between but by can combat come comes
compare comparison cons could deal define describe difference differences disadvantage
disadvantages do does explain for from get give goes going happen happens has have how i idea if
important in into is it its know me mitigate ml my need of on or overcome prevent pros purpose s
should tackle technique techniques tell than that the their them then there these this to up use
used using versus vs was way ways we what whats when where which while why will with work works
would you your
""".split())

# British spellings read as American (the bank writes both): `american()` applies these in order
# to one word. The search box does the same to a query (`SPELLING` in search.js, which a
# test keeps equal), and a record that writes a word the British way also gets its American form
# (macros/search_records.py), so either spelling finds either. A closed list of stems: "noise",
# "promise" or "supervise" are not -ize verbs. The last rule reads "dataset", which the bank also
# writes "data set", as "data" (the index matches word starts: "data" finds "datasets").
SPELLING_RULES: tuple[tuple[str, str], ...] = (
    ("isation(s?)$", "ization$1"),
    ("^(behavi|neighb|col|fav|flav|hon|hum|lab|harb|rum|vap)our", "$1or"),
    ("^((?:un|re|de|over)?(?:normal|standard|regular|optim|minim|maxim|general|random|initial"
     "|penal|vector|token|summar|memor|factor|quant|parametr|parameter|categor|character|discret"
     "|visual|util|parallel|personal|special|stabil|real|organ|recogn|formal|material|author"
     "|emphas|priorit|central|local|lemmat|binar|anonym|synchron|custom|critic|hypothes|theor"
     "|final|linear|marginal|neutral|polar|serial|symbol|digit|sanit|spatial|tempor|rational"
     "|apolog|capital|industrial|contextual|operational))is(e|es|ed|ing|er|ers|able)$",
     "$1iz$2"),
    ("^(anal|paral|catal)ys(e|es|ed|ing|er|ers)$", "$1yz$2"),
    ("^(model|label|travel|cancel|signal|tunnel|channel|level|fuel|funnel)l(ed|ing|er|ers)$",
     "$1$2"),
    ("^(cen|me|fib|lit)tre(s?)$", "$1ter$2"),
    ("^(catal|dial|anal)ogue(s?)$", "$1og$2"),
    ("^datasets?$", "data"),
)
_SPELLING = tuple((re.compile(pattern), re.sub(r"\$(\d)", r"\\\1", replacement))
                  for pattern, replacement in SPELLING_RULES)


def american(word: str) -> str:
    """One word of normal-form text in American spelling ("optimiser" -> "optimizer",
    "modelling" -> "modeling", "behaviour" -> "behavior"); any other word unchanged."""
    for pattern, replacement in _SPELLING:
        word = pattern.sub(replacement, word)
    return word


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
