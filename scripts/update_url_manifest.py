"""Record the public URLs of a fresh build in tests/published-urls.txt (adds, never removes)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.published_urls import MANIFEST, read_manifest, site_urls, write_manifest  # noqa: E402


def main() -> int:
    with tempfile.TemporaryDirectory() as site:
        mkdocs = Path(sys.executable).parent / "mkdocs"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
        subprocess.run([str(mkdocs), "build", "--strict", "--quiet", "--site-dir", site],
                       cwd=ROOT, env=env, check=True)
        before = read_manifest()
        after = before | site_urls(Path(site))
    write_manifest(after)
    print(f"{MANIFEST.relative_to(ROOT)}: {len(after) - len(before)} URLs added, {len(after)} in all.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
