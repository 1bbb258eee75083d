"""Size of the built site: pages, assets, search index, first visit, DOM elements, nav links.

Shared by `make bench` and tests/test_size_budgets.py, so both measure the same way. Sizes are
gzip level 6 (what web servers commonly use), of the files as built.
"""

from __future__ import annotations

import gzip
import json
from functools import lru_cache
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

import lxml.html

from benchmarks.common import kib, table, verdict

TOPIC_MAX_GZIP = 60_000          # bytes
TOPIC_MAX_ELEMENTS = 3_500
FIRST_VISIT_MAX_GZIP = 500 * 1024
# Search (the site's own index, macros/search_index.py): once a page is idle it preloads what
# every query needs (search-data.json, the box's data and the index's chunk list, and
# search-records.json, the result table; the engine's script is among the page's JS); a query
# loads the index chunks of its words and the text of each result shown, for its snippet. The
# index proper is the chunks and the texts.
SEARCH_DIR = "search"
SEARCH_DATA = "search/search-data.json"
SEARCH_RECORDS = "search/search-records.json"
SEARCH_INDEX_PARTS = ("index", "text")
KINDS = ("home", "topics", "q", "tags", "review", "other")


@lru_cache(maxsize=None)
def _gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def gzip_size(path: Path) -> int:
    return _gzip_size(Path(path).resolve())


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def url_of(site: Path, page: Path) -> str:
    """The page's site-relative URL ("/", "/topics/x/", "/404.html")."""
    rel = page.relative_to(site).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def page_kind(site: Path, page: Path) -> str:
    url = url_of(site, page)
    if url == "/":
        return "home"
    first = url.strip("/").split("/")[0]
    return first if first in KINDS else "other"


def topic_pages(site: Path) -> list[Path]:
    """Every page under /topics/: topic pages, and the landing and section pages of split topics."""
    return sorted((site / "topics").rglob("index.html"))


def parse(page: Path):
    return lxml.html.fromstring(page.read_bytes())


def element_count(page: Path) -> int:
    """Elements in the built HTML, as the DOM has them before any script (math) runs."""
    return sum(1 for el in parse(page).iter() if isinstance(el.tag, str))


def _local(site: Path, page: Path, ref: str) -> Path | None:
    """The file in the site a reference from this page points at, if it is local."""
    url = urljoin(url_of(site, page), ref)
    if urlsplit(url).scheme or urlsplit(url).netloc:
        return None
    path = site / PurePosixPath(urlsplit(url).path.lstrip("/"))
    return path if path.is_file() else None


def referenced_assets(site: Path, page: Path) -> list[Path]:
    """Stylesheets and scripts the page loads, plus a search worker named in Material's
    __config (none: the site's search is its own)."""
    tree = parse(page)
    refs = tree.xpath("//link[@rel='stylesheet']/@href") + tree.xpath("//script/@src")
    config = tree.xpath("//script[@id='__config']/text()")
    if config and json.loads(config[0]).get("search"):
        refs.append(json.loads(config[0])["search"])  # relative to the page, like the others
    files = [_local(site, page, ref) for ref in refs]
    return sorted({f for f in files if f is not None})


# Loaded by math.js at run time, only on pages with math (or the quiz): not in the HTML.
KATEX_ON_DEMAND = ["assets/katex/katex.min.css", "assets/katex/katex.min.js",
                   "assets/katex/contrib/auto-render.min.js"]


def needs_katex(page: Path) -> bool:
    html = page.read_text(encoding="utf-8")
    return 'class="arithmatex' in html or 'id="quiz"' in html


def first_visit(site: Path, page: Path) -> dict[str, int]:
    """Gzip bytes a first visit downloads: the HTML, its CSS and JS (KaTeX included when the page
    has math, though a topic page only fetches it when an answer with math opens), and what
    search preloads once the page is idle (its box's script, search.js, is among the JS)."""
    assets = referenced_assets(site, page)
    if needs_katex(page):
        assets += [site / rel for rel in KATEX_ON_DEMAND]
    return {"html": gzip_size(page),
            "css": sum(gzip_size(f) for f in assets if f.suffix == ".css"),
            "js": sum(gzip_size(f) for f in assets if f.suffix == ".js"),
            "search": search_preload(site)}


def search_preload_files(site: Path) -> list[Path]:
    """What search fetches once a page is idle, before any query: the box's data (with the
    index's chunk list) and the result table."""
    return [f for f in (site / SEARCH_DATA, site / SEARCH_RECORDS) if f.is_file()]


def search_preload(site: Path) -> int:
    return sum(gzip_size(f) for f in search_preload_files(site))


