"""The MkDocs adapter: validate the bank, generate its pages, serve KaTeX, watch the bank.

Thin on purpose: the work happens in `macros.bank` and the renderers. Registered in mkdocs.yml
under `hooks:`.
"""

from __future__ import annotations

import contextlib
import logging
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

from macros import build_state, exports, incremental, links, quiz_data  # noqa: E402
from macros.bank import BANK_ENV, DEFAULT_BANK, load_bank  # noqa: E402
from macros.diagnostics import summary  # noqa: E402
from macros.render.fragments import FragmentStore  # noqa: E402
from macros.render.rendered import render_bank  # noqa: E402
from macros.search_index import write_search_index  # noqa: E402
from macros.site_pages import UnsafePagePath, generated_pages, navigation  # noqa: E402

log = logging.getLogger("mkdocs.plugins.mlq")

# Self-hosted KaTeX, copied from the pinned npm package: no request ever leaves the site.
KATEX_DIST = ROOT / "node_modules" / "katex" / "dist"
KATEX_FILES = ["katex.min.js", "katex.min.css", "contrib/auto-render.min.js"]



def bank_root() -> Path:
    # Read at build time, not import time: tests build several banks in one session.
    return Path(os.environ.get(BANK_ENV, DEFAULT_BANK)).resolve()


def on_startup(command, dirty):
    # Only `mkdocs serve --dirty` (make serve) rebuilds incrementally; `mkdocs build` never does.
    incremental.enabled = command == "serve" and dirty
    if incremental.enabled:
        # MkDocs warns on every dirty build, and strict mode turns that warning into a failed
        # build; every other warning still fails it.
        logging.getLogger("mkdocs.commands.build").addFilter(_drop_dirty_build_warning)


def _drop_dirty_build_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


@event_priority(100)  # before mkdocs-macros, which reads the bank through build_state
def on_config(config):
    root = bank_root()
    incremental.begin_build(incremental.pipeline_inputs(config.config_file_path, root,
                                                        config["docs_dir"]))
    bank, problems = load_bank(root, read=incremental.cached_fast_load,
                               check=incremental.cached_check,
                               read_files=incremental.cached_read_files)
    if problems:
        _bank_is_invalid(problems, root)
    else:
        incremental.problems = []
        build_state.bank = bank
        # every question rendered once, for every output
        build_state.rendered = render_bank(bank, render=incremental.cached_render_question)
        incremental.forget_unused_renderings(bank)
    config["nav"] = navigation(build_state.bank, build_state.rendered, config["nav"] or [])
    incremental.set_navigation(config["nav"])
    if incremental.full_rebuild:  # else tokens stay, so an unchanged page's Markdown does too
        build_state.fragments = FragmentStore()
    if incremental.enabled:
        incremental.keep_theme_listing(config.theme)
    # Dates in the output (sitemap) come from the commit, not the clock: reproducible builds.
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(build_timestamp())))
    return config


def _bank_is_invalid(problems, root: Path) -> None:
    """`mkdocs build` stops. `mkdocs serve --dirty` keeps serving the last good bank, prints the
    problems and shows them in a banner on every served page until they are fixed."""
    for problem in problems:
        print(problem, file=sys.stderr)
    verdict = summary(problems, len(list(root.rglob('*.yaml'))))
    if incremental.enabled and build_state.bank is not None:
        incremental.problems = [str(p) for p in problems]
        print(f"The question bank is invalid: {verdict} The site keeps serving the last valid "
              "version until the problems are fixed.", file=sys.stderr)
        return
    raise PluginError(f"the question bank is invalid: {verdict} "
                      "Run `python -m macros check` for the same report.")


@event_priority(100)  # other plugins' on_files (link checkers) must see the generated pages
def on_files(files: Files, config) -> Files:
    repository = links.Repository(config["extra"]["repository"])
    try:
        pages = generated_pages(build_state.bank, build_state.rendered, repository,
                                build_state.fragments, memo=incremental.memoized)
    except UnsafePagePath as err:
        raise PluginError(str(err)) from None
    incremental.forget_unused_memos()
    site_dir = os.path.realpath(config["site_dir"])
    existing = files.src_uris  # the generated paths are normalised (site_pages.check_page_path)
    for src, content in pages.items():
        if src in existing:
            raise PluginError(f"docs/{src} collides with a page generated from the bank")
        inclusion = InclusionLevel.NOT_IN_NAV if _kept_out_of_nav(src) else \
            InclusionLevel.UNDEFINED
        file = _generated_page(config, src, content, inclusion)
        if not isinstance(file, incremental.UnchangedFile):  # written by this build
            destination = os.path.realpath(file.abs_dest_path)
            if os.path.commonpath([site_dir, destination]) != site_dir:
                raise PluginError(f"refusing to generate {src!r}: it would be written outside "
                                  f"the site directory, to {destination}")
        files.append(file)
    _add_katex(files, config)
    _add_exports(files, config)
    _plan_dirty_rebuild(files, pages, config)
    return files


