"""Numbers as a reader types them: plain decimals in ASCII digits, nothing cleverer.

The page and the command line read a probability the same way, through
:func:`percent`: ``25``, ``2.5``, ``25%`` and ``0.1`` are numbers; ``0x10``,
``1_0``, ``1e2``, ``1,5`` and digits of other scripts are not. Standard
library only (Pyodide).
"""

from __future__ import annotations

import re

from lotus_tools.core.risk import SHOWN, RiskError

_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


def quoted(typed: str) -> str:
    """``typed`` in quotes for a message, cut to its first 40 characters."""
    return f"'{typed[:SHOWN]}…'" if len(typed) > SHOWN else f"'{typed}'"


def decimal(typed: str) -> float | None:
    """``typed`` as a number if it is a plain decimal (ASCII digits, one point, a sign), else None."""
    text = typed.strip()
    if len(text) > 64 or not _DECIMAL.fullmatch(text):
        return None
    return float(text)


def percent(typed: str) -> float:
    """A probability typed as a percent (``25`` or ``25%``), or a RiskError quoting what was typed."""
    text = typed.strip()
    number = decimal(text[:-1] if text.endswith("%") else text)
    if number is None:
        raise RiskError(
            "probability",
            f"The probability must be a number of percent from 0 to 100, like 25 or 2.5; it was {quoted(text)}.",
        )
    return number
