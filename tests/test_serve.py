"""`make serve` (`mkdocs serve --dirty`) on a copy of the fixture bank: an edit reaches the served
page, the fast path's pages equal a full build's byte for byte, and a bad edit never stops the
server. Behaviour only: how fast is `make bench`'s business (benchmarks/edit_reload.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.serve_session import ServeSession, replace_in_file
from macros.mkdocs_hooks import PROBLEM_BANNER_ID
from tests.conftest import QUIET_MKDOCS, ROOT, build_site, overlay_bank

pytestmark = pytest.mark.site

QUESTION = "basics/first-question.yaml"
TITLE = "What is recall?"
# Stale during `make serve` by design (rewritten on a restart): the exports, the self-quiz's data
# and the search index (its chunks, texts, result table and the search box's data).
STALE_FILES = {"exports/ml-interview-questions.json", "exports/ml-interview-questions.csv",
               "exports/ml-interview-questions.apkg"}
STALE_FOLDERS = ("search/", "assets/quiz/")


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

    assert_same_site(fast_site, full_site, "a title edit")
    assert edited_title in (fast_site / "q/first-question/index.html").read_text()


def _site_files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def assert_same_site(fast_site: Path, full_site: Path, step: str) -> None:
    """The fast path's site equals a full build's, byte for byte, stale files aside."""
    # The index's chunks are named by their content hash: a stale index has other names.
    fast = {f for f in _site_files(fast_site) if not _stale(f)}
    full = {f for f in _site_files(full_site) if not _stale(f)}
    assert fast == full, f"{step}: only in the fast path: {sorted(fast - full)}; only in the " \
        f"full build: {sorted(full - fast)}"
    different = [name for name in sorted(full)
                 if (fast_site / name).read_bytes() != (full_site / name).read_bytes()]
    assert not different, f"{step}: the fast path rendered these differently: {different}"
    # A fragment token that reached a page (an anchor made of one, say) would differ between
    # builds whose stores numbered the fragments differently.
    leaks = [name for name in sorted(full) if name.endswith(".html")
             and b"mlqfrag" in (full_site / name).read_bytes().lower()]
    assert not leaks, f"{step}: fragment tokens left in {leaks}"


# A bank with a split topic (two sections) and a topic without sections, so questions can move
# between sections and topics without changing the navigation (a change of navigation rebuilds
# everything, which is not the path under test).
SPLIT_TOPICS = """topics:
  - id: basics
    title: Basics
    summary: A small valid bank that the error fixtures are laid over.
    sections:
      - id: core
        title: Core metrics
        summary: Recall and precision.
      - id: more
        title: More metrics
        summary: The rest.
  - id: advanced
    title: Advanced
    summary: Questions without sections.
