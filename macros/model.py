"""The typed model of the question bank: one source of truth for the validator, the JSON Schema
published for editors, and the renderers.

Design choices (read before adding a field):
- Every model is strict and forbids unknown keys, so a typo in a field name is an error, never a
  silently ignored value.
- Enumerations are ``Literal`` types so the schema lists the allowed values and the validator can
  name them in its messages.
- Cross-file rules (the ID matches the file name, tags exist in the vocabulary, related IDs exist,
  the section is one of the topic's) live in ``macros.checks``: a single file cannot know them.
- Order is never a field: topics and sections are shown in registry order, questions by ID.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

# An ID is kebab-case ASCII: it becomes a file name, an HTML anchor and a URL path, forever.
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


# Literals rather than Enums: strict validation then accepts the plain strings YAML gives, and
# the schema still lists the allowed values.
Difficulty = Literal["easy", "medium", "hard"]
Role = Literal["data-scientist", "ml-engineer", "research"]
DIFFICULTIES: tuple[str, ...] = get_args(Difficulty)
ROLES: tuple[str, ...] = get_args(Role)

ROLE_TITLES = {"data-scientist": "Data scientist", "ml-engineer": "ML engineer",
               "research": "Research scientist"}


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class FollowUp(_Strict):
    """A question an interviewer is likely to ask next, with the short answer to give."""

    question: str = Field(min_length=1, description="The follow-up as the interviewer asks it.")
    answer: str = Field(min_length=1, description="The answer to give, in one to three sentences.")


class Reference(_Strict):
    """An authoritative source: a textbook section, a paper, or library documentation."""

    title: str = Field(min_length=1, description="Title, with the section or chapter where it helps.")
    url: str = Field(min_length=1, description="An absolute http(s) URL.")


class Question(_Strict):
    """One interview question: a file `questions/<topic>/<id>.yaml`."""

    id: str = Field(
        pattern=ID_PATTERN,
        description="Kebab-case, globally unique, equal to the file name without `.yaml`. "
        "Never reused or renamed once published (list old IDs in `former_ids`).",
    )
    section: str | None = Field(
        default=None,
        description="The section of the topic that lists this question, by its `id` in "
        "questions/topics.yaml. Required when the topic has sections; absent when it has none.",
    )
    question: str = Field(min_length=1, description="The question as an interviewer asks it.")
    short_answer: str = Field(
        min_length=1,
        description="One or two sentences: the thing to say first in an interview.",
    )
    answer: str = Field(
        min_length=1,
        description="The full answer in Markdown: intuition, math in LaTeX ($...$ or $$...$$), "
        "an example, and where the idea breaks.",
    )
    difficulty: Difficulty
    roles: list[Role] = Field(min_length=1, description="The roles this question is typical for.")
    tags: list[str] = Field(min_length=1, description="Tags from questions/tags.yaml.")
    follow_ups: list[FollowUp] = Field(
        min_length=1, description="Likely follow-up questions, each with its short answer."
    )
    mistakes: list[str] = Field(
        min_length=1, description="Common mistakes: what weak candidates say, and why it is wrong."
    )
    related: list[str] = Field(default_factory=list, description="IDs of related questions.")
    references: list[Reference] = Field(
        min_length=1, description="Authoritative sources, linked to the specific section."
    )
    reviewed: datetime.date = Field(
        description="The date a second reader last checked this answer (YYYY-MM-DD, unquoted)."
    )
    former_ids: list[Annotated[str, Field(pattern=ID_PATTERN)]] = Field(
        default_factory=list,
        description="IDs this question was published under before; their URLs keep working. "
        "Kebab-case like `id`, and never the ID (current or former) of any question.",
    )

    @property
    def permalink(self) -> str:
        """Site-relative URL of the question's own page (directory URLs)."""
        return f"q/{self.id}/"


class Section(_Strict):
    """A part of a large topic with its own page, `/topics/<topic>/<section>/`: one page holding
    every answer of a big topic would be too heavy to load and to read (issue #9)."""

    id: str = Field(pattern=ID_PATTERN, description="The page name under the topic's URL: "
                    "never renamed once published.")
    title: str = Field(min_length=1)
    summary: str = Field(min_length=1, description="One line: what this section covers.")


class Topic(_Strict):
    """One entry of the topic registry, `questions/topics.yaml`."""

    id: str = Field(pattern=ID_PATTERN, description="The folder name under questions/.")
    title: str = Field(min_length=1)
    summary: str = Field(min_length=1, description="One paragraph: what this topic covers.")
    sections: list[Section] = Field(
        default_factory=list,
        description="For a topic too large for one page: its sections, in the order shown. Each "
        "question of the topic then names one in its `section` field.",
    )

    def section(self, section_id: str | None) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)


class TopicRegistry(_Strict):
    """`questions/topics.yaml`: the topics in the order the site shows them."""

    topics: list[Topic] = Field(min_length=1)


class Tag(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1)
    description: str = Field(min_length=1)


class TagVocabulary(_Strict):
    """`questions/tags.yaml`: the controlled vocabulary of tags."""

    tags: list[Tag] = Field(min_length=1)
