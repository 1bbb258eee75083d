"""The contributor's loop (issue #16): edit-to-reload under `make serve`, the one-file check, and
the full strict build for comparison.

Edit-to-reload: `mkdocs serve --dirty` (what `make serve` runs) on a copy of the bank; a browser
(Debian's chromium through Playwright) opens a question's page; the clock starts just before the
question file is saved and stops when the reloaded page shows the new text. Median of 5 edits, on
the real bank and on a synthetic bank of 5,000 questions. Without Playwright the served page is
polled over HTTP instead (the browser's reload adds one round trip to that).

Run only this part: `python -m benchmarks serve` (or `python -m benchmarks.edit_reload`). Every
figure is wall time, so a busy machine reads high: the load average is recorded beside them.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import BANK, MKDOCS, ROOT, table, timed_run, verdict
from benchmarks.serve_session import ServeSession

EDITS = 5
TARGETS = {"real bank": 2.0, "synthetic 5,000": 3.0}  # seconds, edit to reload (issue #16)
CHECK_TARGET = 1.0
SYNTHETIC = 5000


def edit_field(path: Path, field: str, marker: str) -> None:
    """Put `marker` at the start of a block or plain scalar field; save the file at once."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        if line.startswith(f"{field}:"):
            value = line[len(field) + 1:].strip()
            if value[:1] in (">", "|"):
                nxt = lines[i + 1]
                lines[i + 1] = f"{nxt[:len(nxt) - len(nxt.lstrip())]}{marker} {nxt.lstrip()}"
            elif value.startswith('"'):
                lines[i] = f'{field}: "{marker} {value[1:]}'
            else:
                lines[i] = f"{field}: {marker} {value}"
            break
    else:
        raise ValueError(f"no {field} in {path}")
    path.write_text("\n".join(lines), encoding="utf-8")


def _pick_question(bank: Path) -> Path:
    """The question in the middle of the bank, sorted by path: the same one on every run."""
    files = sorted(bank.glob("*/*.yaml"))
    return files[len(files) // 2]


def measure_edits(bank: Path, fields: tuple[str, ...], edits: int = EDITS) -> list[dict]:
    """One server, `edits` saves of each field in turn; a result per field."""
    question = _pick_question(bank)
    page = f"q/{question.stem}/"
    start = time.monotonic()
    results = []
    with ServeSession(bank) as session:
        first_build = time.monotonic() - start
        for field in fields:
            print(f"    {edits} edits of `{field}` ...", flush=True)
            times = _browser_edits(session, question, page, field, edits)
            method = "browser"
            if times is None:
                times, method = _http_edits(session, question, page, field, edits), "HTTP poll"
            print(f"    median {statistics.median(times):.2f} s ({method}); "
                  f"each: {', '.join(f'{t:.2f}' for t in times)}", flush=True)
            results.append({"times": times, "median": statistics.median(times),
                            "first_build": first_build, "method": method, "field": field,
                            "question": question.relative_to(bank).as_posix()})
    return results


def _http_edits(session: ServeSession, question: Path, page: str, field: str, edits: int
                ) -> list[float]:
    times = []
    for i in range(edits):
        marker = f"Zbench{i}{int(time.time() * 1000) % 100000}x"
        builds = session.builds()
        start = time.monotonic()
        edit_field(question, field, marker)
        session.wait_for(page, lambda html, m=marker: m in html, interval=0.02)
        times.append(time.monotonic() - start)
        session.wait_for_builds(builds + 1)
        time.sleep(1)
    return times


def _browser_edits(session: ServeSession, question: Path, page_path: str, field: str,
                   edits: int) -> list[float] | None:
    chromium = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not chromium:
        return None
    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium,
                                             args=["--no-sandbox", "--disable-dev-shm-usage"])
        page = browser.new_page()
        page.goto(session.url + page_path, wait_until="load")
        for i in range(edits):
            marker = f"Zbench{i}{int(time.time() * 1000) % 100000}x"
            builds = session.builds()
            start = time.monotonic()
            edit_field(question, field, marker)
            page.locator(f"text={marker}").first.wait_for(state="attached", timeout=600_000)
            times.append(time.monotonic() - start)
            session.wait_for_builds(builds + 1)
            time.sleep(1)
        browser.close()
    return times


