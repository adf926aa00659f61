"""The CI files publish with the same Node.js floor that package.json and the README state."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _floor() -> str:
    """The major version in package.json's ``engines`` (``>=24``)."""
    engines = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["engines"]["node"]
    found = re.fullmatch(r">=(\d+)(?:\.\d+){0,2}", engines)
    assert found, f"package.json's engines.node should be a floor such as '>=24', not {engines!r}"
    return found[1]


def test_both_ci_files_and_the_readme_use_package_json_s_node_floor() -> None:
    floor = _floor()
    github = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    setups = [
        step for step in github["jobs"]["build"]["steps"] if str(step.get("uses", "")).startswith("actions/setup-node@")
    ]
    assert [str(step["with"]["node-version"]) for step in setups] == [floor]
    gitlab = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert re.fullmatch(rf"node:{floor}(-\w+)?", gitlab["pages"]["image"])
    assert f"Node.js {floor} " in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_ci_files_build_to_publish_with_only_what_the_build_needs() -> None:
    """``make site``, not ``make build``: it installs no test or lint packages and refuses a loopback address."""
    github = (ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8")
    gitlab = (ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "make site SITE_URL=" in github and "make site SITE_URL=" in gitlab
    assert "npm ci --omit=dev" in makefile.split("\nsite:")[0]
