"""make bench: how soon the triage calculator gives its first Python-computed result, on loopback and on a ward's Wi-Fi.

Builds nothing: measures site/ (make bench builds it first) served by Debian's
nginx with the configuration the build wrote (_nginx.conf: types, headers,
precompressed files), and drives Debian's Chromium headless. Network profiles
are Chromium's own emulation (CDP Network.emulateNetworkConditions) on the
page and its Python worker. Prints medians of --runs beside each goal of issue
17. A measurement, not a test: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import brotli
from playwright.sync_api import BrowserContext, CDPSession, Page, Playwright, sync_playwright

from tests import nginx_server  # bench and tests serve the site the same way

ROOT = Path(__file__).resolve().parent.parent

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGE = "tools/triage-calculator/"
LONG_READING = "appendices/risk-scoring-guide/"
"""Appendix 3: a long reading page with the theme's start-up and layout but no tool, to compare long tasks."""
STAGES = {
    "worker-started": "the page, until its Python worker starts",
    "pyodide-loaded": "loading Pyodide's loader (pyodide.mjs)",
    "python-started": "starting CPython: pyodide.asm.mjs, the WebAssembly, the interpreter, the standard library",
    "core-imported": "unpacking and importing the toolkit's core",
}
"""The worker's start, stage by stage (its User Timing marks ``lotus-python:<stage>``)."""
PROFILES = {"loopback": None, "10 Mbit/s, 60 ms": (10, 60), "4 Mbit/s, 150 ms": (4, 150)}
LONG_TASKS = """
window.__longest = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__longest = Math.max(window.__longest, entry.duration);
}).observe({type: "longtask", buffered: true});
window.__scripts = {theme: 0, site: 0};
new PerformanceObserver((list) => {
  for (const frame of list.getEntries()) {
    for (const script of frame.scripts) {
      const owner = script.sourceURL.includes("/assets/javascripts/") ? "theme" : script.sourceURL.includes("/javascripts/") ? "site" : null;
      if (owner) window.__scripts[owner] = Math.max(window.__scripts[owner], script.duration);
    }
  }
}).observe({type: "long-animation-frame", buffered: true});
new MutationObserver(() => {
  if (!window.__ready && document.querySelector('[data-state="ready"]')) window.__ready = performance.now();
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-state"]});
"""
FLOOR = """<!doctype html><html lang="en"><title>floor</title><body><p id="out"></p><script>
const [c, l] = [3, 4]; document.getElementById("out").textContent = `Risk score ${c} x ${l} = ${c * l}`;
</script></body></html>"""


def throttle(context: BrowserContext, page: Page, profile: tuple[int, int] | None) -> CDPSession:
    """Chromium's network emulation for the page (its dedicated worker's requests go through the page's network)."""
    session = context.new_cdp_session(page)
    if profile:
        mbit, rtt = profile
        session.send("Network.enable")
        session.send(
            "Network.emulateNetworkConditions",
            {
                "offline": False,
                "latency": rtt,
                "downloadThroughput": mbit * 125_000,
                "uploadThroughput": mbit * 125_000,
            },
        )
    return session


@dataclass
class FirstResult:
    """One visit to the calculator, from navigation to its first score."""

    seconds: float
    longest_ms: float
    scripts_ms: dict[str, float]
    """The longest run of the theme's and of the site's own scripts in a long frame (Long Animation Frames)."""
    bytes: int
    ready: float
    """Seconds from navigation until Python was ready in the worker."""
    urls: list[str]
    marks: dict[str, float]
    """Seconds from navigation to the end of each stage of the worker's start (``python-worker.js``)."""


