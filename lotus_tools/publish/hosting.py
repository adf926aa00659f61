"""Response headers for hosting the built site, written once and shipped with it.

The build writes them to ``site/_headers`` (the format of Netlify and
Cloudflare Pages; the README shows the same for nginx). The Content-Security-
Policy allows nothing from another host, and no site to frame it unless
``extra.embed_origins`` lists some. The theme's few inline scripts are
allowed by their hashes, which the build computes from the pages it wrote.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
_DATA_TYPE = re.compile(r"""\btype=["']?application/(?:ld\+)?json""")

POLICY: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),  # + the theme's inline scripts, by hash
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    ("frame-ancestors", "'none'"),
)
"""The policy; ``'wasm-unsafe-eval'`` lets Pyodide compile its WebAssembly, nothing more."""
EMBED_HELP = (
    "List the sites that may show the toolkit in a frame, like embed_origins: [https://learning.example.nhs.uk]."
)

HEADERS: tuple[tuple[str, str], ...] = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
)

HEADERS_FILE = "_headers"
PLAN_FILE = "_publish.json"
"""The publishing plan the build leaves beside the pages (``publishing.Plan``): for the publishing step, not readers."""
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
CACHING: tuple[tuple[str, str], ...] = (
    ("/vendor/*", IMMUTABLE),
    ("/assets/*", "public, max-age=604800"),
    ("/javascripts/*", REVALIDATE),
    ("/stylesheets/*", REVALIDATE),
)
"""One release at a time. Pyodide sits in a folder named for its version (``pyodide_runtime.SITE_PATH``), so it
never changes under its address; the theme's files are fingerprinted, and the core zip and blanks are fetched
with the release in their address (``?v=``). The site's own scripts and styles are not, so they are checked
with the host on every use (a short "not modified"), as are the pages, ``offline.json`` and ``sw.js``
(:data:`REVALIDATE` is the default of the nginx configuration; static hosts revalidate pages by themselves)."""
EXACT_REVALIDATE = ("/offline.json", "/sw.js")


def inline_script_hashes(site_dir: str | Path) -> list[str]:
    """The CSP hash sources of every inline script the built pages run."""
    found = set()
    for page in Path(site_dir).rglob("*.html"):
        for match in _INLINE_SCRIPT.finditer(page.read_text(encoding="utf-8")):
            if "src=" in match["attrs"] or _DATA_TYPE.search(match["attrs"]) or not match["body"].strip():
                continue
            digest = hashlib.sha256(match["body"].encode("utf-8")).digest()
            found.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(found)


def embed_origins(extra: Mapping[str, Any]) -> tuple[str, ...]:
    """``extra.embed_origins``: the sites (scheme and host, e.g. ``https://learning.example.nhs.uk``) that may
    show the toolkit in a frame; none by default."""
    origins = extra.get("embed_origins") or []
    if not isinstance(origins, list):
        raise PluginError(f"mkdocs.yml, extra.embed_origins: {EMBED_HELP}")
    for origin in origins:
        parts = urlsplit(origin) if isinstance(origin, str) else None
        if parts is None or parts.scheme not in ("https", "http") or not parts.hostname or parts.path not in ("", "/"):
            raise PluginError(f"mkdocs.yml, extra.embed_origins: '{str(origin)[:60]}' is not an origin. {EMBED_HELP}")
    return tuple(origin.rstrip("/") for origin in origins)


def embed_platforms(origins: tuple[str, ...], meta: bool = False) -> str:
    """Where a trainer reads first: which learning platforms this build lets show the toolkit in a frame (on a host
    that cannot send headers, ``meta``, none can be refused)."""
    if meta:
        listed = "any platform: this site is served by a host that cannot send headers, so it cannot refuse a frame"
    elif not origins:
        listed = "none yet, so a frame on any platform stays empty until the site's publisher adds yours"
    else:
        listed = ", ".join(f"<code>{html.escape(origin)}</code>" for origin in origins)
    return (
        '<div class="admonition warning lotus-site-words"><p class="admonition-title">Embedding works only on the '
        "platforms this site lists</p><p>Browsers show this site in a frame only on the learning platforms its "
        f"publisher lists. On this site: {listed}.</p></div>"
    )


def content_security_policy(hashes: list[str], meta: bool = False, frame_ancestors: tuple[str, ...] = ()) -> str:
    """The policy as one header value, with the inline scripts' hashes (``meta``: without what a ``<meta>`` ignores)
    and the origins that may frame the site (none unless ``extra.embed_origins`` lists some)."""
    values = dict(POLICY)
    if frame_ancestors:
        values["frame-ancestors"] = " ".join(frame_ancestors)
    directives = [
        f"{name} {value} {' '.join(hashes)}" if name == "script-src" and hashes else f"{name} {value}"
        for name, value in values.items()
        if not (meta and name == "frame-ancestors")
    ]
    return "; ".join(directives)


def headers_file(site_dir: str | Path, frame_ancestors: tuple[str, ...] = ()) -> str:
    """The ``_headers`` text for the site as built."""
    policy = content_security_policy(inline_script_hashes(site_dir), frame_ancestors=frame_ancestors)
    lines = ["/*", f"  Content-Security-Policy: {policy}"]
    lines += [f"  {name}: {value}" for name, value in HEADERS]
    for path, cache in [*CACHING, *((exact, REVALIDATE) for exact in EXACT_REVALIDATE)]:
        lines += [path, f"  Cache-Control: {cache}"]
    return "\n".join(lines) + "\n"


def write_headers(site_dir: str | Path, frame_ancestors: tuple[str, ...] = ()) -> Path:
    """Write ``_headers`` into the built site."""
    target = Path(site_dir) / HEADERS_FILE
    target.write_text(headers_file(site_dir, frame_ancestors), encoding="utf-8")
    return target


Rules = list[tuple[str, list[tuple[str, str]]]]


def parse_headers(text: str) -> Rules:
    """A ``_headers`` file as (path pattern, headers) rules, in order."""
    rules: Rules = []
    for line in text.splitlines():
        if line and not line.startswith(" "):
            rules.append((line.strip(), []))
        elif line.strip():
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def headers_for(rules: Rules, path: str) -> list[tuple[str, str]]:
    """The headers that ``rules`` give a request for ``path`` (``*`` at the end matches any rest)."""
    return [
        header
        for pattern, headers in rules
        if (path.startswith(pattern[:-1]) if pattern.endswith("*") else path == pattern)
        for header in headers
    ]
