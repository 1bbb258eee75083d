"""The `make serve` fast path without a server: two dirty builds in one process, a question
edited in between, exactly as `mkdocs serve --dirty` runs them (the same hooks, the same module
state), but into a site folder the caller chooses and with the configured site_url, so the result
can be compared byte for byte with a full `mkdocs build --strict` of the edited bank.

    python -m benchmarks.fast_path BANK SITE_DIR FILE OLD NEW

builds BANK into SITE_DIR, replaces OLD by NEW in FILE, rebuilds, and prints as JSON the
seconds of each build and the output files the rebuild wrote.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVE_URL = "http://127.0.0.1:8000/"


def _outputs(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns
            for p in site.rglob("*") if p.is_file()}


def main(bank: str, site_dir: str, file: str, old: str, new: str) -> None:
    os.environ["MLQ_BANK"] = bank
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    def config():
        return load_config(str(ROOT / "mkdocs.yml"), site_dir=site_dir)

    first = config()
    first.plugins.on_startup(command="serve", dirty=True)
    start = time.monotonic()
    build(first, serve_url=SERVE_URL, dirty=True)
    first_s = time.monotonic() - start
    before = _outputs(Path(site_dir))
    time.sleep(0.05)  # distinct modification times for what the rebuild writes
    path = Path(file)
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    start = time.monotonic()
    build(config(), serve_url=SERVE_URL, dirty=True)
    rebuild_s = time.monotonic() - start
    after = _outputs(Path(site_dir))
    written = sorted(name for name, mtime in after.items() if before.get(name) != mtime)
    print(json.dumps({"first_build_s": first_s, "rebuild_s": rebuild_s, "written": written}))


if __name__ == "__main__":
    main(*sys.argv[1:6])
