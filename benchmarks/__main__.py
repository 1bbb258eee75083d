"""`make bench` (python -m benchmarks [sections...]): measure, print, write benchmarks/RESULTS.md.

Sections: build (time and memory), size, lighthouse, quiz (the self-quiz's first card on a slow
phone), browser, serve (edit-to-reload under `make serve`, the one-file check, the full strict
build), suite (the wall time of `make test` on a clean clone, setup included: many minutes, and
it needs the package indexes); all of them by default. Speed is reported here, never asserted in
tests (exact size budgets are: tests/test_size_budgets.py). `python -m benchmarks serve`
measures only the serve section and `python -m benchmarks suite` only the suite
(benchmarks.suite_time has more options); each replaces only its part of RESULTS.md.
"""

from __future__ import annotations

import datetime
import os
import platform
import sys
import tempfile
from pathlib import Path

from benchmarks import (browser, build_time, edit_reload, lighthouse, quiz_speed, site_size,
                        suite_time)
from benchmarks.common import BANK, MKDOCS, RESULTS, commit, timed_run

SECTIONS = ["build", "size", "lighthouse", "quiz", "browser", "serve", "suite"]
# The headings each section writes: a run of some sections keeps the others' from the last file.
HEADINGS = {"build": ("## Build time", "## Peak memory"), "size": ("## Site size",),
            "lighthouse": ("## Lighthouse",), "quiz": ("## Quiz",),
            "browser": ("## Search in the browser", "## Engine comparison")}


def kept_sections(previous: str, skipped: list[str]) -> list[str]:
    """The previous RESULTS.md's text for sections not measured in this run, marked as such."""
    commit = next((line.split("`")[1] for line in previous.splitlines()
                   if line.startswith("- commit: `")), "an earlier commit")
    # A section's text ends at the next heading or at the next marked block (serve, suite),
    # which is carried over on its own.
    blocks = ["## " + block.split("\n<!-- ")[0] for block in previous.split("\n## ")[1:]]
    kept = []
    for section in skipped:
        for block in blocks:
            if block.startswith(HEADINGS[section]):
                title, _, body = block.partition("\n")
                if body.lstrip().startswith("*Not measured in this run"):
                    kept.append(block.rstrip())  # already carried over: keep its commit
                else:
                    kept.append(f"{title}\n\n*Not measured in this run: figures of commit "
                                f"`{commit}`.*\n{body.rstrip()}")
    return kept

def hand_written_sections(previous: str) -> list[str]:
    """Sections of the previous RESULTS.md that no benchmark writes (notes recorded by hand):
    carried over as they are. Marked blocks (serve, suite) are carried over on their own."""
    produced = tuple(heading for headings in HEADINGS.values() for heading in headings)
    blocks = ["## " + block.split("\n<!-- ")[0] for block in previous.split("\n## ")[1:]]
    return [block.rstrip() for block in blocks
            if not block.startswith(produced) and not block.startswith(MARKED_HEADINGS)]


# Headings inside marked blocks (serve, suite): never carried over as sections of their own.
MARKED_HEADINGS = ("## Edit to reload", "## One-file check", "## Test suite wall time")

# The serve section sits between these markers, so it can be measured and replaced on its own.
SERVE_START, SERVE_END = "<!-- serve:start -->", "<!-- serve:end -->"


def serve_block(text: str) -> str:
    """The serve section of a RESULTS.md text, markers included; empty when absent."""
    if SERVE_START in text and SERVE_END in text:
        return text[text.index(SERVE_START):text.index(SERVE_END) + len(SERVE_END)]
    return ""


def measure_serve() -> str:
    print("Edit to reload, one-file check, full build:", flush=True)
    measured_on = commit()
    return (f"{SERVE_START}\n{edit_reload.report(edit_reload.measure())}\n\n"
            f"(serve section measured on `{measured_on}`, {datetime.date.today().isoformat()})"
            f"\n{SERVE_END}")


def update_serve_only() -> None:
    old = RESULTS.read_text() if RESULTS.exists() else "# Benchmarks\n"
    block = measure_serve()
    text = old.replace(serve_block(old), block) if serve_block(old) else \
        old.rstrip("\n") + "\n\n" + block + "\n"
    RESULTS.write_text(text)
    print("\n" + block)


def build_real_site(dest: Path) -> Path:
    run = timed_run([str(MKDOCS), "build", "--strict", "--site-dir", str(dest)])
    if run.returncode != 0:
        sys.exit(f"the real site does not build:\n{run.output[-3000:]}")
    return dest


def measure_suite() -> str:
    print("Test suite wall time (`make test` on a clean clone):", flush=True)
    return suite_time.report(suite_time.measure(with_make=True))


def update_suite_only() -> None:
    old = RESULTS.read_text() if RESULTS.exists() else "# Benchmarks\n"
    section = measure_suite()
    RESULTS.write_text(suite_time.replace_section(old, section))
    print("\n" + section)


def main(sections: list[str]) -> None:
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        sys.exit(f"unknown sections {sorted(unknown)}; choose from {SECTIONS}")
    if sections == ["serve"]:
        update_serve_only()
        return
    if sections == ["suite"]:
        update_suite_only()
        return
    old_suite = suite_time.block(RESULTS.read_text()) if RESULTS.exists() else ""
    old_serve = serve_block(RESULTS.read_text()) if RESULTS.exists() else ""
    measured_on, load_before = commit(), os.getloadavg()[0]
    parts = [
        "# Benchmarks\n\nWritten by `make bench` (`python -m benchmarks`); do not edit by hand.\n\n"
        f"- commit: `{measured_on}`\n- date: {datetime.date.today().isoformat()}\n"
        f"- machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, {platform.platform()}",
    ]
    if "build" in sections:
        print("Build time and memory:", flush=True)
        parts.append(build_time.report(build_time.measure()))
    with tempfile.TemporaryDirectory(prefix="mlq-bench-site-") as tmp:
        site = build_real_site(Path(tmp) / "site")
        if "size" in sections:
            parts.append(site_size.report(site, sum(1 for _ in BANK.glob("*/*.yaml"))))
        if "lighthouse" in sections:
            print("Lighthouse:", flush=True)
            parts.append(lighthouse.report(lighthouse.measure(site)))
        if "quiz" in sections:
            print("Quiz, first card:", flush=True)
            parts.append(quiz_speed.report(quiz_speed.measure(site)))
        if "browser" in sections:
            print("Search in the browser:", flush=True)
            parts.append(browser.report(browser.measure(site, lighthouse.pages(site))))
    previous = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    parts += kept_sections(previous, [s for s in SECTIONS if s not in sections
                                      and s not in ("serve", "suite")])
    parts += hand_written_sections(previous)
    if "serve" in sections:
        parts.append(measure_serve())
    elif old_serve:
        parts.append(old_serve)  # kept from the last run that measured it
    if "suite" in sections:  # last: the longest, and it must not slow the other measurements
        parts.append(f"{suite_time.START}\n{measure_suite()}\n{suite_time.END}")
    elif old_suite:
        parts.append(old_suite)
    parts[0] += (f"\n- load average (1 min) before/after: {load_before:.1f} / "
                 f"{os.getloadavg()[0]:.1f}; timings on a busy machine read high")
    text = "\n\n".join(parts) + "\n"
    RESULTS.write_text(text)
    print("\n" + text)
    print(f"Written to {RESULTS.relative_to(Path.cwd()) if RESULTS.is_relative_to(Path.cwd()) else RESULTS}")


if __name__ == "__main__":
    main(sys.argv[1:] or SECTIONS)
