"""The typed model of the metrics registry (`questions/metrics.yaml`) and of the metric chooser
(`questions/metric-chooser.yaml`).

Same design as `macros.model`: strict, unknown keys forbidden, enumerations as Literals so error
messages can name the allowed values. Cross-references (metric -> question, situation -> metric,
situation -> chooser answers, the scikit-learn function) are checked in `macros.metrics_checks`.
"""

from __future__ import annotations

import datetime
from typing import Literal, get_args

from pydantic import Field

from macros.model import ID_PATTERN, Reference, _Strict

MetricTask = Literal["binary-classification", "multiclass-classification", "probabilistic",
                     "regression", "ranking", "clustering"]
METRIC_TASKS: tuple[str, ...] = get_args(MetricTask)
TASK_TITLES = {
    "binary-classification": "Binary classification",
    "multiclass-classification": "Multiclass classification",
    "probabilistic": "Probabilities and calibration",
    "regression": "Regression",
    "ranking": "Ranking and recommendation",
    "clustering": "Clustering",
}

# Words rather than booleans where YAML 1.1 would read yes/no as true/false.
Threshold = Literal["dependent", "independent", "not-applicable"]
Imbalance = Literal["robust", "sensitive", "not-applicable"]
Differentiable = Literal["smooth", "almost-everywhere", "no"]
NO_SKLEARN = "none"


class Metric(_Strict):
    """One evaluation metric."""

    id: str = Field(pattern=ID_PATTERN, description="Kebab-case; the metric's permanent anchor.")
    name: str = Field(min_length=1)
    aliases: list[str] = Field(description="Other names interviewers use; may be empty.")
    task: MetricTask
    formula: str = Field(min_length=1, description="Display LaTeX, without $$ delimiters.")
    symbols: str = Field(min_length=1, description="What each symbol of the formula means.")
    range: str = Field(min_length=1)
    direction: Literal["higher", "lower"] = Field(description="Which way is better.")
    best: str = Field(min_length=1, description="The best attainable value.")
    threshold: Threshold = Field(description="Does it need hard labels from a decision threshold?")
    imbalance: Imbalance = Field(description="Does it stay informative under class imbalance?")
    imbalance_note: str = Field(min_length=1)
    differentiable: Differentiable = Field(description="Can gradient descent optimize it directly?")
    business_readable: bool = Field(description="Can a non-technical stakeholder read it directly?")
    rewards: str = Field(min_length=1)
    ignores: str = Field(min_length=1)
    use_when: list[str] = Field(min_length=1)
    misleads_when: list[str] = Field(min_length=1)
    sklearn: str = Field(min_length=1, description="Dotted name of the scikit-learn function, "
                         "or `none`.")
    sklearn_args: dict[str, str | int | float | bool] = Field(
        description="Keyword arguments that select this metric from the function; may be {}.")
    questions: list[str] = Field(min_length=1, description="IDs of questions discussing it.")
    references: list[Reference] = Field(min_length=1)
    reviewed: datetime.date


class MetricRegistry(_Strict):
    """`questions/metrics.yaml`: every metric, in the order the reference page shows them."""

    metrics: list[Metric] = Field(min_length=1)


class ChooserOption(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    label: str = Field(min_length=1)


class ChooserQuestion(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    prompt: str = Field(min_length=1)
    tasks: list[str] = Field(default_factory=list,
                             description="Option IDs of the `task` question this applies to; "
                             "empty means every task.")
    options: list[ChooserOption] = Field(min_length=2)


class Situation(_Strict):
    """A row of the situation-to-metric table, and a rule of the chooser."""

    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1)
    example: str = Field(min_length=1)
    when: dict[str, str | list[str]] = Field(description="Chooser question ID -> option ID(s); "
                                             "questions left out match any answer.")
    optimize: str = Field(min_length=1, description="Metric ID to optimize and select on.")
    report: list[str] = Field(min_length=1, description="Metric IDs to report.")
    reason: str = Field(min_length=1)
    questions: list[str] = Field(min_length=1)


class ThresholdExample(_Strict):
    """Inputs of the worked cost-to-threshold example; the page computes every number from them."""

    scenario: str = Field(min_length=1)
    cost_false_positive: float = Field(gt=0)
    cost_false_negative: float = Field(gt=0)
    probabilities: list[float] = Field(min_length=2, description="Calibrated scores to decide on.")


class Chooser(_Strict):
    """`questions/metric-chooser.yaml`: the chooser's questions, then its situations in order."""

    questions: list[ChooserQuestion] = Field(min_length=1)
    situations: list[Situation] = Field(min_length=1)
    threshold_example: ThresholdExample
