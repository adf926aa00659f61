"""A server for the built site that misbehaves on purpose, as real hosts and networks do.

Each fault applies to paths ending in a given suffix: the wrong type, a body
cut short, a captive portal's HTML page, a 404, or no answer at all. Served on
its own port, so the site's address does not match it and Material's instant
navigation is off there: the same tests then walk the site as a plain one.
A ``stalled`` file sends its headers and a third of its body, then nothing
more, with the connection held open: a network that went quiet mid-file.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import _Handler

FAULTS = ("wrong-type", "truncated", "stalled", "html", "missing", "silent")


class FaultHandler(_Handler):
    faults: dict[str, str] = {}
    worker = "real"  # its faults are in Python's own files
    released = threading.Event()

    def do_GET(self) -> None:  # the standard library's name
        path = self.path.split("?")[0]
        kind = next((kind for suffix, kind in self.faults.items() if path.endswith(suffix)), None)
        if kind is None:
            super().do_GET()
            return
        if kind == "silent":
            self.released.wait(60)
            return
        if kind == "missing":
            self.send_error(404)
            return
        if kind == "html":
            body = b"<!doctype html><html><body>Sign in to the hospital Wi-Fi</body></html>"
            content_type = "text/html"
        else:
            body = Path(self.translate_path(path)).read_bytes()
            content_type = "application/octet-stream" if kind == "wrong-type" else self.guess_type(path)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[: len(body) // 3] if kind in ("truncated", "stalled") else body)
        if kind == "stalled":
            self.wfile.flush()
            self.released.wait(60)


@contextmanager
def serve(site: Path, faults: dict[str, str] | None = None, worker: str = "real") -> Iterator[str]:
    """The site on a free loopback port with ``faults`` (path suffix -> one of FAULTS; change it to fix the host);
    its Python worker is real Pyodide, or the stub (``worker="stub"``) where Python's start is not the point."""
    handler = type(
        "Handler",
        (FaultHandler,),
        {"faults": {} if faults is None else faults, "released": threading.Event(), "worker": worker},
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        handler.released.set()
        server.shutdown()
        server.server_close()
