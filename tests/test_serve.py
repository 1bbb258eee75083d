"""`make serve` (`mkdocs serve --dirty`) on a copy of the fixture bank: an edit reaches the served
page, the fast path's pages equal a full build's byte for byte, and a bad edit never stops the
server. Behaviour only: how fast is `make bench`'s business (benchmarks/edit_reload.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.serve_session import ServeSession, replace_in_file
from macros.mkdocs_hooks import PROBLEM_BANNER_ID
from tests.conftest import QUIET_MKDOCS, ROOT, build_site, overlay_bank

pytestmark = pytest.mark.site

QUESTION = "basics/first-question.yaml"
TITLE = "What is recall?"
# Stale during `make serve` by design (rewritten on a restart): the exports, the self-quiz's data
# and the search index (Pagefind's files and the search box's data).
STALE_FILES = {"exports/ml-interview-questions.json", "exports/ml-interview-questions.csv",
               "exports/ml-interview-questions.apkg"}
STALE_FOLDERS = ("pagefind/", "search/", "assets/quiz/")


def _stale(name: str) -> bool:
    return name in STALE_FILES or name.startswith(STALE_FOLDERS)


def test_the_fast_path_renders_what_a_full_build_renders(tmp_path):
    bank = overlay_bank(tmp_path / "bank", None)
    fast_site = tmp_path / "fast"
    edited_title = "What is recall, also called sensitivity?"
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.fast_path", str(bank), str(fast_site),
         str(bank / QUESTION), f"question: {TITLE}", f"question: {edited_title}"],
        cwd=ROOT, env={**os.environ, **QUIET_MKDOCS}, capture_output=True, text=True,
        timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    written = set(json.loads(result.stdout.strip().splitlines()[-1])["written"])
    # The pages that show the title were rebuilt; a page that does not was left as it was.
    assert {"q/first-question/index.html", "q/second-question/index.html",
            "topics/basics/index.html"} <= written
    assert "conventions/index.html" not in written
    full_site = tmp_path / "full"
    full = build_site(full_site, bank)
    assert full.returncode == 0, full.stdout + full.stderr

    def files(site: Path) -> set[str]:
        return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}

    # Pagefind's files are named by their content hash: the stale index has other names.
    assert {f for f in files(fast_site) if not _stale(f)} == \
        {f for f in files(full_site) if not _stale(f)}
    different = [name for name in sorted(files(full_site)) if not _stale(name)
                 and (fast_site / name).read_bytes() != (full_site / name).read_bytes()]
    assert not different, f"the fast path rendered these differently: {different}"
    assert edited_title in (fast_site / "q/first-question/index.html").read_text()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    bank = overlay_bank(tmp_path_factory.mktemp("serve"), None)
    with ServeSession(bank) as session:
        yield session


def test_an_edit_shows_on_the_served_page(served):
    page = "q/first-question/"
    assert TITLE in served.get(page)
    replace_in_file(served.bank / QUESTION, "The share of actual positives",
                    "Zqx-edited the share of actual positives")
    served.wait_for(page, lambda html: "Zqx-edited" in html)
    # The topic page that lists the answer follows too.
    assert "Zqx-edited" in served.get("topics/basics/")


def test_a_bad_edit_keeps_the_last_good_pages_and_shows_the_problems(served):
    page = "q/second-question/"
    path = served.bank / "basics/second-question.yaml"
    good = path.read_text(encoding="utf-8")
    before = served.get(page)
    assert PROBLEM_BANNER_ID not in before
    path.write_text(good.replace("difficulty: ", "difficulty: impossible-"), encoding="utf-8")
    served.wait_for(page, lambda html: PROBLEM_BANNER_ID in html)
    html = served.get(page)
    problem = f"{path}:"
    assert problem in html and "E006" in html, html[-3000:]
    # The same line in the terminal, and the server still running.
    line = next(line for line in served.log.splitlines() if "E006" in line)
    assert line.startswith(str(path)) and served.proc.poll() is None
    # The page still shows the last good version (the banner aside).
    assert html.split(f'<div id="{PROBLEM_BANNER_ID}"')[0].startswith(
        before.split("<script>")[0][:2000])
    # Every served page carries the banner until the file is fixed.
    assert PROBLEM_BANNER_ID in served.get("")
    path.write_text(good, encoding="utf-8")
    served.wait_for(page, lambda html: PROBLEM_BANNER_ID not in html)


def test_a_full_build_still_fails_on_an_invalid_bank(tmp_path):
    bank = overlay_bank(tmp_path / "bank", None)
    path = bank / "basics/second-question.yaml"
    path.write_text(path.read_text().replace("difficulty: ", "difficulty: impossible-"))
    result = build_site(tmp_path / "site", bank)
    assert result.returncode != 0
    assert "E006" in result.stdout + result.stderr
