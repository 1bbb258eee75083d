"""Markdown for the metric pages: the reference (every metric, one anchor each) and the chooser
page (the interactive chooser, the situation table, property matrices and the cost-to-threshold
rule). Pure functions from the registry to Markdown skeletons: the registry is bank text, so each
of its texts enters as a fragment token rendered and sanitized by `macros.render`.
"""

from __future__ import annotations

import functools
import html
import json

from macros import links
from macros.metrics_model import METRIC_TASKS, TASK_TITLES, Chooser, Metric, ThresholdExample
from macros.metrics_registry import MetricCatalog
from macros.model import Question
from macros.render.fragments import FragmentStore
from macros.render.rendered import RenderedBank, block, inline, link
from macros.text import meta_value

# Registry text is rendered again on every build of these pages; a rendering is a pure function of
# its text, so `make serve` rebuilds reuse them (issue #16).
inline = functools.lru_cache(maxsize=8192)(inline)
block = functools.lru_cache(maxsize=8192)(block)

THRESHOLD_WORDS = {"dependent": "needs a decision threshold", "independent": "threshold-free",
                   "not-applicable": "no threshold involved"}
IMBALANCE_WORDS = {"robust": "stays informative", "sensitive": "misleading",
                   "not-applicable": "not applicable"}
GRADIENT_WORDS = {"smooth": "yes", "almost-everywhere": "almost everywhere",
                  "no": "no (optimize a surrogate)"}
CHOOSER_PROMPT = "Answer the questions above to get a recommendation."
SKLEARN_DOCS = "https://scikit-learn.org/stable/modules/generated/{}.html"


class _Fragments:
    """Registry text as fragment tokens for one page."""

    def __init__(self, store: FragmentStore, rendered: RenderedBank) -> None:
        self.store, self.rendered = store, rendered

    def inline(self, text: str) -> str:
        return self.store.token(inline(text).html)

    def block(self, text: str) -> str:
        return self.store.block(block(text).html)

    def link(self, title: str, url: str) -> str:
        return self.store.token(link(inline(title).html, url))

    def question(self, question_id: str) -> str:
        return self.store.token(self.rendered.questions[question_id].title.html)

    def escaped(self, text: str) -> str:
        return self.store.token(html.escape(text))


def reference_tasks(catalog: MetricCatalog) -> list[str]:
    """The tasks that have metrics, in the registry's task order: one reference page each."""
    return [task for task in METRIC_TASKS if any(m.task == task for m in catalog.metrics)]


def reference_page(catalog: MetricCatalog, questions: dict[str, Question],
                   rendered: RenderedBank, store: FragmentStore) -> str:
    """The reference's landing page: every metric by task, linking to its entry on the task's
    page. The formulas live on the task pages, so no phone typesets 50 formulas to read one.

    Each entry carries the metric's anchor, because /metrics/reference/#<metric> links were
    published when the reference was one page: answers.js forwards such a link to the entry
    (as it does for a split topic's landing page); without JavaScript the reader lands on the
    list entry, one tap from the entry."""
    t = _Fragments(store, rendered)
    src = links.metric_reference_page()
    chooser_link = links.from_page(src, links.metric_chooser_page())
    front = "\n".join(["---", f"title: {meta_value('Metric reference')}",
                       f"description: {meta_value(_reference_description(catalog))}", "---"])
    tasks = reference_tasks(catalog)
    blocks = [front, "\n\n".join([
        "# Metric reference",
        f"{len(catalog.metrics)} evaluation metrics with their formula, what they reward and "
        "ignore, how class imbalance affects them, when to use them and when they mislead, one "
        "page per task. Every formula is the one scikit-learn computes: the test suite checks "
        "each against a reference implementation. To pick one for a problem, use the "
        f"[metric chooser]({chooser_link}).",
    ])]
    for task in tasks:
        page = links.from_page(src, links.metric_task_page(task))
        chosen = [m for m in catalog.metrics if m.task == task]
        blocks.append(f"## [{TASK_TITLES[task]}]({page}) {{ #{task} }}")
        blocks.append('<section class="q-landing" markdown>\n\n' + "\n".join(
            f'- <span id="{m.id}" class="q-listed"></span>'
            f"[{t.inline(m.name)}]({links.metric_link(src, task, m.id)}){{ .q-listed-link }}"
            + (f" ({t.inline(', '.join(m.aliases))})" if m.aliases else "")
            for m in chosen) + "\n\n</section>")
    return "\n\n".join(blocks) + "\n"


