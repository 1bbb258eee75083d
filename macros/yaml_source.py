"""Reading YAML with line numbers.

ruamel.yaml (round-trip mode) is the reference reader: it rejects duplicate keys instead of
keeping the last one, follows YAML 1.2 (`no` stays a string), and records the line of every key
and list item, which lets every error point at its line. It is also pure Python and slow, so a
build first reads each file with libyaml (`fast_load`) and only re-reads with ruamel a file in
which validation found a problem: valid files, the common case, never pay for line numbers.

Bank files are untrusted input (issue #17), so before either parser builds anything, a scan of
the token stream (`preflight`, linear in the file's size) rejects what could make reading slow
or ambiguous: anchors, aliases and merge keys (an alias bomb of a few hundred bytes expands to
billions of nodes), explicit tags and directives, nesting deeper than `MAX_DEPTH`, and files over
their size cap. Every failure, expected or not, becomes a `path:line: CODE` problem: the readers
never raise and never hang.
"""

from __future__ import annotations

import datetime
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml as yaml_c
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from macros.diagnostics import Problem

# Size caps. A question file is a few KiB (the largest is under 16 KiB); the metrics registry
# holds every metric in one file and is about 140 KiB, so registries get a larger cap.
QUESTION_FILE_LIMIT = 64 * 1024
REGISTRY_FILE_LIMIT = 256 * 1024
# Deepest nesting of mappings and sequences any bank file needs is 5 (a chooser situation's
# `when` lists); parsers recurse per level, so a bound keeps them far from Python's stack limit.
MAX_DEPTH = 20

_OPEN = {"BlockMappingStartToken", "BlockSequenceStartToken", "FlowMappingStartToken",
         "FlowSequenceStartToken"}
_CLOSE = {"BlockEndToken", "FlowMappingEndToken", "FlowSequenceEndToken"}


@dataclass
class YamlDocument:
    """A parsed file: plain Python data for validation, the ruamel tree for line look-ups."""

    path: str
    data: Any
    tree: Any  # ruamel's tree with line numbers; None when read fast (parsed again on demand)
    source: Path | None = None
    limit: int = QUESTION_FILE_LIMIT

    def line_of(self, loc: tuple[Any, ...]) -> int:
        """1-based line of the value at `loc` (keys and indexes); the nearest parent if absent."""
        if self.tree is None and self.source is not None:
            exact, _ = load_yaml(self.source, self.path, self.limit)
            self.tree = exact.tree if exact is not None else {}
        node, line = self.tree, 1
        try:
            return self._line_in(node, line, loc)
        except Exception:  # noqa: BLE001 - a line number is a courtesy, never a crash
            return line

    @staticmethod
    def _line_in(node: Any, line: int, loc: tuple[Any, ...]) -> int:
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


def read_text(path: Path, shown_path: str, limit: int = QUESTION_FILE_LIMIT
              ) -> tuple[str | None, list[Problem]]:
    """The file's text once it is known to be safe to parse, or the problems that stop it."""
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):  # a pipe or device could block the read forever
            return None, [Problem(shown_path, 1, "E029", "not a regular file; remove it from "
                                  "the bank")]
        size = status.st_size
        if size > limit:
            return None, [Problem(shown_path, 1, "E028", f"file is {size:,} bytes; the limit is "
                                  f"{limit:,} bytes ({limit // 1024} KiB): split it or shorten it")]
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
        if len(raw) > limit:  # grew since stat, or not a regular file
            return None, [Problem(shown_path, 1, "E028", f"file is over the limit of {limit:,} "
                                  f"bytes ({limit // 1024} KiB): split it or shorten it")]
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return None, [Problem(shown_path, 1, "E001", f"file is not valid UTF-8 ({err.reason})")]
    except OSError as err:
        return None, [Problem(shown_path, 1, "E001", f"file cannot be read ({err.strerror})")]
    return text, preflight(text, shown_path)


