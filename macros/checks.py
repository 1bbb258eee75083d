"""The rules a question file must follow beyond its shape.

Each rule is a small generator yielding `(loc, code, message)`, where `loc` is the key path of the
offending value (so the caller can find its line). The rules look at the raw data with type guards
rather than at the parsed model, so a file with a wrong type somewhere still gets every other rule
checked: all problems are reported at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from macros.diagnostics import allowed_list, did_you_mean

Finding = tuple[tuple[Any, ...], str, str]

# Text fields that must hold real prose (not empty, not a placeholder).
PROSE_FIELDS = ("question", "short_answer", "answer")

# Words that mark unfinished writing: all-caps markers as whole words (so "to do" in prose is
# fine), lorem ipsum anywhere, and a value that is nothing but a stand-in.
_PLACEHOLDER_CASED = re.compile(r"\b(TODO|TBD|FIXME|XXX)\b")
_PLACEHOLDER_ANYCASE = re.compile(r"lorem ipsum|\A\s*(\.\.\.|…|-|n/?a|placeholder|answer here)\s*\Z",
                                  re.IGNORECASE)

# Markup that could run code in a reader's browser. Bank text is data: it may use Markdown and
# harmless inline HTML (<sub>, <br>), never scripts, frames, event handlers or javascript: URLs.
_UNSAFE_TAG = re.compile(r"<\s*/?\s*(script|iframe|object|embed|style|form|base|meta|link)\b",
                         re.IGNORECASE)
_EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
_SCRIPT_URL_IN_LINK = re.compile(r"(\]\(\s*|href\s*=\s*[\"']?|src\s*=\s*[\"']?)\s*"
                                 r"(javascript|vbscript|data)\s*:", re.IGNORECASE)


@dataclass(frozen=True)
class BankContext:
    """What a single file's rules need to know about the rest of the bank."""

    topics: list[str]
    sections: dict[str, list[str]]  # topic ID -> its section IDs, empty when it has none
    tags: list[str]
    question_ids: set[str]


def rule_id_matches_file_name(data: dict, stem: str, ctx: BankContext) -> Iterator[Finding]:
    """The `id` equals the file name without `.yaml`: the file name is the URL."""
    value = data.get("id")
    if isinstance(value, str) and value != stem:
        yield ("id",), "E007", f"id '{value}' does not match the file name '{stem}.yaml'; " \
            f"rename the file or set id: {stem}"


def rule_tags_in_vocabulary(data: dict, stem: str, ctx: BankContext) -> Iterator[Finding]:
    """Every tag is declared in questions/tags.yaml."""
    tags = data.get("tags")
    if not isinstance(tags, list):
        return
    for index, tag in enumerate(tags):
        if isinstance(tag, str) and tag not in ctx.tags:
            yield ("tags", index), "E010", f"tag '{tag}' is not in questions/tags.yaml" \
                f"{did_you_mean(tag, ctx.tags)}; allowed: {allowed_list(ctx.tags)}"


def rule_related_exist(data: dict, stem: str, ctx: BankContext) -> Iterator[Finding]:
    """Every `related` ID is a question in the bank, and not the question itself."""
    related = data.get("related")
    if not isinstance(related, list):
        return
    for index, other in enumerate(related):
        if not isinstance(other, str):
            continue
        if other == stem:
            yield ("related", index), "E011", f"related '{other}' is this question itself"
        elif other not in ctx.question_ids:
            # Sorted only on an error: sorting every ID for every file made validation
            # grow with the square of the bank.
            yield ("related", index), "E011", f"related '{other}' is not a question ID in the " \
                f"bank{did_you_mean(other, sorted(ctx.question_ids))}"


def rule_no_repeated_items(data: dict, stem: str, ctx: BankContext) -> Iterator[Finding]:
    """Lists of roles, tags, related IDs and former IDs name each item once."""
    for field in ("roles", "tags", "related", "former_ids"):
        items = data.get(field)
        if not isinstance(items, list):
            continue
        seen: set[str] = set()
        for index, item in enumerate(items):
            if isinstance(item, str) and item in seen:
                yield (field, index), "E016", f"{field} lists '{item}' more than once"
            if isinstance(item, str):
                seen.add(item)


