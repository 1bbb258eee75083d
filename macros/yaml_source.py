"""Reading YAML with line numbers.

ruamel.yaml (round-trip mode) is the reference reader: it rejects duplicate keys instead of
keeping the last one, follows YAML 1.2 (`no` stays a string), and records the line of every key
and list item, which lets every error point at its line. It is also pure Python and slow, so a
build first reads each file with libyaml (`fast_load`) and only re-reads with ruamel a file in
which validation found a problem: valid files, the common case, never pay for line numbers.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml as yaml_c
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from macros.diagnostics import Problem


@dataclass
class YamlDocument:
    """A parsed file: plain Python data for validation, the ruamel tree for line look-ups."""

    path: str
    data: Any
    tree: Any  # ruamel's tree with line numbers; None when read fast (parsed again on demand)
    source: Path | None = None

    def line_of(self, loc: tuple[Any, ...]) -> int:
        """1-based line of the value at `loc` (keys and indexes); the nearest parent if absent."""
        if self.tree is None and self.source is not None:
            exact, _ = load_yaml(self.source, self.path)
            self.tree = exact.tree if exact is not None else {}
        node, line = self.tree, 1
        for part in loc:
            if isinstance(node, CommentedMap) and part in node:
                line = node.lc.key(part)[0] + 1
                node = node[part]
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
                line = node.lc.item(part)[0] + 1
                node = node[part]
            else:
                break
        return line


def _plain(node: Any) -> Any:
    """ruamel's str/dict/list subclasses as plain Python types, so strict validation sees data."""
    if isinstance(node, dict):
        return {str(k) if isinstance(k, str) else k: _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    if isinstance(node, datetime.datetime):
        return node
    return node


class _UniqueKeyLoader(getattr(yaml_c, "CSafeLoader", yaml_c.SafeLoader)):
    """libyaml's safe loader, refusing duplicate keys (PyYAML would keep the last silently)."""

    def construct_mapping(self, node, deep=False):
        keys = [self.construct_object(key, deep=deep) for key, _ in node.value]
        if len(keys) != len(set(map(repr, keys))):
            raise yaml_c.YAMLError("duplicate key")
        return super().construct_mapping(node, deep=deep)


def fast_load(path: Path, shown_path: str) -> YamlDocument | None:
    """The file's data via libyaml, or None when anything is unusual (then use `load_yaml`).

    YAML 1.1 differences (`no` read as false) only ever turn text into other types, which the
    strict model rejects, sending the file to the exact reader; a file that validates was read
    the same way by both."""
    try:
        data = yaml_c.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)
    except (UnicodeDecodeError, yaml_c.YAMLError):
        return None
    return YamlDocument(shown_path, data, None, path)


def load_yaml(path: Path, shown_path: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse one file; a syntax error or duplicate key becomes a Problem, never an exception."""
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        return None, [Problem(shown_path, 1, "E001", f"file is not valid UTF-8 ({err.reason})")]
    try:
        tree = yaml.load(text)
    except DuplicateKeyError as err:
        first = err.context_mark.line + 1 if err.context_mark else 1
        line = err.problem_mark.line + 1 if err.problem_mark else first
        key = _duplicate_key_name(err)
        return None, [
            Problem(shown_path, line, "E002", f"key '{key}' appears twice (first on line {first})")
        ]
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        what = err.problem or err.context or "invalid YAML"
        return None, [Problem(shown_path, line, "E001", f"invalid YAML: {what}")]
    except YAMLError as err:
        return None, [Problem(shown_path, 1, "E001", f"invalid YAML: {err}")]
    return YamlDocument(shown_path, _plain(tree), tree), []


def _duplicate_key_name(err: DuplicateKeyError) -> str:
    # ruamel words it as: found duplicate key "name" with value ... ; take the quoted part.
    problem = err.problem or ""
    if '"' in problem:
        return problem.split('"')[1]
    return problem
