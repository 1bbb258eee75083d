"""The mkdocs-macros adapter: functions that hand-written pages may call.

Only pages that opt in with `render_macros: true` are rendered by Jinja; generated pages never
are, so bank text is never interpreted as a template.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # mkdocs-macros imports this file by path
    sys.path.insert(0, str(ROOT))

from macros import build_state, links  # noqa: E402
from macros.model import DIFFICULTIES, ROLE_TITLES, ROLES  # noqa: E402
from macros.site_pages import topics_with_questions  # noqa: E402


def define_env(env):
    @env.macro
    def topic_table(src: str = "index.md") -> str:
        """Every topic with its summary and counts by difficulty."""
        bank = build_state.bank
        rows = ["| Topic | What it covers | Questions | Easy / medium / hard |",
                "|---|---|---:|---|"]
        for topic in topics_with_questions(bank):
            questions = bank.questions[topic.id]
            split = " / ".join(str(sum(q.difficulty == d for q in questions)) for d in DIFFICULTIES)
            # Registry text is bank text: it enters as the render stage's sanitized fragments.
            title, summary = build_state.rendered.topics[topic.id]
            rows.append(f"| [{build_state.fragments.token(title.html)}]"
                        f"({links.from_page(src, links.topic_page(topic.id))}) | "
                        f"{build_state.fragments.token(summary.html)} | {len(questions)} | "
                        f"{split} |")
        return "\n".join(rows)

    @env.macro
    def question_count() -> int:
        return len(build_state.bank.all_questions())

    @env.macro
    def role_links(src: str = "index.md") -> str:
        bank = build_state.bank
        return " · ".join(
            f"[{ROLE_TITLES[r]} ({sum(r in q.roles for q in bank.all_questions())})]"
            f"({links.from_page(src, links.role_page(r))})" for r in ROLES)
