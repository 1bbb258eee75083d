"""Untrusted text is inert (issue "Untrusted text is inert"): whatever a contributor writes in any
text field or registry title, no output of the build runs script, loads from another host or
breaks out of its place. Each payload is either rejected by the check with `path:line: CODE`, or
proven inert in the built pages, the quiz data, the exports and the Anki deck."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.model import FollowUp, Question, Reference
from macros.render.rendered import render_question
from tests.conftest import VALID_BANK, build_site, run_check

PAYLOADS = [
    # script that runs on load
    "<script>alert(1)</script>",
    "<img/src/onerror=alert(1)>",
    '<img src=x onerror="alert(1)">',
    "<details/open/ontoggle=alert(1)>",
    "<svg/onload=alert(1)>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<body onload=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    "<video><source onerror=alert(1)></video>",
    '<a href="https://ok.example/" onclick="alert(1)">x</a>',
    "<!--><img src=x onerror=alert(1)>-->",
    "<template><img src=x onerror=alert(1)></template>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "A paragraph\n{: autofocus onfocus=alert(1) }",
    "[x](https://ok.example/){: onclick=alert(1) }",
    # script links
    '<a href="javascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "[x](jav&#x09;ascript:alert(1))",
    "[x](&#106;avascript:alert(1))",
    '<a href="jav&#x0A;ascript:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    '<svg><a><animate attributeName=href values=javascript:alert(1) /><text>go</text></a></svg>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">go</button></form>',
    # loads from another host
    "![x](https://evil.example/pixel.png)",
    "![x](//evil.example/pixel.png)",
    '<img src="https://evil.example/p.png">',
    '<link rel=stylesheet href="https://evil.example/x.css">',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    # page breakers
    "<plaintext>",
    "<textarea>",
    "<xmp>",
    "</div></details></article></main>",
    '<div style="position:fixed;inset:0;z-index:9999">overlay</div>',
    "<style>body{display:none}</style>",
    '<span class="md-search md-dialog md-header">overlay</span>',
]

FORBIDDEN_TAGS = {"script", "style", "iframe", "object", "embed", "form", "input", "button",
                  "textarea", "select", "base", "meta", "link", "svg", "math", "frame",
                  "frameset", "plaintext", "xmp", "noscript", "template", "video", "audio",
                  "source", "marquee", "body", "html", "head", "animate", "set"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster",
                  "srcset", "background"}
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def inert_problems(html: str, where: str, fragment: bool = True) -> list[str]:
    """Everything in HTML that could run script, load from another host or style itself out of
    its place. A bank fragment may not even carry an id or one of the theme's classes; a whole
    page (`fragment=False`) has the theme's own."""
    problems = []
    for element in BeautifulSoup(html, "html.parser").find_all(True):
        if element.name in FORBIDDEN_TAGS:
            problems.append(f"{where}: <{element.name}> element")
        for attribute, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            if attribute.startswith("on") or attribute in ("style", "srcdoc") \
                    or (fragment and attribute == "id"):
                problems.append(f"{where}: {attribute}= on <{element.name}>")
            if attribute in URL_ATTRIBUTES:
                url = _CONTROL.sub("", value).lower()
                scheme = url.split(":", 1)[0] if ":" in url.split("/", 1)[0] else ""
                if scheme not in ("", "https"):
                    problems.append(f"{where}: {attribute}={value!r}")
                if element.name == "img" and (scheme or url.startswith("//")):
                    problems.append(f"{where}: image from another host {value!r}")
        if fragment and any(c.startswith("md-") for c in element.attrs.get("class", [])):
            problems.append(f"{where}: theme class on <{element.name}>")
    return problems


def hostile_question(index: int, payload: str) -> Question:
    return Question(
        id=f"hostile-{index}", question=f"Question {index} {payload}",
        short_answer=f"Short {payload}", answer=f"Answer text.\n\n{payload}\n\nAfter.",
        difficulty="easy", roles=["data-scientist"], tags=["metrics"],
        follow_ups=[FollowUp(question=f"Follow {payload}", answer=f"Reply {payload}")],
        mistakes=[f"Mistake {payload}"],
        references=[Reference(title=f"Ref {payload}", url="https://ok.example/")],
        reviewed=__import__("datetime").date(2026, 12, 6))


def test_the_hostile_suite_has_at_least_forty_payloads():
    assert len(PAYLOADS) >= 40


