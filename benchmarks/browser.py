"""In the browser (Playwright + system chromium, site served gzipped): search speed on a cold
load with the CPU slowed down 4x, findability of the query set, and what a first visit really
downloads (fonts and what search preloads at idle included).

Search speed is measured on the real bank and on a synthetic 5,000-question bank (its index
built into a copy of the real site: search speed depends on the index, not on the pages), each
with the reader typing right after the load event and once search has preloaded, and for both
steps of a result list: results shown (titles, topics, difficulties) and their snippets in.
"""

from __future__ import annotations

import re
import shutil
import statistics
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks import findability
from benchmarks.common import BANK, kib, table, verdict
from benchmarks.gzip_server import serve
from benchmarks.site_size import FIRST_VISIT_MAX_GZIP, SEARCH_DIR, search_sizes

FIRST_RESULTS_MAX_MS, KEYSTROKE_MAX_MS = 300, 50
CPU_SLOWDOWN = 4
QUERIES = ["precision", "calibration", "leakage", "dropout", "bootstrap", "gradient boosting",
           "smote", "ridge"]
SYNTHETIC_SIZE = 5_000

# Material's lunr search as it was before Pagefind replaced it (tuned: titles, short answers and
# "also covers" names only; math left out; index requested after load). Measured once, on commit
# eebef7c: findability with the same query set and the same counting (every result link in page
# order, folded "more on this page" ones included); timings from RESULTS.md of commit 92c6fa0
# (quiet machine, no CPU slowdown).
LUNR = {"commit": "eebef7c", "queries": 289, "top3": 0.692, "top10": 0.834,
        "index_gzip": 108_369, "questions": 426, "ready_ms": 502, "keystroke_ms": 11}

# Pagefind 1.5 (one record per question, weighted, synonyms expanded; preloaded at idle, two-step
# results) before the site's own index replaced it. Findability on commit b6da8d6 (439 queries);
# sizes and timings by this benchmark on commit 1d9792a (611 questions, quiet machine, CPU 4x
# slower). Its WebAssembly scores every matching page from word positions: about 220 ms a search
# once a word is in all 5,000 questions of the synthetic bank, 40 ms in 1,000 of 5,000.
PAGEFIND = {"commit": "b6da8d6 / 1d9792a", "queries": 439, "top3": 0.952, "top10": 0.998,
            "per_question_kib": 3.85, "preload_kib": 178.8, "first_ms": 277, "keystroke_ms": 40,
            "synthetic_first_ms": 811, "synthetic_keystroke_ms": 622}

# Keydowns in the search box, and each change of the result list: results shown for a text
# (data-mlq-shown), their snippets in (data-mlq-complete), settled on the box's text (data-mlq-for).
PROBE = """
window.__keys = []; window.__settled = [];
document.addEventListener('keydown', e => {
  if (e.key.length === 1 && e.target.matches && e.target.matches('input.md-search__input'))
    window.__keys.push(performance.now());
}, true);
document.addEventListener('DOMContentLoaded', () => {
  const list = document.querySelector('.md-search-result__list');
  new MutationObserver(records => {
    for (const r of records) {
      const text = list.getAttribute(r.attributeName);
      if (text) window.__settled.push({t: performance.now(), text: text, kind: r.attributeName,
        n: list.querySelectorAll('a.md-search-result__link').length});
    }
  }).observe(list, {attributes: true,
                    attributeFilter: ['data-mlq-for', 'data-mlq-shown', 'data-mlq-complete']});
});
"""
# Search has preloaded (search.js marks each step; "ready" comes last, once the engine has its
# with its filters and the search box's data is in).
PRELOADED = "performance.getEntriesByName('mlq-search:ready').length > 0"
SHOWN, COMPLETE = "data-mlq-shown", "data-mlq-complete"


def _launch(playwright):
    return playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                      args=["--no-sandbox", "--disable-dev-shm-usage"])


def _normal_length(text: str) -> int:
    return len(re.sub(r"[^a-z0-9]+", " ", text.lower()).strip())


def _keystroke_latencies(page, query: str, kind: str) -> list[float | None]:
    """For each letter of `query` that gives results (the first letter only asks for more):
    ms from its keydown until the list showed (`kind`) that text or a longer one typed since,
    so a letter whose own search was skipped because the reader typed on counts until the list
    caught up with it. None if the list never did."""
    keys, settled = page.evaluate("[window.__keys, window.__settled]")
    keys = keys[-len(query):]
    out = []
    for i, start in enumerate(keys):
        if _normal_length(query[:i + 1]) < 2:
            continue
        hit = next((s["t"] for s in settled if s["kind"] == kind and s["t"] >= start
                    and len(s["text"]) > i and query.startswith(s["text"])), None)
        out.append(None if hit is None else hit - start)
    return out


