"""The exports built with the site: JSON and CSV of the whole bank, and the Anki deck."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import zipfile

import pytest
from bs4 import BeautifulSoup

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
    # The JSON opens as a download, not as a 5 MB page of text.
    link = BeautifulSoup(home, "html.parser").select_one(
        'a[href="exports/ml-interview-questions.json"]')
    assert link.get("download") == "ml-interview-questions.json"


SITE_URL = "https://ml-interview-prep.github.io/ml-interview-questions/"


def test_export_figure_urls_are_absolute_and_the_quiz_data_keeps_relative_ones(built_site):
    """The JSON export is read away from the site: its figures point at the published site. The
    quiz's own data stays relative, so the quiz never requests another host."""
    data = json.loads((built_site / "exports" / "ml-interview-questions.json").read_text())
    sources = [src for r in data["questions"]
               for src in re.findall(r'src="([^"]+)"', r["answer_html"] + r["short_answer_html"])]
    assert sources, "no exported answer shows a figure"
    assert all(src.startswith(SITE_URL + "assets/figures/") for src in sources), sources[:3]
    quiz = "".join(p.read_text() for p in (built_site / "assets" / "quiz").rglob("*.json"))
    quiz_sources = re.findall(r'src=\\"([^"\\]+)\\"', quiz)
    assert quiz_sources, "no quiz answer shows a figure"
    assert all(src.startswith("../assets/figures/") for src in quiz_sources), quiz_sources[:3]
    assert "http" not in "".join(quiz_sources)


def test_the_quiz_data_is_split_small_first_and_matches_the_export(built_site):
    """The quiz loads a small index and each topic's cards before the full answers; together they
    hold exactly what the export holds."""
    import gzip

    folder = built_site / "assets" / "quiz"
    index = json.loads((folder / "index.json").read_text())
    assert len(gzip.compress((folder / "index.json").read_bytes())) < 20_000
    export = json.loads((built_site / "exports" / "ml-interview-questions.json").read_text())
    assert [q["id"] for q in index["questions"]] == [r["id"] for r in export["questions"]]
    for record in export["questions"]:
        cards = json.loads((folder / "cards" / f"{record['topic']}.json").read_text())
        answers = json.loads((folder / "answers" / f"{record['topic']}.json").read_text())
        assert cards[record["id"]]["question_html"] == record["question_html"]
        relative = record["answer_html"].replace(f'="{SITE_URL}', '="../')
        assert answers[record["id"]] == relative
    first = index["first_cards"]
    assert first["topic"] == index["topics"][0]["id"]


def test_the_question_page_the_exports_and_the_anki_deck_show_one_rendered_answer(built_site,
                                                                                bank):
    """One renderer for every output: the answer on the question page, in the JSON export and in the Anki deck is the same HTML, rendered once per question; only
    the figure URLs differ, each for where it lands (`../../` on /q/<id>/, absolute in the
    export, a bare file name in Anki)."""
    import sqlite3
    import zipfile

    from macros.render.rendered import render_question, resolve_urls

    data = {r["id"]: r for r in json.loads(
        (built_site / "exports" / "ml-interview-questions.json").read_text())["questions"]}
    with zipfile.ZipFile(built_site / "exports" / "ml-interview-questions.apkg") as package:
        (built_site / "collection.anki2").write_bytes(package.read("collection.anki2"))
    with sqlite3.connect(built_site / "collection.anki2") as db:
        anki = {fields.split("\x1f")[5]: fields.split("\x1f")
                for (fields,) in db.execute("SELECT flds FROM notes")}
    (built_site / "collection.anki2").unlink()
    differ = []
    for q in bank.all_questions():
        rendered = render_question(q)
        page = BeautifulSoup((built_site / "q" / q.id / "index.html").read_text(), "html.parser")
        on_page = page.select_one("section.q-body").decode_contents().strip()
        # Both through the same parser: it re-serializes attributes (quotes, entities) its way.
        expected = BeautifulSoup(resolve_urls(rendered.answer.html, "../../"),
                                 "html.parser").decode().strip()
        if on_page != expected:
            differ.append(f"{q.id}: question page")
        if data[q.id]["answer_html"] != resolve_urls(rendered.answer.html, SITE_URL):
            differ.append(f"{q.id}: JSON export")
        if data[q.id]["short_answer_html"] != resolve_urls(rendered.short_answer.html, SITE_URL):
            differ.append(f"{q.id}: JSON short answer")
        if anki[q.id][2].replace('src="', f'src="{SITE_URL}assets/figures/') != \
                data[q.id]["answer_html"]:
            differ.append(f"{q.id}: Anki")
    assert not differ, f"{len(differ)} outputs differ, e.g. {differ[:5]}"
    with_figures = [r for r in data.values() if f'src="{SITE_URL}assets/' in r["answer_html"]]
    assert with_figures, "no exported answer shows a figure: the link rewrite is untested"


def test_every_figure_an_anki_note_shows_is_packed_in_the_deck(built_site):
    import sqlite3
    import zipfile

    with zipfile.ZipFile(built_site / "exports" / "ml-interview-questions.apkg") as package:
        media = json.loads(package.read("media"))
        packed = {name: package.read(index) for index, name in media.items()}
        (built_site / "collection.anki2").write_bytes(package.read("collection.anki2"))
    with sqlite3.connect(built_site / "collection.anki2") as db:
        fields = "\x1f".join(f for (f,) in db.execute("SELECT flds FROM notes"))
    (built_site / "collection.anki2").unlink()
    referenced = set(re.findall(r'<img[^>]* src="([^"]+)"', fields))
    assert referenced, "no note shows a figure: the media packing is untested"
    assert all("/" not in name for name in referenced), "Anki finds media by bare file name"
    assert referenced <= set(packed), sorted(referenced - set(packed))
    for name in referenced:
        assert packed[name] == (built_site / "assets" / "figures" / name).read_bytes()
