"""The real bank: valid, its schema current, its template valid, no near-duplicate questions."""

from __future__ import annotations

import difflib
import itertools
import re
import shutil

from macros.bank import load_bank
from macros.schema import schema_is_current
from tests.conftest import ROOT, VALID_BANK, run_check


def test_the_real_bank_has_no_problems():
    result = run_check()
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().splitlines()[-1].startswith("OK:")


def test_the_published_json_schema_is_current():
    assert schema_is_current(), "run `python -m macros schema` and commit the result"


def test_every_question_file_points_editors_at_the_schema():
    for path in (ROOT / "questions").glob("*/*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../question.schema.json", path


def test_the_contributing_template_is_a_valid_question(tmp_path):
    text = (ROOT / "CONTRIBUTING.md").read_text()
    template = re.search(r"## The question template.*?```yaml\n(.*?)```", text, re.S).group(1)
    question_id = re.search(r"^id: (\S+)$", template, re.M).group(1)
    bank = tmp_path / "questions"
    (bank / "evaluation-metrics").mkdir(parents=True)  # a topic with sections, as the template
    for registry in ("topics.yaml", "tags.yaml"):  # the real vocabularies, without other questions
        shutil.copy(ROOT / "questions" / registry, bank / registry)
    (bank / "evaluation-metrics" / f"{question_id}.yaml").write_text(template)
    _, problems = load_bank(bank)
    assert not problems, "\n".join(map(str, problems))


def _normalised(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text.lower()).split())


def test_no_two_questions_ask_the_same_thing():
    bank, _ = load_bank()
    questions = bank.all_questions()
    texts = {q.id: _normalised(q.question) for q in questions}
    near = []
    for a, b in itertools.combinations(sorted(texts), 2):
        ratio = difflib.SequenceMatcher(None, texts[a], texts[b]).ratio()
        if ratio >= 0.85:
            near.append(f"{a} ~ {b} ({ratio:.2f})")
    assert not near, "near-duplicate questions:\n" + "\n".join(near)


def test_the_near_duplicate_check_can_fail():
    a = _normalised("What is the difference between L1 and L2 regularization?")
    b = _normalised("What's the difference between L1 and L2 regularisation?")
    assert difflib.SequenceMatcher(None, a, b).ratio() >= 0.85


def test_the_fixture_bank_is_not_part_of_the_real_bank():
    bank, _ = load_bank()
    fixture, _ = load_bank(VALID_BANK)
    assert not set(bank.by_id()) & set(fixture.by_id()) - {"first-question", "second-question"}
