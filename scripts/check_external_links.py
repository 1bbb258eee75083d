"""Check every external link of the bank (references) and of docs/: run weekly by CI.

Needs the network, so it is not part of the test suite; `make external-links` runs it.
Exit 1 lists each dead link with the files that use it.
"""

from __future__ import annotations

import re
import sys
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.bank import load_bank, shown_path  # noqa: E402

MARKDOWN_LINK = re.compile(r"\]\((https?://[^)\s]+)\)")
USER_AGENT = "Mozilla/5.0 (link check; ml-interview-questions)"


def external_links() -> dict[str, set[str]]:
    """URL -> the files that link to it."""
    bank, _ = load_bank()
    found: dict[str, set[str]] = defaultdict(set)
    for q in bank.all_questions():
        source = shown_path(bank.sources[q.id])
        for ref in q.references:
            found[ref.url].add(source)
        for url in MARKDOWN_LINK.findall(q.answer):
            found[url].add(source)
    for page in sorted((ROOT / "docs").rglob("*.md")):
        for url in MARKDOWN_LINK.findall(page.read_text(encoding="utf-8")):
            found[url].add(shown_path(page))
    return found


def status(url: str) -> str | None:
    """None when the link works, else why it does not."""
    for method in ("HEAD", "GET"):  # some servers refuse HEAD
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=20):
                return None
        except urllib.error.HTTPError as err:
            if method == "GET" or err.code not in (403, 405, 501):
                return f"HTTP {err.code}"
        except (urllib.error.URLError, TimeoutError, ConnectionError) as err:
            return f"unreachable ({getattr(err, 'reason', err)})"
    return None


def main() -> int:
    links = external_links()
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = dict(zip(links, pool.map(status, links)))
    dead = {url: why for url, why in results.items() if why}
    for url, why in sorted(dead.items()):
        print(f"{url}: {why} (used in {', '.join(sorted(links[url]))})")
    print(f"{len(links)} external links checked, {len(dead)} dead.")
    return 1 if dead else 0


if __name__ == "__main__":
    sys.exit(main())
