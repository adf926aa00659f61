"""The command line: ``python -m lotus_tools score --likelihood 4 --consequence 3``."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from typing import NoReturn

from lotus_tools.core import numbers, scales
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


NUMBER_OPTIONS = ("--likelihood", "--consequence", "--probability")


def _whole(text: str) -> int | str:
    """``text`` as an int when it is a whole number in ASCII digits; otherwise as given, for the check to name."""
    return int(text) if re.fullmatch(r"\s*[+-]?[0-9]{1,9}\s*", text) else text


def _number(text: str) -> float | str:
    """``text`` as a number when it is a plain decimal (as the page reads it); otherwise as given."""
    number = numbers.decimal(text)
    return text if number is None else number


class _Parser(argparse.ArgumentParser):
    """argparse, but a mistake is one plain line on stderr and exit 2 (no usage block)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{PROG}: error: {message[:200]}\n")


def _joined(argv: Sequence[str]) -> list[str]:
    """``--probability -1e2`` as ``--probability=-1e2``, so that argparse reads a negative value as a value."""
    out: list[str] = []
    for item in argv:
        if out and out[-1] in NUMBER_OPTIONS and item.startswith("-") and item not in NUMBER_OPTIONS:
            out[-1] = f"{out[-1]}={item}"
        else:
            out.append(item)
    return out


def parser() -> argparse.ArgumentParser:
    """The ``score`` command and its options."""
    top = _Parser(
        prog=PROG,
        description="Score a risk as the L.O.T.U.S. toolkit's Appendix 3 says: R = C x L.",
        epilog=scales_text(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = top.add_subparsers(dest="command", required=True, parser_class=_Parser)
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
    """The result for machines, in the shape the calculator's worker answers with."""
    return json.dumps(risk_answer(assessed), ensure_ascii=False)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; 0 on success, 2 (with the message on stderr) on bad input."""
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")  # --help's en dashes on a terminal that cannot show them
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
