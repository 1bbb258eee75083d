"""Incremental rebuilds for `make serve` (`mkdocs serve --dirty`, issue #16).

MkDocs' dirty build skips a page whose `File.is_modified()` is false. Real files answer by
comparing modification times; a generated page always answers "modified", so every save of one
question would rebuild all ~650 pages. This module keeps, across the rebuilds of one `mkdocs
serve` process (module state lives as long as the process: MkDocs reloads the config, not the
imported modules):

- the parsed YAML of each question file, keyed by (path, mtime, size): a rebuild re-reads only
  the files that changed (`cached_fast_load`), and the registries, re-read when one of their
  files' stamps changes (`cached_read_files`);
- each question file's validation, while the file and the bank context are unchanged
  (`cached_check`), and each question's rendering while its model is (`cached_render_question`);
- the fragment store, so a piece of bank text keeps its token from one rebuild to the next and an
  unchanged page's Markdown stays byte-identical;
- the Markdown the page renderers returned, per question and per listing (`memoized`): a call
  whose arguments (models, renderings, the store) are the same objects or equal ones as last
  time returns the last result, so a rebuild's page generation costs little more than the
  pages that changed;
- the Markdown of every generated page of the last build (`remember_pages`): a page whose
  Markdown is unchanged and whose output exists is an `UnchangedFile`, which the dirty build
  skips, copied from the last build's File and Page (`unchanged_file`). The rest of the served
  site stays as built;
- MkDocs' listing of the theme's files (`keep_theme_listing`); the sitemap and 404 page are
  left as they are while the pages and the navigation are (`site_pages_unchanged`).

What it keeps lives as long as the process, so after a full rebuild it is frozen out of the
garbage collector's sight (`end_build`).

Everything is rebuilt (`full rebuild`) on the first build, and whenever mkdocs.yml, anything
under macros/ or docs/overrides/, a registry of the bank (topics, tags, metrics, chooser) or the
navigation changed. Hand-written pages that call macros (`render_macros: true`) are rebuilt on
every bank change: their counts come from the bank.

A bad edit never stops the server: while the bank is invalid, the last good bank keeps being
served, the problems are printed and `problems` holds them for the banner that `mkdocs_hooks`
adds to every served page.

Nothing here is active in `mkdocs build`: `enabled` is set only by `mkdocs serve --dirty`, and
the full strict build stays the gate in CI.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent

# Set by the hooks' on_startup: True only under `mkdocs serve --dirty`.
enabled = False

# What the last build generated: page source path -> Markdown.
last_pages: dict[str, str] = {}
last_nav: Any = None
last_inputs: Any = None
# The problems of the bank on disk while it is invalid (the last good bank is served meanwhile).
problems: list = []
# Set per build by `begin_build`: True when this build must rebuild every page.
full_rebuild = True
bank_changed = True

_yaml_cache: dict[tuple[str, int, int], Any] = {}
_render_cache: dict[str, tuple] = {}  # question ID -> (model, rendering)
_check_cache: dict[str, tuple] = {}
_memo: dict[Any, tuple] = {}  # slot -> (function, arguments, result)
_files_memo: dict[Any, tuple] = {}  # (function, paths) -> (stamps, arguments, result)
_memo_used: set = set()  # the slots this build asked for


def reset() -> None:
    """Forget every rebuild's state (tests; a new serve process starts empty anyway)."""
    global last_pages, last_nav, last_inputs, problems, full_rebuild, bank_changed
    last_pages, last_nav, last_inputs, problems = {}, None, None, []
    full_rebuild, bank_changed = True, True
    _yaml_cache.clear()
    _render_cache.clear()
    _check_cache.clear()
    _memo.clear()
    _memo_used.clear()
    _files_memo.clear()
    _theme_listing.clear()
    _last_site_pages[0] = None
    _file_states.clear()
    _page_states.clear()
    _new_files.clear()
    _last_context[:] = [None, None]


# --- what forces a full rebuild ----------------------------------------------------------------

