"""Command line: `python -m macros check [paths]`, `python -m macros new --topic T --title "..."`,
`python -m macros schema [--check]` and `python -m macros sklearn-api [--check]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# Run as `python -m macros` from anywhere: the project root must be importable as `macros`.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# Imported where used: `check` on one file must start fast (make check FILE=..., issue #16).
from macros.bank import (BANK_META_FILES, DEFAULT_BANK, TOPICS_FILE, check_files, load_bank,
                         question_files, shown_path)  # noqa: E402
from macros.diagnostics import Problem, summary  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the bank; exit 1 on any problem")
    check.add_argument("paths", nargs="*", type=Path,
                       help="question files or folders (default: the whole bank)")
    new = commands.add_parser("new", help="write a skeleton question file "
                              "questions/<topic>/<id>.yaml (the ID comes from the title)")
    new.add_argument("--topic", required=True, help="a topic ID from questions/topics.yaml")
    new.add_argument("--title", required=True, help="the question as an interviewer asks it")
    schema = commands.add_parser("schema", help="write questions/question.schema.json")
    schema.add_argument("--check", action="store_true", help="fail if the file is out of date")
    api = commands.add_parser("sklearn-api", help="record the public functions of sklearn.metrics "
                              "(needs the test requirements)")
    api.add_argument("--check", action="store_true", help="fail if the record is out of date")
    args = parser.parse_args(argv)
    if args.command == "check":
        return run_check(args.paths)
    if args.command == "new":
        return run_new(args.topic, args.title)
    if args.command == "sklearn-api":
        return run_sklearn_api(args.check)
    return run_schema(args.check)


def run_check(paths: list[Path]) -> int:
    roots = {bank_root_of(p) for p in paths} if paths else {DEFAULT_BANK}
    problems: list[Problem] = []
    files = 0
    for root in sorted(roots):
        if root is None or not root.is_dir():
            print(f"error: no question bank (a folder holding {TOPICS_FILE}) contains "
                  f"{', '.join(str(p) for p in paths)}", file=sys.stderr)
            return 2
        wanted = _selected(root, paths)
        if wanted is not None and _only_question_files(root, paths):
            found = check_files(root, paths)  # reads only what the selected files' rules need
        else:
            _, found = load_bank(root)
        problems += [p for p in found if wanted is None or p.path in wanted]
        files += len(wanted) if wanted is not None else len(question_files(root)) + \
            sum((root / name).exists() for name in BANK_META_FILES)
    for problem in problems:
        print(problem)
    print(summary(problems, files))
    return 1 if problems else 0


def bank_root_of(path: Path) -> Path | None:
    """The nearest folder at or above `path` that holds the topic registry."""
    path = path.resolve()
    for candidate in [path, *path.parents]:
        if (candidate / TOPICS_FILE).is_file():
            return candidate
    return None


def _only_question_files(root: Path, paths: list[Path]) -> bool:
    return all(p.resolve().parent.parent == root and p.suffix == ".yaml" and p.is_file()
               and not p.is_symlink() for p in paths)


def run_new(topic: str, title: str) -> int:
    from macros.new_question import NewQuestionError, new_question
    try:
        path = new_question(DEFAULT_BANK, topic, title)
    except NewQuestionError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(shown_path(path))
    return 0


def _selected(root: Path, paths: list[Path]) -> set[str] | None:
    """Shown paths of the files the user named, or None for the whole bank."""
    if not paths or any(p.resolve() == root for p in paths):
        return None
    chosen = set()
    for path in paths:
        path = path.resolve()
        if path.is_dir():
            chosen |= {shown_path(f) for f in path.rglob("*")}  # stray files and links too
        else:
            chosen.add(shown_path(path))
    return chosen


def run_schema(check_only: bool) -> int:
    from macros.schema import SCHEMA_PATH, schema_is_current, write_schema
    if check_only:
        if schema_is_current():
            print(f"OK: {shown_path(SCHEMA_PATH)} is current.")
            return 0
        print(f"{shown_path(SCHEMA_PATH)} is out of date: run `python -m macros schema`.",
              file=sys.stderr)
        return 1
    write_schema()
    print(f"wrote {shown_path(SCHEMA_PATH)}")
    return 0


def run_sklearn_api(check_only: bool) -> int:
    from macros import sklearn_api
    shown = shown_path(sklearn_api.RECORD)
    if check_only:
        if sklearn_api.record_is_current():
            print(f"OK: {shown} is current.")
            return 0
        print(f"{shown} is out of date: run `python -m macros sklearn-api`.", file=sys.stderr)
        return 1
    sklearn_api.write_record()
    print(f"wrote {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