def first_result(context: BrowserContext, url: str, profile: tuple[int, int] | None) -> FirstResult:
    page = context.new_page()
    throttle(context, page, profile)
    moved: list[int] = []
    paths: list[str] = []
    page.on("requestfinished", lambda request: moved.append(request.sizes()["responseBodySize"]))
    page.on("requestfinished", lambda request: paths.append(request.url))
    start = time.perf_counter()
    page.goto(url)
    page.get_by_label("Financial", exact=True).check()
    page.get_by_label("3 – Moderate").check()
    page.get_by_label("4 – Likely").check()
    page.get_by_text("Risk score 3 x 4 = 12").wait_for(timeout=300_000)
    seconds = time.perf_counter() - start
    longest = page.evaluate("window.__longest")
    ready = page.evaluate("window.__ready / 1000")
    scripts = page.evaluate("window.__scripts")
    marks = page.evaluate(
        """Object.fromEntries(performance.getEntriesByType("mark")
            .filter((m) => m.name.startsWith("lotus-python:"))
            .map((m) => [m.name.slice(13), m.startTime / 1000]))"""
    )
    page.evaluate(  # wait until the site's files are kept on this device (the service worker is active)
        """async () => {
            for (let tries = 0; tries < 480; tries += 1) {
                if ((await navigator.serviceWorker.getRegistration())?.active) return;
                await new Promise((resolve) => setTimeout(resolve, 250));
            }
        }"""
    )
    page.close()
    return FirstResult(seconds, longest, scripts, sum(moved), ready, paths, marks)


def reading_bytes(context: BrowserContext, url: str) -> int:
    page = context.new_page()
    moved: list[int] = []
    page.on("requestfinished", lambda request: moved.append(request.sizes()["responseBodySize"]))
    page.goto(url, wait_until="networkidle")
    page.close()
    return sum(moved)


def reading_longest(context: BrowserContext, url: str) -> float:
    """The longest main-thread task on a reading page with no tool: the theme's start-up and the page's layout."""
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    longest = float(page.evaluate("window.__longest"))
    page.close()
    return longest


def brotli_bytes(site: Path, base: str, urls: list[str]) -> int:
    """What the same files would move brotli-compressed (quality 11, as a host precompresses), for comparison:
    the nginx the tests and bench use (Debian's nginx-light) sends only gzip."""
    total = 0
    for url in dict.fromkeys(urls):
        path = site / url.removeprefix(base).split("?")[0]
        path = path / "index.html" if url.endswith("/") else path
        if path.is_file():
            total += len(brotli.compress(path.read_bytes(), quality=11))
    return total


