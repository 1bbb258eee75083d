"""The JSON Schema of a question file, published for editors (yaml-language-server)."""

from __future__ import annotations

import json
from pathlib import Path

from macros.bank import REPO_ROOT
from macros.model import Question

SCHEMA_PATH = REPO_ROOT / "questions" / "question.schema.json"


def question_schema_text() -> str:
    schema = Question.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "ML interview question"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def write_schema(path: Path = SCHEMA_PATH) -> None:
    path.write_text(question_schema_text(), encoding="utf-8")


def schema_is_current(path: Path = SCHEMA_PATH) -> bool:
    return path.exists() and path.read_text(encoding="utf-8") == question_schema_text()
