"""The publishing steps run over a built site on their own (``python -m lotus_tools.publish``), as the build runs
them: so another generator's output can be published the same way."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from lotus_tools.publish import deploy, hosting, publishing, scorm
from tests.conftest import ROOT


def _publish(site_dir: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "lotus_tools.publish", str(site_dir)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)


def _digests(site_dir: Path) -> dict[str, str]:
    return {
        path.relative_to(site_dir).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site_dir.rglob("*"))
        if path.is_file()
    }


def test_publishing_a_built_site_again_on_its_own_makes_the_same_files(site: Path, tmp_path: Path) -> None:
    """The build's own plan is enough: the PDF is found in the cache, and nothing else changes either."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    before = _digests(copy)
    published = _publish(copy)
    assert published.returncode == 0, published.stderr
    assert "unchanged, kept from .cache/" in published.stdout
    assert f"{len(publishing.Plan.read(copy).packages)} SCORM packages" in published.stdout
    assert _digests(copy) == before


def test_the_plan_names_every_scorm_package_the_site_holds(site: Path) -> None:
    plan = publishing.Plan.read(site)
    assert sorted(package.path for package in plan.packages) == sorted(
        path.relative_to(site).as_posix() for path in (site / scorm.FOLDER).glob("*.zip")
    )
    assert plan.site_name and plan.site_url.startswith("http://127.0.0.1:")


def test_the_plan_and_the_hosting_files_are_never_compressed_for_readers(site: Path) -> None:
    assert [name for name in deploy.UNSERVED if (site / f"{name}.gz").exists()] == []
    assert hosting.PLAN_FILE in deploy.UNSERVED


def test_a_folder_that_was_never_built_is_one_plain_line_and_exit_2(tmp_path: Path) -> None:
    published = _publish(tmp_path)
    assert published.returncode == 2 and published.stdout == ""
    assert published.stderr.splitlines() == [
        f"python -m lotus_tools.publish: error: {tmp_path} holds no {publishing.PLAN}: "
        "build the site first (make build, or make site SITE_URL=...)."
    ]


@pytest.mark.parametrize("damage", ["{", "[]", '{"site_url": "/"}', json.dumps({"packages": [{"title": 1}]})])
def test_a_damaged_plan_is_named_in_a_sentence(tmp_path: Path, damage: str) -> None:
    (tmp_path / publishing.PLAN).write_text(damage, encoding="utf-8")
    with pytest.raises(PluginError, match=rf"{publishing.PLAN} is damaged \(\w+\): build the site again\."):
        publishing.Plan.read(tmp_path)
