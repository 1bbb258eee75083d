"""Driving Debian's chromium with Playwright: launch options and a watch for page problems."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Page

# The background-networking flags stop chromium from calling home on a machine without network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]


class Watch:
    """Console errors, failed requests, HTTP errors and requests to other hosts seen by a page."""

    def __init__(self, page: Page, site_url: str):
        self.problems: list[str] = []
        host = urlsplit(site_url).netloc
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        # A request cancelled by navigating on (net::ERR_ABORTED) is not a broken resource.
        page.on("requestfailed", lambda r: "ERR_ABORTED" not in (r.failure or "")
                and self.problems.append(f"failed: {r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400
                and self.problems.append(f"HTTP {r.status}: {r.url}"))
        page.on("request", lambda r: urlsplit(r.url).netloc not in ("", host)
                and not r.url.startswith(("data:", "blob:"))
                and self.problems.append(f"other host: {r.url}"))
