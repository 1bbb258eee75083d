"""The MkDocs adapter: validate the bank, generate its pages, serve KaTeX, watch the bank.

Thin on purpose: the work happens in `macros.bank` and the renderers. Registered in mkdocs.yml
under `hooks:`.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # MkDocs loads hooks by file path, not as part of a package
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402
from mkdocs.structure.files import File, Files, InclusionLevel  # noqa: E402

import subprocess  # noqa: E402

import markdown  # noqa: E402

from macros import build_state, exports, links  # noqa: E402
from macros.bank import BANK_ENV, DEFAULT_BANK, load_bank  # noqa: E402
from macros.diagnostics import summary  # noqa: E402
from macros.search_index import write_search_index  # noqa: E402
from macros.site_pages import generated_pages, navigation  # noqa: E402

# Self-hosted KaTeX, copied from the pinned npm package: no request ever leaves the site.
KATEX_DIST = ROOT / "node_modules" / "katex" / "dist"
KATEX_FILES = ["katex.min.js", "katex.min.css", "contrib/auto-render.min.js"]



def bank_root() -> Path:
    # Read at build time, not import time: tests build several banks in one session.
    return Path(os.environ.get(BANK_ENV, DEFAULT_BANK)).resolve()


@event_priority(100)  # before mkdocs-macros, which reads the bank through build_state
def on_config(config):
    bank, problems = load_bank(bank_root())
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        raise PluginError(f"the question bank is invalid: "
                          f"{summary(problems, len(list(bank_root().rglob('*.yaml'))))} "
                          "Run `python -m macros check` for the same report.")
    build_state.bank = bank
    build_state.rendered = {}
    config["nav"] = navigation(bank, config["nav"] or [])
    # Dates in the output (sitemap) come from the commit, not the clock: reproducible builds.
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(build_timestamp())))
    return config


@event_priority(100)  # other plugins' on_files (link checkers) must see the generated pages
def on_files(files: Files, config) -> Files:
    repository = links.Repository(config["extra"]["repository"])
    for src, content in generated_pages(build_state.bank, repository).items():
        if files.get_file_from_path(src) is not None:
            raise PluginError(f"docs/{src} collides with a page generated from the bank")
        inclusion = InclusionLevel.NOT_IN_NAV if _kept_out_of_nav(src) else \
            InclusionLevel.UNDEFINED
        files.append(File.generated(config, src, content=content, inclusion=inclusion))
    _add_katex(files, config)
    _add_exports(files, config)
    return files


_EMPTY_HEADER_CELL = re.compile(r"<th((?: [^>]*)?)>\s*</th>")


def on_page_content(html: str, page, config, files) -> str:
    # An empty corner cell of a cross-table in an answer is not a header: axe rejects an empty <th>.
    html = _EMPTY_HEADER_CELL.sub(r"<td\1></td>", html)
    _keep_answer_for_exports(page.file.src_uri, html)
    return html


# A question page's short and full answers, as render_question.answer_body wraps them (the
# content never nests a <section>).
_SHORT_ANSWER = re.compile(
    r'<div class="q-short">\n<p><strong>Short answer\.</strong> (.*?)</p>\n</div>', re.S)
_ANSWER_BODY = re.compile(r'<section class="q-body" data-search-exclude>\n(.*?)\n</section>', re.S)
# The question page sits two folders deep (q/<id>/); exported answers keep the bank's own
# convention, links relative to a page one folder deep (as the quiz page is).
_TWO_UP = re.compile(r'(\s(?:src|href))="\.\./\.\./')


def _keep_answer_for_exports(src_uri: str, html: str) -> None:
    question_id = src_uri.removeprefix(links.QUESTION_DIR + "/").removesuffix(".md")
    if not (src_uri.startswith(links.QUESTION_DIR + "/")
            and links.question_page(question_id) == src_uri):
        return
    kept = build_state.rendered.setdefault(question_id, {})
    if found := _SHORT_ANSWER.search(html):
        kept["short_answer_html"] = _TWO_UP.sub(r'\1="../', f"<p>{found.group(1)}</p>")
    if found := _ANSWER_BODY.search(html):
        kept["answer_html"] = _TWO_UP.sub(r'\1="../', found.group(1))


def _markdown_to_html(config):
    """Markdown rendered exactly as the site renders it (same extensions and options)."""
    md = markdown.Markdown(extensions=config["markdown_extensions"],
                           extension_configs=config["mdx_configs"])
    return lambda text: md.reset().convert(text)


EXPORT_NAMES = [exports.JSON_NAME, exports.CSV_NAME, exports.APKG_NAME]


def _add_exports(files: Files, config) -> None:
    """Placeholders, so pages may link to the exports; on_post_build writes them, once every
    question page has rendered its answer."""
    for name in EXPORT_NAMES:
        files.append(File.generated(config, f"{exports.EXPORT_DIR}/{name}", content=b""))


def on_post_build(config) -> None:
    """JSON (read by the self-quiz), CSV and the Anki deck, built from this build's bank; then
    the search index."""
    records = exports.question_records(build_state.bank, config["site_url"] or "/",
                                       _markdown_to_html(config), build_state.rendered)
    target = Path(config["site_dir"]) / exports.EXPORT_DIR
    target.mkdir(parents=True, exist_ok=True)
    (target / exports.JSON_NAME).write_text(exports.json_export(build_state.bank, records),
                                            encoding="utf-8")
    (target / exports.CSV_NAME).write_text(exports.csv_export(records), encoding="utf-8")
    exports.write_anki_package(records, target / exports.APKG_NAME, build_timestamp())
    # Search: one Pagefind record per question, built from the bank (macros/search_records.py).
    write_search_index(build_state.bank, Path(config["site_dir"]))


def build_timestamp() -> float:
    """The last commit's time (not the clock), so two builds of one commit are identical."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return float(os.environ["SOURCE_DATE_EPOCH"])
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True,
                             text=True, timeout=10)
        return float(out.stdout.strip())
    except (OSError, ValueError, subprocess.SubprocessError):
        return 0.0


def _kept_out_of_nav(src: str) -> bool:
    return src.startswith((links.QUESTION_DIR + "/", links.TAG_DIR + "/"))


def _add_katex(files: Files, config) -> None:
    if not (KATEX_DIST / KATEX_FILES[0]).exists():
        raise PluginError("KaTeX is missing from node_modules: run `make setup` (npm ci) first.")
    paths = KATEX_FILES + [f"fonts/{f.name}" for f in sorted((KATEX_DIST / "fonts").iterdir())
                           if f.suffix == ".woff2"]
    for rel in paths:
        files.append(File.generated(config, f"assets/katex/{rel}",
                                    abs_src_path=str(KATEX_DIST / rel)))


def on_serve(server, config, builder):
    """`mkdocs serve` rebuilds when a question or the pipeline changes, not only docs/."""
    server.watch(str(bank_root()))
    server.watch(str(ROOT / "macros"))
    return server
