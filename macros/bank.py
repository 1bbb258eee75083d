"""Loading and validating the whole bank: the one path every caller uses (CLI, tests, build).

`load_bank(root)` never raises for bad content: it returns the questions that are valid together
with every problem found, each pointing at a file and line.
"""

from __future__ import annotations

import functools
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from macros.checks import (QUESTION_RULES, BankContext, repeated, rule_no_unsafe_html,
                           rule_tags_in_vocabulary, rule_text_sizes, rule_urls_anywhere,
                           section_findings)
from macros.diagnostics import Problem, allowed_list, did_you_mean

if TYPE_CHECKING:
    from macros.metrics_registry import MetricCatalog
from macros.model import Question, Section, Tag, TagVocabulary, Topic, TopicRegistry
from macros.schema_errors import kind_of, schema_problems
from macros.search_synonyms import SYNONYMS_FILE, load_synonyms
from macros.yaml_source import (QUESTION_FILE_LIMIT, REGISTRY_FILE_LIMIT, YamlDocument, fast_load,
                                load_yaml)

REPO_ROOT = Path(__file__).resolve().parent.parent
# The bank every caller uses by default; MLQ_BANK points the CLI, the build and the tests at
# another one (the tests build fixture banks this way).
BANK_ENV = "MLQ_BANK"
DEFAULT_BANK = Path(os.environ.get(BANK_ENV, REPO_ROOT / "questions")).resolve()
TOPICS_FILE = "topics.yaml"
TAGS_FILE = "tags.yaml"
# Files at the top of the bank that are not questions.
# The metric registries' names, as macros.metrics_registry defines them (a test checks): that
# module is imported only when the whole bank loads, so checking one file starts faster.
METRICS_FILE = "metrics.yaml"
CHOOSER_FILE = "metric-chooser.yaml"
BANK_META_FILES = {TOPICS_FILE, TAGS_FILE, METRICS_FILE, CHOOSER_FILE, SYNONYMS_FILE}
# The editors' JSON Schema (macros.schema writes it): the one file at the top that is not YAML.
SCHEMA_FILE = "question.schema.json"
# Rules that compare against a registry: skipped when that registry is itself broken.
REGISTRY_RULES = {rule_tags_in_vocabulary}


@dataclass
class Bank:
    """A validated bank: topics in registry order, each with its questions sorted by ID."""

    root: Path
    topics: list[Topic]
    tags: list[Tag]
    questions: dict[str, list[Question]] = field(default_factory=dict)
    sources: dict[str, Path] = field(default_factory=dict)  # question ID -> its file
    metrics: MetricCatalog | None = None  # None when the bank has no metrics registry
    # Search synonyms (questions/search-synonyms.yaml): groups of terms that mean the same.
    synonyms: list[tuple[str, ...]] = field(default_factory=list)

    def all_questions(self) -> list[Question]:
        return [q for topic in self.topics for q in self.questions.get(topic.id, [])]

    def topic_of(self, question_id: str) -> Topic:
        for topic in self.topics:
            if any(q.id == question_id for q in self.questions.get(topic.id, [])):
                return topic
        raise KeyError(question_id)

    def by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.all_questions()}

    def sections_of(self, topic: Topic) -> list[tuple[Section, list[Question]]]:
        """A split topic's sections that hold questions, in registry order, with their questions."""
        questions = self.questions.get(topic.id, [])
        return [(section, chosen) for section in topic.sections
                if (chosen := [q for q in questions if q.section == section.id])]

    def tag_titles(self) -> dict[str, str]:
        return {tag.id: tag.title for tag in self.tags}


@functools.lru_cache(maxsize=65536)  # every file's, on every `make serve` rebuild
def shown_path(path: Path) -> str:
    """Path relative to the repository root when inside it, as errors must print it. A symbolic
    link is shown where it sits, never where it points (that could be anywhere on the machine)."""
    for candidate in (Path(os.path.abspath(path)), path.resolve()):
        try:
            return candidate.relative_to(REPO_ROOT).as_posix()
        except ValueError:
            continue
    return Path(os.path.abspath(path)).as_posix()


def _read_files(function, paths, *args):
    return function(*args)


