"""The built site: strict build, self-hosted Pyodide, no other host referenced."""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path

from lotus_tools.publish import pyodide_runtime
from tests.conftest import BuildResult, site_build

_ATTR_URL = re.compile(
    r"""<(?P<tag>[a-z]+)\b[^>]*?\s(?P<attr>src|href|srcset|action|poster|data)=["'](?P<url>(?:https?:)?//[^"']+)""",
    re.I,
)
_CSS_URL = re.compile(r"""(?:@import\s+|url\()\s*["']?(?P<url>(?:https?:)?//[^"')\s]+)""", re.I)


def test_site_builds_strictly(build: BuildResult) -> None:
    assert build.returncode == 0, build.log
    assert "ProperDocs" in (build.site / "index.html").read_text(encoding="utf-8")


def test_the_site_still_builds_with_mkdocs_1_6_as_many_nhs_teams_have_it(tmp_path: Path) -> None:
    built = site_build("--site-dir", str(tmp_path / "site"), generator="mkdocs")
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    calculator = (tmp_path / "site" / "tools" / "triage-calculator" / "index.html").read_text(encoding="utf-8")
    assert 'data-lotus-module="calculator"' in calculator and "lotus-page-contract" in calculator
    assert (tmp_path / "site" / "downloads" / "lotus-toolkit.pdf").is_file()


def test_html_loads_nothing_from_another_host(site: Path) -> None:
    offending = []
    for page in site.rglob("*.html"):
        for match in _ATTR_URL.finditer(page.read_text(encoding="utf-8")):
            if match["tag"].lower() == "a" and match["attr"].lower() == "href":
                continue  # an ordinary outbound link loads nothing
            if match["tag"].lower() == "link" and 'rel="canonical"' in match[0]:
                continue  # the page's own address, as metadata: loads nothing
            offending.append(f"{page.relative_to(site)}: <{match['tag']} {match['attr']}={match['url']}>")
    assert offending == []


def test_css_loads_nothing_from_another_host(site: Path) -> None:
    offending = [
        f"{sheet.relative_to(site)}: {match['url']}"
        for sheet in site.rglob("*.css")
        for match in _CSS_URL.finditer(sheet.read_text(encoding="utf-8"))
    ]
    assert offending == []


def test_pyodide_is_self_hosted(site: Path) -> None:
    pyodide = site / pyodide_runtime.SITE_PATH
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.pyc.zip", "pyodide-lock.json"):
        assert (pyodide / name).stat().st_size > 0, name


def test_wasm_is_served_as_wasm(base_url: str) -> None:
    with urllib.request.urlopen(f"{base_url}/{pyodide_runtime.SITE_PATH}/pyodide.asm.wasm") as response:
        assert response.headers["Content-Type"] == "application/wasm"
        assert response.read(4) == b"\0asm"


def test_home_page_requests_only_this_site(base_url: str, visit) -> None:
    response = visit.page.goto(f"{base_url}/", wait_until="networkidle")
    assert response is not None and response.ok
    assert visit.page.get_by_role("heading", level=1).inner_text().startswith("The L.O.T.U.S.")
    assert visit.other_hosts(base_url) == []
    assert visit.failures == []
