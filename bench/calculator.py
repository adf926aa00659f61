"""make bench: how soon the triage calculator gives its first Python-computed result, on loopback and on a ward's Wi-Fi.

Builds nothing: measures site/ (make bench builds it first) served by Debian's
nginx, with its brotli module, and the configuration the build wrote for it
(_nginx.brotli.conf: types, headers, precompressed files), and drives Debian's
Chromium headless. Network profiles are Chromium's own emulation (CDP
Network.emulateNetworkConditions) on the page and its Python worker. Every
time is the page's own clock from its navigation start (performance.now()),
not a clock around Playwright. Beside the calculator, the same server serves a
bare Pyodide page (the same Pyodide and standard library in a worker, one tiny
Python call, nothing else): this design's floor, measured in the same run.
It also scores at a person's pace (choices 3, 6 and 9 s after the page opens)
and times the largest paint of reading pages on an emulated phone. Prints
medians of --runs beside each goal of issue 28 (--only picks some of its
groups of rows). A measurement, not a test: nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import BrowserContext, CDPSession, Page, Playwright, Request, ViewportSize, sync_playwright

from lotus_tools.publish import compiled_stdlib, pyodide_runtime
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
WARD = PROFILES["10 Mbit/s, 60 ms"]
"""The network of the person's-pace and phone rows: a ward's Wi-Fi."""
CHOICES = (("Financial", True, 3.0), ("3 – Moderate", False, 6.0), ("4 – Likely", False, 9.0))
"""A reader's pace: each choice's label, whether it must match exactly (the domain's does, as in
tests/conftest.py's ``score_one``), and the second after navigation start when it is made."""
PHONE = ViewportSize(width=390, height=844)
"""A phone's screen, emulated with touch and a mobile viewport (as tests/test_reader_support.py does)."""
PHONE_CPU = 4
"""Chromium's CPU throttling for the phone rows (Emulation.setCPUThrottlingRate): a mid-range phone."""
PHONE_PAGES = {
    "the home page": "",
    "3.2 (supporting mental health)": "transform/supporting-mental-health/",
    "Appendix 3": LONG_READING,
}
"""Reading pages for the phone rows: the home page, a long section and the longest appendix."""
PHONE_SETTLE_MS = 1000
"""After the load event, for the last paints to be reported before LCP is read."""
LARGEST_PAINT = """() => new Promise((resolve) => {
  new PerformanceObserver((list) => {
    const entries = list.getEntries();
    resolve(entries[entries.length - 1].startTime / 1000);
  }).observe({type: "largest-contentful-paint", buffered: true});
  setTimeout(() => resolve(NaN), 5000);
})"""
"""The page's largest contentful paint so far, in seconds from navigation start (NaN if none was reported)."""
GROUPS = ("visits", "reading", "plain", "pace", "phone")
"""The bench's groups of rows, in the order printed: first and return visits on each network, the reading
pages' bytes and longest task, the plain-JS floor, the person's pace, and reading pages on a phone."""
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
new MutationObserver(() => {
  if (!window.__scored && document.querySelector(".calc-score, #floor-score")?.textContent.startsWith(SCORE)) {
    window.__scored = performance.now();
  }
}).observe(document, {subtree: true, childList: true, characterData: true});
""".replace("SCORE", '"Risk score 3 x 4 = 12"')
"""Long tasks, and when Python was ready and the score was shown, by the page's clock from its navigation start."""
CHOSEN = 'document.addEventListener("change", () => { window.__chosen = performance.now(); }, true);'
"""When the reader last chose, by the page's clock."""
FLOOR_FOLDER = "__floor/"
PYODIDE_FLOOR = """<!doctype html><html lang="en"><head><title>Pyodide floor</title><script type="module">
const worker = new Worker("worker.js", {type: "module"});
worker.onmessage = ({data}) => { document.getElementById("floor-score").textContent = data; };
worker.postMessage(PYTHON);
</script></head><body><p id="floor-score"></p></body></html>"""
PYODIDE_FLOOR_WORKER = """self.onmessage = async ({data}) => {
  const {loadPyodide} = await import(`${data.indexURL}pyodide.mjs`);
  const pyodide = await loadPyodide({indexURL: data.indexURL, stdLibURL: data.stdlib, fullStdLib: false});
  postMessage(pyodide.runPython("f'Risk score 3 x 4 = {3 * 4}'"));
};"""
"""The bare Pyodide page: the site's Pyodide and standard library, at the addresses the calculator uses."""
PLAIN_FLOOR = """<!doctype html><html lang="en"><title>floor</title><body><p id="out"></p><script>
const [c, l] = [3, 4]; document.getElementById("out").textContent = `Risk score ${c} x ${l} = ${c * l}`;
window.__scored = performance.now();
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
    """From the page's navigation start until the score was shown."""
    longest_ms: float
    scripts_ms: dict[str, float]
    """The longest run of the theme's and of the site's own scripts in a long frame (Long Animation Frames)."""
    bytes: int
    """Moved over the network (compressed) until the score was shown, by the page and its worker."""
    total: int
    """Moved over the network by the whole visit, its service worker's keeping the site's files included."""
    twice: list[str]
    """Addresses whose body came over the network more than once."""
    ready: float
    """Seconds from navigation until Python was ready in the worker."""
    marks: dict[str, float]
    """Seconds from navigation to the end of each stage of the worker's start (``python-worker.js``)."""


def moved(request: Request) -> int:
    """Body bytes that came over the network for ``request``: none from a cache or the service worker."""
    response = request.response()
    if response is None or response.from_service_worker:
        return 0
    return max(0, request.sizes()["responseBodySize"])


def first_result(context: BrowserContext, url: str, profile: tuple[int, int] | None) -> FirstResult:
    page = context.new_page()
    throttle(context, page, profile)
    finished: list[tuple[str, int]] = []

    def record(request: Request) -> None:
        finished.append((request.url, moved(request)))

    context.on("requestfinished", record)  # the page's, its worker's and its service worker's
    page.goto(url)
    page.get_by_label("Financial", exact=True).check()
    page.get_by_label("3 – Moderate").check()
    page.get_by_label("4 – Likely").check()
    page.get_by_text("Risk score 3 x 4 = 12").wait_for(timeout=300_000)
    before = sum(size for _, size in list(finished))
    seconds = page.evaluate("window.__scored / 1000")
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
    page.wait_for_timeout(1000)  # the last of what it keeps
    context.remove_listener("requestfinished", record)
    page.close()
    counts: dict[str, int] = {}
    for url, size in finished:
        if size:
            counts[url] = counts.get(url, 0) + 1
    total = sum(size for _, size in finished)
    return FirstResult(
        seconds, longest, scripts, before, total, sorted(u for u, n in counts.items() if n > 1), ready, marks
    )


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


def pace(context: BrowserContext, url: str) -> dict[str, float]:
    """A first visit at a reader's pace (``CHOICES``, by the page's clock): seconds from navigation start to the
    last choice, to Python being ready, and to the score."""
    page = context.new_page()
    throttle(context, page, WARD)
    page.add_init_script(CHOSEN)
    page.goto(url, wait_until="commit")  # the reader chooses while the page still loads, not after its load event
    for label, exact, second in CHOICES:
        page.evaluate("(ms) => new Promise((done) => setTimeout(done, ms - performance.now()))", second * 1000)
        page.get_by_label(label, exact=exact).check()
    page.get_by_text("Risk score 3 x 4 = 12").wait_for(timeout=300_000)
    times: dict[str, float] = page.evaluate(
        "({chosen: window.__chosen / 1000, ready: window.__ready / 1000, scored: window.__scored / 1000})"
    )
    page.close()
    return times


def phone_paint(context: BrowserContext, url: str) -> dict[str, float]:
    """A first visit to a reading page on a phone (``PHONE``, ``PHONE_CPU``, a ward's Wi-Fi): its largest
    contentful paint in seconds from navigation start, and the longest task and theme's script run in it."""
    page = context.new_page()
    session = throttle(context, page, WARD)
    session.send("Emulation.setCPUThrottlingRate", {"rate": PHONE_CPU})
    page.goto(url)
    page.wait_for_timeout(PHONE_SETTLE_MS)
    paint = float(page.evaluate(LARGEST_PAINT))
    longest = float(page.evaluate("window.__longest"))
    theme = float(page.evaluate("window.__scripts.theme"))
    page.close()
    return {"lcp": paint, "longest": longest, "theme": theme}


def plain_floor(context: BrowserContext, base: str) -> float:
    """The same score in plain JavaScript: the browser's own floor."""
    page = context.new_page()
    page.route(f"{base}__plain.html", lambda route: route.fulfill(body=PLAIN_FLOOR, content_type="text/html"))
    page.goto(f"{base}__plain.html")
    page.get_by_text("Risk score 3 x 4 = 12").wait_for()
    seconds = float(page.evaluate("window.__scored / 1000"))
    page.close()
    return seconds


def write_pyodide_floor(folder: Path, site: Path) -> None:
    """The bare Pyodide page and its worker in ``folder``, for the same server to serve beside the site."""
    release = json.loads((site / "offline.json").read_text(encoding="utf-8"))["version"]
    python = {
        "indexURL": f"/{pyodide_runtime.SITE_PATH}/",
        "stdlib": f"/{pyodide_runtime.SITE_PATH}/{compiled_stdlib.COMPILED_NAME}?v={release}",
    }
    (folder / FLOOR_FOLDER).mkdir(parents=True)
    (folder / FLOOR_FOLDER / "index.html").write_text(PYODIDE_FLOOR.replace("PYTHON", json.dumps(python)))
    (folder / FLOOR_FOLDER / "worker.js").write_text(PYODIDE_FLOOR_WORKER)


def pyodide_floor(context: BrowserContext, url: str, profile: tuple[int, int] | None) -> tuple[float, int]:
    """Seconds from navigation until the bare Pyodide page shows its score, and the bytes it moved."""
    page = context.new_page()
    throttle(context, page, profile)
    finished: list[tuple[str, int]] = []

    def record(request: Request) -> None:
        finished.append((request.url, moved(request)))

    context.on("requestfinished", record)
    page.goto(url)
    page.get_by_text("Risk score 3 x 4 = 12").wait_for(timeout=300_000)
    seconds = float(page.evaluate("window.__scored / 1000"))
    context.remove_listener("requestfinished", record)
    page.close()
    return seconds, sum(size for _, size in finished)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def run(
    playwright: Playwright,
    base: str,
    runs: int,
    measure: Callable[[BrowserContext], dict[str, float]],
    phone: ViewportSize | None = None,
) -> list[dict[str, float]]:
    """``measure`` in a fresh profile each run; with ``phone``, a touch screen of that size and a mobile viewport."""
    results = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as profile:
            context = playwright.chromium.launch_persistent_context(
                profile,
                executable_path=shutil.which("chromium"),
                headless=True,
                args=ARGS,
                viewport=phone,
                is_mobile=phone is not None,
                has_touch=phone is not None,
            )
            context.add_init_script(LONG_TASKS)
            results.append(measure(context))
            context.close()
    return results


def groups(text: str) -> tuple[str, ...]:
    """``--only``'s comma-separated groups of rows, each one of ``GROUPS``."""
    chosen = tuple(text.split(","))
    unknown = [group for group in chosen if group not in GROUPS]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"{', '.join(unknown)} is not a group of rows; the groups are {', '.join(GROUPS)}."
        )
    return chosen