def load_bank(root: Path = DEFAULT_BANK, read=None, check=None, read_files=None
              ) -> tuple[Bank, list[Problem]]:
    """The bank at `root` and every problem found. `read(fast_load, path, shown)` may replace
    the fast reader of question files, `check(checker, doc, path, context)` the check of one,
    and `read_files(function, paths, *args)` the call `function(*args)` that reads and checks
    the registry files `paths` (`mkdocs serve` caches all three across rebuilds:
    macros.incremental)."""
    read_files = read_files or _read_files
    problems: list[Problem] = []
    topics, found = read_files(_registry, [root / TOPICS_FILE], root / TOPICS_FILE,
                               TopicRegistry, "topics")
    problems += found
    tags, found = read_files(_registry, [root / TAGS_FILE], root / TAGS_FILE, TagVocabulary,
                             "tags")
    problems += found
    bank = Bank(root=root, topics=topics, tags=tags)

    files, found = scan_bank(root)
    problems += found
    documents = _read_question_files(root, files, problems, read)
    context = BankContext(
        topics=[t.id for t in topics],
        sections={t.id: [s.id for s in t.sections] for t in topics},
        tags=[t.id for t in tags],
        # A file that failed to parse still names its question: count its stem, so one broken
        # file does not cascade into "unknown related ID" errors in every file linking to it.
        question_ids=({_id_of(doc) for doc, _ in documents} - {None})
        | {path.stem for path in files},
    )
    problems += _duplicate_ids(documents)
    for doc, path in documents:
        question, found = check(_checked_question, doc, path, context) if check else \
            _checked_question(doc, path, context)
        problems += found
        if question is not None and not found:
            bank.questions.setdefault(path.parent.name, []).append(question)
            bank.sources[question.id] = path
    for questions in bank.questions.values():
        questions.sort(key=lambda q: q.id)
    from macros.metrics_registry import CHOOSER_FILE as chooser, METRICS_FILE as metrics
    from macros.metrics_registry import load_metrics
    bank.metrics, found = read_files(load_metrics, [root / metrics, root / chooser], root,
                                     context.question_ids, shown_path)
    problems += found
    bank.synonyms, found = read_files(load_synonyms, [root / SYNONYMS_FILE], root, shown_path)
    problems += found
    return bank, sorted(set(problems))


def _checked_question(doc: YamlDocument, path: Path, context: BankContext
                      ) -> tuple[Question | None, list[Problem]]:
    question, found = _validate_question(doc, path, context)
    # Read fast: re-read exactly, for YAML 1.2 and line numbers.
    if found and doc.source is not None:
        exact, parse_problems = load_yaml(path, doc.path)
        question, found = (None, parse_problems) if exact is None else \
            _validate_question(exact, path, context)
    return question, found


def check_files(root: Path, selected: list[Path]) -> list[Problem]:
    """The problems `load_bank(root)` reports, for the question files `selected` only, cross-file
    rules included (duplicate IDs, related IDs), without reading the whole bank: besides the
    registries, only the files whose text names one of the selected files' IDs (its own, former
    or related ones) are parsed. Problems of other files are not reported."""
    problems: list[Problem] = []
    topics = _load_registry(root / TOPICS_FILE, TopicRegistry, "topics", problems)
    tags = _load_registry(root / TAGS_FILE, TagVocabulary, "tags", problems)
    files, found = scan_bank(root)
    problems += found
    # scan_bank never follows a link, so its paths are already real when `root` is.
    wanted = {p.resolve() for p in selected} | {Path(os.path.abspath(p)) for p in selected}
    chosen = [f for f in files if f in wanted]
    documents = _read_question_files(root, chosen, problems)
    needles = {path.stem for path in chosen}
    for doc, _ in documents:
        for key in ("id", "former_ids", "related"):
            value = doc.data.get(key)
            needles |= {v for v in (value if isinstance(value, list) else [value])
                        if isinstance(v, str) and v}
    others = [f for f in files if f not in wanted and f.parent.parent == root]
    named = [f for f in others if _names_any(f, needles)]
    context_documents = documents + _read_question_files(root, named, [])
    context = BankContext(
        topics=[t.id for t in topics],
        sections={t.id: [s.id for s in t.sections] for t in topics},
        tags=[t.id for t in tags],
        question_ids=({_id_of(doc) for doc, _ in context_documents} - {None})
        | {path.stem for path in files},
    )
    problems += _duplicate_ids(context_documents)
    for doc, path in documents:
        problems += _checked_question(doc, path, context)[1]
    return sorted(set(problems))


def _names_any(path: Path, needles: set[str]) -> bool:
    try:
        with path.open("rb") as handle:
            text = handle.read(QUESTION_FILE_LIMIT + 1).decode("utf-8", errors="replace")
    except OSError:
        return False
    return any(needle in text for needle in needles)


