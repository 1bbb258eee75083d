"""Build time and peak memory: the real bank and synthetic banks of 1,000 and 5,000 questions,
each beside plain-Markdown builds of the same content, every build in its own subprocess.

Two baselines. *Same pages*: every page the pipeline generates, written out as Markdown and built
with the same configuration minus the pipeline (hooks, macros); the pipeline's overhead ratio is
measured against it. *Topic pages only*: the questions as Markdown topic pages and nothing else,
to show what the per-question, tag, review and metric pages cost on their own.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np

from benchmarks.common import BANK, MKDOCS, ROOT, median, table, timed_run, verdict
from benchmarks.synthetic_bank import write_bank, write_plain_docs, write_same_pages_docs

SIZES = [None, 1000, 5000]  # None: the real bank
MAX_RATIO, MAX_MS_PER_QUESTION, MAX_FIXED_S = 1.15, 3.0, 0.5
SLOW_S = 30  # a build slower than this is run once, not three times


def _build(args: list[str], cwd: Path, env: dict | None = None) -> tuple[float, float]:
    """Median wall time over 3 runs (1 if slow) and the largest peak RSS, in s and MiB."""
    runs = []
    for _ in range(3):
        run = timed_run(args, cwd=cwd, env=env)
        if run.returncode != 0:
            raise RuntimeError(f"build failed ({' '.join(args)}):\n{run.output[-3000:]}")
        runs.append(run)
        if run.seconds > SLOW_S:
            break
    return median([r.seconds for r in runs]), max(r.max_rss_mib for r in runs)


def measure_size(n: int | None, work: Path) -> dict:
    bank = BANK if n is None else write_bank(n, work / "bank")
    count = sum(1 for p in bank.glob("*/*.yaml"))
    print(f"  {count} questions: pipeline build ...", flush=True)
    pipe_s, pipe_mib = _build([str(MKDOCS), "build", "--strict", "--site-dir",
                               str(work / "site")], ROOT, {"MLQ_BANK": str(bank)})
    print(f"  {count} questions: plain build of the same pages ...", flush=True)
    config = write_same_pages_docs(bank, work / "same")
    plain_s, plain_mib = _build([str(MKDOCS), "build", "--strict", "-f", str(config)],
                                config.parent)
    print(f"  {count} questions: plain build of topic pages only ...", flush=True)
    config = write_plain_docs(bank, work / "plain")
    topics_s, topics_mib = _build([str(MKDOCS), "build", "--strict", "-f", str(config)],
                                  config.parent)
    print(f"    pipeline {pipe_s:.2f} s / same pages {plain_s:.2f} s / topic pages "
          f"{topics_s:.2f} s", flush=True)
    return {"name": "real bank" if n is None else f"synthetic {n:,}", "n": count,
            "pipeline_s": pipe_s, "plain_s": plain_s, "topics_s": topics_s,
            "pipeline_mib": pipe_mib, "plain_mib": plain_mib, "topics_mib": topics_mib}


def measure() -> list[dict]:
    results = []
    for n in SIZES:
        with tempfile.TemporaryDirectory(prefix="mlq-bench-") as tmp:
            results.append(measure_size(n, Path(tmp)))
    return results


def fit(results: list[dict], key: str) -> tuple[float, float]:
    """Least-squares time = a + b*n: (a in s, b in ms per question)."""
    b, a = np.polyfit([r["n"] for r in results], [r[key] for r in results], 1)
    return a, b * 1000


def is_linear(results: list[dict], key: str) -> tuple[bool, str]:
    """Linear if the marginal cost per question of the last step is within 25% of the first's."""
    (n0, t0), (n1, t1), (n2, t2) = [(r["n"], r[key]) for r in results]
    first, last = (t1 - t0) / (n1 - n0) * 1000, (t2 - t1) / (n2 - n1) * 1000
    return abs(last - first) <= 0.25 * first, f"{first:.2f} then {last:.2f} ms/question"


def report(results: list[dict]) -> str:
    rows = [[r["name"], f"{r['n']:,}", f"{r['pipeline_s']:.2f} s", f"{r['plain_s']:.2f} s",
             f"{r['topics_s']:.2f} s", f"{r['pipeline_s'] / r['plain_s']:.2f}", f"≤ {MAX_RATIO}",
             verdict(r["pipeline_s"] / r["plain_s"] <= MAX_RATIO),
             f"{r['pipeline_s'] / r['n'] * 1000:.1f}"] for r in results]
    a, b = fit(results, "pipeline_s")
    pa, pb = fit(results, "plain_s")
    linear, detail = is_linear(results, "pipeline_s")
    memory = [[r["name"], f"{r['n']:,}", f"{r['pipeline_mib']:,.0f} MiB",
               f"{r['plain_mib']:,.0f} MiB", f"{r['topics_mib']:,.0f} MiB"] for r in results]
    return "\n\n".join([
        "## Build time\n\nWall time of `mkdocs build --strict` in a subprocess (median of 3 runs; "
        f"1 run when a build takes over {SLOW_S} s). *Same pages*: every page the pipeline "
        "generates, written out as plain Markdown and built with the same mkdocs.yml minus the "
        "hooks and macros; the overhead ratio is pipeline / same pages, i.e. what validating the "
        "bank, generating the pages and the exports costs beyond building that Markdown. *Topic "
        "pages only*: the questions as plain Markdown topic pages and nothing else, which shows "
        "what the per-question, tag, review and metric pages cost on their own.",
        table(["bank", "questions", "pipeline", "plain, same pages", "plain, topic pages only",
               "overhead ratio", "target", "result", "pipeline ms/question"], rows),
        table(["fit time = a + b·n", "pipeline", "plain", "target", "result"], [
            ["b (per question)", f"{b:.2f} ms", f"{pb:.2f} ms", f"≤ {MAX_MS_PER_QUESTION} ms",
             verdict(b <= MAX_MS_PER_QUESTION)],
            ["a (fixed)", f"{a:.2f} s", f"{pa:.2f} s", f"≤ {MAX_FIXED_S} s",
             verdict(0 <= a <= MAX_FIXED_S)],  # a negative a means the fit is not linear
            ["linear growth", f"{'yes' if linear else 'no'} ({detail})", "", "linear",
             verdict(linear)]]),
        "## Peak memory\n\nMaximum resident set size of the build subprocess (`os.wait4`).",
        table(["bank", "questions", "pipeline", "plain, same pages", "plain, topic pages only"],
              memory),
    ])
