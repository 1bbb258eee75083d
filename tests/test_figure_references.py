"""Figures in the bank: every figure with a home is used, every used figure exists, and every
figure image has a real alt text.

The question files are read directly (not through `load_bank`), so a reference counts even while
the question holding it has an unrelated problem, e.g. a `related` ID that is not written yet.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "questions"
FIGURES = ROOT / "docs" / "assets" / "figures"

# Figures deliberately not referenced by any question yet, with the reason. Placing one of them
# makes test_unplaced_figures_are_exactly_the_listed_ones fail until it is removed from here.
NOT_YET_PLACED: dict[str, str] = {
}

# A Markdown image: ![alt](target). Alt texts contain no brackets (test_figures.py checks that).
IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")
# The one path form that works from topic pages and per-question pages alike.
FIGURE_REFERENCE = re.compile(r"\]\(\.\./assets/figures/([^)/\s]+)\.svg\)")


def _question_files() -> list[Path]:
    return sorted(p for p in QUESTIONS.rglob("*.yaml")
                  if p.parent != QUESTIONS)  # skip tags.yaml, topics.yaml


def _answer_texts() -> list[tuple[str, str]]:
    """(where, text) for every answer and follow-up answer in the bank."""
    texts = []
    for path in _question_files():
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(doc, dict):
            continue
        where = str(path.relative_to(ROOT))
        if isinstance(doc.get("answer"), str):
            texts.append((where, doc["answer"]))
        for i, follow_up in enumerate(doc.get("follow_ups") or []):
            if isinstance(follow_up, dict) and isinstance(follow_up.get("answer"), str):
                texts.append((f"{where} follow_ups[{i}]", follow_up["answer"]))
    return texts


def _references() -> dict[str, list[str]]:
    """Figure name -> the places that reference it."""
    refs: dict[str, list[str]] = {}
    for where, text in _answer_texts():
        for name in FIGURE_REFERENCE.findall(text):
            refs.setdefault(name, []).append(where)
    return refs


def _figure_files() -> set[str]:
    return {path.stem for path in FIGURES.glob("*.svg")}


def test_the_bank_and_the_figures_are_found():
    assert len(_question_files()) > 50
    assert len(_figure_files()) > 10


def test_unplaced_figures_are_exactly_the_listed_ones():
    unreferenced = _figure_files() - set(_references())
    newly_placed = set(NOT_YET_PLACED) - unreferenced
    assert not newly_placed, (
        f"{sorted(newly_placed)} are referenced now (or no longer exist): remove them from "
        "NOT_YET_PLACED")
    homeless = unreferenced - set(NOT_YET_PLACED)
    assert not homeless, (
        f"{sorted(homeless)} are referenced by no question: place them (see "
        "/work/briefs/figure-placement.md) or list them in NOT_YET_PLACED with a reason")


def test_not_yet_placed_entries_give_a_reason():
    for name, reason in NOT_YET_PLACED.items():
        assert len(reason.split()) >= 4, f"{name}: give a one-line reason"


def test_every_referenced_figure_exists():
    files = _figure_files()
    missing = {name: places for name, places in _references().items() if name not in files}
    assert not missing, f"references to figures that do not exist: {missing}"


def _figure_images() -> list[tuple[str, str, str]]:
    """(file, alt, target) for every figure image anywhere in a question file, not only answers."""
    return [(str(path.relative_to(ROOT)), alt, target) for path in _question_files()
            for alt, target in IMAGE.findall(path.read_text(encoding="utf-8"))
            if "assets/figures/" in target]


def test_figure_images_use_the_relative_path_that_works_everywhere():
    wrong = [(where, target) for where, _, target in _figure_images()
             if not re.fullmatch(r"\.\./assets/figures/[^/]+\.svg", target)]
    assert not wrong, f"use ](../assets/figures/<name>.svg): {wrong}"


@pytest.mark.parametrize("where, alt, target",
                         [pytest.param(*image, id=f"{image[0]}:{Path(image[2]).stem}")
                          for image in _figure_images()])
def test_figure_image_has_alt_text_of_at_least_eight_words(where, alt, target):
    assert len(alt.split()) >= 8, f"{where}: {target} has alt text {alt!r}"