# --- incremental rebuilds under `make serve` (macros.incremental) -------------------------------

def _generated_page(config, src: str, content: str, inclusion) -> File:
    """A generated page; under `mkdocs serve --dirty`, one the dirty build skips when its
    Markdown is the last build's and its output exists."""
    file = incremental.unchanged_file(src, content, inclusion)
    if file is None:
        file = File.generated(config, src, content=content, inclusion=inclusion)
        incremental.remember_file(file)
    return file


def _plan_dirty_rebuild(files: Files, pages: dict[str, str], config) -> None:
    """Pages no longer generated lose their output; hand-written pages that call macros are
    rebuilt whenever a generated page changed (their counts come from the bank)."""
    if not incremental.enabled:
        return
    gone = incremental.remember_pages(pages)
    documentation_pages = files.documentation_pages()
    changed = bool(gone) or any(not isinstance(f, incremental.UnchangedFile)
                                for f in documentation_pages if f.src_uri in pages)
    incremental.bank_changed = incremental.full_rebuild or changed
    site_dir = Path(config["site_dir"])
    for src in gone:
        output = Path(File.generated(config, src, content="").abs_dest_path)
        if output.is_relative_to(site_dir) and output.is_file():
            output.unlink()
    if incremental.bank_changed:
        for file in documentation_pages:
            if file.abs_src_path and incremental.uses_macros(file):
                file.__class__ = incremental.ModifiedFile
    if not incremental.full_rebuild:  # the exports on disk stay as the first build wrote them
        for file in files:
            if file.src_uri.startswith(exports.EXPORT_DIR + "/"):
                file.__class__ = incremental.UnchangedFile


def on_nav(nav, config, files):
    if incremental.enabled:
        incremental.remember_new_pages()
    return nav


def on_env(env, config, files):
    if incremental.enabled:  # compiled templates reused across `make serve` rebuilds
        env.bytecode_cache = incremental.template_bytecode_cache()
        if incremental.site_pages_unchanged(files):
            # The sitemap lists the pages, the 404 page shows the navigation: neither changed.
            config.theme.static_templates.difference_update(STATIC_TEMPLATES_KEPT)
    return env


# The theme's pages that depend only on the list of pages and the navigation.
STATIC_TEMPLATES_KEPT = {"sitemap.xml", "404.html"}


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


@event_priority(50)  # before Material's search writes its index (priority 0)
def on_post_build(config) -> None:
    _write_exports(config)
    incremental.end_build()


def on_build_error(error) -> None:
    incremental.building = False


def _write_exports(config) -> None:
    """JSON, CSV and the Anki deck, the self-quiz's data files, then the search index, built from
    this build's bank. The exports carry absolute figure URLs; the quiz's files keep them
    relative.

    Under `make serve`, a rebuild after a question edit leaves these as the server's first build
    wrote them (the self-quiz, the exports and search are stale until a restart): at 5,000
    questions, writing them costs more than the rest of the rebuild."""
    if incremental.enabled and not incremental.full_rebuild:
        return  # stale until a restart, by design (see the docstring)
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
    # Search: the index of one record per question, built from the bank (macros/search_records.py).
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
    _watch_with_file_events(server)
    _show_problems_in_served_pages(server)
    return server


# Set MLQ_SERVE_POLL=1 where the file system sends no change events (a network share, a folder
# shared into a virtual machine or container from another OS): MkDocs' polling then sees saves.
POLL_ENV = "MLQ_SERVE_POLL"
# A save is a burst of events (write, close; or write a copy, rename): rebuild once it is quiet
# this long. MkDocs waits 0.1 s.
BUILD_DELAY = 0.05


