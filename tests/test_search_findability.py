"""Findability: realistic interview queries typed into the site's search box in chromium must
find a question that answers them near the top (issue #13).

The queries and the IDs that answer them are data: tests/search/queries.yaml. Figures are
printed (pytest -rP shows them) and `make bench` reports the same ones.
"""

from __future__ import annotations

import pytest

from benchmarks import findability
from macros.bank import load_bank

pytestmark = [pytest.mark.site, pytest.mark.browser]


def test_the_query_set_is_large_and_names_only_questions_of_the_bank():
    queries = findability.load_queries()
    assert len(queries) >= 150
    assert len({q for q, _ in queries}) == len(queries), "a query is listed twice"
    bank, _ = load_bank()
    ids = set(bank.by_id())
    unknown = [(q, qid) for q, expected in queries for qid in expected if qid not in ids]
    assert not unknown, f"expected IDs that are not questions of the bank: {unknown[:10]}"
    assert all(expected for _, expected in queries), "a query with no expected question"


def test_nine_in_ten_queries_find_an_answer_in_the_top_3_and_97_percent_in_the_top_10(
        watched_page, site_url):
    queries = findability.load_queries()
    with watched_page() as page:
        outcomes = findability.run(page, site_url, queries)
    top3, top10 = findability.share_within(outcomes, 3), findability.share_within(outcomes, 10)
    print(f"findability over {len(outcomes)} queries: top 3 {top3:.1%}, top 10 {top10:.1%}")
    print("misses (not in the top 3):\n" + findability.misses(outcomes, 3))
    assert top3 >= findability.TOP3_TARGET and top10 >= findability.TOP10_TARGET, (
        f"top 3 {top3:.1%} (need {findability.TOP3_TARGET:.0%}), top 10 {top10:.1%} (need "
        f"{findability.TOP10_TARGET:.0%}). Queries without an expected question in the top 3:\n"
        + findability.misses(outcomes, 3))
