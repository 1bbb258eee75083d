"""Pagefind's filter files in a canonical order, so two builds of one commit are identical.

Pagefind writes each filter's values (and the list of filters in its metadata file) in hash-map
order, which changes from run to run; its other files are already stable. Its files are gzip
of `pagefind_dcd` + CBOR. This rewrites the filter files with values sorted, names them by their
content, and rewrites the metadata file (and pagefind-entry.json, which names it) to match.
Only the CBOR that Pagefind writes is handled: unsigned ints, byte and text strings, arrays and
maps.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

MAGIC = b"pagefind_dcd"


def _decode(data: bytes, at: int = 0):
    head = data[at]
    major, info = head >> 5, head & 0x1F
    at += 1
    if info < 24:
        value = info
    else:
        size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
        value = int.from_bytes(data[at:at + size], "big")
        at += size
    if major == 0:
        return value, at
    if major in (2, 3):
        raw = data[at:at + value]
        return (raw if major == 2 else raw.decode("utf-8")), at + value
    if major == 4:
        items = []
        for _ in range(value):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        pairs = {}
        for _ in range(value):
            key, at = _decode(data, at)
            pairs[key], at = _decode(data, at)
        return pairs, at
    raise ValueError(f"CBOR major type {major} is not expected in a Pagefind file")


def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | info]) + value.to_bytes(size, "big")
    raise ValueError(value)


def _encode(value) -> bytes:
    if isinstance(value, bool) or value is None:
        raise ValueError("not in Pagefind files")
    if isinstance(value, int):
        return _head(0, value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(v) for v in value)
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(_encode(k) + _encode(v) for k, v in value.items())
    raise ValueError(type(value))


def _read(path: Path):
    raw = gzip.decompress(path.read_bytes())
    assert raw.startswith(MAGIC), path
    value, _ = _decode(raw, len(MAGIC))
    return value


def _write(path: Path, value) -> None:
    path.write_bytes(gzip.compress(MAGIC + _encode(value), compresslevel=9, mtime=0))


def _name(value, prefix: str, digits: int) -> str:
    return prefix + hashlib.sha256(_encode(value)).hexdigest()[:digits]


def canonicalise(output: Path) -> None:
    """Rewrite Pagefind's output folder in place (see the module's docstring)."""
    entry_path = output / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in entry["languages"].items():
        meta_path = output / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = next(part for part in meta[1:] if isinstance(part, list) and part
                       and all(isinstance(f, list) and len(f) == 2 and isinstance(f[1], str)
                               and f[1].startswith(f"{language}_")
                               and (output / "filter" / f"{f[1]}.pf_filter").exists()
                               for f in part))
        renamed = []
        for name, chunk in filters:
            path = output / "filter" / f"{chunk}.pf_filter"
            content = _read(path)  # [filter name, [[value, [pages]], ...]]
            content[1] = sorted(([value, sorted(pages)] for value, pages in content[1]),
                                key=lambda pair: pair[0])
            new = _name(content, f"{language}_", 7)
            path.unlink()
            _write(output / "filter" / f"{new}.pf_filter", content)
            renamed.append([name, new])
        filters[:] = sorted(renamed)
        meta_path.unlink()
        new_hash = _name(meta, f"{language}_", 10)
        _write(output / f"pagefind.{new_hash}.pf_meta", meta)
        info["hash"] = new_hash
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")