def _watch_with_file_events(server) -> None:
    """The operating system's file events (inotify on Linux) instead of MkDocs' polling.

    MkDocs' LiveReload server polls: every 0.5 s it lists and stats every watched file, so a save
    waits 0.25 s on average (0.5 s at worst) before the rebuild starts, and at 5,000 question
    files each poll costs tens of milliseconds of the rebuild's CPU. File events arrive as the
    file is saved. Only changes count (never a read: the build reads every watched file). If
    the events cannot be set up, MkDocs' polling stays."""
    if os.environ.get(POLL_ENV, "") not in ("", "0"):
        return
    try:
        import watchdog.events as events
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver
    except ImportError:
        return
    paths = list(getattr(server, "_watched_paths", {}))
    if not isinstance(getattr(server, "observer", None), PollingObserver) or \
            not hasattr(server, "_watch_refs") or not Observer or Observer is PollingObserver:
        return  # not the MkDocs 1.6 server this was written for: leave it as it is
    changes = [events.FileCreatedEvent, events.FileDeletedEvent, events.FileModifiedEvent,
               events.FileMovedEvent, events.FileClosedEvent, events.FileAttribEvent,
               events.DirCreatedEvent, events.DirDeletedEvent, events.DirMovedEvent]

    class ChangesOnly(Observer):
        def schedule(self, handler, path, *, recursive=False, event_filter=None, **kwargs):
            if os.path.isfile(path):
                # A file (mkdocs.yml) is watched through its folder: an editor that saves by
                # writing a copy and renaming it over the file would leave a watch on the file
                # itself looking at the old one.
                handler, path, recursive = _only_events_of(handler, path), \
                    os.path.dirname(os.path.abspath(path)), False
            return super().schedule(handler, path, recursive=recursive,
                                    event_filter=event_filter or changes, **kwargs)

        def start(self) -> None:  # started here, to fall back on polling if it cannot start
            if not self.is_alive():
                super().start()

    polling = (server.observer, dict(server._watched_paths), dict(server._watch_refs))
    server.observer = ChangesOnly()
    server._watched_paths.clear()
    server._watch_refs.clear()
    try:
        for path in paths:
            server.watch(path)
        server.observer.start()
    except OSError as err:  # no inotify, or its limits reached: keep polling
        with contextlib.suppress(Exception):
            server.observer.stop()
        server.observer, watched, refs = polling
        server._watched_paths.clear()
        server._watched_paths.update(watched)
        server._watch_refs.clear()
        server._watch_refs.update(refs)
        log.warning(f"File events are unavailable ({err}); MkDocs polls for changes instead.")
        return
    server.build_delay = min(getattr(server, "build_delay", BUILD_DELAY), BUILD_DELAY)


def _only_events_of(handler, path: str):
    """An event handler that passes `handler` the events of the file `path` only."""
    from watchdog.events import FileSystemEventHandler

    target = os.path.abspath(path)
    only = FileSystemEventHandler()

    def forward(event) -> None:
        if target in (os.path.abspath(event.src_path),
                      os.path.abspath(getattr(event, "dest_path", "") or "")):
            handler.dispatch(event)

    only.dispatch = forward  # type: ignore[method-assign]
    return only


PROBLEM_BANNER_ID = "mlq-bank-problems"


def problem_banner(problems: list[str]) -> str:
    """The banner `mkdocs serve` adds to every page it serves while the bank is invalid."""
    import html as _html
    lines = "\n".join(_html.escape(p) for p in problems)
    return (f'<div id="{PROBLEM_BANNER_ID}" role="alert" style="position:fixed;z-index:1000;'
            'left:0;right:0;bottom:0;max-height:40vh;overflow:auto;margin:0;padding:.8em 1em;'
            'background:#b00020;color:#fff;font:14px/1.4 monospace">'
            '<strong>The question bank is invalid; this page shows the last valid version. '
            'Fix these problems (the terminal shows them too):</strong>'
            f'<pre style="margin:.5em 0 0;white-space:pre-wrap;color:#fff">{lines}</pre></div>')


def _show_problems_in_served_pages(server) -> None:
    """Served HTML gets the banner while the bank is invalid: added when a page is served (the
    LiveReload server already injects its script there), never written into the built site."""
    inject = getattr(server, "_inject_js_into_html", None)
    if inject is None:  # a MkDocs without it: the terminal still shows the problems
        return

    def inject_with_banner(content: bytes, epoch) -> bytes:
        content = inject(content, epoch)
        if incremental.problems:
            at = content.rfind(b"</body>")
            at = len(content) if at < 0 else at
            content = content[:at] + problem_banner(incremental.problems).encode() + content[at:]
        return content

    server._inject_js_into_html = inject_with_banner


