"""Publishing for real: the public address, Debian's nginx with the configuration the build writes, and a
host that cannot send headers (the policy as a <meta> element)."""

from __future__ import annotations

import gzip
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import brotli
import pytest
from playwright.sync_api import expect

from lotus_tools.publish import compiled_stdlib, deploy, hosting, pyodide_runtime
from tests import nginx_server
from tests.conftest import Visit, score_one, serve_folder, site_build
from tests.test_hosting import CSP_WATCH, watch_policy


def build(site: Path, address: str, **env: str) -> subprocess.CompletedProcess[str]:
    return site_build("--site-dir", str(site), LOTUS_SITE_URL=address, **env)


WITH_BROTLI = {"/": True, "/toolkits/lotus/": False}
"""Where the site is served, and whether that nginx loads the brotli module (and includes _nginx.brotli.conf)."""


@pytest.fixture(scope="module", params=list(WITH_BROTLI), ids=["root, brotli module", "sub-path, no brotli module"])
def nginx(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site built for, and served by a real nginx at, the root or a sub-path, with the build's _nginx.conf
    (at the root, with the brotli module and _nginx.brotli.conf)."""
    if not Path(nginx_server.NGINX).exists():
        pytest.fail("Debian's nginx is not installed: run 'make test', which installs it as root.")
    base = request.param
    root = tmp_path_factory.mktemp("nginx") / "www"
    port = nginx_server.free_port()
    site = root / base.strip("/") if base != "/" else root
    built = build(site, f"http://127.0.0.1:{port}{base}")
    assert built.returncode == 0, built.stderr[-2000:]
    with nginx_server.serve(root, site, port, base, brotli=WITH_BROTLI[base]) as url:
        yield url


def headers(url: str, **extra: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=extra)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def test_nginx_sends_the_types_headers_and_compressed_files_the_build_wrote(nginx: str) -> None:
    status, sent, body = headers(nginx + f"{pyodide_runtime.SITE_PATH}/pyodide.asm.wasm", **{"Accept-Encoding": "gzip"})
    assert status == 200 and sent["content-type"] == "application/wasm"
    assert sent["content-encoding"] == "gzip" and gzip.decompress(body)[:4] == b"\0asm"
    assert "wasm-unsafe-eval" in sent["content-security-policy"] and sent["x-content-type-options"] == "nosniff"
    assert sent["cache-control"] == hosting.IMMUTABLE
    status, sent, _ = headers(nginx + "javascripts/components/calculator.js")
    assert status == 200 and sent["content-type"].startswith("text/javascript")
    assert "content-security-policy" in sent


@pytest.mark.parametrize(
    "path",
    [
        f"{pyodide_runtime.SITE_PATH}/pyodide.asm.wasm",
        f"{pyodide_runtime.SITE_PATH}/pyodide.asm.mjs",
        f"{pyodide_runtime.SITE_PATH}/{compiled_stdlib.COMPILED_NAME}",
    ],
)
def test_with_the_brotli_module_nginx_sends_the_big_files_brotli_compressed(nginx: str, path: str) -> None:
    status, sent, body = headers(nginx + path, **{"Accept-Encoding": "gzip, deflate, br"})
    assert status == 200 and "accept-encoding" in sent["vary"].lower()
    if WITH_BROTLI[urlsplit(nginx).path]:
        assert sent["content-encoding"] == "br"
        unpacked = brotli.decompress(body)
    else:  # _nginx.conf, without the module: gzip, as before
        assert sent["content-encoding"] == "gzip"
        unpacked = gzip.decompress(body)
    _, _, plain = headers(nginx + path)
    assert unpacked == plain and len(body) < 0.8 * len(plain)


def test_the_404_page_is_styled_where_the_site_is_served(nginx: str) -> None:
    status, sent, body = headers(nginx + "no/such/page/")
    assert status == 404 and sent["content-type"].startswith("text/html")
    text = body.decode()
    stylesheet = text.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
    assert headers(urllib.request.urljoin(nginx + "no/such/page/", stylesheet))[0] == 200, stylesheet


def test_every_page_search_and_the_calculator_work_through_nginx(nginx: str, visit: Visit) -> None:
    page = visit.page
    refused = watch_policy(page)
    status, _, sitemap = headers(nginx + "sitemap.xml")
    assert status == 200
    pages = [loc.split("</loc>")[0] for loc in sitemap.decode().split("<loc>")[1:]]
    assert len(pages) > 40 and all(p.startswith(nginx) for p in pages)
    for address in pages:
        response = page.goto(address)
        assert response is not None and response.status == 200, address
    page.goto(nginx)
    page.locator(".md-search__input").click()
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching", timeout=30_000)
    page.keyboard.type("burnout")
    page.locator(".md-search-result").get_by_role("link").first.wait_for(timeout=30_000)
    page.goto(nginx + "tools/triage-calculator/")
    page.get_by_text("The calculator is ready.").wait_for(timeout=60_000)
    score_one(page, "Financial", "3 – Moderate", "4 – Likely")
    page.get_by_text("Risk score 3 x 4 = 12: high risk (Amber)").wait_for()
    with page.expect_download():
        page.get_by_role("button", name="Download triage record (.docx)").click()
    assert page.evaluate("window.__violations") == [] and refused == []
    assert visit.other_hosts(nginx) == []


def test_a_site_built_to_publish_names_only_its_public_address(tmp_path: Path) -> None:
    built = build(tmp_path / "site", "https://intranet.example.nhs.uk/toolkits/lotus/", LOTUS_DEPLOY="1")
    assert built.returncode == 0, built.stderr[-2000:]
    naming = [
        str(path.relative_to(tmp_path / "site"))
        for path in (tmp_path / "site").rglob("*")
        if path.is_file()
        and path.suffix in (".html", ".xml", ".json", ".js", ".conf", ".txt", "")
        and any(word in path.read_text(encoding="utf-8", errors="ignore") for word in ("127.0.0.1", "localhost"))
    ]
    assert naming == []
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://intranet.example.nhs.uk/toolkits/lotus/tools/triage-calculator/</loc>" in sitemap
    assert "location /toolkits/lotus/ {" in (tmp_path / "site" / "_nginx.conf").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("address", "words"),
    [
        ("", "needs its public address"),
        ("http://127.0.0.1:8000/", "this computer's own address"),
        ("http://localhost/", "this computer's own address"),
    ],
)
def test_a_build_to_publish_refuses_no_address_or_a_loopback_one(tmp_path: Path, address: str, words: str) -> None:
    built = build(tmp_path / "site", address, LOTUS_DEPLOY="1")
    assert built.returncode != 0 and words in built.stdout + built.stderr
    assert "Traceback" not in built.stdout + built.stderr


# --- The configuration on a shared server: a small stand-in site, no build -------------------------------------

SHARED_BASE = "/toolkits/lotus/"


def _extensions() -> list[tuple[str, str]]:
    return [(extension, media) for media, extensions in deploy.TYPES for extension in extensions.split()]


def _stand_in(folder: Path) -> tuple[Path, Path, str]:
    """A stand-in site in ``folder`` (a file of every type the configuration declares, its 404 page, its hosting
    files and the configuration the build writes) at /toolkits/lotus/ under the server's root, and another
    site's PNG and PDF from the server's root (/elsewhere/) and from their own location and root (/other/):
    the server's root, the site, and the other site's location."""
    root, other = folder / "www", folder / "other-site"
    site = root / SHARED_BASE.strip("/")
    for place in (site, other / "other", root / "elsewhere"):
        place.mkdir(parents=True)
    for extension, _ in _extensions():
        (site / f"file.{extension}").write_bytes(b"0")
    (site / "index.html").write_text("<p>The toolkit</p>", encoding="utf-8")
    (site / "404.html").write_text("<p>The toolkit has no such page.</p>", encoding="utf-8")
    (site / "_headers").write_text("/*\n", encoding="utf-8")
    deploy.write_nginx_conf(site, f"https://intranet.example.nhs.uk{SHARED_BASE}")
    for place in (other / "other", root / "elsewhere"):
        (place / "logo.png").write_bytes(b"\x89PNG")
        (place / "report.pdf").write_bytes(b"%PDF-1.7")
    return root, site, f"location /other/ {{ root {other}; }}"


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """nginx serving the stand-in site and, on the same server, another site's files; its address."""
    if not Path(nginx_server.NGINX).exists():
        pytest.fail("Debian's nginx is not installed: run 'make test', which installs it as root.")
    root, site, other = _stand_in(tmp_path_factory.mktemp("shared"))
    with nginx_server.serve(root, site, nginx_server.free_port(), SHARED_BASE, other) as url:
        yield url.removesuffix(SHARED_BASE)


@pytest.mark.parametrize("brotli_module", [False, True], ids=["_nginx.conf", "_nginx.brotli.conf, module loaded"])
def test_nginx_accepts_the_configuration_in_a_server_that_serves_another_site_too(
    tmp_path: Path, brotli_module: bool
) -> None:
    root, site, other = _stand_in(tmp_path)
    checked = nginx_server.check(nginx_server.write_config(root, site, nginx_server.free_port(), other, brotli_module))
    assert checked.returncode == 0, checked.stderr


@pytest.mark.parametrize("place", ["/other/", "/elsewhere/"], ids=["its own location and root", "the server's root"])
def test_another_sites_files_on_the_same_server_keep_their_types_headers_and_404(shared: str, place: str) -> None:
    host = shared
    for name, media in (("logo.png", "image/png"), ("report.pdf", "application/pdf")):
        status, sent, _ = headers(f"{host}{place}{name}")
        assert (status, sent["content-type"]) == (200, media), name
        assert "content-security-policy" not in sent and "content-encoding" not in sent
    status, _, body = headers(f"{host}{place}no-such-page")
    assert status == 404 and b"The toolkit" not in body


@pytest.mark.parametrize(("extension", "media"), _extensions())
def test_every_type_the_site_serves_goes_out_as_declared(shared: str, extension: str, media: str) -> None:
    host = shared
    status, sent, _ = headers(f"{host}{SHARED_BASE}file.{extension}")
    assert status == 200 and sent["content-type"].split(";")[0] == media
    assert sent["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("name", deploy.UNSERVED)
def test_the_hosting_files_are_not_served(shared: str, name: str) -> None:
    host = shared
    status, sent, body = headers(f"{host}{SHARED_BASE}{name}")
    assert status == 404 and b"The toolkit has no such page." in body
    assert "content-security-policy" in sent


def test_the_configuration_declares_a_type_for_every_file_the_build_writes(site: Path) -> None:
    declared = {extension for extension, _ in _extensions()}
    served = {
        path.suffix.lstrip(".")
        for path in site.rglob("*")
        if path.is_file() and path.suffix not in deploy.COPIES and path.name not in deploy.UNSERVED
    }
    assert served - declared == set()


@pytest.fixture(scope="module")
def meta_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A build with the policy in each page's <meta>, served by a plain static server that sends no headers."""
    port = nginx_server.free_port()
    site = tmp_path_factory.mktemp("meta") / "site"
    built = build(site, f"http://127.0.0.1:{port}/", LOTUS_META_CSP="1")
    assert built.returncode == 0, built.stderr[-2000:]
    with serve_folder(site, port=port) as address:
        yield address + "/"


def test_where_a_host_cannot_send_headers_the_meta_policy_holds(meta_site: str, visit: Visit) -> None:
    page = visit.page
    page.add_init_script(CSP_WATCH)
    page.goto(meta_site + "tools/triage-calculator/")
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert policy and "wasm-unsafe-eval" in policy and "frame-ancestors" not in policy
    page.get_by_text("The calculator is ready.").wait_for(timeout=60_000)
    score_one(page, "Financial", "3 – Moderate", "4 – Likely")
    page.get_by_text("Risk score 3 x 4 = 12").wait_for()
    assert page.evaluate("window.__violations") == []
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1'; document.body.append(s); }"
    )
    page.wait_for_function(
        "window.__violations.length > 0"
    )  # the policy is enforced: an unlisted inline script is refused
    assert page.evaluate("window.__ran") is None