"""


def _question(qid: str, title: str, related: str = "[]", section: str | None = None) -> str:
    text = (FIRST_QUESTION.read_text(encoding="utf-8")
            .replace("id: first-question", f"id: {qid}")
            .replace("question: What is recall?", f"question: {title}")
            .replace("related: [second-question]", f"related: {related}"))
    return text.replace("question: ", f"section: {section}\nquestion: ", 1) if section else text


FIRST_QUESTION = ROOT / "tests/fixtures/valid-bank/basics/first-question.yaml"


def _split_bank(target: Path) -> Path:
    bank = overlay_bank(target, None)
    (bank / "topics.yaml").write_text(SPLIT_TOPICS, encoding="utf-8")
    for name in ("first-question", "second-question"):
        path = bank / "basics" / f"{name}.yaml"
        path.write_text(path.read_text().replace("question: ", "section: core\nquestion: ", 1))
    (bank / "basics/third-question.yaml").write_text(
        _question("third-question", "What is the F1 score?", section="more"))
    (bank / "advanced/fourth-question.yaml").parent.mkdir()
    (bank / "advanced/fourth-question.yaml").write_text(
        _question("fourth-question", "What is log loss?"))
    return bank


# Each step is saved, then rebuilt by the fast path and compared with a full build.
STEPS = [
    ("an answer edit", [{"replace": "basics/first-question.yaml",
                         "old": "of the cases that are truly positive",
                         "new": "Zqx-edited of the cases that are truly positive"}]),
    ("the edit reverted", [{"replace": "basics/first-question.yaml",
                            "old": "Zqx-edited of the cases", "new": "of the cases"}]),
    ("a related ID changed, then the related question's title and a short answer",
     [{"replace": "basics/first-question.yaml", "old": "related: [second-question]",
       "new": "related: [third-question]"},
      {"replace": "basics/third-question.yaml", "old": "question: What is the F1 score?",
       "new": "question: What is the F1 score, the harmonic mean?"},
      {"replace": "advanced/fourth-question.yaml", "old": "short_answer: The share",
       "new": "short_answer: Zqx-short the share"}]),
    ("a question moved to another section", [{"replace": "basics/second-question.yaml",
                                              "old": "section: core", "new": "section: more"}]),
    ("a question moved to another topic (its file moved)",
     [{"move": "basics/third-question.yaml", "to": "advanced/third-question.yaml"},
      {"replace": "advanced/third-question.yaml", "old": "section: more\n", "new": ""}]),
    ("a question renamed (a new ID, the old one in former_ids)",
     [{"move": "advanced/fourth-question.yaml", "to": "advanced/renamed-question.yaml"},
      {"replace": "advanced/renamed-question.yaml", "old": "id: fourth-question",
       "new": "id: renamed-question\nformer_ids: [fourth-question]"}]),
]


def test_every_step_of_a_serve_session_renders_what_a_full_build_renders(tmp_path):
    """Edits, a revert, related IDs, moves between sections and topics, a rename: after each,
    the fast path's pages equal a full build's (the caches forget what the edit changed)."""
    from benchmarks.fast_path import apply_edits

    bank = _split_bank(tmp_path)
    steps = tmp_path / "steps.json"
    steps.write_text(json.dumps([edits for _, edits in STEPS]))
    fast_site = tmp_path / "fast-site"
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.fast_path", str(bank), str(fast_site), "--steps",
         str(steps)], cwd=ROOT, env={**os.environ, **QUIET_MKDOCS}, capture_output=True,
        text=True, timeout=1200)
    assert result.returncode == 0, result.stdout + result.stderr
    rebuilds = json.loads(result.stdout.strip().splitlines()[-1])["rebuilds"]
    # The same bank again, at the same path (the pages link to their source file's path).
    shutil.rmtree(bank)
    full_bank = _split_bank(tmp_path)
    for number, ((step, edits), rebuild) in enumerate(zip(STEPS, rebuilds), start=1):
        # the incremental path, not a full rebuild: a page the edits cannot change stays
        assert "conventions/index.html" not in rebuild["written"], step
        apply_edits(full_bank, edits)
        full_site = tmp_path / f"full-site.{number}"
        full = build_site(full_site, full_bank)
        assert full.returncode == 0, full.stdout + full.stderr
        assert_same_site(Path(f"{fast_site}.{number}"), full_site, step)
    # what the steps should have shown, seen in the fast path's last site
    last = Path(f"{fast_site}.{len(STEPS)}")
    first = (last / "q/first-question/index.html").read_text()
    assert "Zqx-edited" not in first and "harmonic mean" in first
    assert (last / "q/renamed-question/index.html").is_file()
    assert "../renamed-question/" in (last / "q/fourth-question/index.html").read_text()


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


def _live_reload_server(tmp_path: Path):
    from mkdocs.livereload import LiveReloadServer

    folder, single = tmp_path / "bank", tmp_path / "mkdocs.yml"
    folder.mkdir()
    (folder / "a.yaml").write_text("a: 1\n")
    single.write_text("site_name: x\n")
    (tmp_path / "other.txt").write_text("beside the single file\n")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0,
                              root=str(tmp_path))
    server.watch(str(folder))
    server.watch(str(single))
    return server, folder, single


def _rebuild_wanted(server, timeout: float = 5) -> bool:
    with server._rebuild_cond:
        wanted = server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=timeout)
        server._want_rebuild = False
        return wanted


def test_the_server_hears_saves_from_file_events_and_ignores_reads(tmp_path, monkeypatch):
    from watchdog.observers.polling import PollingObserver

    from macros import mkdocs_hooks

    monkeypatch.delenv(mkdocs_hooks.POLL_ENV, raising=False)
    server, folder, single = _live_reload_server(tmp_path)
    mkdocs_hooks._watch_with_file_events(server)
    try:
        assert not isinstance(server.observer, PollingObserver)
        assert server.build_delay == mkdocs_hooks.BUILD_DELAY
        assert sorted(server._watched_paths) == sorted([str(folder), str(single)])
        time.sleep(0.2)
        (folder / "a.yaml").read_text()  # the build reads every watched file: no rebuild
        (tmp_path / "other.txt").write_text("changed\n")  # beside a watched file: not watched
        assert not _rebuild_wanted(server, timeout=0.5)
        (folder / "a.yaml").write_text("a: 2\n")
        assert _rebuild_wanted(server)
        # A file saved the way many editors do (a copy renamed over it) is still heard after.
        for value in (3, 4):
            copy = tmp_path / "mkdocs.yml.tmp"
            copy.write_text(f"site_name: {value}\n")
            os.replace(copy, single)
            assert _rebuild_wanted(server), value
    finally:
        server.observer.stop()
        server.observer.join()
        server.server_close()


def test_polling_stays_when_asked_for(tmp_path, monkeypatch):
    from watchdog.observers.polling import PollingObserver

    from macros import mkdocs_hooks

    monkeypatch.setenv(mkdocs_hooks.POLL_ENV, "1")
    server, _, _ = _live_reload_server(tmp_path)
    mkdocs_hooks._watch_with_file_events(server)
    server.server_close()
    assert isinstance(server.observer, PollingObserver) and not server.observer.is_alive()
