"""The page contract: one JSON block per tool page, safe for any string, read by the page scripts alone."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from lotus_tools.core.risk import BandPolicy
from lotus_tools.publish import page_contract

TOOL_PAGES = (
    "about/link-catalogue/",
    "tools/triage-calculator/",
    "appendices/triage-template/",
    "appendices/lessons-learnt-template/",
    "appendices/outcome-letter-template/",
    "tools/workbook/",
)


def read(body: str) -> dict:
    found = re.findall(r'<div id="lotus-page-contract" hidden data-contract="([^"]*)"></div>', body)
    assert len(found) == 1
    return json.loads(html.unescape(found[0]))


def test_any_string_survives_the_contract_unchanged() -> None:
    hostile = "</div><!--<script>alert(1)</script>\"'&amp; \u2028"
    policy = BandPolicy.from_config([{"name": hostile, "colour": "Red", "min": 1, "max": 25, "guidance": hostile}])
    element = page_contract.element(
        page_contract.contract([page_contract.CALCULATOR, "appendix-2"], "tools/triage-calculator/", policy) or {}
    )
    assert "<script" not in element and "</div><" not in element[:-6]
    assert read(element)["policy"][0] == {"name": hostile, "colour": "Red", "min": 1, "max": 25, "guidance": hostile}


def test_each_tool_page_has_one_contract_and_reading_pages_none(site: Path) -> None:
    for page in site.rglob("index.html"):
        path = page.parent.relative_to(site).as_posix() + "/"
        body = page.read_text(encoding="utf-8")
        if path in TOOL_PAGES:
            data = read(body)
            if "python" not in data:
                assert set(data) == {"catalogue"}, path
                continue
            for template in [*data["templates"].values(), *([data["workbook"]] if "workbook" in data else [])]:
                for address in template["blank"].values():
                    blank = (page.parent / address.split("?")[0]).resolve()
                    assert blank.is_file(), blank
            assert (page.parent / data["python"]["core"].split("?")[0]).resolve().is_file()
        else:
            assert "lotus-page-contract" not in body, path
    assert '<script type="application/json"' not in (site / "tools/triage-calculator/index.html").read_text()


def test_the_page_scripts_take_no_address_or_key_from_anywhere_else() -> None:
    scripts = Path(__file__).resolve().parent.parent / "docs" / "javascripts"
    for path in sorted(scripts.rglob("*.js")):
        name = path.relative_to(scripts).as_posix()
        text = path.read_text(encoding="utf-8")
        assert "appendix-2" not in text and "downloads/" not in text and "vendor/pyodide" not in text, name
        assert '"workbook"' not in text and "exercise_" not in text and 'Storage.getItem("' not in text, name


def test_the_calculators_head_preloads_the_workers_big_files_at_its_exact_addresses_and_no_other_page_does(
    site: Path,
) -> None:
    for page in site.rglob("index.html"):
        here = page.parent.relative_to(site).as_posix() + "/"
        head = page.read_text(encoding="utf-8").split("</head>", 1)[0]
        preloaded = re.findall(r'<link rel="preload" as="fetch" crossorigin href="([^"]*)">', head)
        if here != page_contract.CALCULATOR_PAGE:
            assert preloaded == [], here
            continue
        python = read(page.read_text(encoding="utf-8"))["python"]
        fetched = [python["indexURL"] + name for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")]
        assert [html.unescape(url) for url in preloaded] == [*fetched, python["stdlib"], python["core"]]
        assert all((page.parent / url.split("?")[0]).resolve().is_file() for url in preloaded)
