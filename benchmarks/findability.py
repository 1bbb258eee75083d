"""Findability: the share of realistic queries (tests/search/queries.yaml) for which the site's
search box shows a question that answers it in its top 3 and top 10 results.

Shared by tests/test_search_findability.py (which requires the targets) and `make bench`
(which reports the figures). Queries are typed into the real search box in chromium.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from benchmarks.common import ROOT

QUERIES = ROOT / "tests" / "search" / "queries.yaml"
TOP3_TARGET, TOP10_TARGET = 0.90, 0.97


@dataclass(frozen=True)
class Outcome:
    query: str
    expected: tuple[str, ...]
    got: tuple[str, ...]  # question IDs of the results shown, best first

    @property
    def rank(self) -> int | None:
        """1-based rank of the first expected ID among the results, or None."""
        return next((i + 1 for i, qid in enumerate(self.got) if qid in self.expected), None)


def load_queries(path: Path = QUERIES) -> list[tuple[str, tuple[str, ...]]]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]
    return [(str(query), tuple(expected)) for query, expected in entries]


def open_search(page, base: str) -> None:
    page.goto(base + "/", wait_until="load")
    page.keyboard.press("/")
    page.locator("input.md-search__input").wait_for(state="visible")


def results_for(page, query: str, timeout: float = 20_000) -> tuple[str, ...]:
    """Type `query` into the open search box and return the IDs of the results once they have
    settled (the list's data-mlq-for names the text they are for)."""
    box = page.locator("input.md-search__input")
    box.fill(query)
    page.wait_for_function(
        "q => document.querySelector('.md-search-result__list')?.getAttribute('data-mlq-for')"
        " === q", arg=query, timeout=timeout)
    return tuple(page.eval_on_selector_all(
        "a.md-search-result__link", "links => links.map(a => a.dataset.mlqId)"))


def run(page, base: str, queries: list[tuple[str, tuple[str, ...]]]) -> list[Outcome]:
    open_search(page, base)
    return [Outcome(query, expected, results_for(page, query)) for query, expected in queries]


def share_within(outcomes: list[Outcome], k: int) -> float:
    return sum(1 for o in outcomes if o.rank is not None and o.rank <= k) / len(outcomes)


def misses(outcomes: list[Outcome], k: int) -> str:
    """Each query without an expected ID in the top k, with what came back instead."""
    return "\n".join(
        f"  {o.query!r}: expected one of {list(o.expected)}, "
        f"{'found at rank ' + str(o.rank) if o.rank else 'not in the results'}; "
        f"top 3 were {list(o.got[:3])}"
        for o in outcomes if o.rank is None or o.rank > k)
