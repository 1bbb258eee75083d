"""Rules for the metrics registry and the metric chooser beyond their shape.

Like `macros.checks`, each rule yields `(loc, code, message)` from the raw YAML data with type
guards, so one wrong value never hides the other problems of the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from macros import chooser_logic
from macros.checks import (Finding, repeated, rule_no_unsafe_html, rule_reference_urls,
                           rule_text_sizes, rule_urls_anywhere, unwritten, walk_strings)
from macros.diagnostics import did_you_mean
from macros.metrics_model import NO_SKLEARN

# Fields whose values are identifiers or single words, not prose to check for placeholders.
_NOT_PROSE = {"id", "task", "direction", "threshold", "imbalance", "differentiable", "sklearn",
              "url", "when", "optimize", "report", "questions", "tasks", "range", "best"}


@dataclass(frozen=True)
class RegistryContext:
    question_ids: set[str]
    metric_ids: list[str]
    sklearn_functions: set[str]


def _items(data: Any, key: str) -> list[tuple[int, dict]]:
    value = data.get(key) if isinstance(data, dict) else None
    return [(i, item) for i, item in enumerate(value if isinstance(value, list) else [])
            if isinstance(item, dict)]


def _unique_ids(entries: list[tuple[int, dict]], loc: tuple[Any, ...], what: str
                ) -> Iterator[Finding]:
    ids = ((index, entry["id"]) for index, entry in entries if isinstance(entry.get("id"), str))
    for index, value in repeated(ids):
        yield loc + (index, "id"), "E008", f"{what} '{value}' is listed more than once"


def _question_links(entry: dict, loc: tuple[Any, ...], ctx: RegistryContext) -> Iterator[Finding]:
    questions = entry.get("questions")
    seen: set[str] = set()
    for index, qid in enumerate(questions if isinstance(questions, list) else []):
        if not isinstance(qid, str):
            continue
        if qid in seen:
            yield loc + ("questions", index), "E016", f"questions lists '{qid}' more than once"
        elif qid not in ctx.question_ids:
            yield loc + ("questions", index), "E021", \
                f"question '{qid}' is not a question ID in the bank" \
                f"{did_you_mean(qid, sorted(ctx.question_ids))}"
        seen.add(qid)


def _written(data: Any) -> Iterator[Finding]:
    """Prose fields hold real text (not blank, not a placeholder); and nothing anywhere can run
    code in the reader's browser."""
    for loc, text in walk_strings(data):
        names = [part for part in loc if isinstance(part, str)]
        if not set(names) & _NOT_PROSE:
            yield from unwritten(loc, text)
    yield from rule_no_unsafe_html(data, "", None)
    yield from rule_text_sizes(data)


def metrics_rules(data: Any, ctx: RegistryContext) -> Iterator[Finding]:
    metrics = _items(data, "metrics")
    yield from _unique_ids(metrics, ("metrics",), "metric")
    yield from _written(data)
    for index, metric in metrics:
        loc = ("metrics", index)
        yield from _question_links(metric, loc, ctx)
        function = metric.get("sklearn")
        if isinstance(function, str) and function != NO_SKLEARN \
                and function not in ctx.sklearn_functions:
            yield loc + ("sklearn",), "E020", (
                f"'{function}' is not a public function of sklearn.metrics in the pinned "
                f"scikit-learn{did_you_mean(function, sorted(ctx.sklearn_functions))}; write the "
                f"full dotted name (sklearn.metrics.f1_score) or '{NO_SKLEARN}'")
        if function == NO_SKLEARN and metric.get("sklearn_args"):
            yield loc + ("sklearn_args",), "E006", \
                f"sklearn_args must be {{}} when sklearn is '{NO_SKLEARN}'"
        # The question files' own rule, with each finding located inside this entry.
        for where, code, message in rule_reference_urls(metric, "", None):
            yield loc + where, code, message