def _stamp(path: Path) -> tuple[str, int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return (str(path), status.st_mtime_ns, status.st_size)


def _tree_stamps(folder: Path) -> list:
    stamps = []
    for here, subfolders, names in os.walk(folder):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        stamps += [_stamp(Path(here) / name) for name in sorted(names)]
    return stamps


def pipeline_inputs(config_file: str | None, bank_root: Path, docs_dir: str) -> tuple:
    """Stamps of every input that may change any page: the pipeline's code, the configuration,
    the theme overrides and the bank's registries."""
    from macros.bank import BANK_META_FILES
    return (_stamp(Path(config_file)) if config_file else None,
            tuple(_tree_stamps(ROOT / "macros")),
            tuple(_tree_stamps(Path(docs_dir) / "overrides")),
            tuple(_stamp(bank_root / name) for name in sorted(BANK_META_FILES)))


def begin_build(inputs: tuple) -> None:
    """Decide, at the start of a build, whether it must rebuild everything."""
    global full_rebuild, last_inputs, building
    full_rebuild = not enabled or inputs != last_inputs or not last_pages
    last_inputs = inputs
    building = True
    if full_rebuild:  # the pipeline's code or data may have changed: read and render anew
        _files_memo.clear()
        _memo.clear()


# --- memory --------------------------------------------------------------------------------------

building = False
FREEZE_AFTER = 1.0  # seconds after a full rebuild, when its build() has returned


def end_build() -> None:
    """After a full rebuild, once the build is over: collect the garbage, then freeze what is
    left (the caches above, the server) out of the garbage collector's sight.

    Python's collector walks every tracked object on a full collection, and the caches of a
    5,000-question bank hold hundreds of thousands of them: without this, every second or
    third rebuild paused about a second for a full collection that found nothing of theirs to
    free. Frozen objects are still freed by reference counting when a cache lets go of them
    (what the caches hold has no reference cycles); only cyclic garbage among them would stay,
    and the collection just before the freeze leaves none."""
    global building
    building = False
    if not enabled or not full_rebuild:
        return
    import threading
    timer = threading.Timer(FREEZE_AFTER, _freeze_when_idle)
    timer.daemon = True
    timer.start()


def _freeze_when_idle() -> None:
    import gc
    import threading
    if building:  # a rebuild started meanwhile: its objects are not long-lived; wait for it
        timer = threading.Timer(FREEZE_AFTER, _freeze_when_idle)
        timer.daemon = True
        timer.start()
        return
    gc.collect()
    gc.freeze()


def set_navigation(nav: Any) -> None:
    """A change to the navigation (a topic or section appearing) is printed into every page."""
    global full_rebuild, last_nav
    if nav != last_nav:
        full_rebuild = True
    last_nav = nav


# --- caches the bank's loading and rendering use -------------------------------------------------

def cached_fast_load(fast_load, path: Path, shown: str):
    """`fast_load` of a question file, parsed again only when its mtime or size changed."""
    if not enabled:
        return fast_load(path, shown)
    key = _stamp(path)
    if key is None:
        return fast_load(path, shown)
    if key not in _yaml_cache:
        for old in [k for k in _yaml_cache if k[0] == key[0]]:
            del _yaml_cache[old]
        _yaml_cache[key] = fast_load(path, shown)
    return _yaml_cache[key]  # the same object while the file is unchanged: `cached_check`


def _link_stamp(path: Path) -> tuple | None:
    """Like `_stamp`, of the path itself (a symbolic link is never followed, so a file replaced
    by a link changes its stamp)."""
    try:
        status = os.lstat(path)
    except OSError:
        return None
    return (str(path), status.st_mode, status.st_ino, status.st_mtime_ns, status.st_size)


def cached_read_files(function, paths: list[Path], *args):
    """`function(*args)`, which reads the registry files `paths` (and nothing else that may
    change), reused while those files' stamps and the arguments are unchanged."""
    if not enabled:
        return function(*args)
    key = (function, tuple(str(p) for p in paths))
    stamps = tuple(_link_stamp(p) for p in paths)
    hit = _files_memo.get(key)
    if hit is not None and hit[0] == stamps and hit[1] == args:
        return hit[2]
    result = function(*args)
    _files_memo[key] = (stamps, args, result)
    return result


def cached_check(checker, doc, path: Path, context):
    """`checker(doc, path, context)` (the validation of one question file), reused while the
    file's parsed document and the bank context (topics, sections, tags, IDs) are unchanged."""
    if not enabled:
        return checker(doc, path, context)
    context_key = _context_key(context)
    hit = _check_cache.get(str(path))
    if hit is not None and hit[0] is doc and hit[1] == context_key:
        return hit[2]
    result = checker(doc, path, context)
    _check_cache[str(path)] = (doc, context_key, result)
    return result


_last_context: list = [None, None]


def _context_key(context) -> str:
    if _last_context[0] is not context:
        import hashlib
        parts = [",".join(context.topics), repr(sorted(context.sections.items())),
                 ",".join(context.tags), ",".join(sorted(context.question_ids))]
        _last_context[:] = [context, hashlib.sha1("\n".join(parts).encode()).hexdigest()]
    return _last_context[1]


def cached_render_question(render_question, question):
    """A question's rendering, reused while its validated model is the same object (the
    validation cache hands out the same model while the file and the bank context are
    unchanged) or an equal one."""
    if not enabled:
        return render_question(question)
    hit = _render_cache.get(question.id)
    if hit is not None and (hit[0] is question or hit[0] == question):
        _render_cache[question.id] = (question, hit[1])
        return hit[1]
    rendered = render_question(question)
    _render_cache[question.id] = (question, rendered)
    return rendered


def forget_unused_renderings(bank) -> None:
    live = {q.id for q in bank.all_questions()}
    for key in [k for k in _render_cache if k not in live]:
        del _render_cache[key]


def memoized(slot, function, *args):
    """`function(*args)`, reused while the call in `slot` has the same function and every
    argument is the same object as last time or an equal one. For pure functions only: the
    page renderers (`macros.site_pages.generated_pages`), whose arguments are the models, their
    renderings and the fragment store (equal only to itself: a new store, on a full rebuild,
    renders every page again)."""
    if not enabled:
        return function(*args)
    _memo_used.add(slot)
    hit = _memo.get(slot)
    # Tuples compare item by item, each first by identity: the usual hit costs no __eq__.
    if hit is not None and hit[0] is function and hit[1] == args:
        return hit[2]
    result = function(*args)
    _memo[slot] = (function, args, result)
    return result


def forget_unused_memos() -> None:
    """Drop what this build did not ask for (a deleted or renamed question's pages)."""
    for slot in [s for s in _memo if s not in _memo_used]:
        del _memo[slot]
    _memo_used.clear()


# --- templates ------------------------------------------------------------------------------------

class TemplateBytecode:
    """Jinja's compiled templates kept across rebuilds: MkDocs makes a new template environment
    for every build, which otherwise compiles every theme template again (~0.1-0.2 s)."""

    def __init__(self) -> None:
        import jinja2

        class _Cache(jinja2.BytecodeCache):
            def __init__(self) -> None:
                self.store: dict[str, bytes] = {}

            def load_bytecode(self, bucket) -> None:
                if bucket.key in self.store:
                    bucket.bytecode_from_string(self.store[bucket.key])

            def dump_bytecode(self, bucket) -> None:
                self.store[bucket.key] = bucket.bytecode_to_string()

        self.cache = _Cache()


_template_bytecode: TemplateBytecode | None = None


def template_bytecode_cache():
    global _template_bytecode
    if _template_bytecode is None:
        _template_bytecode = TemplateBytecode()
    return _template_bytecode.cache


# --- MkDocs' own work on every build ---------------------------------------------------------------

_theme_listing: dict[tuple, list[str]] = {}


def keep_theme_listing(theme) -> None:
    """MkDocs lists every file of the theme on every build, to copy its assets: ~14,500 names,
    almost all of them Material's icons under `.icons/`, which MkDocs then drops by name
    (dot-folders are never copied). List the theme once per serve process, without the
    dot-folders; a full rebuild (a change under docs/overrides/) lists it again."""
    get_env = theme.get_env

    def get_env_with_kept_listing():
        env = get_env()
        loader = env.loader
        key = tuple(theme.dirs)
        if full_rebuild or key not in _theme_listing:
            _theme_listing[key] = [name for name in loader.list_templates()
                                   if not name.startswith(".")]
        listing = _theme_listing[key]
        loader.list_templates = lambda: list(listing)
        return env

    theme.get_env = get_env_with_kept_listing


_last_site_pages: list = [None]


def site_pages_unchanged(files) -> bool:
    """Whether this build has the same pages as the last, with the same navigation (no full
    rebuild): then the theme's sitemap and 404 page are what the last build wrote."""
    pages = tuple(f.src_uri for f in files.documentation_pages())
    unchanged = enabled and not full_rebuild and pages == _last_site_pages[0]
    _last_site_pages[0] = pages
    return unchanged


# --- which generated pages the dirty build may skip ----------------------------------------------

class UnchangedFile(File):
    """A generated page whose Markdown (fragments included) is what the last build rendered and
    whose output is on disk: MkDocs' dirty build skips it."""

    def is_modified(self) -> bool:
        return False


class ModifiedFile(File):
    """A hand-written page that must be rebuilt although its source did not change."""

    def is_modified(self) -> bool:
        return True


def page_is_unchanged(src: str, markdown: str, dest_path: str) -> bool:
    return (enabled and not full_rebuild and last_pages.get(src) == markdown
            and os.path.isfile(dest_path))


# A generated page's File as the last build made it (its attributes, without its Page), and its
# Page as MkDocs made it, before reading it (out-of-navigation pages only: /q/ and /tags/).
_file_states: dict[str, dict] = {}
_page_states: dict[str, dict] = {}
_new_files: list[File] = []  # the generated pages' Files made anew by this build


def unchanged_file(src: str, markdown: str, inclusion) -> File | None:
    """The File of a generated page the dirty build may skip (its Markdown is the last build's
    and its output exists), made as a copy of the last build's File for it: making thousands
    of Files again (MkDocs parses each path, then works out its output path and URL) was a
    fifth of a rebuild at 5,000 questions. None when the page must be rendered."""
    state = _file_states.get(src)
    if state is None or state["inclusion"] != inclusion \
            or not page_is_unchanged(src, markdown, state["abs_dest_path"]):
        return None
    file = UnchangedFile.__new__(UnchangedFile)
    file.__dict__.update(state)
    file._content = markdown
    page_state = _page_states.get(src)
    if page_state is not None:  # MkDocs then makes no Page for it (its URLs parsed again)
        from mkdocs.structure.pages import Page
        page = Page.__new__(Page)
        page.__dict__.update(page_state)
        page.toc, page.meta = [], {}
        page.file, file.page = file, page
    return file


def remember_file(file: File) -> None:
    """Keep a new generated page's File for `unchanged_file` (its output path and URL worked
    out, as every build needs them)."""
    if enabled:
        file.abs_dest_path, file.url  # noqa: B018 (computed and cached on the File)
        _file_states[file.src_uri] = {k: v for k, v in file.__dict__.items() if k != "page"}
        _new_files.append(file)


def remember_new_pages() -> None:
    """After MkDocs made the navigation (and a Page for every page), before it reads any: keep
    the Page of each new out-of-navigation generated page as it is then, for `unchanged_file`.
    A Page's state at that point depends only on its path and the configuration (a change of
    which rebuilds everything)."""
    for file in _new_files:
        page = file.page
        if page is not None and file.inclusion.is_not_in_nav():
            _page_states[file.src_uri] = {k: v for k, v in page.__dict__.items()
                                          if k not in ("file", "toc", "meta")}
        else:
            _page_states.pop(file.src_uri, None)
    _new_files.clear()


def remember_pages(pages: dict[str, str]) -> list[str]:
    """Record this build's pages; return the pages of the last build that are gone."""
    global last_pages
    gone = [src for src in last_pages if src not in pages] if enabled else []
    last_pages = dict(pages) if enabled else {}
    for src in gone:
        _file_states.pop(src, None)
        _page_states.pop(src, None)
    return gone


def uses_macros(file: File) -> bool:
    """A hand-written page rendered by mkdocs-macros (front matter `render_macros: true`)."""
    if not file.abs_src_path or not file.src_uri.endswith(".md"):
        return False
    try:
        with open(file.abs_src_path, encoding="utf-8") as handle:
            head = handle.read(2048)
    except OSError:
        return False
    if not head.startswith("---"):
        return False
    front = head.split("\n---", 1)[0]
    return any(line.replace(" ", "") == "render_macros:true" for line in front.splitlines())