def task_page(catalog: MetricCatalog, task: str, questions: dict[str, Question],
              rendered: RenderedBank, store: FragmentStore) -> str:
    """One task's metrics, each with its formula and properties under its own anchor."""
    t = _Fragments(store, rendered)
    src = links.metric_task_page(task)
    chosen = [m for m in catalog.metrics if m.task == task]
    reference = links.from_page(src, links.metric_reference_page())
    chooser_link = links.from_page(src, links.metric_chooser_page())
    title = f"{TASK_TITLES[task]} metrics"
    description = f"{len(chosen)} {TASK_TITLES[task].lower()} metrics: formula, range, " \
        "threshold dependence, behaviour under class imbalance, when to use each and when it " \
        "misleads."
    front = "\n".join(["---", f"title: {meta_value(title)}",
                       f"description: {meta_value(description)}", "---"])
    intro = "\n\n".join([
        f"# {title}",
        f"Part of the [metric reference]({reference}). Every formula is the one scikit-learn "
        "computes: the test suite checks each against a reference implementation. To pick a "
        f"metric for a problem, use the [metric chooser]({chooser_link}).",
        " · ".join(f"[{t.inline(m.name)}](#{m.id})" for m in chosen),
    ])
    return "\n\n".join([front, intro] + [metric_entry(m, questions, src, t) for m in chosen]) \
        + "\n"


def _reference_description(catalog: MetricCatalog) -> str:
    return f"{len(catalog.metrics)} machine-learning evaluation metrics: formula, range, " \
        "threshold dependence, behaviour under class imbalance, when to use each and when it misleads."


def metric_entry(m: Metric, questions: dict[str, Question], src: str, t: _Fragments) -> str:
    aliases = f"*Also called: {t.inline(', '.join(m.aliases))}.*" if m.aliases else ""
    props = " · ".join([
        f"**Range** {t.inline(m.range)}", f"**Better** {m.direction} (best {t.inline(m.best)})",
        f"**Threshold** {THRESHOLD_WORDS[m.threshold]}",
        f"**Class imbalance** {IMBALANCE_WORDS[m.imbalance]}",
        f"**Differentiable** {GRADIENT_WORDS[m.differentiable]}",
        f"**Business audience** {'reads it directly' if m.business_readable else 'needs translation'}",
    ])
    parts = [
        f"## {t.inline(m.name)} {{ #{m.id} .metric }}",
        aliases,
        t.block(f"$$\n{m.formula.strip()}\n$$"),
        _grouped(t.block(m.symbols), f'<div class="metric-props" markdown>\n{props}\n</div>'),
        f"**What it rewards.** {t.inline(m.rewards)}",
        _grouped(f"**What it ignores.** {t.inline(m.ignores)}",
                    f"**Under class imbalance.** {t.inline(m.imbalance_note)}"),
        "**Use it when**\n\n" + "\n".join(f"- {t.inline(item)}" for item in m.use_when),
        _grouped("**It misleads when**\n\n"
                    + "\n".join(f"- {t.inline(item)}" for item in m.misleads_when)),
        f"**In scikit-learn.** {sklearn_call(m, t)}",
        '<section class="metric-more" markdown>\n\n'
        "**Questions that discuss it**\n\n" + "\n".join(
            f"- [{t.question(qid)}]({links.from_page(src, links.question_page(qid))})"
            for qid in m.questions if qid in questions)
        + "\n\n**References**\n\n" + "\n".join(f"- {t.link(r.title, r.url)}"
                                                  for r in m.references)
        + "\n\n</section>",
    ]
    # One box per entry (for styling); its grouped parts inside are <section>s.
    return '<div class="metric-entry" markdown>\n\n' + "\n\n".join(p for p in parts if p) \
        + "\n\n</div>"


def _grouped(*blocks: str) -> str:
    """Blocks of an entry kept together in one <section> (the layout groups them)."""
    return '<section markdown>\n\n' + "\n\n".join(blocks) + "\n\n</section>"


def sklearn_call(m: Metric, t: _Fragments) -> str:
    if m.sklearn == "none":
        return "No dedicated function; the formula above is short to implement."
    args = "".join(f", {key}={value!r}" for key, value in m.sklearn_args.items())
    return t.store.token(link(html.escape(f"{m.sklearn}(...{args})"),
                              SKLEARN_DOCS.format(m.sklearn)))


# --- the chooser page ---------------------------------------------------------------------------

