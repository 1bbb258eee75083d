"""In the browser (Playwright + system chromium, site served gzipped): search readiness,
keystroke-to-results latency, and what a first visit really downloads (fonts included)."""

from __future__ import annotations

import shutil
import statistics
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks.common import kib, table, verdict
from benchmarks.gzip_server import serve
from benchmarks.site_size import FIRST_VISIT_MAX_GZIP, SEARCH_INDEX, gzip_size

READY_MAX_MS, KEYSTROKE_MAX_MS = 500, 50
FIRST_QUERY = "precision"
QUERIES = ["calibration", "leakage", "dropout", "bootstrap", "gradient", "recall", "variance",
           "smote", "ridge"]

# Records when the first search result appears, and the first result-list change after a keydown.
PROBE = """
window.__firstResult = null; window.__keydown = null; window.__results = null;
new MutationObserver(() => {
  if (window.__firstResult === null && document.querySelector('a.md-search-result__link'))
    window.__firstResult = performance.now();
}).observe(document, {childList: true, subtree: true});
document.addEventListener('keydown', () => { window.__keydown = performance.now();
                                             window.__results = null; }, true);
document.addEventListener('DOMContentLoaded', () => {
  const list = document.querySelector('.md-search-result__list');
  if (list) new MutationObserver(() => {
    if (window.__keydown !== null && window.__results === null) window.__results = performance.now();
  }).observe(list, {childList: true, subtree: true});
});
"""


def _launch(playwright):
    return playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                      args=["--no-sandbox", "--disable-dev-shm-usage"])


def search_latency(base: str) -> dict:
    with sync_playwright() as p:
        browser = _launch(p)
        readiness = []
        for _ in range(3):  # fresh page each time; the median is reported
            page = browser.new_page()
            page.add_init_script(PROBE)
            page.goto(base + "/", wait_until="load")
            page.keyboard.press("/")
            page.locator("input.md-search__input").press_sequentially(FIRST_QUERY)
            page.wait_for_function("window.__firstResult !== null", timeout=15_000)
            readiness.append(page.evaluate(
                "window.__firstResult - performance.getEntriesByType('navigation')[0].loadEventEnd"))
        latencies = []
        box = page.locator("input.md-search__input")
        for query in QUERIES:
            box.fill("")
            box.press_sequentially(query[:-1])
            page.wait_for_timeout(300)  # let the prefix's results settle
            box.press(query[-1])
            page.wait_for_function("window.__results !== null", timeout=5_000)
            latencies.append(page.evaluate("window.__results - window.__keydown"))
        browser.close()
    return {"ready_ms": statistics.median(readiness), "readiness_ms": readiness,
            "latencies_ms": latencies}


def first_visit(base: str, site: Path, paths: list[str]) -> list[tuple[str, int, bool]]:
    """Bytes on the wire for a cold visit to each page (until network idle): (path, bytes,
    whether the search index was among them; if not, its gzip size is added)."""
    results = []
    with sync_playwright() as p:
        browser = _launch(p)
        for path in paths:
            context = browser.new_context()
            page = context.new_page()
            sizes: dict[str, int] = {}
            page.on("response", lambda r: sizes.__setitem__(
                r.url, int(r.headers.get("content-length") or len(r.body()))))
            page.goto(base + path, wait_until="networkidle")
            page.wait_for_timeout(500)
            seen = any(url.endswith(SEARCH_INDEX) for url in sizes)
            total = sum(sizes.values()) + (0 if seen else gzip_size(site / SEARCH_INDEX))
            results.append((path, total, seen))
            context.close()
        browser.close()
    return results


def measure(site: Path, paths: list[str]) -> dict:
    with serve(site) as base:
        latency = search_latency(base)
        visits = first_visit(base, site, paths)
    print(f"  search ready {latency['ready_ms']:.0f} ms after load; keystroke latencies "
          f"{[round(x) for x in latency['latencies_ms']]} ms", flush=True)
    return {**latency, "visits": visits}


def report(result: dict) -> str:
    ready, keystroke = result["ready_ms"], statistics.median(result["latencies_ms"])
    return "\n\n".join([
        "## Search in the browser\n\nReal bank, home page, chromium via Playwright. *Ready*: from "
        f"the load event to the first result for \"{FIRST_QUERY}\" typed right after load "
        f"(median of {len(result['readiness_ms'])} loads: "
        f"{', '.join(f'{x:.0f}' for x in result['readiness_ms'])} ms). "
        f"*Keystroke*: from the keydown of a query's last letter to the result list's update "
        f"(median over {len(result['latencies_ms'])} queries: {', '.join(QUERIES)}).",
        table(["measurement", "figure", "target", "result"], [
            ["search ready after load", f"{ready:.0f} ms", f"≤ {READY_MAX_MS} ms",
             verdict(ready <= READY_MAX_MS)],
            ["keystroke to results (median)", f"{keystroke:.0f} ms", f"≤ {KEYSTROKE_MAX_MS} ms",
             verdict(keystroke <= KEYSTROKE_MAX_MS)],
            ["keystroke to results (max)", f"{max(result['latencies_ms']):.0f} ms", "", ""]]),
        "First visit measured in the browser (every response of a cold load until network idle, "
        "bytes on the wire, fonts included; the search index is added when the worker's fetch "
        "is not seen):",
        table(["page", "bytes (gzip)", "search index seen", "target", "result"], [
            [path, kib(total), "yes" if seen else "added", f"≤ {kib(FIRST_VISIT_MAX_GZIP)}",
             verdict(total <= FIRST_VISIT_MAX_GZIP)] for path, total, seen in result["visits"]]),
    ])
