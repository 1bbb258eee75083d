"""Bank text is data: template syntax renders literally, and a broken bank never ships a page."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.conftest import FIXTURES, build_site, overlay_bank

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def template_site(tmp_path_factory):
    work = tmp_path_factory.mktemp("template-bank")
    bank = overlay_bank(work, FIXTURES / "template-syntax")
    result = build_site(work / "site", bank)
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "site"


def _page(site, path):
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "lxml")


def test_jinja_expressions_and_statements_in_an_answer_render_literally(template_site):
    text = _page(template_site, "topics/basics").get_text()
    assert "Writing {{ 1 + 1 }} here must show the" in text
    assert "{% if true %}this block{% endif %} must show its tags" in text
    assert "{# not a comment #} stays" in text
    assert "Literal text: {{ config.site_name }} is never evaluated." in text
    assert "How many ways are there to choose {{ k }} of {{ n }} items?" in text


def test_latex_with_double_braces_reaches_katex_intact(template_site):
    page = _page(template_site, "q/template-looking-text")
    math = [m.get_text() for m in page.select(".arithmatex")]
    assert any(r"{{n}\choose{k}} = \frac{n!}{k!(n-k)!}" in m for m in math), math
    assert any(r"{{n-1}\choose{k-1}} + {{n-1}\choose{k}}" in m for m in math), math


def test_a_broken_bank_fails_the_build_with_the_validator_report_and_no_traceback(tmp_path):
    result = build_site(tmp_path / "site", FIXTURES / "broken-bank")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    expected = (FIXTURES / "broken-bank.expected.txt").read_text().splitlines()
    for line in expected[:-1]:
        assert line in output
    assert "Traceback" not in output
    assert not (tmp_path / "site").exists(), "no site may be written from a broken bank"
