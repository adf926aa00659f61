"""The command line: ``python -m lotus_tools score --likelihood 4 --consequence 3``."""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
from collections.abc import Sequence
from typing import NoReturn

from lotus_tools.core import scales
from lotus_tools.core.risk import NPSA_2008, AssessedRisk, RiskError, assess, risk_answer

PROG = "python -m lotus_tools"


def scales_text() -> str:
    """Appendix 3's scales and the default risk bands, for ``--help``."""
    lines = ["likelihood (Table 1):"]
    lines += [f"  {row.label} ({row.probability}): {row.description}" for row in scales.LIKELIHOODS]
    lines += ["", "consequence (Table 3):"]
    lines += [f"  {row.label}" for row in scales.CONSEQUENCES]
    lines += ["", "domain (Table 3's consequence domains):"]
    lines += [f"  {d.key}: {d.name}" for d in scales.DOMAINS]
    lines += ["", "risk bands (R = C x L; the NPSA 2008 risk grading):"]
    lines += [f"  {b.lowest}-{b.highest}: {b.label}" for b in NPSA_2008.bands]
    return "\n".join(lines)


WHOLE = re.compile(r"[+-]?[0-9]{1,20}")
DECIMAL = re.compile(r"[+-]?[0-9]{1,20}(\.[0-9]{1,20})?")
"""Plain ASCII decimals only: no other digits, underscores, exponents or hex."""
VALUE_OPTIONS = ("--likelihood", "--probability", "--consequence", "--domain")


def _whole(text: str) -> int | str:
    """``text`` as an int when it is a plain whole number; otherwise as given, for the check to name."""
    return int(text) if WHOLE.fullmatch(text) else text


def _number(text: str) -> float | str:
    """``text`` as a float when it is a plain decimal number; otherwise as given, for the check to name."""
    return float(text) if DECIMAL.fullmatch(text) else text


def _short(message: str) -> str:
    """``message`` with any word over 40 characters cut, so nothing typed is echoed at length."""
    return re.sub(r"\S{41,}", lambda word: word[0][:40] + "...", message)


class _Parser(argparse.ArgumentParser):
    """argparse, with each error as one plain line on stderr and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {_short(message)}\n")


def _joined(argv: Sequence[str]) -> list[str]:
    """``--option value`` as ``--option=value``, so a value such as ``-1e2`` is not read as an option."""
    joined = list(argv)
    for at in range(len(joined) - 2, -1, -1):
        if joined[at] in VALUE_OPTIONS and not joined[at + 1].startswith("--"):
            joined[at : at + 2] = [f"{joined[at]}={joined[at + 1]}"]
    return joined


def parser() -> argparse.ArgumentParser:
    """The ``score`` command and its options."""
    top = _Parser(
        prog=PROG,
        description="Score a risk as the L.O.T.U.S. toolkit's Appendix 3 says: R = C x L.",
        epilog=scales_text(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = top.add_subparsers(dest="command", required=True)
    score = commands.add_parser(
        "score",
        help="score one risk and name its band",
        description="Score one risk: its consequence (1-5) times its likelihood (1-5), and the band it falls in.",
        epilog=scales_text(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    how_likely = score.add_mutually_exclusive_group(required=True)
    how_likely.add_argument("--likelihood", type=_whole, metavar="1-5", help="the likelihood level (Table 1)")
    how_likely.add_argument(
        "--probability", type=_number, metavar="PERCENT", help="or the probability, 0 to 100 percent"
    )
    score.add_argument(
        "--consequence", type=_whole, required=True, metavar="1-5", help="the consequence level (Table 3)"
    )
    score.add_argument("--domain", metavar="KEY", help="the consequence domain (optional; see below)")
    score.add_argument("--json", action="store_true", help="print the result as JSON")
    return top


def as_json(assessed: AssessedRisk) -> str:
    """The result for machines: the same shape as the worker's answer for a risk."""
    return json.dumps(risk_answer(assessed), ensure_ascii=False)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; 0 on success, 2 (with the message on stderr) on bad input."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")  # a terminal that cannot show an en dash still gets the text
    top = parser()
    args = top.parse_args(_joined(sys.argv[1:] if argv is None else argv))
    entry = {
        "likelihood": args.likelihood,
        "probability": args.probability,
        "consequence": args.consequence,
        "domain": args.domain,
    }
    try:
        assessed = assess([entry], domain_required=False).overall
    except RiskError as error:
        top.exit(2, f"{PROG}: error: {error.message}\n")
    print(as_json(assessed) if args.json else assessed.summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
