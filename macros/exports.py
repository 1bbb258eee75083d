"""Machine-readable exports of the bank, built with the site from the validated model:
a JSON document of the whole bank (figure URLs absolute, so it works away from the site), a CSV
for spreadsheets and other tools, and an Anki deck. The self-quiz reads its own smaller files,
built from the same records (`macros.quiz_data`).

Answers are exported both as Markdown (the source) and as HTML rendered with the site's own
Markdown extensions, so math arrives as `\\(...\\)` / `\\[...\\]` inside `.arithmatex` spans: the
delimiters KaTeX on the site and MathJax in Anki both understand.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

from macros import links
from macros.bank import Bank
from macros.model import ROLE_TITLES
from macros.render.rendered import RenderedBank, resolve_urls

EXPORT_DIR = "exports"
JSON_NAME = "ml-interview-questions.json"
CSV_NAME = "ml-interview-questions.csv"
APKG_NAME = "ml-interview-questions.apkg"
EXPORT_VERSION = 1

# Fixed Anki identities: changing them would make every re-import a new deck and note type.
ANKI_DECK_ID = 1_733_044_800_001
ANKI_MODEL_ID = 1_733_044_800_002
ANKI_DECK_NAME = "ML Interview Questions"

# The CSV is text for spreadsheets: math as readable Unicode, no markup.
CSV_COLUMNS = ["id", "topic", "topic_title", "question", "short_answer", "answer", "difficulty",
               "roles", "tags", "url", "reviewed"]
# A column's value in a record: the text forms of the Markdown fields.
CSV_SOURCES = {"question": "question_text", "short_answer": "short_answer_text",
               "answer": "answer_text"}


def question_records(bank: Bank, rendered: RenderedBank, site_url: str,
                     figure_root: str | None = None) -> list[dict]:
    """One dict per question, in site order: the Markdown source, the HTML every page shows
    (rendered once, sanitized) and the same as plain text. Figure URLs in the HTML start with
    `figure_root`: by default the site URL (absolute, for the exports, read away from the site);
    the self-quiz's data passes a root relative to its page (`macros.quiz_data`)."""
    root = site_url if figure_root is None else figure_root
    records = []
    for topic in bank.topics:
        for q in bank.questions.get(topic.id, []):
            r = rendered.questions[q.id]
            records.append({
                "id": q.id,
                "topic": topic.id,
                "topic_title": rendered.topics[topic.id][0].text,
                "question": q.question,
                "question_html": r.title.html,
                "question_text": r.title.text,
                "short_answer": q.short_answer.strip(),
                "short_answer_html": resolve_urls(r.short_answer.html, root),
                "short_answer_text": r.short_answer.text,
                "answer": q.answer.strip(),
                "answer_html": resolve_urls(r.answer.html, root),
                "answer_text": r.answer.text,
                "follow_ups": [{"question": f.question, "answer": f.answer,
                                "question_html": rf.question.html,
                                "answer_html": resolve_urls(rf.answer.html, root)}
                               for f, rf in zip(q.follow_ups, r.follow_ups)],
                "difficulty": q.difficulty,
                "roles": list(q.roles),
                "tags": list(q.tags),
                "url": site_url + links.site_path(links.question_page(q.id)),
                # Where the answer sits among its neighbours: the section page of a split topic.
                "topic_url": site_url + links.site_path(links.answer_page(topic.id, q))
                + f"#{q.id}",
                "reviewed": q.reviewed.isoformat(),
            })
    return records


def role_list() -> list[dict]:
    return [{"id": r, "title": t} for r, t in ROLE_TITLES.items()]


def json_export(bank: Bank, records: list[dict]) -> str:
    document = {
        "version": EXPORT_VERSION,
        "licence": "CC BY 4.0",
        "topics": list({r["topic"]: {"id": r["topic"], "title": r["topic_title"]}
                        for r in records}.values()),
        "roles": role_list(),
        "questions": records,
    }
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


