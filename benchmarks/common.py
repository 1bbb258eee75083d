"""Helpers every benchmark shares: paths, the measured commit, timed subprocesses, Markdown tables."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BANK = ROOT / "questions"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
MKDOCS = Path(sys.executable).parent / "mkdocs"
QUIET_MKDOCS = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def commit() -> str:
    """`git rev-parse HEAD`, plus "+dirty" when the working tree has uncommitted changes."""
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True,
                          text=True).stdout.strip() or "unknown"
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True,
                           text=True).stdout.strip()
    return head + ("+dirty" if dirty else "")


@dataclass
class Run:
    seconds: float
    max_rss_mib: float  # peak resident memory of this one child process
    returncode: int
    output: str


def timed_run(args: list[str], cwd: Path = ROOT, env: dict | None = None) -> Run:
    """Run a command in a subprocess; wall time and that child's own peak RSS (os.wait4)."""
    with tempfile.TemporaryFile("w+") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(args, cwd=cwd, env={**os.environ, **QUIET_MKDOCS, **(env or {})},
                                stdout=log, stderr=subprocess.STDOUT, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        return Run(seconds, usage.ru_maxrss / 1024, proc.returncode, log.read())


def median(values: list[float]) -> float:
    return statistics.median(values)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def table(headers: list[str], rows: list[list[object]]) -> str:
    """A Markdown table (numbers are formatted by the caller)."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def kib(n: float) -> str:
    return f"{n / 1024:,.1f} KiB"
