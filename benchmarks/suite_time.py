"""Wall time of the whole test suite on a clean clone (opt-in: it takes many minutes).

    python -m benchmarks.suite_time            # pytest in a fresh clone, reusing this checkout's
                                               # installed environments (read-only)
    python -m benchmarks.suite_time --make     # `make test` in a fresh clone that installs its
                                               # own .venv and node_modules (needs the network)

The default clones the repository (committed files only) into a temporary folder, links this
checkout's node_modules into it (only read: KaTeX for the builds) and runs `python -m pytest`
there with this interpreter: `make test` minus its setup step. It never runs `make` against the
linked folders: `npm ci` would empty the folder a link points to. With `--make`, the clone gets
nothing linked and `make test` sets everything up itself, as a new contributor's first run does.
Appends the figure to benchmarks/RESULTS.md.
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


def main(argv: list[str]) -> int:
    with_make = "--make" in argv
    with tempfile.TemporaryDirectory(prefix="mlq-suite-") as tmp:
        clone = Path(tmp) / "clone"
        subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone)],
                       check=True)
        if with_make:
            args = ["make", "test"]
        else:
            (clone / "node_modules").symlink_to((ROOT / "node_modules").resolve())
            args = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
        load = os.getloadavg()[0]
        start = time.monotonic()
        result = subprocess.run(args, cwd=clone, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        seconds = time.monotonic() - start
    what = "`make test` (setup included)" if with_make else "`python -m pytest` (setup excluded)"
    line = (f"- {datetime.date.today().isoformat()}, `{commit()}`: {what} on a clean clone: "
            f"{seconds / 60:.1f} min, exit code {result.returncode}, load average before "
            f"{load:.1f}")
    print(line)
    with RESULTS.open("a") as handle:
        handle.write(f"\n## Test suite wall time\n\n{line}\n")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
