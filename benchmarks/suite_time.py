"""Wall time of the whole test suite on a clean clone (`make bench` measures it last: it takes
many minutes, and like every figure here it reads high on a busy machine).

    python -m benchmarks.suite_time --make     # what `make bench` runs: `make test` in a fresh
                                               # clone, which installs its own .venv and
                                               # node_modules first (needs the package indexes)
    python -m benchmarks.suite_time            # the suite alone: pytest in a fresh clone, reusing
                                               # this checkout's installed environments
    python -m benchmarks.suite_time [--make] -- -k lock_files   # pytest arguments after `--`

The clone holds the committed files only. With `--make`, nothing is shared with this checkout:
`make setup-test` and then `make test` run in the clone, timed apart (the setup is a new
contributor's first run; `make test` then finds everything installed and runs the suite). Without
it, this checkout's node_modules is linked into the clone (only read: KaTeX for the builds) and
`python -m pytest` runs there with this interpreter; it never runs `make` against the linked
folder (`npm ci` would empty the folder a link points to).

Run alone, it replaces the "Test suite wall time" section of benchmarks/RESULTS.md.
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import RESULTS, ROOT, commit

HEADING = "## Test suite wall time"


def _timed(args: list[str], cwd: Path) -> tuple[float, int]:
    start = time.monotonic()
    result = subprocess.run(args, cwd=cwd, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return time.monotonic() - start, result.returncode


def measure(with_make: bool = True, pytest_args: list[str] | None = None) -> dict:
    pytest_args = pytest_args or []
    result: dict = {"make": with_make, "pytest_args": pytest_args, "commit": commit(),
                    "date": datetime.date.today().isoformat(), "load_before": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(prefix="mlq-suite-") as tmp:
        clone = Path(tmp) / "clone"
        subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone)],
                       check=True)
        if with_make:
            make_args = [f"PYTEST_ARGS={' '.join(pytest_args)}"] if pytest_args else []
            result["setup_s"], result["setup_rc"] = _timed(["make", "setup-test"], clone)
            result["suite_s"], result["returncode"] = _timed(["make", "test", *make_args], clone)
        else:
            (clone / "node_modules").symlink_to((ROOT / "node_modules").resolve())
            result["suite_s"], result["returncode"] = _timed(
                [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *pytest_args],
                clone)
    result["load_after"] = os.getloadavg()[0]
    return result


def report(r: dict) -> str:
    subset = f" (pytest arguments `{' '.join(r['pytest_args'])}`: part of the suite only)" \
        if r["pytest_args"] else ""
    if r["make"]:
        total = r["setup_s"] + r["suite_s"]
        line = (f"`make test` on a clean clone{subset}: **{total / 60:.1f} min**, of which the "
                f"setup (`make setup-test`: a fresh .venv from the lock files, `npm ci`, Debian's "
                f"chromium if missing) took {r['setup_s'] / 60:.1f} min (exit code "
                f"{r['setup_rc']}) and the suite {r['suite_s'] / 60:.1f} min (exit code "
                f"{r['returncode']}).")
    else:
        line = (f"The suite (`python -m pytest` in a clean clone, with this checkout's installed "
                f"environments: `make test` without its setup){subset}: "
                f"**{r['suite_s'] / 60:.1f} min**, exit code {r['returncode']}.")
    return (f"{HEADING}\n\n{line} Load average (1 min) {r['load_before']:.1f} before, "
            f"{r['load_after']:.1f} after: wall time on a busy machine reads high, so measure "
            f"it on a quiet one (`python -m benchmarks suite`). Commit `{r['commit']}`, "
            f"{r['date']}.")


# The section sits between these markers, so it can be measured and replaced on its own.
START, END = "<!-- suite:start -->", "<!-- suite:end -->"


def block(text: str) -> str:
    """The test-suite section of a RESULTS.md text, markers included; empty when absent."""
    if START in text and END in text:
        return text[text.index(START):text.index(END) + len(END)]
    return ""


def replace_section(text: str, section: str) -> str:
    """RESULTS.md's text with its test-suite section replaced by `section` (or added)."""
    new = f"{START}\n{section}\n{END}"
    if block(text):
        return text.replace(block(text), new)
    return text.rstrip("\n") + "\n\n" + new + "\n"


def main(argv: list[str]) -> int:
    pytest_args = argv[argv.index("--") + 1:] if "--" in argv else []
    own = argv[:argv.index("--")] if "--" in argv else argv
    result = measure("--make" in own, pytest_args)
    section = report(result)
    print(section)
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmarks\n"
    RESULTS.write_text(replace_section(old, section), encoding="utf-8")
    return result["returncode"]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