def measure_check(bank: Path = BANK, runs: int = 5) -> dict:
    question = _pick_question(bank)
    seconds = []
    for _ in range(runs):
        run = timed_run([sys.executable, "-m", "macros", "check", str(question)])
        if run.returncode != 0:
            raise RuntimeError(f"the check failed:\n{run.output[-2000:]}")
        seconds.append(run.seconds)
    return {"median": statistics.median(seconds), "times": seconds,
            "question": question.relative_to(bank).as_posix()}


def measure_full_build(runs: int = 1) -> dict:
    seconds = []
    with tempfile.TemporaryDirectory(prefix="mlq-bench-full-") as tmp:
        for _ in range(runs):
            run = timed_run([str(MKDOCS), "build", "--strict", "--site-dir", str(Path(tmp) / "s")])
            if run.returncode != 0:
                raise RuntimeError(f"the build failed:\n{run.output[-2000:]}")
            seconds.append(run.seconds)
    return {"median": statistics.median(seconds), "times": seconds}


def measure(banks: tuple[str, ...] = ("real", "synthetic")) -> dict:
    from benchmarks.synthetic_bank import write_bank

    results: dict = {"edits": [], "load_before": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(prefix="mlq-bench-serve-") as tmp:
        for name in banks:
            if name == "real":
                bank = Path(tmp) / "real"
                shutil.copytree(BANK, bank)
                label = "real bank"
            else:
                bank = write_bank(SYNTHETIC, Path(tmp) / "synthetic")
                label = f"synthetic {SYNTHETIC:,}"
            print(f"  {label}: mkdocs serve --dirty ...", flush=True)
            count = sum(1 for _ in bank.glob("*/*.yaml"))
            for result in measure_edits(bank, ("answer", "short_answer")):
                result.update(bank=label, count=count)
                results["edits"].append(result)
    print("  one-file check ...", flush=True)
    results["check"] = measure_check()
    print(f"    median {results['check']['median']:.2f} s", flush=True)
    print("  full strict build ...", flush=True)
    results["build"] = measure_full_build()
    print(f"    {results['build']['median']:.2f} s", flush=True)
    results["load_after"] = os.getloadavg()[0]
    return results


def report(results: dict) -> str:
    rows = []
    for r in results["edits"]:
        target = TARGETS.get(r["bank"])
        rows.append([r["bank"], f"{r['count']:,}", f"`{r['field']}`", f"{r['median']:.2f} s",
                     ", ".join(f"{t:.2f}" for t in r["times"]), r["method"],
                     f"{r['first_build']:.0f} s", f"≤ {target:.0f} s" if target else "",
                     verdict(r["median"] <= target) if target else ""])
    check = results["check"]
    build = results["build"]
    return "\n\n".join([
        "## Edit to reload under `make serve`\n\n"
        "`mkdocs serve --dirty` on a copy of the bank; from saving one question file (a word "
        "added at the start of the field) to the reloaded page in the browser showing it; "
        f"median of {EDITS} edits. An `answer` edit rebuilds the question's page and its topic "
        "or section page; a `short_answer` edit also rebuilds the review sheets, which list "
        "every short answer. *First build*: the server's start, a full build. Load average "
        f"(1 min) {results['load_before']:.1f} before, {results['load_after']:.1f} after: on a "
        "busy machine these read high; re-run `python -m benchmarks serve` on a quiet one.",
        table(["bank", "questions", "edited field", "median", "each edit (s)", "measured by",
               "first build", "target", "result"], rows),
        "## One-file check and full build\n\n"
        "`python -m macros check questions/<topic>/<id>.yaml` (cross-file rules included) and "
        "`mkdocs build --strict` of the real bank, each a subprocess, wall time.",
        table(["command", "median", "runs (s)", "target", "result"], [
            [f"check one file (`{check['question']}`)", f"{check['median']:.2f} s",
             ", ".join(f"{t:.2f}" for t in check["times"]), f"≤ {CHECK_TARGET:.0f} s",
             verdict(check["median"] <= CHECK_TARGET)],
            ["full strict build", f"{build['median']:.2f} s",
             ", ".join(f"{t:.2f}" for t in build["times"]), "the CI gate", ""]]),
    ])


if __name__ == "__main__":
    print(report(measure(tuple(sys.argv[1:]) or ("real", "synthetic"))))
