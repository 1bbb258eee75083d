"""Exact size budgets of the built real site (speed is benchmarked by `make bench`, never tested).

The measuring functions live in benchmarks/site_size.py, shared with the benchmark script.
"""

from __future__ import annotations

import pytest

from benchmarks.site_size import (FIRST_VISIT_MAX_GZIP, TOPIC_MAX_ELEMENTS, TOPIC_MAX_GZIP,
                                  element_count, first_visit, gzip_size, nav_question_links,
                                  pages, topic_pages, url_of)

pytestmark = pytest.mark.site


def test_the_site_has_topic_pages(built_site):
    assert topic_pages(built_site), "no topics/*/index.html in the built site"


def test_every_topic_page_is_at_most_60_kb_gzip(built_site):
    sizes = {url_of(built_site, p): gzip_size(p) for p in topic_pages(built_site)}
    print("topic pages, bytes gzip:", sizes)  # shown with pytest -rP
    over = {url: size for url, size in sizes.items() if size > TOPIC_MAX_GZIP}
    assert not over, f"topic pages over {TOPIC_MAX_GZIP:,} bytes gzip: " + ", ".join(
        f"{url} {size:,} bytes" for url, size in over.items())


def test_every_topic_page_has_at_most_3500_elements(built_site):
    counts = {url_of(built_site, p): element_count(p) for p in topic_pages(built_site)}
    print("topic pages, elements:", counts)
    over = {url: n for url, n in counts.items() if n > TOPIC_MAX_ELEMENTS}
    assert not over, f"topic pages over {TOPIC_MAX_ELEMENTS:,} elements: " + ", ".join(
        f"{url} {n:,} elements" for url, n in over.items())


def test_no_page_lists_question_pages_in_its_navigation(built_site):
    found = {url_of(built_site, p): links for p in pages(built_site)
             if (links := nav_question_links(built_site, p))}
    print(f"{len(pages(built_site))} pages checked, {len(found)} with /q/ links in their nav")
    assert not found, f"{len(found)} pages link to /q/ pages inside nav.md-nav, e.g. " + ", ".join(
        f"{url}: {links[:3]}" for url, links in list(found.items())[:5])


def test_first_visit_to_any_page_is_at_most_500_kib_gzip(built_site):
    """HTML, CSS, JS (KaTeX on pages with math) and what search preloads once the page is idle
    (the search box's data and the result table), for every built page."""
    visits = {url_of(built_site, p): first_visit(built_site, p) for p in pages(built_site)}
    heaviest = max(visits, key=lambda url: sum(visits[url].values()))
    print(f"{len(visits)} pages; heaviest first visit {heaviest}: "
          f"{sum(visits[heaviest].values()):,} bytes gzip", visits[heaviest])
    over = {url: parts for url, parts in visits.items()
            if sum(parts.values()) > FIRST_VISIT_MAX_GZIP}
    assert not over, f"{len(over)} pages over {FIRST_VISIT_MAX_GZIP / 1024:.0f} KiB gzip: " + \
        "; ".join(f"{url} {sum(parts.values()):,} ({', '.join(f'{k} {v:,}' for k, v in parts.items())})"
                  for url, parts in list(over.items())[:5])
