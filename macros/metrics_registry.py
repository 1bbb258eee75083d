"""Loading and validating the metrics registry and the metric chooser.

Both files are optional as a pair (a bank without metrics builds no metric pages), but one without
the other is an error. Like `load_bank`, loading never raises for bad content: it returns what is
valid and every problem found, each at a file and line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from pydantic import BaseModel, ValidationError

from macros import sklearn_api
from macros.diagnostics import Problem
from macros.metrics_checks import RegistryContext, chooser_rules, metrics_rules
from macros.metrics_model import Chooser, Metric, MetricRegistry
from macros.schema_errors import schema_problems
from macros.yaml_source import REGISTRY_FILE_LIMIT, fast_load, load_yaml

METRICS_FILE = "metrics.yaml"
CHOOSER_FILE = "metric-chooser.yaml"


@dataclass
class MetricCatalog:
    metrics: list[Metric]
    chooser: Chooser

    def by_id(self) -> dict[str, Metric]:
        return {m.id: m for m in self.metrics}

    def metrics_of_question(self, question_id: str) -> list[Metric]:
        """The metrics whose entry lists this question: the links go both ways from one list."""
        return [m for m in self.metrics if question_id in m.questions]


def load_metrics(root: Path, question_ids: set[str], shown: Callable[[Path], str]
                 ) -> tuple[MetricCatalog | None, list[Problem]]:
    metrics_path, chooser_path = root / METRICS_FILE, root / CHOOSER_FILE
    if metrics_path.is_symlink() or chooser_path.is_symlink():
        return None, []  # reported by macros.bank.scan_bank (E030); never read
    if not metrics_path.exists() and not chooser_path.exists():
        return None, []
    problems: list[Problem] = []
    for path, other in ((metrics_path, chooser_path), (chooser_path, metrics_path)):
        if not path.exists():
            problems.append(Problem(shown(other), 1, "E004", f"{other.name} needs {path.name} "
                                    "beside it: the chooser recommends metrics of the registry"))
    if problems:
        return None, problems

    # Read fast (libyaml); only when that finds problems, re-read exactly (YAML 1.2, line
    # numbers) and check again, as the question files are read (macros.yaml_source).
    fast = [fast_load(path, shown(path), REGISTRY_FILE_LIMIT)
            for path in (metrics_path, chooser_path)]
    if None not in fast:
        catalog, problems = _checked(fast[0], fast[1], question_ids)
        if not problems:
            return catalog, []
    problems = []
    docs = []
    for path in (metrics_path, chooser_path):
        doc, found = load_yaml(path, shown(path), REGISTRY_FILE_LIMIT)
        problems += found
        docs.append(doc)
    catalog, found = _checked(docs[0], docs[1], question_ids)
    return (None if problems else catalog), problems + found


def _checked(metrics_doc: Any, chooser_doc: Any, question_ids: set[str]
             ) -> tuple[MetricCatalog | None, list[Problem]]:
    problems: list[Problem] = []
    metric_ids = [m.get("id") for m in _list(metrics_doc, "metrics") if isinstance(m, dict)]
    ctx = RegistryContext(question_ids=question_ids,
                          metric_ids=[m for m in metric_ids if isinstance(m, str)],
                          sklearn_functions=sklearn_api.recorded_functions())
    registry = _validated(metrics_doc, MetricRegistry, metrics_rules, ctx, problems)
    chooser = _validated(chooser_doc, Chooser, chooser_rules, ctx, problems)
    if problems or registry is None or chooser is None:
        return None, problems
    return MetricCatalog(metrics=list(registry.metrics), chooser=chooser), []


def _list(doc: Any, key: str) -> list:
    data = getattr(doc, "data", None)
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, list) else []


def _validated(doc: Any, model: type[BaseModel], rules, ctx: RegistryContext,
               problems: list[Problem]) -> Any:
    if doc is None:
        return None
    parsed = None
    try:
        parsed = model.model_validate(doc.data)
    except ValidationError as err:
        problems += schema_problems(doc, err, model)
    if isinstance(doc.data, dict):
        for loc, code, message in rules(doc.data, ctx):
            problems.append(Problem(doc.path, doc.line_of(loc), code, message))
    elif parsed is None and not any(p.path == doc.path for p in problems):
        problems.append(Problem(doc.path, 1, "E015", "the file must be a mapping of fields"))
    return parsed