@pytest.mark.parametrize("index, payload", list(enumerate(PAYLOADS)))
def test_every_rendered_field_of_a_hostile_question_is_inert(index, payload):
    r = render_question(hostile_question(index, payload))
    fragments = {"title": r.title.html, "short_answer": r.short_answer.html,
                 "answer": r.answer.html, "mistake": r.mistakes[0].html,
                 "follow_up.question": r.follow_ups[0].question.html,
                 "follow_up.answer": r.follow_ups[0].answer.html,
                 "reference": r.references[0].html}
    problems = [p for name, html in fragments.items() for p in inert_problems(html, name)]
    assert not problems, "\n".join(problems)
    # The text around a payload survives: a page breaker cannot swallow what follows it (only an
    # unclosed script, style or template, whose content is code, is dropped to the end).
    if not re.search(r"<(script|style|template)", payload):
        assert "After." in r.answer.text, r.answer.html


def test_a_reference_url_cannot_smuggle_attributes_or_schemes():
    for url in ["https://ok.example/){: onclick=alert(1) }", 'https://ok.example/" onclick="x',
                "javascript:alert(1)", "https://ok.example/<script>"]:
        q = hostile_question(0, "x").model_copy(
            update={"references": [Reference(title="t", url=url)]})
        html = render_question(q).references[0].html
        assert not inert_problems(html, url), html
        assert "onclick" not in BeautifulSoup(html, "html.parser").a.attrs


# --- The whole build, from a bank full of payloads -------------------------------------------

