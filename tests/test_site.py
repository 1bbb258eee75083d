"""The built site: links and anchors resolve, ids are unique, every question has its anchor and
its permalink, and no page loads anything from another host."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from macros import links
from macros.bank import load_bank, shown_path
from macros.render.rendered import render_question

pytestmark = pytest.mark.site

SITE_PATH_PREFIX = "/ml-interview-questions/"  # the path of site_url (404.html uses absolute URLs)


@cache
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _target_file(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """The file a same-site link points to and its fragment; None for other hosts or schemes."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        assert path.startswith(SITE_PATH_PREFIX), f"{page}: absolute link outside the site: {href}"
        base = site / path[len(SITE_PATH_PREFIX):]
    elif path:
        base = (page.parent / path).resolve()
    else:
        base = page
    if base.is_dir() or path.endswith("/"):
        base = base / "index.html"
    return base, unquote(parts.fragment)


def test_every_internal_link_and_anchor_resolves(built_site):
    broken = []
    for page in _pages(built_site):
        for tag in _soup(page).select("a[href], link[href], script[src], img[src]"):
            href = tag.get("href") or tag.get("src")
            target = _target_file(built_site, page, href)
            if target is None:
                continue
            file, fragment = target
            if not file.exists():
                broken.append(f"{page.relative_to(built_site)}: {href} (no such file)")
            elif fragment and file.suffix == ".html" and \
                    _soup(file).find(id=fragment) is None:
                broken.append(f"{page.relative_to(built_site)}: {href} (no such anchor)")
    assert not broken, "\n".join(broken[:50])


def test_ids_are_unique_on_every_page(built_site):
    duplicated = []
    for page in _pages(built_site):
        ids = [tag["id"] for tag in _soup(page).find_all(id=True)]
        seen = {i for i in ids if ids.count(i) > 1}
        if seen:
            duplicated.append(f"{page.relative_to(built_site)}: {sorted(seen)}")
    assert not duplicated, "\n".join(duplicated)


def _answer_page(site: Path, topic_id: str, q) -> Path:
    return site / links.site_path(links.answer_page(topic_id, q)) / "index.html"


def test_every_question_appears_on_exactly_one_page_with_its_anchor_and_its_permalink(built_site):
    bank, problems = load_bank()
    assert not problems
    shown: dict[str, list[str]] = {}
    for page in sorted((built_site / "topics").rglob("index.html")):
        for heading in _soup(page).select("h2.question[id]"):
            shown.setdefault(heading["id"], []).append(page.parent.relative_to(built_site).as_posix())
    for topic in bank.topics:
        for q in bank.questions.get(topic.id, []):
            home = _answer_page(built_site, topic.id, q)
            assert shown.get(q.id) == [home.parent.relative_to(built_site).as_posix()], \
                f"{q.id} is shown on {shown.get(q.id)}"
            heading = _soup(home).find(id=q.id)
            answer = heading.find_next_sibling("details")
            assert answer is not None and not answer.has_attr("open"), f"{q.id}: answer not closed"
            permalink = built_site / "q" / q.id / "index.html"
            assert permalink.exists(), f"{q.id}: no permalink page"
    assert len(shown) == len(bank.all_questions()), "a page shows a question the bank lacks"


def test_a_split_topic_page_lists_every_question_with_its_old_anchors(built_site):
    bank, _ = load_bank()
    split = [t for t in bank.topics if t.sections and bank.questions.get(t.id)]
    assert split, "no topic of the bank has sections"
    for topic in split:
        landing = _soup(built_site / "topics" / topic.id / "index.html")
        assert landing.find("details") is None, f"{topic.id}: answers on the landing page"
        for q in bank.questions[topic.id]:
            for anchor in [q.id, *q.former_ids]:
                entry = landing.find(id=anchor)
                assert entry is not None and entry.find_parent("li") is not None, (topic.id, anchor)
                link = entry.find_parent("li").select_one("a.q-listed-link")["href"]
                assert link == f"{q.section}/#{q.id}", link


