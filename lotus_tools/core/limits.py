"""How much of a saved file the site will read: limits that no record or workbook it makes comes near.

A reader opens a record or workbook they saved; the file could be anything.
Each limit below stops a file before it can hold the reader's browser for
long or fill its memory (a zip bomb, text nested thousands deep, thousands of
risks), and a file past one is refused whole, in one sentence naming the
limit: never a part of it read. Stated here once; ``record`` and ``wordml``
check them, and ``record.fill`` and the worker keep every file the site makes
inside them, so that it always opens again. Standard library only (Pyodide).
"""

from __future__ import annotations

LARGEST_FILE = 10_000_000
"""Bytes on disk. A record this site makes is about 40 KB; Word re-saving it with a few photos, a few MB."""
LARGEST_UNPACKED = 50_000_000
"""Bytes, every part of the package unpacked together. A record this site makes unpacks to about 1 MB."""
LARGEST_TEXT_PART = 10_000_000
"""Bytes of the text part (``word/document.xml``), which is read element by element: a record this site makes
has about 15 KB of it; 10 MB of the smallest elements take about 4 s to read in Pyodide."""
MOST_ENTRIES = 500
"""Parts in the package. A record this site makes has 16; Word, re-saving it, adds a few."""
DEEPEST_XML = 100
"""Elements inside one another in the text. A record nests about 10 deep, a table in a table a few more."""
MOST_RISKS = 200
"""Risks in one triage record. A reader scores a handful."""
LONGEST_ANSWER = 100_000
"""Characters in one answer."""
LARGEST_REQUEST = 1_000_000
"""Characters in one request to the worker; far more than any record a person types."""
MOST_TEXT = 2 * LARGEST_REQUEST
"""Characters in all the answers of one file together: more than one request can put in."""

UNCHANGED = "Nothing on the page has changed."


class PastLimit(ValueError):
    """A file past one of these limits, found while reading its text; the message says which, for the reader."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def refusal(past: str, instead: str) -> str:
    """The sentence for a file past a limit, e.g. ``refusal("holds more than 200 risks", "a record this site
    makes holds far fewer")``."""
    return f"This file {past}; {instead}, so it was not opened. {UNCHANGED}"
