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

from macros import build_state, exports, links, quiz_data  # noqa: E402
from macros.bank import BANK_ENV, DEFAULT_BANK, load_bank  # noqa: E402
from macros.diagnostics import summary  # noqa: E402
from macros.render.fragments import FragmentStore  # noqa: E402
from macros.render.rendered import render_bank  # noqa: E402
from macros.search_index import write_search_index  # noqa: E402
from macros.site_pages import UnsafePagePath, generated_pages, navigation  # noqa: E402

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
    build_state.rendered = render_bank(bank)  # every question rendered once, for every output
    build_state.fragments = FragmentStore()
    config["nav"] = navigation(bank, build_state.rendered, config["nav"] or [])
    # Dates in the output (sitemap) come from the commit, not the clock: reproducible builds.
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(build_timestamp())))
    return config


@event_priority(100)  # other plugins' on_files (link checkers) must see the generated pages
def on_files(files: Files, config) -> Files:
    repository = links.Repository(config["extra"]["repository"])
    try:
        pages = generated_pages(build_state.bank, build_state.rendered, repository,
                                build_state.fragments)
    except UnsafePagePath as err:
        raise PluginError(str(err)) from None
    site_dir = os.path.realpath(config["site_dir"])
    for src, content in pages.items():
        if files.get_file_from_path(src) is not None:
            raise PluginError(f"docs/{src} collides with a page generated from the bank")
        inclusion = InclusionLevel.NOT_IN_NAV if _kept_out_of_nav(src) else \
            InclusionLevel.UNDEFINED
        file = File.generated(config, src, content=content, inclusion=inclusion)
        destination = os.path.realpath(file.abs_dest_path)
        if os.path.commonpath([site_dir, destination]) != site_dir:
            raise PluginError(f"refusing to generate {src!r}: it would be written outside the "
                              f"site directory, to {destination}")
        files.append(file)
    _add_katex(files, config)
    _add_exports(files, config)
    return files


def on_page_content(html: str, page, config, files) -> str:
    # Bank text enters as fragment tokens: put each one's sanitized HTML in its place, with
    # figure URLs relative to this page. Headings hold tokens too, so the table of contents does.
    root = "../" * page.url.count("/")
    html = build_state.fragments.substitute(html, root)
    _substitute_toc(page.toc, root)
    return html


def _substitute_toc(items, root: str) -> None:
    for item in items:
        item.title = build_state.fragments.substitute(item.title, root)
        _substitute_toc(item.children, root)


EXPORT_NAMES = [exports.JSON_NAME, exports.CSV_NAME, exports.APKG_NAME]


def _add_exports(files: Files, config) -> None:
    """Placeholders, so pages may link to the exports; on_post_build writes them, once every
    question page has rendered its answer."""
    for name in EXPORT_NAMES:
        files.append(File.generated(config, f"{exports.EXPORT_DIR}/{name}", content=b""))


def on_post_build(config) -> None:
    """JSON, CSV and the Anki deck, and the self-quiz's data files, built from this build's
    bank, then the search index. The exports carry absolute figure URLs; the quiz's files keep
    them relative."""
    site_url = config["site_url"] or "/"
    records = exports.question_records(build_state.bank, build_state.rendered, site_url)
    quiz_records = exports.question_records(build_state.bank, build_state.rendered, site_url,
                                            figure_root=quiz_data.FIGURE_ROOT)
    quiz_data.write_quiz_files(quiz_records, exports.role_list(), Path(config["site_dir"]))
    target = Path(config["site_dir"]) / exports.EXPORT_DIR
    target.mkdir(parents=True, exist_ok=True)
    (target / exports.JSON_NAME).write_text(exports.json_export(build_state.bank, records),
                                            encoding="utf-8")
    (target / exports.CSV_NAME).write_text(exports.csv_export(records), encoding="utf-8")
    exports.write_anki_package(records, target / exports.APKG_NAME, build_timestamp(),
                               Path(config["docs_dir"]) / "assets" / "figures")
    # Search: one Pagefind record per question, built from the bank (macros/search_records.py).
    write_search_index(build_state.bank, Path(config["site_dir"]), build_state.rendered)


def build_timestamp(root: Path = ROOT) -> float:
    """The last commit's time (not the clock), so two builds of one commit are identical.

    `SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds convention) wins when set:
    it is the way to build a tree without git (a source archive). When git is there but cannot
    give the time (a container's checkout owned by another user: "detected dubious ownership";
    a shallow or broken repository), the build stops with the reason instead of dating every
    page 1 January 1970."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        value = os.environ["SOURCE_DATE_EPOCH"]
        try:
            return float(int(value))
        except ValueError:
            raise PluginError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not "
                              f"{value!r}") from None
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True,
                             text=True, timeout=30)
    except FileNotFoundError:
        raise PluginError("git is not installed and SOURCE_DATE_EPOCH is not set: the build "
                          "dates its pages by the last commit. Install git, or set "
                          "SOURCE_DATE_EPOCH to the source's date (seconds since 1970).") from None
    except (OSError, subprocess.SubprocessError) as err:
        raise PluginError(f"git could not give the last commit's time ({err}); set "
                          "SOURCE_DATE_EPOCH or fix the repository") from None
    if out.returncode == 0 and out.stdout.strip().isdigit():
        return float(out.stdout.strip())
    reason = (out.stderr.strip().splitlines() or ["no commit found"])[0]
    if "not a git repository" in reason:
        raise PluginError(f"{root} is not a git work tree and SOURCE_DATE_EPOCH is not set: "
                          "set SOURCE_DATE_EPOCH to the source's date (seconds since 1970).")
    hint = (f" Mark the checkout safe: git config --global --add safe.directory {root}"
            if "dubious ownership" in out.stderr else "")
    raise PluginError(f"git is present but cannot give the last commit's time ({reason}), and "
                      f"SOURCE_DATE_EPOCH is not set; refusing to date the site 1970.{hint}")


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
