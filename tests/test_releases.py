"""A new release deployed over an old one: a returning reader gets all of one release, never a mix, online and
offline, and the calculator works."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import Browser, Page

from tests import nginx_server
from tests.conftest import REAL_PYTHON, ROOT, recorded_visit, score_one

READY = "The calculator is ready."
PAGE = "/tools/triage-calculator/"
MARK = "RELEASE_MARK = "


def _release_b(tmp_path: Path) -> Path:
    """A copy of the project with a changed core and page script: what the next release would deploy."""
    copy = tmp_path / "project"
    for name in ("docs", "lotus_tools", "overrides", "mkdocs.yml", "package.json", "pyproject.toml"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, copy / name)
    (copy / "node_modules").symlink_to(ROOT / "node_modules")
    (ROOT / ".cache").mkdir(exist_ok=True)
    (copy / ".cache").symlink_to(ROOT / ".cache", target_is_directory=True)  # Pyodide's compiled library, the PDF
    scales = copy / "lotus_tools" / "core" / "scales.py"
    scales.write_text(scales.read_text(encoding="utf-8") + f'\n{MARK}"B"\n', encoding="utf-8")
    lotus = copy / "docs" / "javascripts" / "lotus.js"
    lotus.write_text(lotus.read_text(encoding="utf-8") + '\ndocument.documentElement.dataset.release = "B";\n')
    return copy


def _build(project: Path, site: Path, address: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "-f", "mkdocs.yml", "--strict", "--site-dir", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "LOTUS_SITE_URL": address},
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]


def _release(page: Page) -> dict[str, str]:
    """Which release the page, its contract and its service worker's copy are of."""
    return page.evaluate(
        """async () => {
            const contract = JSON.parse(document.getElementById("lotus-page-contract").dataset.contract);
            const names = (await caches.keys()).filter((name) => name.startsWith("lotus-"));
            return {
                script: document.documentElement.dataset.release || "A",
                core: new URL(contract.python.core, location.href).searchParams.get("v"),
                worker: new URL(contract.offline.worker, location.href).searchParams.get("v"),
                caches: names.join(" "),
            };
        }"""
    )


def _kept(page: Page, release: str) -> None:
    """Wait until this release's copy is the only one, held for a second (the old one goes as the new activates)."""
    page.evaluate(
        """async (release) => {
            let held = 0;
            for (let tries = 0; tries < 480 && held < 4; tries += 1) {
                const names = (await caches.keys()).filter((name) => name.startsWith("lotus-"));
                const registration = await navigator.serviceWorker.getRegistration();
                const only = names.length === 1 && names[0] === `lotus-${release}`;
                held = only && registration?.active?.scriptURL.includes(release) ? held + 1 : 0;
                await new Promise((resolve) => setTimeout(resolve, 250));
            }
            if (held < 4) throw new Error(`the offline copy of ${release} was not the only one within two minutes`);
        }""",
        release,
    )


def _score(page: Page) -> None:
    page.get_by_text(READY).wait_for(timeout=90_000)
    score_one(page, "Financial", "3 – Moderate", "4 – Likely")
    page.get_by_text("Risk score 3 x 4 = 12: high risk (Amber)").wait_for()


def test_a_returning_reader_gets_one_release_online_and_offline(site: Path, browser: Browser, tmp_path: Path) -> None:
    served = tmp_path / "served"
    shutil.copytree(site, served)
    a = json.loads((served / "offline.json").read_text(encoding="utf-8"))["version"]
    port = nginx_server.free_port()
    with nginx_server.serve(served, served, port) as url, recorded_visit(browser, [REAL_PYTHON]) as visit:
        address = url.rstrip("/")  # Debian's nginx with the configuration the first release wrote, as a host has it
        page = visit.page
        page.goto(address + PAGE)
        _score(page)
        _kept(page, a)
        assert _release(page) == {"script": "A", "core": a, "worker": a, "caches": f"lotus-{a}"}

        _build(_release_b(tmp_path), served, address + "/")  # deployed over the first, as a host's copy is
        b = json.loads((served / "offline.json").read_text(encoding="utf-8"))["version"]
        assert b != a
        page.reload()
        _score(page)
        _kept(page, b)
        assert _release(page) == {"script": "B", "core": b, "worker": b, "caches": f"lotus-{b}"}

        page.context.set_offline(True)
        page.reload()
        _score(page)
        assert _release(page) == {"script": "B", "core": b, "worker": b, "caches": f"lotus-{b}"}
        assert re.search(r"[a-f0-9]{12}", b)
        page.context.set_offline(False)
        assert [error for error in visit.errors if "ERR_INTERNET_DISCONNECTED" not in error] == [], visit.failures