def chooser_page(catalog: MetricCatalog, questions: dict[str, Question],
                 rendered: RenderedBank, store: FragmentStore) -> str:
    t = _Fragments(store, rendered)
    src = links.metric_chooser_page()
    reference = links.from_page(src, links.metric_reference_page())
    chooser = catalog.chooser
    front = "\n".join([
        "---", f"title: {meta_value('Choosing an evaluation metric')}",
        f"description: {meta_value('Which evaluation metric should you use? An interactive chooser and decision tables from task, class balance, error costs and what the output feeds.')}",
        "---"])
    return "\n\n".join([
        front,
        "# Choosing an evaluation metric",
        "The metric follows from the decision the model supports: what it predicts, how rare the "
        "class you care about is, which mistake costs more, and what consumes the output. Answer "
        "four questions below for a recommendation with its reasons, or read the same rules in "
        "the [situation table](#situations). Every metric links to its entry in the "
        f"[metric reference]({reference}).",
        "## Metric chooser { #chooser }",
        chooser_form(chooser, catalog),
        "## Situation to metric { #situations }",
        "Read top to bottom: the first row whose answers fit your problem is the recommendation "
        "(the chooser applies exactly this rule). *Optimize* is the metric to select models and "
        "tune on; *report* is what stakeholders should see.",
        situation_table(chooser, catalog, questions, src, t),
        "## Properties by task { #properties }",
        "Threshold-dependent metrics judge hard decisions and change when the threshold moves; "
        "imbalance-robust ones stay informative when positives are rare; differentiable ones can "
        "be optimized directly by gradient descent; business-readable ones can be quoted to a "
        "non-technical audience as they are.",
        *property_matrices(catalog, src, t),
        "## From error costs to a decision threshold { #threshold }",
        threshold_section(chooser.threshold_example, t),
    ]) + "\n"


def chooser_rules(chooser: Chooser) -> dict:
    """What chooser.js needs: the questions and the situations' rules, in file order."""
    return {
        "questions": [{"id": q.id, "tasks": q.tasks} for q in chooser.questions],
        "situations": [{"id": s.id, "when": s.when} for s in chooser.situations],
    }


def chooser_form(chooser: Chooser, catalog: MetricCatalog) -> str:
    rules = html.escape(json.dumps(chooser_rules(chooser), separators=(",", ":")), quote=True)
    fieldsets = []
    for q in chooser.questions:
        # Task-specific questions start hidden (no task is chosen yet), so the page does not
        # shift when chooser.js takes over.
        tasks = f' data-tasks="{" ".join(q.tasks)}" hidden' if q.tasks else ""
        options = "".join(
            f'<label><input type="radio" name="{q.id}" value="{o.id}"> {html.escape(o.label)}'
            "</label>" for o in q.options)
        fieldsets.append(f'<fieldset data-question="{q.id}"{tasks}><legend>'
                         f"{html.escape(q.prompt)}</legend>{options}</fieldset>")
    return "\n".join([
        # Shown from the first paint; without JavaScript, where the radio buttons could do
        # nothing, a <noscript> style in the page head hides it (docs/overrides/main.html).
        f'<form class="metric-chooser" id="metric-chooser" data-rules="{rules}">',
        *fieldsets,
        f'<div class="chooser-result" aria-live="polite">{CHOOSER_PROMPT}</div>',
        "</form>",
        "",
        '<noscript><p class="chooser-noscript">The interactive chooser needs JavaScript. The '
        "situation table below holds the same rules: the first row that fits your problem is "
        "the recommendation.</p></noscript>",
    ])


def situation_table(chooser: Chooser, catalog: MetricCatalog, questions: dict[str, Question],
                    src: str, t: _Fragments) -> str:
    metrics = catalog.by_id()
    labels = {q.id: {o.id: o.id.replace("-", " ") for o in q.options} for q in chooser.questions}
    prompts = {q.id: q.id.replace("-", " ") for q in chooser.questions}

    def metric_link(mid: str) -> str:
        return f"[{t.inline(metrics[mid].name)}]({links.metric_link(src, metrics[mid].task, mid)})"

    rows = ["| Situation | Answers | Optimize | Report | Why |", "|---|---|---|---|---|"]
    for s in chooser.situations:
        answers = "<br>".join(
            f"{prompts[qid]}: " + " or ".join(labels[qid][v] for v in
                                             (want if isinstance(want, list) else [want]))
            for qid, want in s.when.items())
        more = ", ".join(f"[{t.question(qid)}]({links.from_page(src, links.question_page(qid))})"
                         for qid in s.questions if qid in questions)
        rows.append(" | ".join([
            f"| **{t.inline(s.title)}**<br>{t.inline(s.example)}",
            answers,
            metric_link(s.optimize),
            ", ".join(metric_link(m) for m in s.report),
            f"{t.inline(s.reason)}<br>*Read more:* {more} |",
        ]))
    # A wrapper with a class, for the table's styling.
    return '<section class="situation-table" markdown>\n\n' + \
        "\n".join(rows) + "\n\n</section>"


