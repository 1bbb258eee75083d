"""A URL that ever worked keeps working: every URL and question anchor in the committed manifest
resolves in the built site, and every public URL of the site is in the manifest."""

from __future__ import annotations

import re

import pytest

from macros.published_urls import read_manifest, resolves, site_urls
from tests.conftest import FIXTURES, build_site, overlay_bank

pytestmark = pytest.mark.site


def test_every_published_url_and_anchor_still_resolves(built_site):
    manifest = read_manifest()
    assert manifest, "tests/published-urls.txt is empty: run `make urls`"
    dead = sorted(url for url in manifest if not resolves(built_site, url))
    assert not dead, "published URLs that no longer resolve (add a former_ids entry instead " \
        "of renaming or deleting):\n" + "\n".join(dead)


def test_every_public_url_of_the_site_is_in_the_manifest(built_site):
    missing = sorted(site_urls(built_site) - read_manifest())
    assert not missing, "run `make urls` and commit tests/published-urls.txt:\n" + \
        "\n".join(missing[:40])


def _relink_metrics(bank, old: str, new: str) -> None:
    """The metrics registry and chooser link to questions by ID: follow a rename or deletion."""
    for name in ("metrics.yaml", "metric-chooser.yaml"):
        path = bank / name
        path.write_text(path.read_text().replace(f"[{old}]", f"[{new}]"))


def test_a_renamed_question_keeps_its_old_permalink_and_anchor(tmp_path):
    bank = overlay_bank(tmp_path, None)
    old = bank / "basics" / "first-question.yaml"
    text = old.read_text().replace("id: first-question", "id: recall-definition")
    text = text.replace("related: [second-question]", "related: [second-question]\n"
                        "former_ids: [first-question]")
    old.unlink()
    (bank / "basics" / "recall-definition.yaml").write_text(text)
    second = bank / "basics" / "second-question.yaml"
    second.write_text(second.read_text().replace("related: [first-question]",
                                                 "related: [recall-definition]"))
    _relink_metrics(bank, "first-question", "recall-definition")
    result = build_site(tmp_path / "site", bank)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    redirect = (site / "q" / "first-question" / "index.html").read_text()
    assert re.search(r'http-equiv="refresh" content="0; url=../recall-definition/"', redirect)
    assert resolves(site, "/topics/basics/#first-question")
    assert resolves(site, "/q/first-question/")


def test_a_deleted_question_is_reported_as_a_dead_url(tmp_path):
    bank = overlay_bank(tmp_path, FIXTURES / "invalid" / "E009")  # first-question moved away
    (bank / "advanced" / "first-question.yaml").unlink()
    second = bank / "basics" / "second-question.yaml"
    second.write_text(second.read_text().replace("related: [first-question]", "related: []"))
    _relink_metrics(bank, "first-question", "second-question")
    result = build_site(tmp_path / "site", bank)
    assert result.returncode == 0, result.stderr
    assert not resolves(tmp_path / "site", "/q/first-question/")
    assert not resolves(tmp_path / "site", "/topics/basics/#first-question")
