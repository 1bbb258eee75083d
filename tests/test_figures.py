"""The figure pipeline: committed SVGs match fresh renders, the registry matches the files, and
every figure has a real alt text."""

from __future__ import annotations

import re

import pytest

from scripts.figures import OUTPUT_DIR, REGISTRY, output_path, render


@pytest.mark.parametrize("name", list(REGISTRY))
def test_committed_svg_matches_a_fresh_render(name, tmp_path):
    fresh = tmp_path / f"{name}.svg"
    fresh.write_bytes(render(name))
    committed = output_path(name)
    assert committed.exists(), f"{name}: {committed} is missing; run `python -m scripts.figures`"
    assert committed.read_bytes() == fresh.read_bytes(), (
        f"{name}: {committed} differs from a fresh render; run `python -m scripts.figures`")


def test_render_is_deterministic():
    name = "confusion-matrix"
    assert render(name) == render(name)


def test_registry_and_files_match_one_to_one():
    files = {path.stem for path in OUTPUT_DIR.glob("*.svg")}
    assert sorted(files - set(REGISTRY)) == [], "SVGs with no registry entry"
    assert sorted(set(REGISTRY) - files) == [], "registry entries with no SVG"
    for name in REGISTRY:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name), f"{name} is not kebab-case"


@pytest.mark.parametrize("name", list(REGISTRY))
def test_alt_text_is_a_full_sentence(name):
    alt = REGISTRY[name].alt
    assert alt[0].isupper() or alt[0].isdigit() or alt.startswith("k-"), f"{name}: {alt!r}"
    assert alt.endswith("."), f"{name}: alt text does not end with a full stop"
    assert len(alt.split()) >= 8, f"{name}: alt text has fewer than 8 words"
    assert "[" not in alt and "]" not in alt, f"{name}: brackets would break the Markdown image"


def test_svgs_are_small_and_have_no_raster_images():
    for name in REGISTRY:
        svg = output_path(name).read_bytes()
        assert len(svg) < 150_000, f"{name}: {len(svg)} bytes"
        assert b"<image" not in svg, f"{name}: contains a raster image"
