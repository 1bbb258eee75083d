"""Where things live on the site and in the repository: every URL the renderers write."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

# Site paths of generated pages (source .md paths; MkDocs turns them into directory URLs).
# These are public URLs: never change them without redirects.
TOPIC_DIR = "topics"
QUESTION_DIR = "q"
TAG_DIR = "tags"
ROLE_DIR = "roles"
DIFFICULTY_DIR = "difficulty"
METRIC_DIR = "metrics"


def topic_page(topic_id: str) -> str:
    return f"{TOPIC_DIR}/{topic_id}.md"


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
    return f"{METRIC_DIR}/reference.md"


def from_page(src: str, target: str) -> str:
    """A relative Markdown link from one source page to another (all pages are 0 or 1 deep)."""
    return ("../" * src.count("/")) + target


@dataclass(frozen=True)
class Repository:
    """The GitHub repository behind the site, for 'suggest an edit' and 'report a wrong answer'."""

    url: str
    branch: str = "main"

    def edit_url(self, source_path: str) -> str:
        return f"{self.url}/edit/{self.branch}/{source_path}"

    def report_url(self, question_id: str, question_text: str) -> str:
        # Issue forms accept field values as query parameters keyed by the field id.
        query = urlencode({"template": "wrong-answer.yml", "question-id": question_id,
                           "title": f"Wrong answer: {question_id}"})
        return f"{self.url}/issues/new?{query}"
