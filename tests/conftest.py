"""Fixtures shared by the test modules: fixture banks, the built site, a local HTTP server."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
VALID_BANK = FIXTURES / "valid-bank"
QUIET_MKDOCS = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def overlay_bank(target: Path, overlay: Path | None) -> Path:
    """A copy of the valid fixture bank with the overlay's files laid over it.

    An overlay's `remove.txt` lists bank files to delete (to move a file, say)."""
    bank = target / "questions"
    shutil.copytree(VALID_BANK, bank)
    if overlay is not None:
        for path in overlay.rglob("*"):
            if path.is_file() and path.name != "remove.txt":
                dest = bank / path.relative_to(overlay)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(path, dest)
        removals = overlay / "remove.txt"
        if removals.exists():
            for line in removals.read_text().split():
                (bank / line).unlink()
    return bank


def run_check(*paths: Path | str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros", "check", *map(str, paths)],
                          cwd=cwd, capture_output=True, text=True, timeout=120)


def build_site(site_dir: Path, bank: Path | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` as a subprocess (mkdocs-macros exits the process on errors)."""
    env = {**os.environ, **QUIET_MKDOCS}
    if bank is not None:
        env["MLQ_BANK"] = str(bank)
    mkdocs = Path(sys.executable).parent / "mkdocs"
    return subprocess.run([str(mkdocs), "build", "--strict", "--site-dir", str(site_dir)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session."""
    site = tmp_path_factory.mktemp("site")
    result = build_site(site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


def serve(directory: Path):
    """Serve a folder over HTTP on 127.0.0.1 (search fetches its index, so file:// won't do)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="session")
def site_url(built_site):
    server, url = serve(built_site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from tests.browser_support import CHROMIUM_ARGS

    executable = shutil.which("chromium")
    assert executable, "Debian's chromium is required: run `make test`, which installs it"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def watched_page(browser, site_url):
    """A factory: `with watched_page(**context_options) as page:`; on leaving, the page must have
    had no console error, failed request or request to another host."""
    from tests.browser_support import Watch

    @contextlib.contextmanager
    def open_page(**options):
        context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **options})
        page = context.new_page()
        watch = Watch(page, site_url)
        try:
            yield page
        finally:
            context.close()
        assert not watch.problems, "\n".join(watch.problems)

    return open_page


@pytest.fixture
def page(watched_page):
    with watched_page() as page:
        yield page
