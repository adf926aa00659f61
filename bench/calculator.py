"""make bench: how soon the triage calculator gives its first Python-computed result.

Serves the built site (site/) on loopback, drives Debian's Chromium headless,
and times navigation -> first result, cold (fresh profile) and warm (second
visit, same profile), beside a plain-JS page computing the same score (the
floor). Also the longest main-thread task during start-up and bytes moved.
Prints medians, minima and maxima. A measurement, not a test.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import statistics
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from lotus_tools.publish import hosting

ROOT = Path(__file__).resolve().parent.parent
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGE = "/tools/triage-calculator/"
LONG_TASKS = """
window.__longest = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__longest = Math.max(window.__longest, entry.duration);
}).observe({type: "longtask", buffered: true});
"""
FLOOR = """<!doctype html><html lang="en"><title>floor</title><body><p id="out"></p><script>
const [l, c] = [4, 3]; const r = l * c;
document.getElementById("out").textContent = `Risk score ${l} x ${c} = ${r}: high risk (Amber)`;
</script></body></html>"""


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as the README's hosting recipe says: its own ``_headers``."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
    }
    rules: hosting.Rules = []

    def end_headers(self) -> None:
        for name, value in hosting.headers_for(self.rules, self.path.split("?")[0]):
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def first_result(page: Page, url: str) -> dict[str, float]:
    moved: list[int] = []
    page.on("requestfinished", lambda request: moved.append(request.sizes()["responseBodySize"]))
    start = time.perf_counter()
    page.goto(url)
    page.get_by_label("Financial", exact=True).check()
    page.get_by_label("3 – Moderate").check()
    page.get_by_label("4 – Likely").check()
    page.get_by_text("Risk score 3 x 4 = 12").wait_for(timeout=120_000)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "longest_task_ms": page.evaluate("window.__longest"), "bytes": sum(moved)}


def floor(page: Page, base: str) -> float:
    page.route(f"{base}/__floor.html", lambda route: route.fulfill(body=FLOOR, content_type="text/html"))
    start = time.perf_counter()
    page.goto(f"{base}/__floor.html")
    page.get_by_text("Risk score 3 x 4 = 12").wait_for()
    return time.perf_counter() - start


def summary(name: str, values: list[float], unit: str = "s") -> str:
    return f"{name:<28} median {statistics.median(values):8.3f}{unit}  min {min(values):8.3f}{unit}  max {max(values):8.3f}{unit}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    args = parser.parse_args()
    Handler.rules = hosting.parse_headers((args.site / "_headers").read_text(encoding="utf-8"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(args.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    cold, warm, floors, longest, moved = [], [], [], [], []
    with sync_playwright() as playwright:
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory() as profile:
                context = playwright.chromium.launch_persistent_context(
                    profile, executable_path=shutil.which("chromium"), headless=True, args=ARGS
                )
                context.add_init_script(LONG_TASKS)
                first = first_result(context.new_page(), base + PAGE)
                second = first_result(context.new_page(), base + PAGE)
                floors.append(floor(context.new_page(), base))
                context.close()
            cold.append(first["seconds"])
            warm.append(second["seconds"])
            longest.append(first["longest_task_ms"])
            moved.append(first["bytes"])
    server.shutdown()
    print(f"Triage calculator, navigation -> first Python-computed result, {args.runs} runs")
    print(summary("cold (fresh profile)", cold))
    print(summary("warm (second visit)", warm))
    print(summary("plain-JS floor", floors))
    print(summary("longest main-thread task", longest, "ms"))
    print(f"{'bytes transferred (cold)':<28} median {statistics.median(moved) / 1e6:8.2f} MB")


if __name__ == "__main__":
    main()