def test_permalink_pages_have_a_title_and_description_for_link_previews(built_site):
    bank, _ = load_bank()
    for q in bank.all_questions():
        page = _soup(built_site / "q" / q.id / "index.html")
        rendered = render_question(q)
        assert page.title.get_text().startswith(rendered.title.text)
        description = page.find("meta", attrs={"name": "description"})["content"]
        assert description == rendered.short_answer.text
        assert page.find("meta", attrs={"property": "og:title"})["content"] == \
            rendered.title.text
        assert page.select_one(".admonition.answer") is not None, "answer shown, not collapsed"
        assert page.find("details") is None or q.answer.count("???") > 0


def test_question_pages_stay_out_of_the_navigation(built_site):
    home = _soup(built_site / "index.html")
    nav_links = [a["href"] for a in home.select("nav.md-nav a[href]")]
    assert not [h for h in nav_links if "q/" in h], "a per-question page is in the nav"


# Attributes that make a browser fetch something.
_LOADS = {"script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src",
          "audio": "src", "embed": "src", "object": "data", "input": "src"}


def test_no_page_loads_anything_from_another_host(built_site):
    external = []
    for page in _pages(built_site):
        soup = _soup(page)
        for name, attribute in _LOADS.items():
            for tag in soup.find_all(name, attrs={attribute: True}):
                if urlsplit(tag[attribute]).netloc:
                    external.append(f"{page.relative_to(built_site)}: {tag[attribute]}")
        for link in soup.find_all("link", href=True):
            rel = set(link.get("rel") or [])
            if rel & {"stylesheet", "icon", "preload", "prefetch", "preconnect", "dns-prefetch",
                      "manifest", "modulepreload"} and urlsplit(link["href"]).netloc:
                external.append(f"{page.relative_to(built_site)}: {link['href']}")
        for style in soup.find_all(style=True):
            if re.search(r"url\(\s*['\"]?https?:", style["style"]):
                external.append(f"{page.relative_to(built_site)}: inline style url()")
    for css in built_site.rglob("*.css"):
        if re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8")):
            external.append(f"{css.relative_to(built_site)}: url() to another host")
    assert not external, "\n".join(external[:50])


def test_no_script_blocks_the_parser(built_site):
    """Every external script is deferred (a plain one at the end of <body> still delays the
    first paint on a slow phone)."""
    problems = []
    for page in _pages(built_site):
        scripts = [tag for tag in _soup(page).find_all("script", src=True)]
        blocking = [tag["src"] for tag in scripts
                    if not (tag.has_attr("defer") or tag.has_attr("async"))]  # async: quiz.js
        if blocking:
            problems.append(f"{page.relative_to(built_site)}: not deferred: {blocking}")
    assert not problems, "\n".join(problems[:20])


def test_the_footer_states_both_licences(built_site):
    footer = _soup(built_site / "index.html").select_one(".md-copyright").get_text(" ")
    assert "MIT" in footer and "CC BY 4.0" in footer


def test_pages_carry_no_macro_errors_tracebacks_or_fragment_tokens(built_site):
    for page in _pages(built_site):
        text = page.read_text(encoding="utf-8")
        assert "Traceback" not in text and "Macro Syntax Error" not in text, page
        # Not even in an anchor: a token's number depends on the build (macros.render.fragments).
        assert "mlqfrag" not in text.lower(), page


def test_every_answer_links_to_its_source_file_and_to_a_prefilled_report(built_site):
    bank, _ = load_bank()
    repository = "https://github.com/ml-interview-prep/ml-interview-questions"
    for topic in bank.topics:
        questions = bank.questions.get(topic.id, [])
        if not questions:
            continue
        for q in questions:
            answer = _soup(_answer_page(built_site, topic.id, q)).find(id=q.id) \
                .find_next_sibling("details")
            hrefs = [a["href"] for a in answer.select(".q-actions a")]
            assert f"{repository}/edit/main/{shown_path(bank.sources[q.id])}" in hrefs
            assert any(h.startswith(f"{repository}/issues/new?template=wrong-answer.yml")
                       and f"question-id={q.id}" in h for h in hrefs), hrefs
