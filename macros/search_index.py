"""Writes the site's search files under `site/search/`, from one record per question
(macros/search_records.py):

- `search-data.json`: what the box needs before any query (filter names, phrases of synonym
  groups, words to correct typos to, letter-word pairs the bank joins, the index's chunk list);
  preloaded once a page is idle;
- `search-records.json`: the result table (each question's ID, title, topic, difficulty and
  roles, by question number), preloaded with it;
- `index/`: the index's chunks (macros/search_postings.py), fetched as query words need them;
- `text/<id>.txt`: each question's own words, fetched for a result's snippet.

Called by the build's on_post_build step.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from macros.bank import Bank
from macros.render.rendered import RenderedBank
from macros.search_postings import index_files
from macros.search_records import SearchRecord, question_records, result_table, search_data

SEARCH_DIR = "search"
DATA_FILE = f"{SEARCH_DIR}/search-data.json"
RECORDS_FILE = f"{SEARCH_DIR}/search-records.json"
INDEX_DIR = f"{SEARCH_DIR}/index"
TEXT_DIR = f"{SEARCH_DIR}/text"


def _write_json(path: Path, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def write_search_index(bank: Bank, site_dir: Path,
                       rendered: RenderedBank | None = None) -> list[SearchRecord]:
    records = question_records(bank, rendered)
    index = index_files([list(record.fields) for record in records])
    for folder in (INDEX_DIR, TEXT_DIR):
        if (site_dir / folder).exists():
            shutil.rmtree(site_dir / folder)
        (site_dir / folder).mkdir(parents=True)
    for name, text in index.files.items():
        (site_dir / INDEX_DIR / name).write_text(text, encoding="utf-8")
    for record in records:
        (site_dir / TEXT_DIR / f"{record.id}.txt").write_text(record.text, encoding="utf-8")
    data = search_data(bank, records)
    data["index"] = index.chunks
    _write_json(site_dir / DATA_FILE, data)
    _write_json(site_dir / RECORDS_FILE, result_table(records))
    return records
