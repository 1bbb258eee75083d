"""The exports built with the site: JSON and CSV of the whole bank, and the Anki deck."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import zipfile

import pytest

from macros.bank import load_bank
from macros.exports import anki_guid

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def bank():
    bank, problems = load_bank()
    assert not problems
    return bank


def test_the_json_export_holds_every_question_in_site_order(built_site, bank):
    data = json.loads((built_site / "exports" / "ml-interview-questions.json").read_text())
    assert [r["id"] for r in data["questions"]] == [q.id for q in bank.all_questions()]
    first = data["questions"][0]
    q = bank.by_id()[first["id"]]
    assert first["short_answer"] == q.short_answer.strip()
    assert first["url"].endswith(f"/q/{q.id}/")
    assert "<p>" in first["answer_html"]
    assert data["licence"] == "CC BY 4.0"


def test_the_csv_export_has_a_row_per_question(built_site, bank):
    text = (built_site / "exports" / "ml-interview-questions.csv").read_text()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["id"] for r in rows] == [q.id for q in bank.all_questions()]
    assert all(r["roles"] and r["difficulty"] in ("easy", "medium", "hard") for r in rows)


def _anki_notes(site):
    with zipfile.ZipFile(site / "exports" / "ml-interview-questions.apkg") as package:
        database = package.read("collection.anki2")
    path = site.parent / "collection.anki2"
    path.write_bytes(database)
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT guid, flds, tags FROM notes").fetchall()


def test_the_anki_deck_has_one_note_per_question_with_stable_ids_and_tags(built_site, bank):
    notes = _anki_notes(built_site)
    by_guid = {guid: (fields.split("\x1f"), tags.split()) for guid, fields, tags in notes}
    assert len(notes) == len(bank.all_questions())
    for topic in bank.topics:
        for q in bank.questions.get(topic.id, []):
            fields, tags = by_guid[anki_guid(q.id)]
            assert fields[5] == q.id
            assert f"topic::{topic.id}" in tags and f"difficulty::{q.difficulty}" in tags
            assert all(f"role::{r}" in tags for r in q.roles)
            assert all(f"tag::{t}" in tags for t in q.tags)


def test_anki_note_ids_depend_on_the_question_id_only():
    assert anki_guid("roc-auc") == anki_guid("roc-auc") != anki_guid("pr-auc")


def test_math_reaches_anki_with_mathjax_delimiters(built_site, bank):
    notes = _anki_notes(built_site)
    with_math = [fields for _, fields, _ in notes if "arithmatex" in fields]
    assert with_math, "no note carries math"
    assert all("\\(" in f or "\\[" in f for f in with_math)


def test_the_home_page_links_every_export(built_site):
    home = (built_site / "index.html").read_text()
    for name in ("ml-interview-questions.apkg", "ml-interview-questions.csv",
                 "ml-interview-questions.json"):
        assert f'href="exports/{name}"' in home


def test_each_exported_answer_is_the_answer_rendered_on_its_own(built_site, bank):  # and short
    """The build reuses the HTML of each question page for the exports rather than rendering
    every answer again: it must be what rendering the answer alone with the site's Markdown
    extensions gives (figure links relative to a page one folder deep, as the quiz page is),
    apart from the empty header cells the build turns into <td> for every page."""
    from mkdocs.config import load_config

    from macros.mkdocs_hooks import _markdown_to_html

    to_html = _markdown_to_html(load_config("mkdocs.yml"))
    data = json.loads((built_site / "exports" / "ml-interview-questions.json").read_text())
    differ = [f'{r["id"]}: {field}' for r in data["questions"]
              for field, text in (("answer_html", bank.by_id()[r["id"]].answer),
                                  ("short_answer_html", bank.by_id()[r["id"]].short_answer))
              if r[field] != to_html(text).replace("<th></th>", "<td></td>")]
    assert not differ, f"{len(differ)} exported answers differ, e.g. {differ[:5]}"
    with_figures = [r for r in data["questions"] if 'src="../assets/' in r["answer_html"]]
    assert with_figures, "no exported answer shows a figure: the link rewrite is untested"
