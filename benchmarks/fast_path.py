"""The `make serve` fast path without a server: dirty builds in one process, the bank edited in
between, exactly as `mkdocs serve --dirty` runs them (the same hooks, the same module state), but
into a site folder the caller chooses and with the configured site_url, so each result can be
compared byte for byte with a full `mkdocs build --strict` of the edited bank.

    python -m benchmarks.fast_path BANK SITE_DIR FILE OLD NEW

builds BANK into SITE_DIR, replaces OLD by NEW in FILE, rebuilds, and prints as JSON the
seconds of each build and the output files the rebuild wrote.

    python -m benchmarks.fast_path BANK SITE_DIR --steps STEPS.json

builds BANK, then for each step of STEPS.json (a list of steps, each a list of edits that
`apply_edits` understands) edits the bank, rebuilds, and copies the site as it then is to
SITE_DIR.<n> (n from 1); prints the seconds and the files written of each rebuild.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVE_URL = "http://127.0.0.1:8000/"


def apply_edits(bank: Path, edits: list[dict]) -> None:
    """Edit the bank as a contributor does, each file written whole at once:
    `{"replace": FILE, "old": ..., "new": ...}` (OLD must be there), `{"write": FILE,
    "text": ...}`, `{"move": FILE, "to": FILE}` and `{"delete": FILE}`; paths relative to
    the bank."""
    for edit in edits:
        if "replace" in edit:
            path = bank / edit["replace"]
            text = path.read_text(encoding="utf-8")
            assert edit["old"] in text, f"{edit['old']!r} is not in {path}"
            path.write_text(text.replace(edit["old"], edit["new"], 1), encoding="utf-8")
        elif "write" in edit:
            path = bank / edit["write"]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(edit["text"], encoding="utf-8")
        elif "move" in edit:
            target = bank / edit["to"]
            target.parent.mkdir(parents=True, exist_ok=True)
            (bank / edit["move"]).rename(target)
        elif "delete" in edit:
            (bank / edit["delete"]).unlink()
        else:
            raise ValueError(f"unknown edit {edit!r}")


def _outputs(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns
            for p in site.rglob("*") if p.is_file()}


def main(bank: str, site_dir: str, steps: list[list[dict]], keep_sites: bool) -> None:
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
    report = {"first_build_s": time.monotonic() - start, "rebuilds": []}
    for number, edits in enumerate(steps, start=1):
        before = _outputs(Path(site_dir))
        time.sleep(0.05)  # distinct modification times for what the rebuild writes
        apply_edits(Path(bank), edits)
        start = time.monotonic()
        build(config(), serve_url=SERVE_URL, dirty=True)
        seconds = time.monotonic() - start
        after = _outputs(Path(site_dir))
        report["rebuilds"].append({
            "rebuild_s": seconds,
            "written": sorted(name for name, mtime in after.items() if before.get(name) != mtime),
            "removed": sorted(name for name in before if name not in after)})
        if keep_sites:
            shutil.copytree(site_dir, f"{site_dir}.{number}", symlinks=True)
    if len(steps) == 1:  # the single edit's figures, as the first form of the command prints
        report.update(rebuild_s=report["rebuilds"][0]["rebuild_s"],
                      written=report["rebuilds"][0]["written"])
    print(json.dumps(report))


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[3] == "--steps":
        main(sys.argv[1], sys.argv[2], json.loads(Path(sys.argv[4]).read_text()), True)
    elif len(sys.argv) == 6:
        bank_, site_, file_, old_, new_ = sys.argv[1:6]
        main(bank_, site_, [[{"replace": os.path.relpath(file_, bank_), "old": old_,
                              "new": new_}]], False)
    else:
        sys.exit(__doc__)
