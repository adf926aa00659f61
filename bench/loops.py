"""make bench-loops: how long an author waits, on this machine: ``make serve`` until the home page answers, and a
one-line Markdown edit until the served page shows it. A measurement, not a test: nothing here passes or fails.

Runs the README's own command (``make serve``) in a child process, on the port it serves on (8000: stop any other
server there first), and edits a copy of a page's text that it restores afterwards.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDRESS = "http://127.0.0.1:8000/"
EDITED = ROOT / "docs" / "introduction" / "foreword.md"
EDITED_PAGE = ADDRESS + "introduction/foreword/"
LIMIT_S = 300.0


def _answers(url: str, text: str = "") -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200 and text in response.read().decode("utf-8", "replace")
    except OSError:
        return False


def _wait(url: str, text: str = "") -> float:
    started = time.monotonic()
    while not _answers(url, text):
        if time.monotonic() - started > LIMIT_S:
            raise SystemExit(f"{url} did not show {text!r} within {LIMIT_S:.0f} s")
        time.sleep(0.05)
    return time.monotonic() - started


def one_run(run: int) -> tuple[float, float]:
    """Seconds until ``make serve`` answers, and from saving an edit until the served page shows it."""
    server = subprocess.Popen(
        ["make", "serve"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    original = EDITED.read_text(encoding="utf-8")
    try:
        started = _wait(ADDRESS)
        marker = f"Edited for timing, run {run}, {time.time_ns()}."
        EDITED.write_text(original.rstrip("\n") + f"\n\n{marker}\n", encoding="utf-8")
        shown = _wait(EDITED_PAGE, marker)
        return started, shown
    finally:
        EDITED.write_text(original, encoding="utf-8")
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    results = [one_run(run) for run in range(runs)]
    serve = statistics.median(started for started, _ in results)
    edit = statistics.median(shown for _, shown in results)
    print(f"| measure | median of {runs} | goal |")
    print("| --- | --- | --- |")
    print(f"| make serve, set up, until the home page answers | {serve:.1f} s | 8 s |")
    print(f"| a one-line Markdown edit until the served page shows it | {edit:.1f} s | 3 s |")


if __name__ == "__main__":
    main()
