"""The metrics registry and the chooser: what the real registry must cover, the rules that keep
the chooser complete, the built reference and chooser pages, and the cost-to-threshold numbers."""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pytest

from macros import chooser_logic, sklearn_api
from macros.bank import load_bank
from macros.metrics_checks import RegistryContext, chooser_rules
from macros.metrics_model import METRIC_TASKS
from macros.render_metrics import cost_threshold, threshold_rows


@pytest.fixture(scope="module")
def catalog():
    bank, problems = load_bank()
    assert not problems, "\n".join(map(str, problems))
    assert bank.metrics is not None, "questions/metrics.yaml is missing"
    return bank.metrics


def test_the_registry_has_at_least_30_metrics_across_every_task(catalog):
    per_task = Counter(m.task for m in catalog.metrics)
    assert len(catalog.metrics) >= 30, per_task
    assert set(per_task) == set(METRIC_TASKS), per_task


def test_the_recorded_sklearn_api_matches_the_installed_scikit_learn():
    assert sklearn_api.record_is_current(), \
        "macros/data/sklearn-metrics-api.txt is stale: run `python -m macros sklearn-api`"


def test_every_metric_function_named_exists_in_scikit_learn(catalog):
    import importlib

    for metric in catalog.metrics:
        if metric.sklearn == "none":
            continue
        module, _, name = metric.sklearn.rpartition(".")
        assert callable(getattr(importlib.import_module(module), name)), metric.id


def test_every_question_linked_from_a_metric_links_back_to_it(catalog):
    from macros.links import Repository
    from macros.site_pages import question_contexts

    bank, _ = load_bank()
    from macros.render.rendered import render_bank

    contexts = question_contexts(bank, render_bank(bank), Repository("https://example.org/repo"))
    for metric in catalog.metrics:
        for qid in metric.questions:
            assert (metric.id, metric.name, metric.task) in contexts[qid].metrics, (metric.id, qid)


# --- the chooser's rules ----------------------------------------------------------------------

QUESTIONS = [
    {"id": "task", "prompt": "p", "options": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}]},
    {"id": "size", "prompt": "p", "tasks": ["a"],
     "options": [{"id": "big", "label": "Big"}, {"id": "small", "label": "Small"}]},
]
CTX = RegistryContext(question_ids={"q1"}, metric_ids=["m"], sklearn_functions=set())


def _situation(sid, **when):
    return {"id": sid, "title": "t", "example": "e", "when": when, "optimize": "m",
            "report": ["m"], "reason": "r", "questions": ["q1"]}


def _findings(situations):
    return [(code, message) for _, code, message in chooser_rules(
        {"questions": QUESTIONS, "situations": situations}, CTX)]


def test_the_combinations_cover_each_task_with_only_its_own_questions():
    assert list(chooser_logic.combinations(QUESTIONS)) == [
        {"task": "a", "size": "big"}, {"task": "a", "size": "small"}, {"task": "b"}]


def test_answers_that_reach_no_situation_are_an_error():
    found = _findings([_situation("s1", task="a")])
    assert found == [("E022", "1 combination(s) of answers reach no situation, e.g. task=b; add "
                      "a situation or a fall-back with only `task` in `when`")]


def test_a_situation_shadowed_by_the_ones_above_is_an_error():
    found = _findings([_situation("general", task="a"), _situation("big", task="a", size="big"),
                       _situation("other", task="b")])
    assert found == [("E022", "situation 'big' is never recommended: situations above it match "
                      "every answer it matches; move it up or narrow the ones above")]


def test_a_question_not_asked_for_the_task_is_an_error():
    found = _findings([_situation("s", task="b", size="big"), _situation("f", task=["a", "b"])])
    assert ("E022", "question 'size' is not asked for task 'b'; it applies to: a") in found


def test_complete_rules_pass():
    assert _findings([_situation("big", task="a", size="big"), _situation("rest", task=["a", "b"])]) == []


def test_the_real_chooser_recommends_the_issue_scenarios(catalog):
    situations = [s.model_dump() for s in catalog.chooser.situations]

    def recommended(**answers):
        return catalog.chooser.situations[chooser_logic.first_match(situations, answers)]

    fraud = recommended(task="binary", balance="rare", costlier="false-alarm", output="queue")
    assert fraud.optimize == "average-precision"
    screening = recommended(task="binary", balance="rare", costlier="missed-positive",
                            output="decision")
    assert {screening.optimize, *screening.report} & {"recall", "f-beta-score"}
    outliers = recommended(task="regression", errors="proportional", outliers="outliers")
    assert outliers.optimize in {"mae", "huber-loss"}
    assert "rmse" != outliers.optimize and "mse" != outliers.optimize


