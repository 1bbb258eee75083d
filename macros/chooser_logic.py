"""The metric chooser's logic, in Python: which questions apply, and which situation answers them.

The browser runs the same rules (docs/assets/javascripts/chooser.js reads them from the page as
JSON); the build uses this module to prove the rules complete (every combination of answers
reaches a situation) and free of dead rows (every situation is the first match somewhere).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

TASK_QUESTION = "task"


def applies(question: Mapping[str, Any], task: str) -> bool:
    """A question with no `tasks` list applies to every task."""
    return not question.get("tasks") or task in question["tasks"]


def combinations(questions: Sequence[Mapping[str, Any]]) -> Iterator[dict[str, str]]:
    """Every complete set of answers a reader can give, one task at a time."""
    task_question = next(q for q in questions if q["id"] == TASK_QUESTION)
    for task in [o["id"] for o in task_question["options"]]:
        asked = [q for q in questions if q["id"] != TASK_QUESTION and applies(q, task)]
        for picks in itertools.product(*[[o["id"] for o in q["options"]] for q in asked]):
            yield {TASK_QUESTION: task, **{q["id"]: pick for q, pick in zip(asked, picks)}}


def matches(when: Mapping[str, Any], answers: Mapping[str, str]) -> bool:
    for question_id, wanted in when.items():
        allowed = wanted if isinstance(wanted, list) else [wanted]
        if answers.get(question_id) not in allowed:
            return False
    return True


def first_match(situations: Sequence[Mapping[str, Any]], answers: Mapping[str, str]
                ) -> int | None:
    """Index of the situation the chooser recommends: the first whose rule fits."""
    return next((i for i, s in enumerate(situations) if matches(s["when"], answers)), None)