# A cell starting with one of these is read as a formula by spreadsheets (CSV injection).
CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """A cell a spreadsheet shows as text: OWASP's CSV-injection advice, a single quote before
    a value that would start a formula. The csv module quotes the rest (commas, quotes, new
    lines; every cell is quoted, as OWASP also advises), so the file still reads back cell for
    cell."""
    text = ";".join(map(str, value)) if isinstance(value, list) else str(value)
    return "'" + text if text.startswith(CSV_FORMULA_STARTS) else text


def csv_export(records: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(CSV_COLUMNS)
    for record in records:
        writer.writerow([csv_cell(record.get(CSV_SOURCES.get(c, c), record.get(c)))
                         for c in CSV_COLUMNS])
    return out.getvalue()


def anki_guid(question_id: str) -> str:
    """A note identity derived from the question ID only, so a re-import updates the card."""
    import genanki

    return genanki.guid_for("ml-interview-questions", question_id)


def anki_tags(record: dict) -> list[str]:
    return ([f"topic::{record['topic']}", f"difficulty::{record['difficulty']}"]
            + [f"role::{r}" for r in record["roles"]] + [f"tag::{t}" for t in record["tags"]])


# A figure, whatever root its URL starts with (absolute in the exports).
_FIGURE = re.compile(r'src="[^"]*?assets/figures/([A-Za-z0-9._-]+)"')


def anki_field(html: str, figures: set[str]) -> str:
    """An exported HTML field as Anki wants it: figures referenced by bare file name (Anki looks
    them up in the collection's media folder), each name added to `figures`."""
    def bare(found: re.Match) -> str:
        figures.add(found.group(1))
        return f'src="{found.group(1)}"'
    return _FIGURE.sub(bare, html)


def write_anki_package(records: list[dict], path: Path, timestamp: float,
                       figure_dir: Path) -> None:
    """An .apkg deck: front = question, back = short answer, full answer and a link. Figures
    travel inside the package as media."""
    import genanki

    model = genanki.Model(
        ANKI_MODEL_ID, "ML interview question",
        fields=[{"name": "Question"}, {"name": "ShortAnswer"}, {"name": "Answer"},
                {"name": "Topic"}, {"name": "Link"}, {"name": "QuestionId"}],
        templates=[{
            "name": "Question -> answer",
            "qfmt": '<div class="topic">{{Topic}}</div><div class="question">{{Question}}</div>',
            "afmt": '{{FrontSide}}<hr id="answer"><div class="short">{{ShortAnswer}}</div>'
                    '<div class="full">{{Answer}}</div><p class="link">{{Link}}</p>',
        }],
        css=".card{font-family:system-ui,sans-serif;font-size:18px;text-align:left;}"
            ".topic{font-size:13px;opacity:.7}.question{font-weight:600}"
            ".short{border-left:3px solid #3f51b5;padding-left:8px;margin:8px 0}"
            ".link{font-size:13px}",
        sort_field_index=5,
    )
    deck = genanki.Deck(ANKI_DECK_ID, ANKI_DECK_NAME)
    figures: set[str] = set()
    for record in records:
        deck.add_note(genanki.Note(
            model=model,
            fields=[record["question_html"], anki_field(record["short_answer_html"], figures),
                    anki_field(record["answer_html"], figures),
                    html.escape(record["topic_title"]),
                    f'<a href="{html.escape(record["url"])}">Open on the site</a>',
                    record["id"]],
            tags=anki_tags(record),
            guid=anki_guid(record["id"]),
        ))
    package = genanki.Package(deck)
    package.media_files = [str(figure_dir / name) for name in sorted(figures)]
    package.write_to_file(str(path), timestamp=timestamp)
    _normalise_zip(path, timestamp)


def _normalise_zip(path: Path, timestamp: float) -> None:
    """Rewrite the zip with fixed entry dates: genanki stamps entries with the clock, which would
    make two builds of one commit differ."""
    import time
    import zipfile

    with zipfile.ZipFile(path) as original:
        entries = [(info.filename, original.read(info)) for info in original.infolist()]
    date_time = time.gmtime(max(timestamp, 315532800))[:6]  # zip dates start in 1980
    with zipfile.ZipFile(path, "w") as normalised:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            normalised.writestr(info, data)