# --- from costs to a threshold ---------------------------------------------------------------

def test_the_cost_threshold_minimizes_expected_cost_on_calibrated_data(catalog):
    """Brute force, independent of the formula: simulate calibrated probabilities and outcomes,
    and find the threshold with the lowest total cost."""
    example = catalog.chooser.threshold_example
    c_fp, c_fn = example.cost_false_positive, example.cost_false_negative
    rng = np.random.default_rng(0)
    p = rng.beta(0.5, 4, size=400_000)
    y = rng.random(p.size) < p  # calibrated by construction
    grid = np.linspace(0, 1, 1001)
    costs = [c_fp * np.sum((p > t) & ~y) + c_fn * np.sum((p <= t) & y) for t in grid]
    best = grid[int(np.argmin(costs))]
    assert abs(best - cost_threshold(c_fp, c_fn)) < 0.01


def test_the_worked_example_decisions_follow_the_threshold(catalog):
    example = catalog.chooser.threshold_example
    t = cost_threshold(example.cost_false_positive, example.cost_false_negative)
    decisions = {p: d for p, _, _, d in threshold_rows(example)}
    assert decisions == {p: "flag" if p > t else "do not flag" for p in example.probabilities}
    assert set(decisions.values()) == {"flag", "do not flag"}, "the example should show both"


# --- the built pages ------------------------------------------------------------------------

@pytest.mark.site
def test_the_reference_has_a_page_per_task_with_an_anchor_and_formula_per_metric(built_site,
                                                                                 catalog):
    landing = (built_site / "metrics" / "reference" / "index.html").read_text()
    assert 'class="arithmatex"' not in landing, "the landing page lists; the task pages typeset"
    for task in {m.task for m in catalog.metrics}:
        page = (built_site / "metrics" / "reference" / task / "index.html").read_text()
        mine = [m for m in catalog.metrics if m.task == task]
        for metric in mine:
            assert f'id="{metric.id}"' in page, metric.id
            # The landing page keeps the anchor published when the reference was one page,
            # in an entry that links to the task page (answers.js forwards there).
            assert re.search(rf'<span id="{metric.id}" class="q-listed"></span>'
                             rf'<a class="q-listed-link" href="{task}/#{metric.id}"', landing)
        assert page.count('class="arithmatex"') >= len(mine)


@pytest.mark.site
def test_the_chooser_page_has_one_table_row_per_situation_in_order(built_site, catalog):
    page = (built_site / "metrics" / "index.html").read_text()
    table = page[page.index('class="situation-table"'):]
    table = table[:table.index("</table>")]
    titles = re.findall(r"<tr>\s*<td>\s*<strong>(.*?)</strong>", table)
    assert len(titles) == len(catalog.chooser.situations)
    # Task-specific questions start hidden: nothing shifts when chooser.js takes over.
    assert re.search(r'<fieldset data-question="balance" data-tasks="[^"]*" hidden>', page)


@pytest.mark.site
def test_the_worked_threshold_example_on_the_page_shows_computed_numbers(built_site, catalog):
    example = catalog.chooser.threshold_example
    page = (built_site / "metrics" / "index.html").read_text()
    t = cost_threshold(example.cost_false_positive, example.cost_false_negative)
    assert f"{t:,.4g}" in page
    for p, act, wait, _ in threshold_rows(example):
        assert f"<td>{p:,.4g}</td>\n<td>{act:,.4g}</td>\n<td>{wait:,.4g}</td>" in \
            page.replace(' style="text-align: right;"', ""), p


@pytest.mark.site
def test_question_pages_link_to_their_metrics(built_site, catalog):
    metric = catalog.metrics[0]
    page = (built_site / "q" / metric.questions[0] / "index.html").read_text()
    assert f'href="../../metrics/reference/{metric.task}/#{metric.id}"' in page


def test_registry_prose_with_a_placeholder_or_nothing_is_an_error_like_a_question_s():
    situations = [_situation("s1", task="a"), _situation("s2", task="b")]
    situations[0]["reason"] = "TODO explain"
    situations[1]["example"] = "  "
    found = _findings(situations)
    assert ("E013", "situations[0].reason holds a placeholder ('TODO'); write the real text") \
        in found
    assert ("E013", "situations[1].example is empty") in found