def chooser_rules(data: Any, ctx: RegistryContext) -> Iterator[Finding]:
    questions = _items(data, "questions")
    situations = _items(data, "situations")
    yield from _unique_ids(questions, ("questions",), "chooser question")
    yield from _unique_ids(situations, ("situations",), "situation")
    yield from _written(data)
    yield from rule_urls_anywhere(data)  # none today; a URL added later gets the same rule
    by_id = {q["id"]: q for _, q in questions if isinstance(q.get("id"), str)}
    options = {qid: [o.get("id") for _, o in _items(q, "options")] for qid, q in by_id.items()}
    for index, question in questions:
        yield from _unique_ids(_items(question, "options"), ("questions", index, "options"),
                               "option")
    task_question = by_id.get(chooser_logic.TASK_QUESTION)
    if task_question is None:
        yield ("questions",), "E022", \
            f"the chooser needs a question with id '{chooser_logic.TASK_QUESTION}' (what the " \
            "model produces); every situation names its task"
        return
    tasks = options[chooser_logic.TASK_QUESTION]
    for index, question in questions:
        for t_index, task in enumerate(question.get("tasks") or []):
            if task not in tasks:
                yield ("questions", index, "tasks", t_index), "E022", \
                    f"task '{task}' is not an option of the task question{did_you_mean(task, tasks)}; " \
                    f"allowed: {', '.join(tasks)}"
    rules_ok = True
    for index, situation in situations:
        for finding in _situation_rules(situation, ("situations", index), by_id, options, ctx):
            rules_ok = rules_ok and finding[1] != "E022"
            yield finding
    if rules_ok and len(situations) == len(data.get("situations") or []):
        yield from _coverage(list(by_id.values()), [s for _, s in situations])


def _situation_rules(situation: dict, loc: tuple[Any, ...], by_id: dict, options: dict,
                     ctx: RegistryContext) -> Iterator[Finding]:
    yield from _question_links(situation, loc, ctx)
    known_metrics = ctx.metric_ids
    for key in ("optimize", "report"):
        value = situation.get(key)
        values = [(loc + (key,), value)] if isinstance(value, str) else \
            [(loc + (key, i), v) for i, v in enumerate(value if isinstance(value, list) else [])]
        for where, metric in values:
            if isinstance(metric, str) and known_metrics and metric not in known_metrics:
                yield where, "E019", f"metric '{metric}' is not in questions/metrics.yaml" \
                    f"{did_you_mean(metric, known_metrics)}"
    when = situation.get("when")
    if not isinstance(when, dict):
        return
    task = when.get(chooser_logic.TASK_QUESTION)
    if task is None:
        yield loc + ("when",), "E022", \
            f"when must name the {chooser_logic.TASK_QUESTION} it applies to"
        return
    task_values = task if isinstance(task, list) else [task]
    for question_id, wanted in when.items():
        where = loc + ("when", question_id)
        if question_id not in by_id:
            yield where, "E022", f"'{question_id}' is not a chooser question" \
                f"{did_you_mean(question_id, list(by_id))}; questions: {', '.join(by_id)}"
            continue
        unasked = [t for t in task_values if not chooser_logic.applies(by_id[question_id], t)]
        if unasked and question_id != chooser_logic.TASK_QUESTION:
            yield where, "E022", f"question '{question_id}' is not asked for task " \
                f"'{unasked[0]}'; it applies to: {', '.join(by_id[question_id].get('tasks') or [])}"
        allowed = options[question_id]
        for value in wanted if isinstance(wanted, list) else [wanted]:
            if value not in allowed:
                yield where, "E022", f"'{value}' is not an answer to '{question_id}'" \
                    f"{did_you_mean(value, allowed)}; answers: {', '.join(map(str, allowed))}"


def _coverage(questions: list[dict], situations: list[dict]) -> Iterator[Finding]:
    """Every combination of answers reaches a situation, and every situation is reached."""
    reached: set[int] = set()
    missing = []
    for answers in chooser_logic.combinations(questions):
        index = chooser_logic.first_match(situations, answers)
        if index is None:
            missing.append(answers)
        else:
            reached.add(index)
    if missing:
        shown = "; ".join(", ".join(f"{k}={v}" for k, v in a.items()) for a in missing[:3])
        yield ("situations",), "E022", f"{len(missing)} combination(s) of answers reach no " \
            f"situation, e.g. {shown}; add a situation or a fall-back with only `task` in `when`"
    for index, situation in enumerate(situations):
        if index not in reached:
            yield ("situations", index), "E022", f"situation '{situation.get('id')}' is never " \
                "recommended: situations above it match every answer it matches; move it up " \
                "or narrow the ones above"
