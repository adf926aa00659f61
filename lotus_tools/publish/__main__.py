"""``python -m lotus_tools.publish SITE_DIR``: the publishing steps over a built site, on their own.

A mistake is one plain line on stderr and exit 2, as the other command line says it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from mkdocs.exceptions import PluginError

from lotus_tools.publish import publishing

PROG = "python -m lotus_tools.publish"


class _Parser(argparse.ArgumentParser):
    """argparse, but a mistake is one plain line and exit 2 (no usage block)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{PROG}: error: {message[:200]}\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Publish the site in the folder named; 0 when done, 2 with one line saying why not."""
    parser = _Parser(prog=PROG, description="Make what is published beside a built site's pages.")
    parser.add_argument("site_dir", type=Path, help="the built site's folder (site/)")
    args = parser.parse_args(argv)
    try:
        for line in publishing.publish(args.site_dir):
            print(line)
    except (PluginError, OSError) as error:
        message = (
            str(error) if isinstance(error, PluginError) else f"{error.filename or args.site_dir}: {error.strerror}"
        )
        print(f"{PROG}: error: {message[:300]}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