def _first(page, kind: str) -> float:
    """ms from the first keydown in the box to the first list of results (`kind`: shown, or
    with their snippets in), for the text typed so far or a shorter prefix of it."""
    keys, settled = page.evaluate("[window.__keys, window.__settled]")
    return next(s["t"] for s in settled if s["kind"] == kind and s["n"]) - keys[0]


def _type(page, query: str) -> None:
    """Type into the focused search box 120 ms a letter, as keyboard events alone: a locator
    would have Playwright inject and run its selector engine in the page while the reader types
    (about 100 ms of the page's time on a first query with the CPU slowed 4x)."""
    assert page.evaluate("document.activeElement.matches('input.md-search__input')")
    page.keyboard.type(query, delay=120)
    findability.results_for(page, query, timeout=120_000)  # settled on the whole text


def search_speed(base: str, runs: int = 5, slowdown: float = CPU_SLOWDOWN) -> dict:
    """Cold loads (fresh browser context, CPU slowed 4x), typing the first query 120 ms a letter
    in two ways: right after the load event, and once the page has gone idle and search has
    preloaded (a reader takes a moment to reach the box). Then, warm, further queries."""
    out = {"first": {"load": [], "idle": []}, "complete": {"load": [], "idle": []},
           "preloaded_after_load": [], "shown_ms": [], "complete_ms": []}
    with sync_playwright() as p:
        browser = _launch(p)
        for run in range(runs):
            for start in ("load", "idle"):
                context = browser.new_context()
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
                page.add_init_script(PROBE)
                page.goto(base + "/", wait_until="load")
                if start == "idle":
                    loaded = page.evaluate("performance.now()")
                    page.wait_for_function(PRELOADED, timeout=60_000)
                    out["preloaded_after_load"].append(page.evaluate("performance.now()") - loaded)
                page.keyboard.press("/")
                queries = QUERIES if run == 0 and start == "idle" else QUERIES[:1]
                for i, query in enumerate(queries):
                    if i:
                        page.locator("input.md-search__input").fill("")
                    _type(page, query)
                    if i == 0:
                        out["first"][start].append(_first(page, SHOWN))
                        out["complete"][start].append(_first(page, COMPLETE))
                    out["shown_ms"] += _keystroke_latencies(page, query, SHOWN)
                    out["complete_ms"] += _keystroke_latencies(page, query, COMPLETE)
                context.close()
        browser.close()
    return out


def findability_run(base: str) -> list[findability.Outcome]:
    with sync_playwright() as p:
        browser = _launch(p)
        page = browser.new_page()
        outcomes = findability.run(page, base, findability.load_queries())
        browser.close()
    return outcomes


def first_visit(base: str, paths: list[str]) -> list[dict]:
    """Bytes on the wire for a cold visit to each page, no search typed: every response until
    search has preloaded and the network is idle. For each page: its path, all bytes, those of
    search's files (and how many), and the search files only a query needs (index chunks,
    result texts), which must be none."""
    results = []
    with sync_playwright() as p:
        browser = _launch(p)
        for path in paths:
            context = browser.new_context()
            page = context.new_page()
            sizes: dict[str, int] = {}
            page.on("response", lambda r: sizes.__setitem__(
                r.url, int(r.headers.get("content-length") or len(r.body()))))
            page.goto(base + path, wait_until="load")
            page.wait_for_function(PRELOADED, timeout=60_000)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            search = {url: n for url, n in sizes.items() if f"/{SEARCH_DIR}/" in url}
            results.append({"path": path, "total": sum(sizes.values()),
                            "search": sum(search.values()), "search_files": len(search),
                            "query_files": sorted(url for url in search if re.search(
                                r"/search/(index|text)/", url))})
            context.close()
        browser.close()
    return results


def synthetic_site(site: Path, work: Path) -> Path:
    """A copy of the real site whose search index is built from a synthetic bank."""
    from benchmarks.synthetic_bank import write_bank
    from macros.bank import load_bank
    from macros.search_index import write_search_index

    bank, problems = load_bank(write_bank(SYNTHETIC_SIZE, work / "bank"))
    assert not problems, problems[:5]
    copy = work / "site"
    shutil.copytree(site, copy)
    write_search_index(bank, copy)
    return copy


def _summary(label: str, speed: dict) -> str:
    first = {k: [round(x) for x in v] for k, v in speed["first"].items()}
    shown = [x for x in speed["shown_ms"] if x is not None]
    return (f"  {label}: first results {first} ms after the first keystroke; further keystrokes "
            f"median {statistics.median(shown):.0f} ms")


