"""Lighthouse 12 scores (mobile and desktop) for a few pages, served gzipped on 127.0.0.1.

Installs npm `lighthouse@12` into a cache prefix on first use and runs it with the system chromium.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from benchmarks.common import table, verdict
from benchmarks.gzip_server import serve
from benchmarks.site_size import gzip_size, url_of

PREFIX = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "mlq-bench" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
TARGETS = {("mobile", "performance"): 95, ("desktop", "performance"): 100}  # others: 100


def lighthouse_bin() -> Path:
    binary = PREFIX / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        PREFIX.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(PREFIX), "lighthouse@12", "--no-audit",
                        "--no-fund", "--loglevel=error"], check=True)
    return binary


def pages(site: Path) -> list[str]:
    """Home, the heaviest topic page (the worst case, by gzip bytes), the first question page,
    and the metric pages if the site has them."""
    heaviest = max((site / "topics").rglob("index.html"), key=gzip_size)
    question = sorted((site / "q").glob("*/index.html"))[0].parent.name
    urls = ["/", url_of(site, heaviest), f"/q/{question}/"]
    urls += [url for url in ("/metrics/", "/metrics/reference/")
             if (site / url.strip("/") / "index.html").exists()]
    # The reference is one page per task: the heaviest of them too.
    tasks = list((site / "metrics" / "reference").glob("*/index.html"))
    if tasks:
        urls.append(url_of(site, max(tasks, key=gzip_size)))
    return urls


def run(url: str, form: str) -> dict[str, int]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        args = [str(lighthouse_bin()), url, "--quiet", "--output=json", f"--output-path={out}",
                f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"]
        if form == "desktop":
            args.append("--preset=desktop")
        env = {**os.environ, "CHROME_PATH": shutil.which("chromium") or "chromium"}
        subprocess.run(args, env=env, check=True, capture_output=True, timeout=300)
        report = json.loads(out.read_text())
    return {c: round((report["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}


def measure(site: Path) -> list[tuple[str, str, dict[str, int]]]:
    results = []
    with serve(site) as base:
        for path in pages(site):
            for form in ("mobile", "desktop"):
                scores = run(base + path, form)
                print(f"  {form:7} {path}: {scores}", flush=True)
                results.append((path, form, scores))
    return results


def report(results: list[tuple[str, str, dict[str, int]]]) -> str:
    rows = []
    for path, form, scores in results:
        cells = []
        for category in CATEGORIES:
            target = TARGETS.get((form, category), 100)
            cells.append(f"{scores[category]} (≥ {target}) {verdict(scores[category] >= target)}")
        rows.append([path, form, *cells])
    return "## Lighthouse\n\nLighthouse 12, system chromium, site served gzipped on 127.0.0.1 " \
        "(one run each; scores are 0-100, target in brackets).\n\n" + \
        table(["page", "form factor", *CATEGORIES], rows)
