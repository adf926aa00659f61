"""Shared fixtures: one strict build of the site per run, a local server, Chromium."""

from __future__ import annotations

import base64
import contextlib
import functools
import http.cookies
import http.server
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from lotus_tools.core import worker_api

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


@dataclass
class BuildResult:
    """The outcome of ``mkdocs build --strict``."""

    site: Path
    returncode: int
    log: str


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


PORT = _free_port()
"""The test server's port, known before the build: Material's instant navigation needs ``site_url`` to match."""


GENERATOR = "properdocs"
"""The site's generator: ProperDocs, MkDocs 1.x's maintained continuation (``test_build`` also builds with MkDocs)."""


def site_build(
    *arguments: str, timeout: float = 600, generator: str = GENERATOR, **env: str
) -> subprocess.CompletedProcess[str]:
    """A strict build in a child process, as an author runs it (``make build``)."""
    config = [] if "-f" in arguments else ["-f", "mkdocs.yml"]
    quiet = {"NO_MKDOCS_2_WARNING": "1"} if generator == "mkdocs" else {}  # see README, "The generator"
    return subprocess.run(
        [sys.executable, "-m", generator, "build", "--strict", *config, *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **quiet, **env},
    )


def _build(site: Path) -> BuildResult:
    process = site_build("--site-dir", str(site), LOTUS_SITE_URL=f"http://127.0.0.1:{PORT}/")
    return BuildResult(site, process.returncode, process.stdout + process.stderr)


MOUNTED = "[...document.querySelectorAll('[data-lotus-module]')].every((root) => root.dataset.lotusMounted)"
"""True once every component on the page has mounted (lib/loader.js marks each root)."""


def score_one(page: Page, domain: str, consequence: str, likelihood: str) -> None:
    """Score a risk in the calculator as a reader does: a domain, then a consequence and a likelihood."""
    page.get_by_label(domain, exact=True).check()
    page.get_by_label(consequence).check()
    page.get_by_label(likelihood).check()


@pytest.fixture(scope="session")
def build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The site, built once with ``--strict`` for the whole run."""
    return _build(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def site(build: BuildResult) -> Path:
    """The built site's folder; every test that needs it fails if the build did."""
    assert build.returncode == 0, build.log
    return build.site


STUB_WORKER = ROOT / "tests" / "stub_worker.js"
WORKER_PATH = "/javascripts/python-worker.js"
REAL_PYTHON = {"name": "lotus-worker", "value": "real"}
"""A cookie for a context whose pages must start real Pyodide: the test server then sends the real worker."""


def slow_start(download_ms: int = 0, start_ms: int = 0) -> dict[str, str]:
    """A cookie that makes the stub worker's start take this long: downloading, then CPython's own start."""
    return {"name": "lotus-stub", "value": f"{download_ms}:{start_ms}"}


class _Handler(http.server.SimpleHTTPRequestHandler):
    """The built site; its Python worker is the stub (tests/stub_worker.js) unless the context asks for real
    Pyodide (``REAL_PYTHON``), and the stub's calls are answered by lotus_tools.core on the CPU."""

    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
    }
    worker = "stub"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _cookie(self, name: str) -> str:
        jar = http.cookies.SimpleCookie(self.headers.get("Cookie", ""))
        return jar[name].value if name in jar else ""

    def send_head(self) -> object:  # the standard library's name
        path = self.path.split("?")[0]
        if path.endswith(WORKER_PATH) and (self._cookie("lotus-worker") or self.worker) == "stub":
            download_ms, _, start_ms = (self._cookie("lotus-stub") or "0:0").partition(":")
            body = STUB_WORKER.read_bytes().replace(
                b"downloadMs: 0, startMs: 0", f"downloadMs: {int(download_ms)}, startMs: {int(start_ms)}".encode()
            )
            self.send_response(200)
            self.send_header("Content-Type", "text/javascript")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()

    def do_POST(self) -> None:  # the standard library's name
        """The stub worker's call, answered by the core as the real worker would answer it."""
        if self.path != "/__lotus_core__":
            self.send_error(404)
            return
        asked = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        data = base64.b64decode(asked["file"]) if asked["file"] is not None else None
        body = worker_api.call(asked["fn"], asked["request"], data).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serve_folder(
    folder: Path, handler: type[http.server.SimpleHTTPRequestHandler] = _Handler, port: int = 0
) -> Iterator[str]:
    """``folder`` served on a loopback port (``0``: any free one) until the block ends; yields its address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The built site served on the port it was built for."""
    with serve_folder(site, port=PORT) as address:
        yield address


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is not installed: run 'make test', which installs it as root.")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class Visit:
    """A browser page with every request it made recorded."""

    page: Page
    requests: list[str]
    failures: list[str]
    errors: list[str]
    """Uncaught page errors and console errors (a fault test may expect some)."""

    def other_hosts(self, base_url: str) -> list[str]:
        """Requests to any host but the local server (data: and blob: are local)."""
        own = urlsplit(base_url).netloc
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(url).netloc != own
        ]


@contextlib.contextmanager
def recorded_visit(browser: Browser, cookies: Sequence[dict[str, str]] = (), **options: object) -> Iterator[Visit]:
    """A fresh browser context and page that records requests and failures; ``cookies`` go to every local server."""
    context = browser.new_context(**options)
    if cookies:
        context.add_cookies([{**cookie, "domain": "127.0.0.1", "path": "/"} for cookie in cookies])
    page = context.new_page()
    recorded = Visit(page, [], [], [])
    page.on("request", lambda request: recorded.requests.append(request.url))
    page.on("pageerror", lambda error: recorded.errors.append(f"page error: {error}"))
    page.on("console", lambda message: recorded.errors.append(message.text) if message.type == "error" else None)
    page.on("requestfailed", lambda request: recorded.failures.append(f"{request.url}: {request.failure}"))
    try:
        yield recorded
    finally:
        context.close()


@pytest.fixture
def visit(browser: Browser) -> Iterator[Visit]:
    """A fresh context whose pages' Python is the stub worker: page behaviour, answered by the core on the CPU."""
    with recorded_visit(browser) as recorded:
        yield recorded


@pytest.fixture
def real_visit(browser: Browser) -> Iterator[Visit]:
    """A fresh context whose pages start real Pyodide: for tests about Python's start or a real document."""
    with recorded_visit(browser, [REAL_PYTHON]) as recorded:
        yield recorded


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that drives Chromium (it uses the ``browser`` fixture), so ``-m "not browser"`` runs the rest."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