def floor(context: BrowserContext, base: str) -> float:
    page = context.new_page()
    page.route(f"{base}__floor.html", lambda route: route.fulfill(body=FLOOR, content_type="text/html"))
    start = time.perf_counter()
    page.goto(f"{base}__floor.html")
    page.get_by_text("Risk score 3 x 4 = 12").wait_for()
    page.close()
    return time.perf_counter() - start


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def run(
    playwright: Playwright, base: str, runs: int, measure: Callable[[BrowserContext], dict[str, float]]
) -> list[dict[str, float]]:
    results = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as profile:
            context = playwright.chromium.launch_persistent_context(
                profile, executable_path=shutil.which("chromium"), headless=True, args=ARGS
            )
            context.add_init_script(LONG_TASKS)
            results.append(measure(context))
            context.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    args = parser.parse_args()
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as work, sync_playwright() as playwright:
        root = Path(work) / "www"
        root.symlink_to(args.site.resolve())
        port = nginx_server.free_port()
        with nginx_server.serve(root, args.site, port) as base:
            first_urls: list[str] = []
            for name, profile in PROFILES.items():

                def visit(context: BrowserContext, profile: tuple[int, int] | None = profile) -> dict[str, float]:
                    first = first_result(context, base + PAGE, profile)
                    again = first_result(context, base + PAGE, profile)
                    later = first_result(context, base + PAGE, profile) if profile is None else again
                    context.set_offline(True)
                    offline = first_result(context, base + PAGE, None)
                    if profile is None and not first_urls:
                        first_urls.extend(first.urls)
                    stages = dict.fromkeys(STAGES, float("nan"))
                    if len(again.marks) == len(STAGES):
                        ends = [0.0, *(again.marks[name] for name in STAGES)]
                        stages = {name: ends[i + 1] - ends[i] for i, name in enumerate(STAGES)}
                    return {
                        **stages,
                        "first": first.seconds,
                        "bytes": first.bytes,
                        "longest": first.longest_ms,
                        "theme_script": first.scripts_ms["theme"],
                        "site_script": first.scripts_ms["site"],
                        "again": again.seconds,
                        "again_ready": again.ready,
                        "later": later.seconds,
                        "offline": offline.seconds,
                    }

                found = run(playwright, base, args.runs, visit)
                goal = {"loopback": "1.0 s", "10 Mbit/s, 60 ms": "4 s", "4 Mbit/s, 150 ms": "9 s"}[name]
                rows.append(
                    (f"first result, first visit, {name}", f"{median([r['first'] for r in found]):.2f} s", goal)
                )
                rows.append(
                    (f"first result, return visit, {name}", f"{median([r['again'] for r in found]):.2f} s", "0.5 s")
                )
                if profile is None:
                    rows.insert(
                        0,
                        (
                            "bytes moved before the first result, first visit, compressed",
                            f"{median([r['bytes'] for r in found]) / 1e6:.2f} MB",
                            "3.5 MB",
                        ),
                    )
                    rows.insert(
                        1,
                        (
                            "the same files brotli-compressed (quality 11), for comparison",
                            f"{brotli_bytes(args.site, base, first_urls) / 1e6:.2f} MB",
                            "",
                        ),
                    )
                    rows.append(
                        (
                            "of the return visit, until Python is ready in the worker",
                            f"{median([r['again_ready'] for r in found]):.2f} s",
                            "",
                        )
                    )
                    for stage, words in STAGES.items():
                        rows.append((f"... {words}", f"{median([r[stage] for r in found]):.2f} s", ""))
                    rows.append(
                        (
                            "first result, a later return visit (the third), loopback",
                            f"{median([r['later'] for r in found]):.2f} s",
                            "0.5 s",
                        )
                    )
                    rows.append(
                        (
                            "first result, return visit, network off",
                            f"{median([r['offline'] for r in found]):.2f} s",
                            "0.5 s",
                        )
                    )
                    rows.append(
                        (
                            "longest main-thread task while the calculator starts",
                            f"{median([r['longest'] for r in found]):.0f} ms",
                            "50 ms",
                        )
                    )
                    rows.append(
                        (
                            "... the longest run of the theme's script in it (bundle.*.min.js)",
                            f"{median([r['theme_script'] for r in found]):.0f} ms",
                            "",
                        )
                    )
                    rows.append(
                        (
                            "... the longest run of the site's own scripts (javascripts/*.js)",
                            f"{median([r['site_script'] for r in found]):.0f} ms",
                            "",
                        )
                    )
            reading = run(playwright, base, args.runs, lambda context: {"bytes": reading_bytes(context, base)})
            rows.append(
                (
                    "reading pages: bytes on first visit (home), no Pyodide",
                    f"{median([r['bytes'] for r in reading]) / 1e3:.0f} KB",
                    "355 KB or less",
                )
            )
            long_reading = run(
                playwright, base, args.runs, lambda context: {"longest": reading_longest(context, base + LONG_READING)}
            )
            rows.append(
                (
                    "longest main-thread task, Appendix 3 (a long reading page, no tool), for comparison",
                    f"{median([r['longest'] for r in long_reading]):.0f} ms",
                    "",
                )
            )
            floors = run(playwright, base, args.runs, lambda context: {"seconds": floor(context, base)})
            rows.append(
                ("plain-JS floor (the same score, no Python)", f"{median([r['seconds'] for r in floors]):.2f} s", "")
            )
    print(f"Triage calculator, medians of {args.runs} runs, served by nginx with the build's _nginx.conf")
    print("| measure | median | goal |\n| --- | --- | --- |")
    for measure, value, goal in rows:
        print(f"| {measure} | {value} | {goal} |")


if __name__ == "__main__":
    main()
