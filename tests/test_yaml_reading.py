"""The fast reader (libyaml) and the exact reader (ruamel, YAML 1.2) agree on what a file says."""

from __future__ import annotations

from macros.bank import load_bank
from tests.conftest import overlay_bank


def test_yaml_1_1_booleans_are_read_as_the_text_yaml_1_2_says(tmp_path):
    bank = overlay_bank(tmp_path, None)
    path = bank / "basics" / "first-question.yaml"
    path.write_text(path.read_text().replace("answer: Sensitivity, or the true-positive rate.",
                                             "answer: No"))
    loaded, problems = load_bank(bank)
    assert not problems, problems
    assert loaded.by_id()["first-question"].follow_ups[0].answer == "No"


def test_a_duplicate_key_is_caught_on_the_fast_path_too(tmp_path):
    bank = overlay_bank(tmp_path, None)
    path = bank / "basics" / "first-question.yaml"
    path.write_text(path.read_text() + "difficulty: hard\n")
    _, problems = load_bank(bank)
    assert [p.code for p in problems] == ["E002"]


def test_a_broken_registry_does_not_cascade_into_every_file(tmp_path):
    bank = overlay_bank(tmp_path, None)
    (bank / "tags.yaml").write_text((bank / "tags.yaml").read_text() + "  - id: x: y\n")
    _, problems = load_bank(bank)
    assert [(p.path.rsplit("/", 1)[-1], p.code) for p in problems] == [("tags.yaml", "E001")]
