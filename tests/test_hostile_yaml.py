"""Hostile input (issue #17, "untrusted text is inert"): every payload below is either refused
with a `path:line: CODE name: message` line, quickly and without a traceback, or comes out
neutralised.

Payloads that could hang or crash a reader run in a subprocess with a timeout; the rest run
in-process against a copy of the valid fixture bank.
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from macros import exports
from macros.bank import load_bank
from macros.site_pages import UnsafePagePath, check_page_path
from tests.conftest import ROOT, overlay_bank

QUESTION = "basics/first-question.yaml"
LINE = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+): (?P<code>E\d{3}) [a-z-]+: .+$")


def _bank(tmp_path: Path) -> Path:
    return overlay_bank(tmp_path, None)


def _question_text(bank: Path) -> str:
    return (bank / QUESTION).read_text(encoding="utf-8")


def _replace(bank: Path, old: str, new: str, name: str = QUESTION) -> None:
    path = bank / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(bank: Path, budget: float = 5.0) -> list[str]:
    start = time.monotonic()
    _, problems = load_bank(bank)
    assert time.monotonic() - start < budget, "reading the bank took too long"
    lines = [str(p) for p in problems]
    for line in lines:
        assert LINE.match(line), line
    return lines


def _codes(lines: list[str]) -> list[str]:
    return sorted({LINE.match(line)["code"] for line in lines})


def _cli(bank: Path, timeout: float = 30) -> list[str]:
    """`python -m macros check` in a subprocess: no traceback, and finished within `timeout`."""
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "macros", "check", str(bank)], cwd=ROOT,
                            capture_output=True, text=True, timeout=timeout)
    assert time.monotonic() - start < timeout
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()[:-1]
    for line in lines:
        assert LINE.match(line), line
    return lines


# --- 2. the YAML reader ------------------------------------------------------------------------

def _alias_bomb(levels: int = 9) -> str:
    text = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
    for level in range(1, levels + 1):
        text += f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]\n"
    return text


def test_an_alias_bomb_fails_fast_with_its_line(tmp_path):
    bank = _bank(tmp_path)
    text = _alias_bomb()
    assert len(text) < 700
    (bank / QUESTION).write_text(text)
    lines = _cli(bank, timeout=20)
    assert len(lines) == 1, lines
    assert ":1: E026 yaml-feature: anchor '&a0'" in lines[0]


def test_billion_laughs_fails_fast(tmp_path):
    bank = _bank(tmp_path)
    text = 'lol: &lol "lol"\n'
    for level in range(1, 10):
        previous = "lol" if level == 1 else f"lol{level - 1}"
        text += f"lol{level}: &lol{level} [" + ", ".join([f"*{previous}"] * 10) + "]\n"
    (bank / QUESTION).write_text(_question_text(bank) + text)
    lines = _cli(bank, timeout=20)
    assert [LINE.match(line)["code"] for line in lines] == ["E026"]


def test_an_alias_bomb_in_a_registry_fails_fast(tmp_path):
    bank = _bank(tmp_path)
    (bank / "tags.yaml").write_text(_alias_bomb() + "tags: []\n")
    lines = _cli(bank, timeout=20)
    assert any("tags.yaml:1: E026" in line for line in lines), lines


def test_a_merge_key_with_another_error_is_one_clean_line(tmp_path):
    bank = _bank(tmp_path)
    text = _question_text(bank).replace("difficulty: easy", "difficulty: easy\ncolour: red")
    text = text.replace("follow_ups:\n", "base: &base {question: Q?, answer: A.}\nfollow_ups:\n"
                        "  - <<: *base\n    extra: 1\n", 1)
    (bank / QUESTION).write_text(text)
    lines = _problems(bank)
    assert _codes(lines) == ["E026"], lines


def test_a_merge_key_without_an_anchor_is_refused(tmp_path):
    bank = _bank(tmp_path)
    _replace(bank, "follow_ups:\n  - question:", "follow_ups:\n  - <<: {answer: x}\n    question:")
    lines = _problems(bank)
    assert len(lines) == 1 and "E026 yaml-feature: merge key '<<'" in lines[0], lines


def test_a_python_tag_is_refused(tmp_path):
    bank = _bank(tmp_path)
    _replace(bank, "difficulty: easy", 'difficulty: !!python/object/apply:os.system ["true"]')
    lines = _problems(bank)
    assert len(lines) == 1 and "E026 yaml-feature: tag '!!python/object/apply:os.system'" \
        in lines[0], lines


@pytest.mark.parametrize("payload", ["x: " + "[" * 300 + "]" * 300 + "\n",
                                     "x: " + "{a: " * 300 + "1" + "}" * 300 + "\n",
                                     "".join(f"{'  ' * i}k{i}:\n" for i in range(60)) + "  " * 60
                                     + "v\n"],
                         ids=["brackets", "braces", "block"])
def test_deep_nesting_is_refused_without_a_recursion_error(tmp_path, payload):
    bank = _bank(tmp_path)
    (bank / QUESTION).write_text(_question_text(bank) + payload)
    lines = _cli(bank, timeout=20)
    assert [LINE.match(line)["code"] for line in lines] == ["E027"], lines


def test_a_huge_file_is_refused_naming_the_limit(tmp_path):
    bank = _bank(tmp_path)
    (bank / QUESTION).write_text(_question_text(bank) + "# padding\n" * 8000)
    lines = _problems(bank)
    assert len(lines) == 1 and "E028 too-large: file is" in lines[0] \
        and "65,536 bytes (64 KiB)" in lines[0], lines


def test_a_huge_answer_is_refused_naming_the_limit(tmp_path):
    bank = _bank(tmp_path)
    _replace(bank, "answer: |\n", "answer: |\n  " + "word " * 3400 + "\n")
    lines = _problems(bank)
    assert _codes(lines) == ["E028"] and "the limit is 16,384" in lines[0], lines


def test_a_huge_title_is_refused(tmp_path):
    bank = _bank(tmp_path)
    _replace(bank, "  - title: ", "  - title: " + "Long " * 100)
    lines = _problems(bank)
    assert _codes(lines) == ["E028"] and "references[0].title" in lines[0], lines


@pytest.mark.parametrize("name", ["basics/other.yml", "basics/other.YAML", "basics/notes.md",
                                  "stray.txt"])
def test_files_that_are_not_question_yaml_are_reported(tmp_path, name):
    bank = _bank(tmp_path)
    (bank / name).write_text(_question_text(bank))
    lines = _problems(bank)
    assert len(lines) == 1 and f"{name}:1: E029 stray-file" in lines[0], lines


def test_a_question_file_symlinked_from_outside_is_refused_and_its_target_not_shown(tmp_path):
    bank = _bank(tmp_path / "repo")
    outside = tmp_path / "elsewhere" / "secret-place"
    outside.mkdir(parents=True)
    (outside / "second-question.yaml").write_text(
        _question_text(bank).replace("first-question", "second-question"))
    (bank / "basics" / "linked.yaml").symlink_to(outside / "second-question.yaml")
    lines = _problems(bank)
    assert len(lines) == 1 and "basics/linked.yaml:1: E030 symlink" in lines[0], lines
    assert "secret-place" not in "\n".join(lines)


def test_a_symlinked_folder_is_refused(tmp_path):
    bank = _bank(tmp_path / "repo")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "x-question.yaml").write_text("id: x-question\n")
    (bank / "basics" / "more").symlink_to(outside, target_is_directory=True)
    lines = _problems(bank)
    assert len(lines) == 1 and "basics/more:1: E030 symlink" in lines[0], lines


def test_a_symlinked_registry_is_refused(tmp_path):
    bank = _bank(tmp_path / "repo")
    real = tmp_path / "tags-elsewhere.yaml"
    real.write_text((bank / "tags.yaml").read_text())
    (bank / "tags.yaml").unlink()
    (bank / "tags.yaml").symlink_to(real)
    lines = _problems(bank)
    assert any("tags.yaml:1: E030 symlink" in line for line in lines), lines


def test_a_file_that_is_not_utf8_is_one_line(tmp_path):
    bank = _bank(tmp_path)
    (bank / QUESTION).write_bytes(b"id: first-question\nquestion: \xff\xfe\n")
    assert _codes(_problems(bank)) == ["E001"]


def test_two_documents_in_one_file_are_one_line(tmp_path):
    bank = _bank(tmp_path)
    (bank / QUESTION).write_text(_question_text(bank) + "---\nid: other\n")
    assert _codes(_problems(bank)) == ["E001"]


# --- 1. former_ids -----------------------------------------------------------------------------

@pytest.mark.parametrize("value", ['x" onload="alert(1)', "../index", "../../../../tmp/pwned",
                                   "q/../../index", "UPPER", "a b"])
def test_former_ids_must_be_kebab_case(tmp_path, value):
    bank = _bank(tmp_path)
    _replace(bank, "reviewed:", f"former_ids: ['{value}']\nreviewed:")
    lines = _problems(bank)
    assert len(lines) == 1 and "E006 bad-value: former_ids[0]" in lines[0], lines


def test_a_former_id_may_not_be_the_questions_own_id(tmp_path):
    bank = _bank(tmp_path)
    _replace(bank, "reviewed:", "former_ids: [first-question]\nreviewed:")
    lines = _problems(bank)
    assert len(lines) == 1 and "E008 duplicate-id: former_ids lists 'first-question', the " \
        "question's own id" in lines[0], lines


def test_a_former_id_may_not_be_another_questions_id_or_former_id(tmp_path):
    bank = _bank(tmp_path)
    _replace(bank, "reviewed:", "former_ids: [second-question, old-name]\nreviewed:")
    _replace(bank, "reviewed:", "former_ids: [old-name]\nreviewed:", "basics/second-question.yaml")
    lines = _problems(bank)
    assert _codes(lines) == ["E008"], lines
    assert any("ID 'second-question' is also used by" in line for line in lines)
    assert sum("ID 'old-name' is also used by" in line for line in lines) == 2


@pytest.mark.parametrize("src", ["q/../index.md", "../outside.md", "/etc/passwd.md",
                                 "q/x\" onload=\"alert(1).md", "q/./x.md", "q//x.md"])
def test_the_page_writer_refuses_paths_that_leave_the_site(src):
    with pytest.raises(UnsafePagePath, match="refusing to generate"):
        check_page_path(src)


def test_every_generated_page_of_the_real_bank_passes_the_path_check():
    from macros import links
    from macros.site_pages import generated_pages

    bank, _ = load_bank()
    from macros.render.fragments import FragmentStore
    from macros.render.rendered import render_bank

    pages = generated_pages(bank, render_bank(bank),
                            links.Repository("https://github.com/example/example"),
                            FragmentStore())
    assert all(check_page_path(src) == src for src in pages)


# --- 3. registries -----------------------------------------------------------------------------

def test_a_script_in_a_topic_summary_is_refused(tmp_path):
    bank = _bank(tmp_path)
    _replace(bank, "summary: ", "summary: <script>alert(1)</script> ", "topics.yaml")
    lines = _problems(bank)
    assert len(lines) == 1 and "topics.yaml:4: E014 unsafe-html: topics[0].summary" in lines[0], \
        lines


def test_an_event_handler_in_a_tag_title_is_refused(tmp_path):
    bank = _bank(tmp_path)
    _replace(bank, "title: ", 'title: <img src=x onerror="alert(1)"> ', "tags.yaml")
    lines = _problems(bank)
    assert _codes(lines) == ["E014"] and "tags.yaml" in lines[0], lines


def test_an_http_url_in_the_metrics_registry_is_refused(tmp_path):
    bank = _bank(tmp_path)
    _replace(bank, "url: https://", "url: http://", "metrics.yaml")
    lines = _problems(bank)
    assert _codes(lines) == ["E031"] and "metrics.yaml" in lines[0], lines


def test_an_anchor_in_the_chooser_is_refused(tmp_path):
    bank = _bank(tmp_path)
    path = bank / "metric-chooser.yaml"
    path.write_text("x: &x 1\n" + path.read_text())
    lines = _problems(bank)
    assert _codes(lines) == ["E026"] and "metric-chooser.yaml:1:" in lines[0], lines


# --- 5. reference URLs -------------------------------------------------------------------------

@pytest.mark.parametrize("url, code", [
    ("http://example.com/page", "E031"),
    ("https://user:secret@example.com/page", "E032"),
    ("https://example.com@evil.example/", "E032"),
    ("https://example.com/" + "a" * 2000, "E033"),
    ("javascript:alert(1)//example.com", "E012"),
    ("https://example.com:99999999/", "E012"),
    ("https://exa\tmple.com/", "E012"),
])
def test_reference_urls_are_https_without_user_info_and_not_too_long(tmp_path, url, code):
    bank = _bank(tmp_path)
    text = _question_text(bank)
    old = re.search(r"url: (\S+)", text)[1]
    (bank / QUESTION).write_text(text.replace(old, f'"{url}"'))
    lines = _problems(bank)
    assert _codes(lines) == [code], lines
    assert all(len(line) < 400 for line in lines)


# --- 4. CSV --------------------------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("https://evil.example","x")', "+1+1", "-2+3", "@SUM(A1:A2)",
            "\t=1", "\r=1", '=cmd|" /C calc"!A0']


def _record(**fields) -> dict:
    base = {column: "plain" for column in exports.CSV_COLUMNS}
    base.update(roles=["ml-engineer"], tags=["a", "b"])
    base.update(fields)
    return base


@pytest.mark.parametrize("payload", FORMULAS)
def test_csv_cells_that_start_a_formula_are_neutralised_and_round_trip(payload):
    record = _record(question=payload, answer=f"{payload}\nsecond line, with \"quotes\"")
    text = exports.csv_export([record])
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 1
    assert rows[0]["question"] == "'" + payload
    assert rows[0]["answer"] == "'" + record["answer"]
    for column in exports.CSV_COLUMNS:
        assert not rows[0][column].startswith(exports.CSV_FORMULA_STARTS), column


def test_csv_leaves_ordinary_text_alone():
    record = _record(question="What is 1 - 2?", tags=["x", "y"])
    rows = list(csv.DictReader(io.StringIO(exports.csv_export([record]))))
    assert rows[0]["question"] == "What is 1 - 2?"
    assert rows[0]["tags"] == "x;y"


def test_no_payload_leaves_a_traceback_in_the_cli(tmp_path):
    """The worst of the payloads at once, through the command line."""
    bank = _bank(tmp_path)
    (bank / "basics" / "bomb.yaml").write_text(_alias_bomb())
    (bank / "basics" / "deep.yaml").write_text("x: " + "[" * 1000 + "]" * 1000 + "\n")
    (bank / "basics" / "merge.yaml").write_text("a: &a {b: 1}\nc:\n  <<: *a\n  d: [\n")
    (bank / "basics" / "huge.yaml").write_bytes(b"x: " + b"y" * 200_000 + b"\n")
    if hasattr(os, "mkfifo"):
        os.mkfifo(bank / "basics" / "pipe.yaml")  # reading it would block forever
    lines = _cli(bank, timeout=30)
    codes = {Path(LINE.match(line)["path"]).name: LINE.match(line)["code"] for line in lines}
    assert codes == {"bomb.yaml": "E026", "deep.yaml": "E027", "merge.yaml": "E026",
                     "huge.yaml": "E028", **({"pipe.yaml": "E029"} if hasattr(os, "mkfifo")
                                             else {})}, lines


def test_terminal_escapes_in_bank_text_are_printed_escaped(tmp_path):
    bank = _bank(tmp_path)
    _replace(bank, "id: first-question", 'id: "first\\e[2J\\u202eevil"')
    lines = _problems(bank)
    assert lines and all("\x1b" not in line and "\u202e" not in line for line in lines), lines
    assert any("\\u001b[2J\\u202eevil" in line for line in lines), lines


@pytest.mark.parametrize("former", ["../index", "../../../outside", 'x" onload="alert(1)'])
def test_the_page_writer_refuses_a_former_id_that_slipped_past_validation(monkeypatch, former):
    """Defence in depth: the MkDocs hook itself refuses a path that would leave the site (or
    replace the home page), even for a bank that was never validated."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import Files

    from macros import build_state, mkdocs_hooks
    from tests.conftest import VALID_BANK

    bank, problems = load_bank(VALID_BANK)
    assert not problems
    topic = next(iter(bank.questions))
    first = bank.questions[topic][0]
    bank.questions[topic][0] = first.model_copy(update={"former_ids": [former]})
    from macros.render.rendered import render_bank

    monkeypatch.setattr(build_state, "bank", bank, raising=False)
    monkeypatch.setattr(build_state, "rendered", render_bank(bank), raising=False)
    config = load_config(str(ROOT / "mkdocs.yml"))
    with pytest.raises(PluginError, match="refusing to generate"):
        mkdocs_hooks.on_files(Files([]), config)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_registry_that_is_a_pipe_is_reported_not_read(tmp_path):
    bank = _bank(tmp_path)
    (bank / "tags.yaml").unlink()
    os.mkfifo(bank / "tags.yaml")
    lines = _cli(bank, timeout=20)
    assert any("tags.yaml:1: E029 stray-file: not a regular file" in line for line in lines), lines


def test_a_huge_unknown_key_gives_a_short_report_line(tmp_path):
    bank = _bank(tmp_path)
    _replace(bank, "reviewed:", "? " + "k" * 20000 + "\n: 1\nreviewed:")  # explicit: any length
    lines = _problems(bank)
    assert _codes(lines) == ["E003"] and all(len(line) < 1000 for line in lines), \
        [len(line) for line in lines]