def preflight(text: str, shown_path: str) -> list[Problem]:
    """Problems found by scanning the tokens, before anything is composed or constructed.

    libyaml's scanner (C, linear) does the work. When it stops at a syntax error, ruamel's
    scanner runs instead (the two follow different YAML versions): a file either passes one
    of them completely or the parser that reads it later stops at the same syntax error, before
    the unscanned part."""
    try:
        return _scan(yaml_c.scan(text, Loader=_TOKEN_LOADER), shown_path)
    except yaml_c.YAMLError:
        pass
    try:
        return _scan(YAML(typ="rt").scan(text), shown_path)
    except YAMLError:
        return []  # the reader reports the syntax error itself, with its line
    except RecursionError:
        return [Problem(shown_path, 1, "E027", f"nesting too deep to read; the limit is "
                        f"{MAX_DEPTH} levels")]


_TOKEN_LOADER = getattr(yaml_c, "CSafeLoader", yaml_c.SafeLoader)


def _scan(tokens: Any, shown_path: str) -> list[Problem]:
    depth, after_key = 0, False
    for token in tokens:
        kind = type(token).__name__
        line = token.start_mark.line + 1
        feature = None
        if kind == "AnchorToken":
            feature = f"anchor '&{token.value}'"
        elif kind == "AliasToken":
            feature = f"alias '*{token.value}'"
        elif kind == "TagToken":
            handle, suffix = token.value
            feature = f"tag '{handle or ''}{suffix}'"
        elif kind == "DirectiveToken":
            feature = f"directive '%{token.name}'"
        elif kind == "ScalarToken" and after_key and token.plain and token.value == "<<":
            feature = "merge key '<<'"
        if feature:
            return [Problem(shown_path, line, "E026", f"{feature}: bank files may not use "
                            "anchors, aliases, merge keys, tags or directives; write each "
                            "value out in full")]
        if kind in _OPEN:
            depth += 1
            if depth > MAX_DEPTH:
                return [Problem(shown_path, line, "E027", f"nesting deeper than {MAX_DEPTH} "
                                "levels of mappings and lists")]
        elif kind in _CLOSE:
            depth -= 1
        after_key = kind == "KeyToken"
    return []


def fast_load(path: Path, shown_path: str, limit: int = QUESTION_FILE_LIMIT
              ) -> YamlDocument | None:
    """The file's data via libyaml, or None when anything is unusual (then use `load_yaml`).

    YAML 1.1 differences (`no` read as false) only ever turn text into other types, which the
    strict model rejects, sending the file to the exact reader; a file that validates was read
    the same way by both."""
    try:
        text, problems = read_text(path, shown_path, limit)
        if text is None or problems:
            return None
        data = yaml_c.load(text, Loader=_UniqueKeyLoader)
    except Exception:  # noqa: BLE001 - anything unusual goes to the exact reader, which reports it
        return None
    return YamlDocument(shown_path, data, None, path, limit)


def load_yaml(path: Path, shown_path: str, limit: int = QUESTION_FILE_LIMIT
              ) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse one file; every failure becomes a Problem, never an exception."""
    try:
        return _load_yaml(path, shown_path, limit)
    except RecursionError:
        return None, [Problem(shown_path, 1, "E027", f"nesting too deep to read; the limit is "
                              f"{MAX_DEPTH} levels")]
    except Exception as err:  # noqa: BLE001 - a reader failure is a report line, not a traceback
        return None, [Problem(shown_path, 1, "E001", f"file cannot be read: "
                              f"{type(err).__name__}: {err}")]


def _load_yaml(path: Path, shown_path: str, limit: int
               ) -> tuple[YamlDocument | None, list[Problem]]:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    text, problems = read_text(path, shown_path, limit)
    if text is None or problems:
        return None, problems
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
    return YamlDocument(shown_path, _plain(tree), tree, None, limit), []


def _duplicate_key_name(err: DuplicateKeyError) -> str:
    # ruamel words it as: found duplicate key "name" with value ... ; take the quoted part.
    problem = err.problem or ""
    if '"' in problem:
        return problem.split('"')[1]
    return problem