def question_files(root: Path) -> list[Path]:
    return scan_bank(root)[0]


def scan_bank(root: Path) -> tuple[list[Path], list[Problem]]:
    """The bank's question files, and a problem for everything else found under it: a symbolic
    link (file or folder: it could point anywhere, and its target's path would leak into the
    site's links), a file that is not `.yaml` (`.yml`, `.YAML` and stray files would otherwise
    be skipped without a word), anything that is not a regular file. Links are never followed.

    One directory listing per folder and no further system call per file (the listing says
    what each entry is): `make serve` scans the bank on every rebuild."""
    files: list[Path] = []
    problems: list[Problem] = []
    _scan_folder(root, root, files, problems)
    return sorted(files, key=lambda path: path.parts), problems  # as Paths sort, but faster


def _scan_folder(root: Path, here: Path, files: list[Path], problems: list[Problem]) -> None:
    try:
        with os.scandir(here) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError:
        return
    folders = [e for e in entries if e.is_dir(follow_symlinks=False)]
    for entry in entries:
        if entry.is_symlink() and entry.is_dir():
            problems.append(Problem(shown_path(_child(here, entry.name)), 1, "E030",
                                    "a folder in the bank is a symbolic link; bank folders "
                                    "and files must be real ones inside the repository"))
    for entry in entries:
        if entry.is_dir(follow_symlinks=False) or (entry.is_symlink() and entry.is_dir()):
            continue
        path = _child(here, entry.name)
        name = entry.name
        if entry.is_symlink():
            problems.append(Problem(shown_path(path), 1, "E030",
                                    "this file is a symbolic link; bank folders and files "
                                    "must be real ones inside the repository"))
        elif not entry.is_file(follow_symlinks=False):
            problems.append(Problem(shown_path(path), 1, "E029",
                                    "not a regular file; remove it from the bank"))
        elif here == root and name in BANK_META_FILES | {SCHEMA_FILE}:
            continue
        elif not name.endswith(".yaml"):
            problems.append(Problem(shown_path(path), 1, "E029", _stray_message(name)))
        else:
            files.append(path)
    for entry in folders:
        _scan_folder(root, _child(here, entry.name), files, problems)


@functools.lru_cache(maxsize=None)
def _child(folder: Path, name: str) -> Path:
    """`folder / name`, the same object on every scan: `make serve` scans the bank on every
    rebuild, and a path made again must compute its string, parts and hash again."""
    return folder / name


def _stray_message(name: str) -> str:
    stem, dot, suffix = name.rpartition(".")
    if dot and suffix.lower() in ("yaml", "yml"):
        return (f"'{name}' is not read: question files end in '.yaml' (lower case); rename it "
                f"to {stem}.yaml")
    return "only question files (<topic>/<id>.yaml), the registries and the schema belong in " \
        "the bank; move or remove this file"


def _read_question_files(root: Path, files: list[Path], problems: list[Problem], read=None
                         ) -> list[tuple[YamlDocument, Path]]:
    documents = []
    root_folder = str(root)
    for path in files:
        shown = shown_path(path)
        if os.path.dirname(os.path.dirname(path)) != root_folder:
            problems.append(Problem(shown, 1, "E017", "a question file must sit directly in its "
                                    "topic folder: questions/<topic>/<id>.yaml"))
            continue
        doc = read(fast_load, path, shown) if read else fast_load(path, shown)
        if doc is None:
            doc, found = load_yaml(path, shown)
            problems += found
        if doc is None:
            continue
        if not isinstance(doc.data, dict):
            problems.append(Problem(shown, 1, "E015", "a question file must be a mapping of "
                                    "fields (key: value), found " + kind_of(doc.data)))
            continue
        documents.append((doc, path))
    return documents


def _validate_question(doc: YamlDocument, path: Path, ctx: BankContext
                       ) -> tuple[Question | None, list[Problem]]:
    problems = []
    topic = path.parent.name
    if ctx.topics and topic not in ctx.topics:
        problems.append(Problem(doc.path, 1, "E009", f"topic folder '{topic}' is not registered in "
                                f"questions/{TOPICS_FILE}{did_you_mean(topic, ctx.topics)}; "
                                f"registered: {allowed_list(ctx.topics)}"))
    elif ctx.topics:
        for loc, code, message in section_findings(doc.data, topic, ctx.sections[topic]):
            problems.append(Problem(doc.path, doc.line_of(loc), code, message))
    question = None
    try:
        question = Question.model_validate(doc.data)
    except ValidationError as err:
        problems += schema_problems(doc, err, Question)
    for rule in QUESTION_RULES:
        if rule in REGISTRY_RULES and not ctx.tags:
            continue  # the tag registry itself failed to load: it is reported, don't cascade
        for loc, code, message in rule(doc.data, path.stem, ctx):
            problems.append(Problem(doc.path, doc.line_of(loc), code, message))
    return question, problems


