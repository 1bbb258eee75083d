"""Problems found in the bank, and how they are printed.

Every problem is one line, `path:line: CODE name: message`, so editors and CI logs can jump to it.
Codes are stable: CONTRIBUTING.md documents each one and tests pin the wording.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

# Characters that would act on a terminal or reorder the text around them (escape sequences,
# bidirectional overrides) rather than print: shown escaped, so bank text cannot forge a report.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


# A report line stays readable whatever the bank holds (an unknown key can be kilobytes long).
MESSAGE_LIMIT = 600


def printable(text: str) -> str:
    if len(text) > MESSAGE_LIMIT:
        text = text[:MESSAGE_LIMIT] + "..."
    text = text.replace("\n", "\\n").replace("\t", "\\t")
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)

# code -> short name. Never renumber: people search for these codes.
CODES = {
    "E001": "yaml-syntax",
    "E002": "duplicate-key",
    "E003": "unknown-field",
    "E004": "missing-field",
    "E005": "wrong-type",
    "E006": "bad-value",
    "E007": "id-mismatch",
    "E008": "duplicate-id",
    "E009": "unknown-topic",
    "E010": "unknown-tag",
    "E011": "unknown-related",
    "E012": "bad-url",
    "E013": "empty-text",
    "E014": "unsafe-html",
    "E015": "not-a-mapping",
    "E016": "duplicate-item",
    "E017": "misplaced-file",
    "E018": "heading-in-answer",
    "E019": "unknown-metric",
    "E020": "unknown-function",
    "E021": "unknown-question",
    "E022": "chooser-rule",
    "E023": "unknown-section",
    "E024": "missing-section",
    "E025": "unexpected-section",
    "E026": "yaml-feature",
    "E027": "too-deep",
    "E028": "too-large",
    "E029": "stray-file",
    "E030": "symlink",
    "E031": "insecure-url",
    "E032": "url-credentials",
    "E033": "url-too-long",
    "E034": "duplicate-synonym",
    "E035": "bad-synonym",
}


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    code: str
    message: str

    def __str__(self) -> str:
        return (f"{printable(self.path)}:{self.line}: {self.code} {CODES[self.code]}: "
                f"{printable(self.message)}")


def did_you_mean(value: object, allowed: list[str]) -> str:
    """A ' (did you mean ...?)' suffix for the closest allowed value, or ''."""
    if not isinstance(value, str):
        return ""
    close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def allowed_list(allowed: list[str], limit: int = 12) -> str:
    """'a, b, c' or, for a long vocabulary, the first few and where to find the rest."""
    if len(allowed) <= limit:
        return ", ".join(allowed)
    return ", ".join(allowed[:limit]) + f", ... ({len(allowed)} in all)"


def summary(problems: list[Problem], files: int) -> str:
    noun = "file" if files == 1 else "files"
    if not problems:
        return f"OK: {files} {noun} checked, no problems."
    count = len(problems)
    return f"{count} problem{'s' if count != 1 else ''} in {files} {noun} checked."