def property_matrices(catalog: MetricCatalog, src: str, t: _Fragments) -> list[str]:
    blocks = []
    for task in METRIC_TASKS:
        chosen = [m for m in catalog.metrics if m.task == task]
        if not chosen:
            continue
        rows = ["| Metric | Better | Threshold-dependent? | Imbalance-robust? | Differentiable? "
                "| Business-readable? |", "|---|---|---|---|---|---|"]
        for m in chosen:
            rows.append(f"| [{t.inline(m.name)}]({links.metric_link(src, task, m.id)}) | "
                        f"{m.direction} | "
                        f"{_yes_no(m.threshold == 'dependent', m.threshold == 'not-applicable')} | "
                        f"{_yes_no(m.imbalance == 'robust', m.imbalance == 'not-applicable')} | "
                        f"{GRADIENT_WORDS[m.differentiable]} | "
                        f"{_yes_no(m.business_readable, False)} |")
        blocks += [f"### {TASK_TITLES[task]} {{ #properties-{task} }}",
                   '<section markdown>\n\n' + "\n".join(rows)
                   + "\n\n</section>"]
    return blocks


def _yes_no(value: bool, not_applicable: bool) -> str:
    return "n/a" if not_applicable else ("yes" if value else "no")


# --- from costs to a threshold ------------------------------------------------------------------

def cost_threshold(cost_fp: float, cost_fn: float) -> float:
    """Flag a case when its expected cost of inaction, p * C_FN, exceeds that of acting,
    (1 - p) * C_FP: that is when p > C_FP / (C_FP + C_FN)."""
    return cost_fp / (cost_fp + cost_fn)


def threshold_rows(example: ThresholdExample) -> list[tuple[float, float, float, str]]:
    """(p, expected cost if flagged, expected cost if not flagged, decision) per probability."""
    rows = []
    for p in example.probabilities:
        act = (1 - p) * example.cost_false_positive
        wait = p * example.cost_false_negative
        rows.append((p, act, wait, "flag" if act < wait else "do not flag"))
    return rows


def _num(value: float) -> str:
    return f"{value:,.4g}"


def threshold_section(example: ThresholdExample, fragments: _Fragments) -> str:
    c_fp, c_fn = example.cost_false_positive, example.cost_false_negative
    t = cost_threshold(c_fp, c_fn)
    table = ["| Predicted probability $p$ | Expected cost if flagged $(1-p)\\,C_{FP}$ | "
             "Expected cost if not flagged $p\\,C_{FN}$ | Decision |", "|---:|---:|---:|---|"]
    table += [f"| {_num(p)} | {_num(act)} | {_num(wait)} | {decision} |"
              for p, act, wait, decision in threshold_rows(example)]
    return "\n\n".join([
        "With a calibrated probability $p$ that a case is positive, flagging it costs $C_{FP}$ "
        "if it turns out negative, and not flagging it costs $C_{FN}$ if it turns out positive "
        "(correct decisions cost nothing, or subtract their value from both sides). Flag when the "
        "expected cost of flagging is lower:",
        "$$\n(1-p)\\,C_{FP} < p\\,C_{FN} \\iff p > t^{*} = \\frac{C_{FP}}{C_{FP} + C_{FN}}\n$$",
        "So the cost ratio, not 0.5, sets the threshold: when a miss costs 19 times a false alarm, "
        f"the threshold is $1/(1 + 19) = {_num(cost_threshold(1, 19))}$. The rule needs calibrated probabilities (check a "
        "reliability diagram first; recalibrate with Platt scaling or isotonic regression if "
        "needed), and if the class balance in production differs from training, the "
        "probabilities must be corrected for the new prior before the rule applies.",
        f"**Worked example.** {fragments.inline(example.scenario)} With $C_{{FP}} = {_num(c_fp)}$ and "
        f"$C_{{FN}} = {_num(c_fn)}$, the threshold is $t^{{*}} = {_num(c_fp)} / "
        f"({_num(c_fp)} + {_num(c_fn)}) = {_num(t)}$:",
        "\n".join(table),
        "The metric to report then follows from the same costs: the expected cost per case "
        "(or the total cost on a test set) at $t^{*}$, beside the precision and recall it implies.",
    ])