def rule_reference_urls(data: dict, stem: str, ctx: BankContext) -> Iterator[Finding]:
    """Reference URLs are absolute https URLs with a real host, no user-info part, no spaces,
    and at most URL_LIMIT characters."""
    references = data.get("references")
    if not isinstance(references, list):
        return
    for index, ref in enumerate(references):
        url = ref.get("url") if isinstance(ref, dict) else None
        if isinstance(url, str):
            for code, message in url_findings(url):
                yield ("references", index, "url"), code, message


def rule_urls_anywhere(data: Any) -> Iterator[Finding]:
    """The URL rule for a registry: every string under a key named `url`, wherever it sits."""
    for loc, text in walk_strings(data):
        if loc and loc[-1] == "url":
            for code, message in url_findings(text):
                yield loc, code, message


# Long enough for any documentation deep link; a longer "URL" is a payload, not a reference.
URL_LIMIT = 2000


def url_findings(url: str) -> list[tuple[str, str]]:
    """At most one (code, message) for a reference URL: the first rule it breaks."""
    if len(url) > URL_LIMIT:
        return [("E033", f"URL '{url[:60]}...' is {len(url):,} characters; the limit is "
                 f"{URL_LIMIT:,}")]
    if not is_well_formed_url(url):
        return [("E012", f"'{url}' is not an absolute URL (expected like https://host/path)")]
    parts = urlsplit(url)
    if parts.scheme != "https":
        return [("E031", f"'{url}' uses {parts.scheme}:, which readers' browsers fetch "
                 "unencrypted; link the https: address")]
    if "@" in parts.netloc:
        return [("E032", f"'{url}' has a user-info part (before '@'), which can disguise the "
                 "real host; remove it")]
    return []


def is_well_formed_url(url: str) -> bool:
    if url != url.strip() or any(ch.isspace() or ord(ch) < 32 or ch == "\\" for ch in url):
        return False
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and "." in host and not host.startswith(".")


# Length caps on text fields (characters), by the field's name: enough for the longest real
# value several times over, small enough that one field cannot bloat every page it appears on.
TEXT_LIMITS = {"answer": 16 * 1024, "short_answer": 2000, "question": 500, "title": 300,
               "name": 200, "label": 300, "prompt": 500}
ID_FIELDS = {"id", "former_ids", "related", "tags", "questions", "section", "sklearn",
             "optimize", "report", "tasks"}
ID_LIMIT = 100
TEXT_LIMIT = 4096  # any other text field (a follow-up's answer is a `follow_ups[i].answer`)


def text_limit(loc: tuple[Any, ...]) -> int | None:
    names = [part for part in loc if isinstance(part, str)]
    if not names or names[-1] == "url":
        return None  # URLs have their own rule (E033)
    if names[-1] in ID_FIELDS:
        return ID_LIMIT
    if names[0] == "follow_ups" and names[-1] == "answer":
        return TEXT_LIMIT
    return TEXT_LIMITS.get(names[-1], TEXT_LIMIT)


def rule_text_sizes(data: Any, stem: str = "", ctx: Any = None) -> Iterator[Finding]:
    """No text field is longer than its cap (E028), in question files and registries alike."""
    for loc, text in walk_strings(data):
        limit = text_limit(loc)
        if limit is not None and len(text) > limit:
            yield loc, "E028", f"{dotted(loc)} is {len(text):,} characters; the limit is " \
                f"{limit:,}: shorten it"


def rule_prose_is_written(data: dict, stem: str, ctx: BankContext) -> Iterator[Finding]:
    """The question, answers, follow-ups and mistakes hold real text, not blanks or placeholders."""
    for loc, text in _prose_values(data):
        yield from unwritten(loc, text)


def unwritten(loc: tuple[Any, ...], text: str) -> Iterator[Finding]:
    """E013 when a prose value is empty or a placeholder (shared with the metric registries)."""
    if not text.strip():
        yield loc, "E013", f"{dotted(loc)} is empty"
    elif marker := (_PLACEHOLDER_CASED.search(text) or _PLACEHOLDER_ANYCASE.search(text)):
        yield loc, "E013", f"{dotted(loc)} holds a placeholder ('{marker.group(0).strip()}'); " \
            "write the real text"


