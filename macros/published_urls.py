"""The public URLs of a built site, for the manifest that keeps every published URL working.

`tests/published-urls.txt` lists every URL and question anchor ever published. A test fails when
one of them stops resolving (rename a question by giving it a new ID and listing the old one in
`former_ids`: a redirect page and an anchor are generated), or when the site has a URL the
manifest lacks (run `make urls` to record new ones; it never removes a line).
"""

from __future__ import annotations

import re
from pathlib import Path

MANIFEST = Path(__file__).resolve().parent.parent / "tests" / "published-urls.txt"
# A question anchor: any element whose class marks it as one. Attribute order is the
# renderer's business (Python-Markdown writes class before id), so match both orders.
_ANCHOR_CLASSES = r'class="(?:question|q-former|q-listed)"'
_QUESTION_ANCHOR = re.compile(rf'<[a-z0-9]+ (?:{_ANCHOR_CLASSES} id="([a-z0-9-]+)"|'
                              rf'id="([a-z0-9-]+)" {_ANCHOR_CLASSES})')
# Metric anchors on the reference pages (the landing page lists each metric under its anchor,
# the task pages hold the entries): questions and other sites link to them.
_METRIC_ANCHOR = re.compile(r'<h[23] class="metric" id="([a-z0-9-]+)"|'
                            r'<span id="([a-z0-9-]+)" class="q-listed"')
# Pages that are not part of the public surface.
_IGNORED = {"404.html"}


def site_urls(site: Path) -> set[str]:
    """Directory URLs of every page, question anchors on topic pages, metric anchors on the
    metric reference, and the export files."""
    urls = set()
    for page in site.rglob("index.html"):
        rel = page.parent.relative_to(site).as_posix()
        url = "/" if rel == "." else f"/{rel}/"
        urls.add(url)
        if url.startswith("/topics/"):
            html = page.read_text(encoding="utf-8")
            urls.update(f"{url}#{a or b}" for a, b in _QUESTION_ANCHOR.findall(html))
        if url.startswith("/metrics/reference/"):
            html = page.read_text(encoding="utf-8")
            urls.update(f"{url}#{a or b}" for a, b in _METRIC_ANCHOR.findall(html))
    for export in (site / "exports").glob("*"):
        urls.add(f"/exports/{export.name}")
    return {u for u in urls if u.strip("/") not in _IGNORED}


def read_manifest(path: Path = MANIFEST) -> set[str]:
    if not path.exists():
        return set()
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


def write_manifest(urls: set[str], path: Path = MANIFEST) -> None:
    header = ("# Every public URL and question anchor ever published. Never delete a line: a URL\n"
              "# that worked keeps working (see macros/published_urls.py). Add with `make urls`.\n")
    path.write_text(header + "\n".join(sorted(urls)) + "\n", encoding="utf-8")


def resolves(site: Path, url: str) -> bool:
    """Whether a manifest URL still leads somewhere: the page (or its redirect) and the anchor."""
    path, _, anchor = url.partition("#")
    target = site / path.lstrip("/")
    if path.endswith("/") or path == "":
        target = target / "index.html"
    if not target.exists():
        return False
    if not anchor:
        return True
    return re.search(rf'id="{re.escape(anchor)}"', target.read_text(encoding="utf-8")) is not None
