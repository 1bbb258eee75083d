"""Shared helpers for tests that read the real bank."""

from __future__ import annotations

from functools import cache

from macros.bank import load_bank
from macros.model import Question


@cache
def real_bank_questions() -> dict[str, Question]:
    # Problems elsewhere in the bank are test_bank.py's business; a question with problems of its
    # own is absent from the bank, so asking for it fails below with its ID.
    bank, _ = load_bank()
    return bank.by_id()


def question(question_id: str) -> Question:
    questions = real_bank_questions()
    assert question_id in questions, f"{question_id} is not a valid question of the bank " \
        "(run `python -m macros check`)"
    return questions[question_id]


def all_text(question_id: str) -> str:
    """Every piece of prose of a question, for asserting that a computed number is stated."""
    q = question(question_id)
    parts = [q.question, q.short_answer, q.answer, *q.mistakes]
    for follow_up in q.follow_ups:
        parts += [follow_up.question, follow_up.answer]
    return "\n".join(parts)


def assert_states(question_id: str, *expected: str) -> None:
    """Each expected string (a number formatted as the answer writes it) appears in the text."""
    text = all_text(question_id)
    missing = [e for e in expected if e not in text]
    assert not missing, f"{question_id} does not state {missing}"


def run_python_block(question_id: str) -> str:
    """Run the answer's one fenced python block in-process and return what it prints."""
    import contextlib
    import io
    import re

    blocks = re.findall(r"```python\n(.*?)```", question(question_id).answer, flags=re.S)
    assert len(blocks) == 1, f"{question_id} should hold exactly one python block"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(blocks[0], question_id, "exec"), {"__name__": "__snippet__"})
    return out.getvalue().strip()
