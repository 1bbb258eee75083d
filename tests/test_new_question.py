"""`python -m macros new` (`make new`): a skeleton that fails the check until a person fills it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from macros.new_question import id_from_title
from tests.conftest import FIXTURES, ROOT, overlay_bank, run_check

NEW = FIXTURES / "new-question"
TITLE = "Why does the F1 score ignore true negatives?"
QID = "why-does-the-f1-score-ignore-true-negatives"


@pytest.fixture
def bank(tmp_path) -> Path:
    return overlay_bank(tmp_path, NEW)


def run_new(bank: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros", "new", *args], cwd=ROOT,
                          env={**os.environ, "MLQ_BANK": str(bank)}, capture_output=True,
                          text=True, timeout=120)


def test_writes_the_golden_skeleton_and_prints_its_path(bank):
    result = run_new(bank, "--topic", "split", "--title", TITLE)
    assert result.returncode == 0, result.stderr
    path = bank / "split" / f"{QID}.yaml"
    assert result.stdout.strip().endswith(f"split/{QID}.yaml")
    golden = FIXTURES / "new-question.expected.yaml"
    assert path.read_text(encoding="utf-8") == golden.read_text(encoding="utf-8")


def test_a_topic_without_sections_gets_no_section_line(bank):
    assert run_new(bank, "--topic", "basics", "--title", TITLE).returncode == 0
    text = (bank / "basics" / f"{QID}.yaml").read_text(encoding="utf-8")
    assert "section:" not in text


def test_refuses_an_existing_id_and_never_overwrites(bank):
    assert run_new(bank, "--topic", "split", "--title", TITLE).returncode == 0
    path = bank / "split" / f"{QID}.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    again = run_new(bank, "--topic", "split", "--title", TITLE)
    assert again.returncode == 1 and "already used" in again.stderr
    assert path.read_text(encoding="utf-8").endswith("# edited\n")
    # The same ID in another topic is refused too: IDs are unique across the bank.
    other = run_new(bank, "--topic", "basics", "--title", "First question")
    assert other.returncode == 1 and "first-question" in other.stderr
    assert not (bank / "basics" / "first-question.yaml").read_text().startswith("# yaml")


def test_refuses_a_former_id(bank):
    first = bank / "basics" / "first-question.yaml"
    first.write_text(first.read_text() + "former_ids: [what-is-recall]\n")
    result = run_new(bank, "--topic", "basics", "--title", "What is recall?")
    assert result.returncode == 1 and "what-is-recall" in result.stderr
    assert not (bank / "basics" / "what-is-recall.yaml").exists()


def test_refuses_an_unknown_topic(bank):
    result = run_new(bank, "--topic", "nope", "--title", TITLE)
    assert result.returncode == 1 and "unknown topic 'nope'" in result.stderr
    assert "basics, split" in result.stderr


def test_the_skeleton_fails_the_check_until_filled(bank):
    assert run_new(bank, "--topic", "split", "--title", TITLE).returncode == 0
    path = bank / "split" / f"{QID}.yaml"
    check = run_check(path)
    assert check.returncode == 1
    codes = {line.split(": ")[1].split()[0] for line in check.stdout.splitlines() if ": E" in line}
    assert {"E013", "E006", "E010", "E012", "E005"} <= codes, check.stdout
    filled = path.read_text(encoding="utf-8")
    for old, new in [
        ("TODO: one or two sentences, the thing to say first in an interview.",
         "Because F1 is built from precision and recall, neither of which counts TN."),
        ("TODO: the full answer in Markdown: intuition, math ($...$), an example, and where the\n"
         "  idea breaks.", "F1 is $2PR/(P+R)$; true negatives appear in neither $P$ nor $R$."),
        ("difficulty: TODO", "difficulty: easy"),
        ("roles: [TODO]", "roles: [data-scientist]"),
        ("tags: [TODO]", "tags: [metrics]"),
        ("TODO the follow-up an interviewer is likely to ask next", "When does that matter?"),
        ("TODO the answer to give, in one to three sentences.", "When negatives dominate."),
        ("TODO what weak candidates say, and why it is wrong.", "Saying F1 uses accuracy."),
        ("TODO the source, with the section or chapter", "scikit-learn User Guide, F-measure"),
        ("url: TODO", "url: https://scikit-learn.org/stable/modules/model_evaluation.html"),
        ("reviewed:\n", "reviewed: 2026-12-01\n"),
    ]:
        assert old in filled, old
        filled = filled.replace(old, new)
    path.write_text(filled, encoding="utf-8")
    check = run_check(path)
    assert check.returncode == 0, check.stdout


@pytest.mark.parametrize("title, expected", [
    ("What is recall?", "what-is-recall"),
    ("  Naïve Bayes: why 'naïve'?  ", "naive-bayes-why-naive"),
    ("L1 vs. L2 (ridge) — which & when", "l1-vs-l2-ridge-which-when"),
])
def test_id_from_title(title, expected):
    assert id_from_title(title) == expected


def test_long_titles_make_ids_of_at_most_60_characters():
    qid = id_from_title("word " * 40)
    assert len(qid) <= 60 and not qid.endswith("-")


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize("title, qid", [
    ("Why does $\\lambda$ shrink weights?", "why-does-lambda-shrink-weights"),
    ("Is $$\\hat\\beta$$ \"unbiased\" when it's `$(shell false)` # 100% $HOME?",
     "is-hat-beta-unbiased-when-it-s-shell-false-100-home"),
])
def test_make_new_takes_a_title_with_dollar_signs_and_quotes_as_written(bank, title, qid):
    """The documented command, run by make: the title reaches the file unchanged (Make would
    expand `$\\l` and `$(...)`, the shell `$HOME`). `-o setup` skips installing packages; PY is
    this interpreter."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    result = subprocess.run(
        ["make", "--no-print-directory", "-o", "setup", "new", "TOPIC=split", f"TITLE={title}",
         f"PY={sys.executable}"],
        cwd=ROOT, env={**env, "MLQ_BANK": str(bank)}, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    path = bank / "split" / f"{qid}.yaml"
    assert result.stdout.strip().endswith(f"split/{qid}.yaml"), result.stdout
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["question"] == title


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_new_without_a_title_prints_the_usage():
    result = subprocess.run(["make", "--no-print-directory", "-o", "setup", "new", "TOPIC=split"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120,
                            env={k: v for k, v in os.environ.items() if not k.startswith("MAKE")})
    assert result.returncode == 2 and "usage: make new TOPIC=<topic>" in result.stderr