def mb(value: float) -> str:
    return f"{value / 1e6:.2f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument(
        "--only", type=groups, default=GROUPS, help=f"comma-separated groups of rows (default all: {','.join(GROUPS)})"
    )
    args = parser.parse_args()
    os.environ.setdefault("PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS", "1")  # the service worker's requests too
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as work, sync_playwright() as playwright:
        root = Path(work) / "www"
        root.symlink_to(args.site.resolve())
        write_pyodide_floor(Path(work) / "floor", args.site)
        beside = f"location /{FLOOR_FOLDER} {{ root {Path(work) / 'floor'}; }}"
        port = nginx_server.free_port()
        with nginx_server.serve(root, args.site, port, beside=beside, brotli=True) as base:
            for name, profile in (PROFILES if "visits" in args.only else {}).items():

                def visit(context: BrowserContext, profile: tuple[int, int] | None = profile) -> dict[str, float]:
                    first = first_result(context, base + PAGE, profile)
                    again = first_result(context, base + PAGE, profile)
                    later = first_result(context, base + PAGE, profile) if profile is None else again
                    context.set_offline(True)
                    offline = first_result(context, base + PAGE, None)
                    stages = dict.fromkeys(STAGES, float("nan"))
                    if len(again.marks) == len(STAGES):
                        ends = [0.0, *(again.marks[name] for name in STAGES)]
                        stages = {name: ends[i + 1] - ends[i] for i, name in enumerate(STAGES)}
                    return {
                        **stages,
                        "first": first.seconds,
                        "bytes": first.bytes,
                        "total": first.total,
                        "twice": len(first.twice),
                        "longest": first.longest_ms,
                        "theme_script": first.scripts_ms["theme"],
                        "site_script": first.scripts_ms["site"],
                        "again": again.seconds,
                        "again_ready": again.ready,
                        "later": later.seconds,
                        "offline": offline.seconds,
                    }

                def bare(context: BrowserContext, profile: tuple[int, int] | None = profile) -> dict[str, float]:
                    first, moved_bytes = pyodide_floor(context, base + FLOOR_FOLDER, profile)
                    again, _ = pyodide_floor(context, base + FLOOR_FOLDER, profile)
                    return {"first": first, "bytes": moved_bytes, "again": again}

                found = run(playwright, base, args.runs, visit)
                floors = run(playwright, base, args.runs, bare)
                first, floor_first = median([r["first"] for r in found]), median([r["first"] for r in floors])
                if profile is None:
                    before = median([r["bytes"] for r in found])
                    rows += [
                        ("bytes before the first score, first visit, compressed", mb(before), "<= 4.3 MB"),
                        ("... the bare Pyodide page, for comparison", mb(median([r["bytes"] for r in floors])), ""),
                        (
                            "all bytes of a first visit, the service worker's included",
                            mb(median([r["total"] for r in found])),
                            "<= 4.8 MB",
                        ),
                        (
                            "... addresses whose body came over the network twice",
                            f"{median([r['twice'] for r in found]):.0f}",
                            "0",
                        ),
                        ("first score, first visit, loopback", f"{first:.2f} s", ""),
                        ("... the bare Pyodide page, loopback", f"{floor_first:.2f} s", ""),
                        ("... the ratio to the bare Pyodide page", f"{first / floor_first:.2f}", "<= 1.15"),
                        (
                            "first score, return visit, loopback",
                            f"{median([r['again'] for r in found]):.2f} s",
                            "<= 1.0 s",
                        ),
                        (
                            "... the bare Pyodide page, return visit",
                            f"{median([r['again'] for r in floors]):.2f} s",
                            "",
                        ),
                        (
                            "... of the calculator's return visit, until Python is ready in the worker",
                            f"{median([r['again_ready'] for r in found]):.2f} s",
                            "",
                        ),
                        *(
                            (f"...... {words}", f"{median([r[stage] for r in found]):.2f} s", "")
                            for stage, words in STAGES.items()
                        ),
                        (
                            "first score, a later return visit (the third), loopback",
                            f"{median([r['later'] for r in found]):.2f} s",
                            "<= 1.0 s",
                        ),
                        (
                            "first score, return visit, network off",
                            f"{median([r['offline'] for r in found]):.2f} s",
                            "<= 1.0 s",
                        ),
                        (
                            "longest main-thread task while the calculator starts",
                            f"{median([r['longest'] for r in found]):.0f} ms",
                            "",
                        ),
                        (
                            "... the longest run of the theme's script in it (bundle.*.min.js)",
                            f"{median([r['theme_script'] for r in found]):.0f} ms",
                            "",
                        ),
                        (
                            "... the longest run of the site's own scripts (javascripts/*.js)",
                            f"{median([r['site_script'] for r in found]):.0f} ms",
                            "<= 50 ms",
                        ),
                    ]
                else:
                    mbit, rtt = profile
                    goal = {10: "<= 4.5 s", 4: "<= 10 s"}[mbit]
                    wire = before * 8 / (mbit * 1e6)
                    rows += [
                        (f"first score, first visit, {name}", f"{first:.2f} s", goal),
                        (f"... the bare Pyodide page, {name}", f"{floor_first:.2f} s", ""),
                        (f"... the ratio to the bare Pyodide page, {name}", f"{first / floor_first:.2f}", ""),
                        (f"... the bytes before the first score alone take, at {mbit} Mbit/s", f"{wire:.2f} s", ""),
                        (
                            f"first score, return visit, {name}",
                            f"{median([r['again'] for r in found]):.2f} s",
                            "<= 1.0 s",
                        ),
                    ]
            if "reading" in args.only:
                reading = run(playwright, base, args.runs, lambda context: {"bytes": reading_bytes(context, base)})
                rows.append(
                    (
                        "reading pages: bytes on first visit (home), no Pyodide",
                        f"{median([r['bytes'] for r in reading]) / 1e3:.0f} KB",
                        "",
                    )
                )
                long_reading = run(
                    playwright,
                    base,
                    args.runs,
                    lambda context: {"longest": reading_longest(context, base + LONG_READING)},
                )
                rows.append(
                    (
                        "longest main-thread task, Appendix 3 (a long reading page, no tool), for comparison",
                        f"{median([r['longest'] for r in long_reading]):.0f} ms",
                        "",
                    )
                )
            if "plain" in args.only:
                plain = run(playwright, base, args.runs, lambda context: {"seconds": plain_floor(context, base)})
                rows.append(
                    ("plain-JS floor (the same score, no Python)", f"{median([r['seconds'] for r in plain]):.2f} s", "")
                )
            if "pace" in args.only:
                paced = run(playwright, base, args.runs, lambda context: pace(context, base + PAGE))
                rows += [
                    (
                        "a person's pace: domain, level and likelihood chosen 3, 6 and 9 s after the page opens, "
                        "first visit, 10 Mbit/s, 60 ms: the score after the last choice",
                        f"{median([r['scored'] - r['chosen'] for r in paced]):.2f} s",
                        "<= 0.2 s",
                    ),
                    ("... the last choice, from navigation start", f"{median([r['chosen'] for r in paced]):.2f} s", ""),
                    (
                        "... Python ready in the worker, from navigation start",
                        f"{median([r['ready'] for r in paced]):.2f} s",
                        "",
                    ),
                ]
            if "phone" in args.only:
                for name, path in PHONE_PAGES.items():

                    def read_on_phone(context: BrowserContext, path: str = path) -> dict[str, float]:
                        return phone_paint(context, base + path)

                    read = run(playwright, base, args.runs, read_on_phone, PHONE)
                    rows += [
                        (
                            f"reading pages on a phone (390x844, {PHONE_CPU}x CPU, 10 Mbit/s, 60 ms), first visit: "
                            f"LCP, {name}",
                            f"{median([r['lcp'] for r in read]):.2f} s",
                            "<= 2.5 s",
                        ),
                        (
                            "... its longest main-thread task, and the theme's longest script run in one",
                            f"{median([r['longest'] for r in read]):.0f} ms, "
                            f"{median([r['theme'] for r in read]):.0f} ms",
                            "",
                        ),
                    ]
    print(f"Triage calculator, medians of {args.runs} runs, served by nginx with the build's _nginx.brotli.conf")
    print("| measure | median | goal |\n| --- | --- | --- |")
    for measure, value, goal in rows:
        print(f"| {measure} | {value} | {goal} |")


if __name__ == "__main__":
    main()
