"""`mkdocs serve --dirty` (what `make serve` runs) on a copy of a bank, driven from Python.

Shared by the edit-to-reload benchmark and the fast-path tests: start the server on a free port
with `MLQ_BANK` pointing at the copy, wait for its first build, edit a question file, and poll a
served page until the edit shows.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).parent / "mkdocs"
QUIET_MKDOCS = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServeSession:
    """A running `mkdocs serve --dirty`; its combined output is in `log`."""

    def __init__(self, bank: Path, *, dirty: bool = True, start_timeout: float = 900):
        self.bank = bank
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self._log = tempfile.TemporaryFile("w+")
        env = {**os.environ, **QUIET_MKDOCS, "MLQ_BANK": str(bank)}
        args = [str(MKDOCS), "serve", "--dev-addr", f"127.0.0.1:{self.port}"] + \
            (["--dirty"] if dirty else [])
        self.proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=self._log,
                                     stderr=subprocess.STDOUT, text=True,
                                     start_new_session=True)
        self._wait_until_serving(start_timeout)

    @property
    def log(self) -> str:
        self._log.flush()
        self._log.seek(0)
        return self._log.read()

    def _wait_until_serving(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"mkdocs serve exited ({self.proc.returncode}):\n"
                                   f"{self.log[-4000:]}")
            if "Serving on " in self.log:
                # The mount path comes from site_url (`/ml-interview-questions/`).
                served = self.log.split("Serving on ", 1)[1].split()[0]
                self.url = served if served.endswith("/") else served + "/"
                try:
                    self.get("")
                    return
                except OSError:
                    pass
            time.sleep(0.2)
        raise TimeoutError(f"mkdocs serve did not start in {timeout} s:\n{self.log[-4000:]}")

    def get(self, path: str, timeout: float = 600) -> str:
        """A served page (the server holds the request while a rebuild runs)."""
        with urllib.request.urlopen(self.url + path, timeout=timeout) as response:
            return response.read().decode("utf-8")

    def builds(self) -> int:
        """How many rebuilds have finished ("Reloading browsers" lines)."""
        return self.log.count("Reloading browsers")

    def wait_for(self, path: str, predicate, timeout: float = 600, interval: float = 0.05
                 ) -> float:
        """Poll `path` until `predicate(html)`; the seconds it took."""
        start = time.monotonic()
        deadline = start + timeout
        last = ""
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                last = self.get(path)
                if predicate(last):
                    return time.monotonic() - start
            time.sleep(interval)
        raise TimeoutError(f"{path} did not change as expected in {timeout} s:\n"
                           f"{self.log[-4000:]}")

    def wait_for_builds(self, count: int, timeout: float = 600) -> None:
        deadline = time.monotonic() + timeout
        while self.builds() < count:
            if time.monotonic() > deadline:
                raise TimeoutError(f"no rebuild finished in {timeout} s:\n{self.log[-4000:]}")
            time.sleep(0.05)

    def close(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, 15)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, 9)
                self.proc.wait()
        self._log.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def replace_in_file(path: Path, old: str, new: str) -> None:
    """Save an edit the way an editor does: the whole file written at once."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def short_answer_edit(path: Path, marker: str) -> None:
    """Put `marker` at the start of the question's short answer (folded or plain scalar)."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("short_answer:"):
            value = line[len("short_answer:"):].strip()
            if value in (">-", ">", "|", "|-", ">+", "|+"):
                indent = lines[i + 1][:len(lines[i + 1]) - len(lines[i + 1].lstrip())]
                lines[i + 1] = f"{indent}{marker} {lines[i + 1].lstrip()}"
            elif value.startswith('"'):
                lines[i] = f'short_answer: "{marker} {value[1:]}'
            else:
                lines[i] = f"short_answer: {marker} {value}"
            break
    else:
        raise ValueError(f"no short_answer in {path}")
    path.write_text("\n".join(lines), encoding="utf-8")

