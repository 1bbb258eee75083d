"""Regenerate the site's figures: `python -m scripts.figures [--check] [--out DIR] [NAME ...]`.

Without --check, writes docs/assets/figures/<name>.svg for every figure (or the named ones).
With --check, writes nothing and exits 1 listing every figure whose committed SVG is missing or
differs from a fresh render.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import OUTPUT_DIR, REGISTRY, output_path, render


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.figures", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="figures to render (default: all)")
    parser.add_argument("--check", action="store_true",
                        help="compare fresh renders with the committed SVGs; write nothing")
    parser.add_argument("--out", type=Path, default=OUTPUT_DIR,
                        help="output directory (default: docs/assets/figures)")
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in REGISTRY]
    if unknown:
        parser.error(f"unknown figure(s): {', '.join(unknown)}; known: {', '.join(REGISTRY)}")
    names = args.names or list(REGISTRY)

    drifted = []
    for name in names:
        start = time.perf_counter()
        svg = render(name)
        path = output_path(name, args.out)
        if args.check:
            if not path.exists() or path.read_bytes() != svg:
                drifted.append(name)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(svg)
        print(f"{path.relative_to(args.out.parent) if args.out == OUTPUT_DIR else path}"
              f"  {len(svg) / 1024:.0f} KB  {time.perf_counter() - start:.1f} s")
    if args.check:
        if drifted:
            print("figures out of date (run `python -m scripts.figures`):", file=sys.stderr)
            for name in drifted:
                print(f"  {output_path(name, args.out)}", file=sys.stderr)
            return 1
        print(f"all {len(names)} figures match their committed SVGs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