def repeated(ids: Iterator[tuple[Any, Any]]) -> Iterator[tuple[Any, Any]]:
    """(position, id) of every id seen before in `ids`, a stream of (position, id): one rule for
    "listed more than once", whether the entries are raw data or parsed models."""
    seen: set[Any] = set()
    for position, value in ids:
        if value in seen:
            yield position, value
        seen.add(value)


def _prose_values(data: dict) -> Iterator[tuple[tuple[Any, ...], str]]:
    for field in PROSE_FIELDS:
        if isinstance(data.get(field), str):
            yield (field,), data[field]
    for index, item in enumerate(data.get("follow_ups") or []):
        if isinstance(item, dict):
            for key in ("question", "answer"):
                if isinstance(item.get(key), str):
                    yield ("follow_ups", index, key), item[key]
    mistakes = data.get("mistakes")
    for index, item in enumerate(mistakes if isinstance(mistakes, list) else []):
        if isinstance(item, str):
            yield ("mistakes", index), item


def rule_no_unsafe_html(data: dict, stem: str, ctx: BankContext) -> Iterator[Finding]:
    """No text field contains a script, frame, event handler or javascript: URL."""
    for loc, text in walk_strings(data):
        for pattern, what in ((_UNSAFE_TAG, "an HTML <{}> tag"),
                              (_EVENT_HANDLER, "an HTML event-handler attribute"),
                              (_SCRIPT_URL_IN_LINK, "a {}: URL")):
            match = pattern.search(text)
            if match:
                detail = what.format(match.group(match.lastindex or 0).lower()) \
                    if "{}" in what else what
                yield loc, "E014", f"{dotted(loc)} contains {detail}; bank text may not run code " \
                    "in the reader's browser"
                break


_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}(\s|$)")
_FENCE = re.compile(r"^\s*(```|~~~)")


def rule_no_headings_in_answers(data: dict, stem: str, ctx: BankContext) -> Iterator[Finding]:
    """Answers use bold lead-ins, not Markdown headings: on a topic page each question is a
    heading, and a heading inside an answer would break the page's outline and its search."""
    for loc, text in _prose_values(data):
        in_code = False
        for line in text.split("\n"):
            if _FENCE.match(line):
                in_code = not in_code
            elif not in_code and _ATX_HEADING.match(line):
                yield loc, "E018", f"{dotted(loc)} contains a Markdown heading ('{line.strip()[:40]}'); " \
                    "use a **bold lead-in** instead"
                break


def section_findings(data: dict, topic: str, sections: list[str]) -> Iterator[Finding]:
    """A question of a topic split into sections names one of them in `section` (it decides the
    page the answer lives on); a question of a topic without sections names none."""
    value = data.get("section")
    if not isinstance(value, (str, type(None))):
        return  # a wrong type is reported by the model
    if sections and value is None:
        # Reported at the id line: the section line belongs below it.
        yield ("id",), "E024", f"topic '{topic}' is split into sections: add " \
            f"section: <id>; allowed: {', '.join(sections)}"
    elif sections and value not in sections:
        yield ("section",), "E023", f"section '{value}' is not a section of topic '{topic}' in " \
            f"questions/topics.yaml{did_you_mean(value, sections)}; allowed: {', '.join(sections)}"
    elif not sections and value is not None:
        yield ("section",), "E025", f"section '{value}' given, but topic '{topic}' has no " \
            "sections in questions/topics.yaml; remove the line or declare the topic's sections"


def walk_strings(value: Any, loc: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every string in a nested structure, with its key path."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from walk_strings(item, loc + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk_strings(item, loc + (index,))


def dotted(loc: tuple[Any, ...]) -> str:
    """('follow_ups', 0, 'answer') -> 'follow_ups[0].answer'."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "file"


QUESTION_RULES = (
    rule_id_matches_file_name,
    rule_tags_in_vocabulary,
    rule_related_exist,
    rule_no_repeated_items,
    rule_reference_urls,
    rule_text_sizes,
    rule_prose_is_written,
    rule_no_unsafe_html,
    rule_no_headings_in_answers,
)