def _duplicate_ids(documents: list[tuple[YamlDocument, Path]]) -> list[Problem]:
    """IDs (current and former) are unique across the whole bank: each one is a URL."""
    claims: dict[str, list[tuple[YamlDocument, tuple[Any, ...]]]] = defaultdict(list)
    for doc, _ in documents:
        if isinstance(doc.data.get("id"), str):
            claims[doc.data["id"]].append((doc, ("id",)))
        former = doc.data.get("former_ids")
        for index, old in enumerate(former if isinstance(former, list) else []):
            if isinstance(old, str):
                claims[old].append((doc, ("former_ids", index)))
    problems = []
    for question_id, owners in claims.items():
        for doc, loc in owners:
            if loc[0] == "former_ids" and doc.data.get("id") == question_id:
                problems.append(Problem(doc.path, doc.line_of(loc), "E008",
                                        f"former_ids lists '{question_id}', the question's own "
                                        "id: a former ID must differ from every current one"))
        # A file listing an ID twice is E016's business; here, only other files count.
        files = {id(doc): doc for doc, _ in owners}
        if len(files) < 2:
            continue
        for doc, loc in owners:
            others = ", ".join(sorted({o.path for o, _ in owners if o is not doc}))
            problems.append(Problem(doc.path, doc.line_of(loc), "E008",
                                    f"ID '{question_id}' is also used by {others}"))
    return problems


def _id_of(doc_and_path: Any) -> str | None:
    value = doc_and_path.data.get("id")
    return value if isinstance(value, str) else None


# --- the two registries ------------------------------------------------------------------------

def _registry(path: Path, model: type[BaseModel], key: str) -> tuple[list[Any], list[Problem]]:
    problems: list[Problem] = []
    return _load_registry(path, model, key, problems), problems


def _load_registry(path: Path, model: type[BaseModel], key: str, problems: list[Problem]
                   ) -> list[Any]:
    shown = shown_path(path)
    if path.is_symlink():
        return []  # reported by scan_bank (E030); never read
    if not path.exists():
        problems.append(Problem(shown, 1, "E004", f"the bank needs {path.name} listing its {key}"))
        return []
    # Fast read first (libyaml); the exact reader only when the fast result does not validate.
    # The same reader as a question file's, with the registries' size cap.
    registry = None
    doc = fast_load(path, shown, REGISTRY_FILE_LIMIT)
    if doc is not None:
        try:
            registry = model.model_validate(doc.data)
        except ValidationError:
            registry = None
    if registry is None:
        doc, found = load_yaml(path, shown, REGISTRY_FILE_LIMIT)
        problems += found
        if doc is None:
            return []
        try:
            registry = model.model_validate(doc.data)
        except ValidationError as err:
            problems += schema_problems(doc, err, model)
            return []
    entries = getattr(registry, key)
    # Registry text reaches the same pages as question text: the same rules apply to it.
    for rule in (rule_no_unsafe_html, rule_text_sizes):
        problems += [Problem(shown, doc.line_of(loc), code, message)
                     for loc, code, message in rule(doc.data, "", None)]
    problems += [Problem(shown, doc.line_of(loc), code, message)
                 for loc, code, message in rule_urls_anywhere(doc.data)]
    problems += _listed_twice(shown, doc, entries, (key,), key)
    for index, entry in enumerate(entries):
        # A section ID is a page under its topic's URL: unique within the topic.
        problems += _listed_twice(shown, doc, getattr(entry, "sections", []),
                                  (key, index, "sections"), f"topic '{entry.id}' sections")
    return entries


def _listed_twice(shown: str, doc: YamlDocument, entries: list[Any], loc: tuple[Any, ...],
                  what: str) -> list[Problem]:
    ids = ((index, entry.id) for index, entry in enumerate(entries))
    return [Problem(shown, doc.line_of(loc + (index,)), "E008",
                    f"{what} lists '{value}' more than once") for index, value in repeated(ids)]