def measure(site: Path, paths: list[str]) -> dict:
    with serve(site) as base:
        speed = search_speed(base)
        print(_summary("real bank", speed), flush=True)
        outcomes = findability_run(base)
        visits = first_visit(base, paths)
    with tempfile.TemporaryDirectory(prefix="mlq-bench-search-") as tmp:
        synthetic = synthetic_site(site, Path(tmp))
        synthetic_sizes = search_sizes(synthetic)
        with serve(synthetic) as base:
            synthetic_speed = search_speed(base)
            print(_summary(f"synthetic {SYNTHETIC_SIZE:,}", synthetic_speed), flush=True)
            synthetic_visits = first_visit(base, paths[:2])
    return {"speed": speed, "outcomes": outcomes, "visits": visits,
            "synthetic_speed": synthetic_speed, "synthetic_sizes": synthetic_sizes,
            "synthetic_visits": synthetic_visits,
            "sizes": search_sizes(site), "questions": sum(1 for _ in BANK.glob("*/*.yaml"))}


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values):.0f} ms ({', '.join(f'{x:.0f}' for x in values)})"


def _keystrokes(values: list[float | None]) -> tuple[float, float, float, int]:
    """Median, 90th percentile and max of the latencies, and how many letters never showed."""
    seen = [x for x in values if x is not None]
    return (statistics.median(seen), statistics.quantiles(seen, n=10)[-1], max(seen),
            len(values) - len(seen))


def _speed_rows(label: str, speed: dict) -> list[list[str]]:
    rows = []
    for start, how in (("load", "typing right after the load event"),
                       ("idle", "typing once search has preloaded")):
        first = statistics.median(speed["first"][start])
        rows += [
            [label, f"first results after the first keystroke, cold load, {how} (median)",
             _ms(speed["first"][start]), f"≤ {FIRST_RESULTS_MAX_MS} ms",
             verdict(first <= FIRST_RESULTS_MAX_MS)],
            [label, f"… their snippets in, {how} (median)", _ms(speed["complete"][start]), "",
             ""]]
    rows.append([label, "search preloaded after the load event (median)",
                 _ms(speed["preloaded_after_load"]), "", ""])
    for key, what in (("shown_ms", "results shown"), ("complete_ms", "snippets in")):
        median, p90, worst, missing = _keystrokes(speed[key])
        rows += [
            [label, f"each further keystroke, {what} (median)", f"{median:.0f} ms",
             f"≤ {KEYSTROKE_MAX_MS} ms" if key == "shown_ms" else "",
             verdict(median <= KEYSTROKE_MAX_MS) if key == "shown_ms" else ""],
            [label, f"each further keystroke, {what} (90th percentile / max; letters)",
             f"{p90:.0f} / {worst:.0f} ms; {len(speed[key])}"
             + (f", {missing} never shown" if missing else ""), "", ""]]
    return rows


def engine_comparison(result: dict, top3: float, top10: float) -> str:
    sizes, speed = result["sizes"], result["speed"]
    synthetic = result["synthetic_speed"]
    own_first = statistics.median(speed["first"]["idle"])
    own_keystroke = _keystrokes(speed["shown_ms"])[0]
    return "\n\n".join([
        "## Engine comparison\n\nMaterial's tuned lunr search (measured on commit "
        f"`{LUNR['commit']}` before it was removed), Pagefind with one record per question "
        f"(commits `{PAGEFIND['commit']}`) and the site's own index (this commit). Same "
        f"counting on tests/search/queries.yaml ({LUNR['queries']} queries for lunr, "
        f"{PAGEFIND['queries']} for Pagefind, {len(result['outcomes'])} now). The own index is "
        "the only one within the keystroke budget on the 5,000-question bank: see "
        "CONTRIBUTING.md, \"Search\".",
        table(["", "lunr (Material)", "Pagefind", "own index"], [
            ["what is indexed", "title, short answer, names from the answer",
             "all text, weighted; synonyms", "all text, weighted by field (BM25); synonyms"],
            ["findability, top 3", f"{LUNR['top3']:.1%}", f"{PAGEFIND['top3']:.1%}",
             f"{top3:.1%}"],
            ["findability, top 10", f"{LUNR['top10']:.1%}", f"{PAGEFIND['top10']:.1%}",
             f"{top10:.1%}"],
            ["index, bytes per question", f"{LUNR['index_gzip'] / LUNR['questions'] / 1024:.2f} "
             "KiB gzip", f"{PAGEFIND['per_question_kib']:.2f} KiB",
             f"{sizes['index'] / result['questions'] / 1024:.2f} KiB"],
            ["search bytes on a first visit (no query)", kib(LUNR["index_gzip"]) + " + worker",
             f"{PAGEFIND['preload_kib']} KiB (preloaded at idle)",
             f"{kib(sizes['preload'])} (preloaded at idle)"],
            ["first results (real bank)", f"{LUNR['ready_ms']} ms after load (no CPU slowdown)",
             f"{PAGEFIND['first_ms']} ms", f"{own_first:.0f} ms"],
            ["further keystroke, median (real bank)",
             f"{LUNR['keystroke_ms']} ms (no CPU slowdown)", f"{PAGEFIND['keystroke_ms']} ms",
             f"{own_keystroke:.0f} ms"],
            [f"first results ({SYNTHETIC_SIZE:,} questions)", "not measured",
             f"{PAGEFIND['synthetic_first_ms']} ms",
             f"{statistics.median(synthetic['first']['idle']):.0f} ms"],
            [f"further keystroke, median ({SYNTHETIC_SIZE:,} questions)", "not measured",
             f"{PAGEFIND['synthetic_keystroke_ms']} ms",
             f"{_keystrokes(synthetic['shown_ms'])[0]:.0f} ms"],
        ]) + f"\n\nTimings with the CPU slowed {CPU_SLOWDOWN}x unless noted; first results "
        "once search has preloaded.",
    ])


