"""A build meant for publishing: its public address, files compressed at build, a ready nginx configuration.

Every build writes ``.gz`` and ``.br`` (brotli) beside every text file and
the WebAssembly (a host serves them as they are: no compressing per request),
and ``_nginx.conf`` from the same header data as ``_headers``, with
``_nginx.brotli.conf`` beside it for an nginx that has the brotli module.
``make site SITE_URL=https://host/path/`` sets ``LOTUS_DEPLOY=1``: the build
then refuses a missing or loopback address (canonical links, ``sitemap.xml``
and Material's instant navigation all depend on it). ``LOTUS_META_CSP=1`` also writes the policy into
each page as a ``<meta>`` element, for hosts that cannot send headers.
"""

from __future__ import annotations

import gzip
import hashlib
import os
from pathlib import Path
from urllib.parse import urlsplit

import brotli  # type: ignore[import-untyped]  # PyPI's brotli ships no type information
from mkdocs.exceptions import PluginError

from lotus_tools.core import worker_api
from lotus_tools.publish import hosting
from lotus_tools.publish.compiled_stdlib import CACHE

LOOPBACK = ("localhost", "127.", "[::1]", "::1", "0.0.0.0")
COMPRESSED = (".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".wasm", ".zip", ".map")
COPIES = (".gz", ".br")
"""The compressed copies written beside a file; a host sends them for the file's own address."""
LARGE = 1_000_000
"""From this size, brotli's slowest, smallest setting, kept in ``.cache/brotli/`` by content: Pyodide's
WebAssembly (2.74 MB against 3.10 MB at quality 9, but 27 s to write), ``pyodide.asm.mjs`` and the standard
library, which every calculator visit moves and which change only with Pyodide or the core. Smaller files
change with every build's address and gain little from it (3.92 MB at quality 6 against 3.77 MB at 11, in
0.4 s against 20 s)."""
NGINX_FILE = "_nginx.conf"
NGINX_BROTLI_FILE = "_nginx.brotli.conf"
"""The same configuration with ``brotli_static on``, for an nginx that loads the brotli module (an unknown
directive would stop any other nginx from starting, so ``_nginx.conf`` never has it)."""
UNSERVED = (hosting.HEADERS_FILE, NGINX_FILE, NGINX_BROTLI_FILE, hosting.PLAN_FILE)
"""The files for the host and the publishing step, which readers are never sent (nor their compressed copies)."""
TYPES: tuple[tuple[str, str], ...] = (
    ("text/html", "html"),
    ("text/css", "css"),
    ("text/javascript", "js mjs"),
    ("application/json", "json map"),
    ("application/wasm", "wasm"),
    ("application/zip", "zip"),
    ("image/svg+xml", "svg"),
    ("application/xml", "xml"),
    ("text/plain", "txt"),
    ("text/csv", "csv"),
    ("application/pdf", "pdf"),
    ("image/png", "png"),
    ("image/x-icon", "ico"),
    (worker_api.TYPES["docx"], "docx"),
    (worker_api.TYPES["odt"], "odt"),
)


def deploying() -> bool:
    """Whether this build is meant for publishing (``make site``)."""
    return os.environ.get("LOTUS_DEPLOY") == "1"


def meta_csp() -> bool:
    """``LOTUS_META_CSP=1``: a build for hosts that cannot send headers, with the policy in each page's head."""
    return os.environ.get("LOTUS_META_CSP") == "1"


def check_address(site_url: str | None) -> None:
    """Refuse to build a deployable site for no address or a loopback one, in one sentence."""
    parts = urlsplit(site_url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PluginError(
            "A site to publish needs its public address: make site SITE_URL=https://your.host/path/ "
            f"(it was '{(site_url or '')[:60]}')."
        )
    if parts.hostname.startswith(LOOPBACK) or parts.hostname == "localhost":
        raise PluginError(
            f"{(site_url or '')[:60]} is this computer's own address, not a public one: "
            "make site SITE_URL=https://your.host/path/ (make serve is for trying the site here)."
        )


def _brotli(content: bytes) -> bytes:
    """``content`` brotli-compressed: a large file at quality 11, once per content (see :data:`LARGE`)."""
    if len(content) < LARGE:
        return bytes(brotli.compress(content, quality=6))
    cached = CACHE / "brotli" / f"{hashlib.sha256(content).hexdigest()[:32]}.br"
    if not cached.is_file():
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.partial")
        partial.write_bytes(brotli.compress(content, quality=11))
        partial.replace(cached)
    return cached.read_bytes()


def compress(site_dir: str | Path) -> list[Path]:
    """Write a reproducible ``.gz`` and ``.br`` beside every compressible file, for hosts that serve them as
    they are; not where gzip saves less than a tenth (an already compressed download)."""
    written = []
    for path in sorted(Path(site_dir).rglob("*")):
        if path.is_file() and path.suffix in COMPRESSED and path.name not in UNSERVED:
            content = path.read_bytes()
            packed = gzip.compress(content, compresslevel=6, mtime=0)
            if len(packed) > 0.9 * len(content):
                continue
            for suffix, copy in ((".gz", packed), (".br", _brotli(content))):
                target = path.with_name(path.name + suffix)
                target.write_bytes(copy)
                written.append(target)
    return written


def meta_policy(site_dir: str | Path) -> None:
    """Put the Content-Security-Policy in every page's head, for hosts that cannot send it as a header."""
    policy = hosting.content_security_policy(hosting.inline_script_hashes(site_dir), meta=True)
    element = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    for page in Path(site_dir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if '<meta http-equiv="Content-Security-Policy"' not in text:  # published already: the same policy
            page.write_text(text.replace("<head>", f"<head>\n    {element}", 1), encoding="utf-8")


def nginx_conf(base_path: str, policy: str, brotli_static: bool = False) -> str:
    """An nginx configuration to include in a ``server`` whose root serves the site at ``base_path``.

    Everything is inside the site's ``location``, so the server's other sites keep their own types, headers and
    404 pages. A ``types`` block there replaces the server's types for the site alone, so it lists every type
    the site serves (:data:`TYPES`); the hosting files themselves are not served. ``brotli_static``: the
    ``.br`` copies too, for an nginx with the brotli module loaded (:data:`NGINX_BROTLI_FILE`).
    """
    headers = [("Content-Security-Policy", policy), *hosting.HEADERS]
    common = [f'add_header {name} "{value}" always;' for name, value in headers]
    lines = [
        "# The L.O.T.U.S. Toolkit site: include inside a server block whose root holds the site",
        f"# at {base_path}; it sets nothing outside location {base_path}. Written by the build from the same",
        "# data as _headers.",
        *(
            [
                f"# For an nginx that loads the brotli module (Debian: libnginx-mod-http-brotli-static); else {NGINX_FILE}."
            ]
            if brotli_static
            else [f"# With nginx's brotli module loaded, include {NGINX_BROTLI_FILE} instead: it sends the .br copies."]
        ),
        f"location {base_path} {{",
        "    types {",
        *(f"        {media} {extensions};" for media, extensions in TYPES),
        "    }",
        *(["    brotli_static on;"] if brotli_static else []),
        "    gzip_static on;",
        "    gzip_vary on;",
        "    charset utf-8;",
        f"    error_page 404 {base_path}404.html;",
        *(f"    {line}" for line in common),
        f'    add_header Cache-Control "{hosting.REVALIDATE}" always;',
        *(f"    location = {base_path}{name} {{ return 404; }}" for name in UNSERVED),
    ]
    for pattern, cache in hosting.CACHING:
        lines += [
            f"    location ^~ {base_path}{pattern.strip('/*')}/ {{",
            *(f"        {line}" for line in common),
            f'        add_header Cache-Control "{cache}" always;',
            "    }",
        ]
    return "\n".join([*lines, "}"]) + "\n"


def write_nginx_conf(site_dir: str | Path, site_url: str, frame_ancestors: tuple[str, ...] = ()) -> Path:
    """Write ``_nginx.conf`` for the site as built, and ``_nginx.brotli.conf`` beside it."""
    base_path = urlsplit(site_url).path or "/"
    base_path = base_path if base_path.endswith("/") else base_path + "/"
    policy = hosting.content_security_policy(hosting.inline_script_hashes(site_dir), frame_ancestors=frame_ancestors)
    target = Path(site_dir) / NGINX_FILE
    target.write_text(nginx_conf(base_path, policy), encoding="utf-8")
    (Path(site_dir) / NGINX_BROTLI_FILE).write_text(nginx_conf(base_path, policy, brotli_static=True), encoding="utf-8")
    return target