def _write_hostile_bank(target: Path) -> Path:
    bank = target / "questions"
    shutil.copytree(VALID_BANK, bank)
    topics = (bank / "topics.yaml").read_text()
    # Registries are bank text too: their titles reach every page through the navigation.
    (bank / "topics.yaml").write_text(topics.replace(
        "title: Basics", "title: 'Basics <img src=x onerror=alert(1)>'"))
    tags = (bank / "tags.yaml").read_text()
    (bank / "tags.yaml").write_text(tags.replace(
        "title: Metrics", "title: 'Metrics <svg/onload=alert(1)>'"))
    for index, payload in enumerate(PAYLOADS):
        q = hostile_question(index, payload)
        lines = [f"id: {q.id}", f"question: {json.dumps(q.question)}",
                 f"short_answer: {json.dumps(q.short_answer)}",
                 f"answer: {json.dumps(q.answer)}", "difficulty: easy",
                 "roles: [data-scientist]", "tags: [metrics]", "follow_ups:",
                 f"  - question: {json.dumps(q.follow_ups[0].question)}",
                 f"    answer: {json.dumps(q.follow_ups[0].answer)}",
                 "mistakes:", f"  - {json.dumps(q.mistakes[0])}", "references:",
                 f"  - title: {json.dumps(q.references[0].title)}",
                 "    url: https://ok.example/", "reviewed: 2026-12-06", ""]
        (bank / "basics" / f"{q.id}.yaml").write_text("\n".join(lines), encoding="utf-8")
    return bank


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The hostile bank minus the files the check rejects (each rejection must name its file and
    line), built for real."""
    work = tmp_path_factory.mktemp("hostile")
    bank = _write_hostile_bank(work)
    checked = run_check(bank)
    rejected = set(re.findall(r"basics/(hostile-\d+)\.yaml:\d+: E\d{3}", checked.stdout))
    assert "Traceback" not in checked.stdout + checked.stderr
    for question_id in rejected:
        (bank / "basics" / f"{question_id}.yaml").unlink()
    registries_rejected = re.search(r"(topics|tags)\.yaml:\d+: E\d{3}", checked.stdout)
    if registries_rejected:  # a registry rule caught the title: build with the plain titles
        shutil.copy(VALID_BANK / "topics.yaml", bank / "topics.yaml")
        shutil.copy(VALID_BANK / "tags.yaml", bank / "tags.yaml")
    result = build_site(work / "site", bank)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return work / "site", len(PAYLOADS) - len(rejected)


# What the theme and the generated skeletons themselves put on pages (the metric chooser is a
# form; the theme draws icons in SVG): everything else on the forbidden list must be absent.
THEME_OWN = {"form", "input", "svg", "noscript", "script", "style", "link", "meta", "html",
             "head", "body", "button"}


@pytest.mark.site
def test_every_page_built_from_a_hostile_bank_is_inert(hostile_site):
    site, built = hostile_site
    assert built > 0, "every payload was rejected: nothing proves the output inert"
    problems = []
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        where = str(page.relative_to(site))
        for element in soup.find_all(True):
            if element.name in FORBIDDEN_TAGS - THEME_OWN:
                problems.append(f"{where}: <{element.name}> element")
            for attribute, value in element.attrs.items():
                value = " ".join(value) if isinstance(value, list) else value
                if attribute.startswith("on") or attribute in ("srcdoc", "formaction"):
                    problems.append(f"{where}: {attribute}= on <{element.name}>")
                if attribute == "style" and re.search(r"position|inset|z-index", value):
                    problems.append(f"{where}: overlay style on <{element.name}>")
                if attribute in URL_ATTRIBUTES:
                    url = _CONTROL.sub("", value).lower()
                    if re.match(r"(javascript|data|vbscript):", url):
                        problems.append(f"{where}: {attribute}={value!r}")
                    loads = element.name in ("img", "script", "iframe") or (
                        element.name == "link" and not set(element.get("rel", [])) <= {
                            "canonical", "alternate", "prev", "next", "license"})
                    if loads and re.match(r"(https?:)?//", url):
                        problems.append(f"{where}: loads {value!r} from another host")
        for part in soup.select("article script, article style, article svg"):
            problems.append(f"{where}: <{part.name}> inside the article")
        # Navigation and table-of-contents titles: at most the inline markup of a title (math).
        for nav_title in soup.select("nav.md-nav .md-ellipsis, .md-header__topic .md-ellipsis"):
            extra = [e.name for e in nav_title.find_all(True)
                     if e.name not in ("span", "code", "em", "strong", "sub", "sup")]
            if extra:
                problems.append(f"{where}: {extra} in a navigation title: {nav_title}")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:40])


@pytest.mark.site
def test_the_quiz_data_the_exports_and_the_anki_deck_of_a_hostile_bank_are_inert(hostile_site):
    site, _ = hostile_site
    exports = site / "exports"
    document = json.loads((exports / "ml-interview-questions.json").read_text())
    problems = []
    for record in document["questions"]:
        for key, value in record.items():
            if key.endswith("_html"):
                problems += inert_problems(value, f"json {record['id']}.{key}")
        for follow_up in record["follow_ups"]:
            problems += inert_problems(follow_up["answer_html"], f"json {record['id']} follow-up")
    with zipfile.ZipFile(exports / "ml-interview-questions.apkg") as package:
        collection = package.read("collection.anki2")
    path = site / "collection.anki2"
    path.write_bytes(collection)
    with sqlite3.connect(path) as db:
        for (fields,) in db.execute("SELECT flds FROM notes"):
            for field in fields.split("\x1f"):
                problems += inert_problems(field, "anki")
    path.unlink()
    assert not problems, "\n".join(problems[:40])


@pytest.mark.site
@pytest.mark.browser
def test_no_dialog_fires_on_any_page_of_a_hostile_bank_in_a_real_browser(hostile_site, browser):
    """Every page built from the hostile bank, opened in chromium with dialogs hooked: its
    answers opened, the self-quiz's answers revealed. No alert, confirm or prompt may fire, and
    no request may leave the site."""
    from tests.conftest import serve

    site, _ = hostile_site
    server, url = serve(site)
    fired, elsewhere = [], []
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.on("dialog", lambda dialog: (fired.append(f"{page.url}: {dialog.message}"),
                                      dialog.dismiss()))
    page.on("request", lambda request: request.url.startswith(url) or
            request.url.startswith(("data:", "blob:")) or elsewhere.append(request.url))
    try:
        pages = sorted(p.relative_to(site).parent.as_posix() for p in site.rglob("index.html"))
        for path in pages:
            page.goto(f"{url}/{'' if path == '.' else path + '/'}")
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            page.wait_for_timeout(150)
        page.goto(f"{url}/quiz/")
        for _ in range(6):  # reveal the short and full answers of three cards
            visible = page.locator(".quiz-controls button:visible")
            if visible.count():
                visible.first.click()
            page.wait_for_timeout(150)
    finally:
        context.close()
        server.shutdown()
        server.server_close()
    assert not fired, fired
    assert not elsewhere, elsewhere
