"""The self-quiz's data files, written with the site from the export records
(`macros.exports.question_records`), so the quiz shows exactly what every other output shows.

The first card must appear fast on a slow phone connection, so the data is split by what is
needed when:

- `assets/quiz/index.json`: the topics, the roles and one entry per question (id, topic,
  difficulty, roles), in site order: enough to order the cards, apply the filters and draw the
  progress table, plus the first topic's cards, which a new visitor sees first (about 10 KB
  gzip: the only file the first card waits for);
- `assets/quiz/cards/<topic>.json`: each question of a topic with its short answer (a few KB):
  the quiz loads the first card's topic first and the others in the background;
- `assets/quiz/answers/<topic>.json`: the full answers, loaded in the background once the first
  card shows, or on reveal if they have not arrived yet.

Figure URLs stay relative to the quiz page (`../assets/figures/...`): the quiz never requests
another host, wherever the site is served. The JSON export, meant to be read elsewhere, carries
absolute URLs instead.
"""

from __future__ import annotations

import json
from pathlib import Path

QUIZ_DIR = "assets/quiz"
INDEX_NAME = "index.json"
QUIZ_VERSION = 2
# Relative to the quiz page (/quiz/), which is one folder deep.
FIGURE_ROOT = "../"


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n"


def quiz_files(records: list[dict], roles: list[dict]) -> dict[str, str]:
    """Path under the site directory -> file content, for every quiz data file."""
    topics: dict[str, str] = {}
    for r in records:
        topics.setdefault(r["topic"], r["topic_title"])
    index = {
        "version": QUIZ_VERSION,
        "topics": [{"id": t, "title": title} for t, title in topics.items()],
        "roles": roles,
        "questions": [{"id": r["id"], "topic": r["topic"], "difficulty": r["difficulty"],
                       "roles": r["roles"]} for r in records],
    }
    files = {}
    for topic in topics:
        mine = [r for r in records if r["topic"] == topic]
        cards = {r["id"]: {"question_html": r["question_html"],
                           "short_answer_html": r["short_answer_html"]} for r in mine}
        if "first_cards" not in index:
            index["first_cards"] = {"topic": topic, "cards": cards}
        files[card_path(topic)] = _dump(cards)
        files[answer_path(topic)] = _dump({r["id"]: r["answer_html"] for r in mine})
    return {f"{QUIZ_DIR}/{INDEX_NAME}": _dump(index), **files}


def card_path(topic: str) -> str:
    return f"{QUIZ_DIR}/cards/{topic}.json"


def answer_path(topic: str) -> str:
    return f"{QUIZ_DIR}/answers/{topic}.json"


def write_quiz_files(records: list[dict], roles: list[dict], site_dir: Path) -> None:
    for rel, content in quiz_files(records, roles).items():
        path = site_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
