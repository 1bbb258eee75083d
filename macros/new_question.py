"""`python -m macros new --topic T --title "..."` (`make new`): a skeleton question file.

The skeleton is valid YAML with every field in place, but its placeholders (TODO) fail the check
(E013 and friends) until a person replaces them, and `reviewed:` is left empty for the reviewer.
It never overwrites a file and never reuses an ID (current or former) of the bank.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from macros.bank import TAGS_FILE, TOPICS_FILE, question_files, shown_path
from macros.model import DIFFICULTIES, ID_PATTERN, ROLES, Topic, TopicRegistry
from macros.yaml_source import REGISTRY_FILE_LIMIT, fast_load, load_yaml

MAX_ID_LENGTH = 60  # a URL and a file name: long enough to say what the question is


class NewQuestionError(ValueError):
    """Why the skeleton cannot be written (unknown topic, existing ID, empty title)."""


def id_from_title(title: str) -> str:
    """Kebab-case ASCII from a title: `What is the F1 score?` -> `what-is-the-f1-score`."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", text.lower())
    qid = ""
    for word in words:
        candidate = f"{qid}-{word}" if qid else word
        if len(candidate) > MAX_ID_LENGTH:
            break
        qid = candidate
    if not qid and words:
        qid = words[0][:MAX_ID_LENGTH]
    return qid


def skeleton(qid: str, title: str, topic: Topic) -> str:
    """The text of a new question file."""
    lines = ["# yaml-language-server: $schema=../question.schema.json",
             "# Written by `make new`. Replace every TODO, then run `make check` on this file.",
             f"id: {qid}"]
    if topic.sections:
        allowed = ", ".join(s.id for s in topic.sections)
        lines += [f"# section: one of {allowed}", f"section: {topic.sections[0].id}"]
    lines += [
        f"question: {json.dumps(title, ensure_ascii=False)}",
        "short_answer: >-",
        "  TODO: one or two sentences, the thing to say first in an interview.",
        "answer: |",
        "  TODO: the full answer in Markdown: intuition, math ($...$), an example, and where the",
        "  idea breaks.",
        f"# difficulty: one of {', '.join(DIFFICULTIES)}",
        "difficulty: TODO",
        f"# roles: one or more of {', '.join(ROLES)}",
        "roles: [TODO]",
        f"# tags: from questions/{TAGS_FILE}",
        "tags: [TODO]",
        "follow_ups:",
        "  - question: TODO the follow-up an interviewer is likely to ask next",
        "    answer: TODO the answer to give, in one to three sentences.",
        "mistakes:",
        "  - TODO what weak candidates say, and why it is wrong.",
        "related: []",
        "references:",
        "  - title: TODO the source, with the section or chapter",
        "    url: TODO",
        "# reviewed: the date a second reader checked the answer (YYYY-MM-DD), set by the reviewer",
        "reviewed:",
    ]
    return "\n".join(lines) + "\n"


def _topics(root: Path) -> list[Topic]:
    path = root / TOPICS_FILE
    doc = fast_load(path, shown_path(path), REGISTRY_FILE_LIMIT)
    if doc is None:
        doc, _ = load_yaml(path, shown_path(path), REGISTRY_FILE_LIMIT)
    if doc is None:
        raise NewQuestionError(f"{shown_path(path)} cannot be read: run `make check`")
    return TopicRegistry.model_validate(doc.data).topics


def _ids_in_use(root: Path) -> set[str]:
    """Every file name and every `id` and `former_ids` entry in the bank."""
    used = set()
    for path in question_files(root):
        used.add(path.stem)
        text = path.read_text(encoding="utf-8", errors="replace")
        if "former_ids" not in text and f"id: {path.stem}\n" in text:
            continue  # nothing else to learn from this file
        doc = fast_load(path, shown_path(path))
        data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
        if isinstance(data.get("id"), str):
            used.add(data["id"])
        former = data.get("former_ids")
        used |= {f for f in (former if isinstance(former, list) else []) if isinstance(f, str)}
    return used


def new_question(root: Path, topic_id: str, title: str) -> Path:
    """Write the skeleton; its path. NewQuestionError when it cannot."""
    title = " ".join(title.split())
    if not title:
        raise NewQuestionError("the title is empty: give the question as an interviewer asks it")
    topics = {t.id: t for t in _topics(root)}
    if topic_id not in topics:
        raise NewQuestionError(f"unknown topic '{topic_id}'; registered in "
                               f"questions/{TOPICS_FILE}: {', '.join(topics)}")
    qid = id_from_title(title)
    if not re.fullmatch(ID_PATTERN, qid):
        raise NewQuestionError(f"cannot derive an ID from the title {title!r}: it needs letters "
                               "or digits")
    if qid in _ids_in_use(root):
        raise NewQuestionError(f"the ID '{qid}' is already used in the bank (IDs are never "
                               "reused): word the title differently")
    path = root / topic_id / f"{qid}.yaml"
    path.parent.mkdir(exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite
            handle.write(skeleton(qid, title, topics[topic_id]))
    except FileExistsError:
        raise NewQuestionError(f"{shown_path(path)} already exists") from None
    return path
