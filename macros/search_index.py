"""Writes the site's search index: Pagefind's files in `site/pagefind/` built from one record per
question (macros/search_records.py), and for the search box `site/search/search-data.json`
(preloaded with Pagefind) and `site/search/search-records.json` (each result's title, topic and
difficulty by Pagefind's page id, loaded when the reader opens the box).

Called by the build's on_post_build step. Pagefind's indexing binary comes with PyPI
`pagefind[bin]` (no download at build time) and runs as `python -m pagefind`.
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from macros.bank import Bank
from macros.pagefind_canonical import MAGIC, canonicalise
from macros.render.rendered import RenderedBank
from macros.search_records import SearchRecord, question_records, result_table, search_data

PAGEFIND_DIR = "pagefind"
DATA_FILE = "search/search-data.json"
RECORDS_FILE = "search/search-records.json"


def _index(records: list[SearchRecord], output: Path) -> None:
    """Runs Pagefind's indexing binary once over the records, written as files to a folder. (Not
    its Python API: that answers one request per 0.1 s, and it stops the binary as soon as the
    binary answers, which can cut the last file it writes short.) A result's link is its `url`
    meta field, not the file's path."""
    with tempfile.TemporaryDirectory(prefix="mlq-search-records-") as tmp:
        for record in records:
            (Path(tmp) / f"{record.id}.html").write_text(record.html, encoding="utf-8")
        run = subprocess.run([sys.executable, "-m", "pagefind", "--site", tmp, "--output-path",
                              str(output), "--force-language", "en", "--silent"],
                             capture_output=True, text=True, timeout=600)
        if run.returncode != 0:
            raise RuntimeError(f"pagefind failed ({run.returncode}):\n{run.stdout}{run.stderr}")


def fragment_urls(output: Path) -> dict[str, str]:
    """Each Pagefind fragment's name (the page id a search result carries) and its `url` meta
    field. A fragment is gzip of `pagefind_dcd` + JSON."""
    urls = {}
    for path in (output / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(MAGIC), path
        urls[path.name.removesuffix(".pf_fragment")] = json.loads(raw[len(MAGIC):])["meta"]["url"]
    return urls


def _write_json(path: Path, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def write_search_index(bank: Bank, site_dir: Path,
                       rendered: RenderedBank | None = None) -> list[SearchRecord]:
    records = question_records(bank, rendered)
    output = site_dir / PAGEFIND_DIR
    if output.exists():
        shutil.rmtree(output)
    _index(records, output.resolve())
    canonicalise(output)  # filter files in a stable order: reproducible builds
    # Unused here: Pagefind's own UIs and highlighter (the site has its own box and does not
    # mark pages) and the runtime for pages of no language (every record is English). Its
    # worker stays: searching a large bank on the page's thread would stall typing.
    unused = [*output.glob("pagefind-*ui*"), output / "pagefind-highlight.js",
              output / "wasm.unknown.pagefind"]
    for path in unused:
        path.unlink(missing_ok=True)
    _write_json(site_dir / DATA_FILE, search_data(bank, records))
    _write_json(site_dir / RECORDS_FILE, result_table(records, fragment_urls(output)))
    return records
