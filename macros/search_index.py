"""Writes the site's search index: Pagefind's files in `site/pagefind/` built from one record per
question (macros/search_records.py), and `site/search/search-data.json` for the search box.

Called by the build's on_post_build step. Pagefind's Python API runs its indexing binary (PyPI
`pagefind[bin]`, no download at build time) as a child process.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import tempfile
from pathlib import Path

from macros.bank import Bank
from macros.search_records import SearchRecord, question_records, search_data

PAGEFIND_DIR = "pagefind"
DATA_FILE = "search/search-data.json"


async def _index(records: list[SearchRecord], output: Path) -> None:
    """One request for the whole bank: the records are written to a folder Pagefind reads.
    (Pagefind's Python client answers one request per 0.1 s, so a request per record would take
    minutes on a large bank.) A result's link is its `url` meta field, not the file's path."""
    from pagefind.index import IndexConfig, PagefindIndex

    with tempfile.TemporaryDirectory(prefix="mlq-search-records-") as tmp:
        for record in records:
            (Path(tmp) / f"{record.id}.html").write_text(record.html, encoding="utf-8")
        config = IndexConfig(force_language="en", output_path=str(output))
        async with PagefindIndex(config=config) as index:
            await index.add_directory(path=tmp, glob="*.html")


def write_search_index(bank: Bank, site_dir: Path) -> list[SearchRecord]:
    records = question_records(bank)
    output = site_dir / PAGEFIND_DIR
    if output.exists():
        shutil.rmtree(output)
    asyncio.run(_index(records, output.resolve()))
    for unused in output.glob("pagefind-*ui*"):  # Pagefind's own UIs: the site has its own
        unused.unlink()
    (output / "pagefind-highlight.js").unlink(missing_ok=True)
    data = site_dir / DATA_FILE
    data.parent.mkdir(parents=True, exist_ok=True)
    data.write_text(json.dumps(search_data(bank), ensure_ascii=False, separators=(",", ":")),
                    encoding="utf-8")
    return records
