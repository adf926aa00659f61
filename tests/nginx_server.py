"""Debian's nginx serving a built site with the configuration the build wrote (``_nginx.conf``), on loopback.

Used by the publishing tests and by ``make bench``, so that both see the site
exactly as the generated configuration serves it: types, headers, gzip_static (and brotli_static with
Debian's brotli module), on a server set up as Debian's nginx is (its own ``mime.types`` for the whole server).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lotus_tools.publish import deploy

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


MIME_TYPES = "/etc/nginx/mime.types"
"""nginx's own list of types, which Debian's nginx.conf includes for every server."""
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
"""Debian's ``libnginx-mod-http-brotli-static`` (``make nginx`` installs it)."""


def write_config(root: Path, site: Path, port: int, beside: str = "", brotli: bool = False) -> Path:
    """An nginx.conf (and its working folders) as Debian sets nginx up: its own ``mime.types`` for the whole
    server, whose ``root`` is ``root``, with the site's ``_nginx.conf`` included and ``beside`` (another
    site's locations, say) in the same server block. ``brotli``: the brotli module loaded and the site's
    ``_nginx.brotli.conf`` included instead."""
    if brotli and not BROTLI_MODULE.is_file():
        raise RuntimeError(
            "Debian's nginx brotli module is not installed: run 'make nginx', which installs it as root."
        )
    work = root.parent / f"nginx-{port}"
    for folder in ("client", "proxy", "fastcgi", "uwsgi", "scgi"):
        (work / folder).mkdir(parents=True, exist_ok=True)
    user = "user root;\n" if os.geteuid() == 0 else ""
    config = work / "nginx.conf"
    config.write_text(
        (f"load_module {BROTLI_MODULE};\n" if brotli else "")
        + f"{user}daemon off;\nworker_processes 1;\npid {work}/nginx.pid;\nerror_log {work}/error.log;\n"
        "events { worker_connections 256; }\n"
        f"http {{\n include {MIME_TYPES};\n default_type application/octet-stream;\n access_log off;\n"
        f" client_body_temp_path {work}/client; proxy_temp_path {work}/proxy; fastcgi_temp_path {work}/fastcgi;\n"
        f" uwsgi_temp_path {work}/uwsgi; scgi_temp_path {work}/scgi;\n"
        f" server {{\n  listen 127.0.0.1:{port};\n  root {root};\n  include {site / (deploy.NGINX_BROTLI_FILE if brotli else deploy.NGINX_FILE)};\n  {beside}\n }}\n}}\n",
        encoding="utf-8",
    )
    return config


def check(config: Path) -> subprocess.CompletedProcess[str]:
    """``nginx -t`` on ``config``: whether nginx accepts it, and what it says."""
    return subprocess.run([NGINX, "-t", "-p", str(config.parent), "-c", str(config)], capture_output=True, text=True)


@contextmanager
def serve(root: Path, site: Path, port: int, base: str = "/", beside: str = "", brotli: bool = False) -> Iterator[str]:
    """nginx on ``port`` with document root ``root``, the site (at ``base`` under it) configured by its own file
    (see :func:`write_config`)."""
    if not Path(NGINX).exists():
        raise RuntimeError("Debian's nginx is not installed: run 'make test', which installs it as root.")
    config = write_config(root, site, port, beside, brotli)
    work = config.parent
    process = subprocess.Popen([NGINX, "-p", str(work), "-c", str(config)], stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}{base}"
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(url, timeout=1):
                    break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError(
                        f"nginx did not start: {process.stderr.read().decode() if process.stderr else ''}"
                    ) from None
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stderr:
            process.stderr.close()
