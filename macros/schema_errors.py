"""Pydantic validation errors turned into the bank's `path:line: CODE name: message` problems."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from macros.checks import dotted
from macros.diagnostics import Problem, did_you_mean
from macros.yaml_source import YamlDocument

_TYPE_NAMES = {
    "string_type": "text", "list_type": "a list", "date_type": "a date like 2026-11-24 (unquoted)",
    "dict_type": "a mapping (key: value)", "model_type": "a mapping (key: value)",
    "model_attributes_type": "a mapping (key: value)", "bool_type": "true or false",
    "int_type": "a whole number",
}


def schema_problems(doc: YamlDocument, err: ValidationError, model: type[BaseModel]
                     ) -> list[Problem]:
    problems = []
    for error in err.errors():
        loc, kind = tuple(error["loc"]), error["type"]
        if isinstance(error.get("input"), str) and len(error["input"]) > 80:
            error["input"] = error["input"][:77] + "..."  # the whole value is in the file
        name = dotted(loc)
        line = doc.line_of(loc)
        if kind == "string_too_short":
            continue  # reported by rule_prose_is_written / the file's own rules, with more context
        if kind == "missing":
            problems.append(Problem(doc.path, line, "E004", f"missing required field '{name}'"))
        elif kind == "extra_forbidden":
            allowed = _fields_at(model, loc[:-1])
            problems.append(Problem(doc.path, line, "E003", f"unknown field '{name}'"
                                    f"{did_you_mean(loc[-1], allowed)}; allowed: "
                                    f"{', '.join(allowed)}"))
        elif kind in ("enum", "literal_error"):
            allowed = error["ctx"]["expected"].replace("'", "")
            problems.append(Problem(doc.path, line, "E006", f"{name} '{error['input']}' is not "
                                    f"allowed{did_you_mean(error['input'], _split(allowed))}; "
                                    f"allowed: {', '.join(_split(allowed))}"))
        elif kind == "string_pattern_mismatch":
            problems.append(Problem(doc.path, line, "E006", f"{name} '{error['input']}' must be "
                                    "kebab-case: lower-case letters and digits joined by '-'"))
        elif kind == "too_short":
            problems.append(Problem(doc.path, line, "E004", f"{name} needs at least one item"))
        elif kind in _TYPE_NAMES:
            problems.append(Problem(doc.path, line, "E005", f"{name} must be {_TYPE_NAMES[kind]}, "
                                    f"found {kind_of(error['input'])}"))
        else:
            problems.append(Problem(doc.path, line, "E005", f"{name}: {error['msg']}"))
    return problems


def _split(expected: str) -> list[str]:
    # pydantic words it "'easy', 'medium' or 'hard'"
    return [part.strip() for part in expected.replace(" or ", ", ").split(",") if part.strip()]


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names allowed at a nested location, for 'did you mean' on unknown keys."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        annotation = current.model_fields[part].annotation
        args = getattr(annotation, "__args__", ())
        current = next((a for a in args if isinstance(a, type) and issubclass(a, BaseModel)),
                       annotation)
    return list(current.model_fields) if isinstance(current, type) and \
        issubclass(current, BaseModel) else []


def kind_of(value: Any) -> str:
    if value is None:
        return "nothing (empty value)"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, str):
        return f"text '{value[:40]}'"
    return {dict: "a mapping", list: "a list", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__)