def _visit_rows(label: str, visits: list[dict]) -> list[list[str]]:
    return [[label, v["path"], kib(v["total"]), f"{kib(v['search'])} in {v['search_files']} files",
             f"≤ {kib(FIRST_VISIT_MAX_GZIP)}",
             verdict(v["total"] <= FIRST_VISIT_MAX_GZIP and not v["query_files"])]
            for v in visits]


def report(result: dict) -> str:
    outcomes = result["outcomes"]
    top3, top10 = (findability.share_within(outcomes, 3), findability.share_within(outcomes, 10))
    sizes, synthetic = result["sizes"], result["synthetic_sizes"]
    return "\n\n".join([
        "## Search in the browser\n\nChromium via Playwright, site served gzipped, CPU slowed "
        f"{CPU_SLOWDOWN}x (CDP `Emulation.setCPUThrottlingRate`). *First results*: a cold load "
        "(fresh context, nothing cached), \"/\" pressed, then the query typed 120 ms per letter, "
        "either right after the load event or once search has preloaded (it starts when the "
        "page is idle after load); from the keydown of the first letter to the first results "
        "shown (titles, topics and difficulties), and to their snippets in. *Further "
        "keystroke*: each letter that gives results (a first letter only asks for more), in "
        "every query typed (the first of each cold load, then, warm: "
        f"{', '.join(QUERIES)}): from its keydown until the list shows that text or a longer "
        "one typed since, and until their snippets are in too.",
        table(["bank", "measurement", "figure", "target", "result"],
              _speed_rows("real", result["speed"])
              + _speed_rows(f"synthetic {SYNTHETIC_SIZE:,}", result["synthetic_speed"])),
        table(["bank", "index (wire bytes)", "files", "per question", "preloaded at idle",
               "of which the result table"], [
            [f"real ({result['questions']:,})", kib(sizes["index"]), f"{sizes['index_files']:,}",
             f"{sizes['index'] / result['questions'] / 1024:.2f} KiB", kib(sizes["preload"]),
             kib(sizes["table"])],
            [f"synthetic {SYNTHETIC_SIZE:,}", kib(synthetic["index"]),
             f"{synthetic['index_files']:,}",
             f"{synthetic['index'] / SYNTHETIC_SIZE / 1024:.2f} KiB", kib(synthetic["preload"]),
             kib(synthetic["table"])]]),
        f"Findability ({len(outcomes)} queries of tests/search/queries.yaml typed into the "
        "search box; a query counts when a question listed for it is among the results):",
        table(["measurement", "figure", "target", "result"], [
            ["expected question in the top 3", f"{top3:.1%}",
             f"≥ {findability.TOP3_TARGET:.0%}", verdict(top3 >= findability.TOP3_TARGET)],
            ["expected question in the top 10", f"{top10:.1%}",
             f"≥ {findability.TOP10_TARGET:.0%}", verdict(top10 >= findability.TOP10_TARGET)]]),
        "First visit measured in the browser (every response of a cold load until search has "
        "preloaded and the network is idle, bytes on the wire, fonts included; no query typed; "
        "a page passes when the total is within budget and search fetched nothing only a "
        "query needs: no index chunk or result text):",
        table(["bank", "page", "bytes (gzip)", "of which search", "target", "result"],
              _visit_rows("real", result["visits"])
              + _visit_rows(f"synthetic {SYNTHETIC_SIZE:,}", result["synthetic_visits"])),
        engine_comparison(result, top3, top10),
    ])
