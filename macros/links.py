"""Where things live on the site and in the repository: every URL the renderers write."""

from __future__ import annotations

import functools

from dataclasses import dataclass
from urllib.parse import urlencode

from macros.model import Question

# Site paths of generated pages (source .md paths; MkDocs turns them into directory URLs).
# These are public URLs: never change them without redirects.
TOPIC_DIR = "topics"
QUESTION_DIR = "q"
TAG_DIR = "tags"
ROLE_DIR = "roles"
DIFFICULTY_DIR = "difficulty"
METRIC_DIR = "metrics"

# The anchor of a generated page's title. A heading made of fragment tokens needs one: Markdown
# would derive it from the token, whose number depends on the build's history, so a `make serve`
# rebuild and a full build would give the same page different anchors. `mlq-` is the site's own
# prefix (question IDs are plain kebab-case words).
TITLE_ID = "mlq-title"


def topic_page(topic_id: str) -> str:
    # An index.md in the topic's folder (URL /topics/<t>/), so a split topic's section pages sit
    # under it and the theme can show it as the index of its nav section.
    return f"{TOPIC_DIR}/{topic_id}/index.md"


def section_page(topic_id: str, section_id: str) -> str:
    return f"{TOPIC_DIR}/{topic_id}/{section_id}.md"


def answer_page(topic_id: str, question: Question) -> str:
    """The page that holds a question's full answer: its section's page when its topic is split
    into sections, else its topic's page. Every link to an answer goes through here."""
    if question.section:
        return section_page(topic_id, question.section)
    return topic_page(topic_id)


def answer_link(src: str, topic_id: str, question: Question) -> str:
    """A relative link from page `src` to a question's answer (its anchor on its answer page)."""
    return from_page(src, answer_page(topic_id, question)) + f"#{question.id}"


def question_page(question_id: str) -> str:
    return f"{QUESTION_DIR}/{question_id}.md"


def tag_page(tag_id: str) -> str:
    return f"{TAG_DIR}/{tag_id}.md"


def role_page(role: str) -> str:
    return f"{ROLE_DIR}/{role}.md"


def difficulty_page(level: str) -> str:
    return f"{DIFFICULTY_DIR}/{level}.md"


def metric_chooser_page() -> str:
    return f"{METRIC_DIR}/index.md"


def metric_reference_page() -> str:
    """The reference's landing page (/metrics/reference/): every metric listed by task, each
    entry carrying the metric's anchor, published when the whole reference was one page."""
    return f"{METRIC_DIR}/reference/index.md"


def metric_task_page(task: str) -> str:
    """One task's metrics with their formulas (/metrics/reference/<task>/)."""
    return f"{METRIC_DIR}/reference/{task}.md"


def metric_link(src: str, task: str, metric_id: str) -> str:
    """A relative link from page `src` to a metric's entry on its task's page."""
    return from_page(src, metric_task_page(task)) + f"#{metric_id}"


def site_path(src: str) -> str:
    """The directory URL (relative to the site root) MkDocs gives a source page."""
    stem = src.removesuffix(".md")
    return "" if stem == "index" else stem.removesuffix("/index") + "/"


def url_between(here: str, there: str) -> str:
    """A relative URL between two directory URLs (`site_path` values): for HTML written after
    MkDocs has converted the page's Markdown links."""
    return ("../" * here.count("/")) + there


def from_page(src: str, target: str) -> str:
    """A relative Markdown link from one source page to another (paths relative to docs/)."""
    return ("../" * src.count("/")) + target


@dataclass(frozen=True)
class Repository:
    """The GitHub repository behind the site, for 'suggest an edit' and 'report a wrong answer'."""

    url: str
    branch: str = "main"

    def edit_url(self, source_path: str) -> str:
        return f"{self.url}/edit/{self.branch}/{source_path}"

    def report_url(self, question_id: str, question_text: str) -> str:
        return f"{self.url}/issues/new?{_report_query(question_id)}"


@functools.lru_cache(maxsize=None)  # twice per question per build, the same every time
def _report_query(question_id: str) -> str:
    # Issue forms accept field values as query parameters keyed by the field id.
    return urlencode({"template": "wrong-answer.yml", "question-id": question_id,
                      "title": f"Wrong answer: {question_id}"})