def search_sizes(site: Path) -> dict[str, int]:
    """Bytes on the wire (gzip) of the search: the whole index (chunks and texts), the engine's
    and box's scripts, the box's data, the result table, and what a page preloads at idle (data
    and table; the index chunks and texts a query needs come on top, see the browser
    benchmark)."""
    root = site / SEARCH_DIR
    chunks = [f for f in (root / "index").rglob("*") if f.is_file()]
    texts = [f for f in (root / "text").rglob("*") if f.is_file()]
    scripts = [site / "assets" / "javascripts" / name for name in ("search-engine.js",
                                                                    "search.js")]
    return {"index": sum(gzip_size(f) for f in chunks + texts),
            "index_files": len(chunks) + len(texts),
            "chunks": sum(gzip_size(f) for f in chunks),
            "chunk_files": len(chunks),
            "runtime": sum(gzip_size(f) for f in scripts if f.exists()),
            "data": gzip_size(site / SEARCH_DATA),
            "preload": search_preload(site),
            "table": gzip_size(site / SEARCH_RECORDS)}


def nav_question_links(site: Path, page: Path) -> list[str]:
    """Links to per-question pages (/q/...) inside the page's navigation (nav.md-nav)."""
    navs = parse(page).xpath("//nav[contains(concat(' ', normalize-space(@class), ' '),"
                             " ' md-nav ')]")
    hrefs = [href for nav in navs for href in nav.xpath(".//a/@href")]
    return [h for h in hrefs if urlsplit(urljoin(url_of(site, page), h)).path.startswith("/q/")]


def asset_totals(site: Path) -> dict[str, tuple[int, int, int]]:
    """Per extension (.js, .css): (files, raw bytes, gzip bytes) of every such file in the site."""
    totals = {}
    for ext in (".js", ".css"):
        files = [f for f in site.rglob(f"*{ext}") if f.is_file()]
        totals[ext] = (len(files), sum(f.stat().st_size for f in files),
                       sum(gzip_size(f) for f in files))
    return totals


def report(site: Path, questions: int) -> str:
    """The "Site size" section of RESULTS.md."""
    all_pages = pages(site)
    largest = sorted(all_pages, key=gzip_size, reverse=True)[:10]
    by_kind = {kind: [p for p in all_pages if page_kind(site, p) == kind] for kind in KINDS}
    search = search_sizes(site)
    # The home page, the heaviest topic page, a question page, and the heaviest page of all.
    sample = [site / "index.html", max(topic_pages(site), key=gzip_size),
              sorted(site.glob("q/*/index.html"))[0], site / "metrics" / "index.html", largest[0]]
    visits = [(url_of(site, p), first_visit(site, p)) for p in dict.fromkeys(sample) if p.exists()]
    topics = [(url_of(site, p), gzip_size(p), element_count(p)) for p in topic_pages(site)]
    assets = asset_totals(site)
    return "\n\n".join([
        "## Site size\n\nBytes of the built files and their gzip size (level 6).",
        "Largest 10 pages:",
        table(["page", "bytes", "gzip"], [[url_of(site, p), f"{p.stat().st_size:,}",
                                           f"{gzip_size(p):,}"] for p in largest]),
        "Totals per page kind:",
        table(["kind", "pages", "bytes", "gzip"], [
            [kind, len(ps), f"{sum(p.stat().st_size for p in ps):,}",
             f"{sum(gzip_size(p) for p in ps):,}"] for kind, ps in by_kind.items()]),
        table(["asset", "files", "raw", "gzip"], [
            [ext, n, kib(raw), kib(gz)] for ext, (n, raw, gz) in assets.items()]),
        search_report(search, questions),
        "First visit (page HTML + the CSS and JS it references + what search preloads once "
        "the page is idle, gzip; KaTeX fonts are counted in the browser table below):",
        table(["page", "HTML", "CSS", "JS", "search", "total", "target", "result"], [
            [url, kib(v["html"]), kib(v["css"]), kib(v["js"]), kib(v["search"]),
             kib(sum(v.values())), kib(FIRST_VISIT_MAX_GZIP),
             verdict(sum(v.values()) <= FIRST_VISIT_MAX_GZIP)] for url, v in visits]),
        "Topic pages (elements counted in the built HTML, before math renders):",
        table(["topic page", "gzip", "target", "result", "elements", "target", "result"], [
            [url, f"{gz:,}", f"≤ {TOPIC_MAX_GZIP:,}", verdict(gz <= TOPIC_MAX_GZIP), f"{els:,}",
             f"≤ {TOPIC_MAX_ELEMENTS:,}", verdict(els <= TOPIC_MAX_ELEMENTS)]
            for url, gz, els in topics]),
    ])


def search_report(search: dict[str, int], questions: int) -> str:
    return (f"Search (the site's own index, bytes on the wire): the whole index is "
            f"{kib(search['index'])} in {search['index_files']:,} files for {questions:,} "
            f"questions = **{search['index'] / questions / 1024:.2f} KiB per question**: "
            f"{kib(search['chunks'])} of word chunks in {search['chunk_files']:,} files (a "
            f"query waits only for its words' chunks; once the reader has searched, the rest "
            f"follow at idle, for offline use), and one text per question, of which a query "
            f"loads those of the results it shows. Scripts (engine and box) "
            f"{kib(search['runtime'])}; preloaded by every page once idle (the box's data "
            f"{kib(search['data'])} and the result table {kib(search['table'])}) "
            f"{kib(search['preload'])}.")
