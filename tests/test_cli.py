"""The command line, run as a reader would: ``python -m lotus_tools score ...``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lotus_tools.core import scales
from lotus_tools.core.risk import NPSA_2008

ROOT = Path(__file__).resolve().parent.parent


def run(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lotus_tools", *arguments], cwd=ROOT, capture_output=True, text=True, timeout=60
    )


def test_score_prints_one_readable_line() -> None:
    result = run("score", "--likelihood", "4", "--consequence", "3")
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "Moderate (3) x Likely (4) = 12: high risk (Amber)\n",
        "",
    )


def test_probability_stands_in_for_likelihood() -> None:
    result = run("score", "--probability", "20", "--consequence", "3")
    assert result.stdout == "Moderate (3) x Likely (4) = 12: high risk (Amber)\n"


def test_json_output() -> None:
    result = run("score", "--likelihood", "5", "--consequence", "5", "--domain", "financial", "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout) == {
        "description": "",
        "likelihood": {"level": 5, "name": "Almost certain"},
        "consequence": {"level": 5, "name": "Catastrophic"},
        "domain": {"key": "financial", "name": "Financial"},
        "factors": {},
        "score": 25,
        "band": {
            "name": "extreme risk",
            "colour": "Red",
            "label": "extreme risk (Red)",
            "min": 15,
            "max": 25,
            "guidance": "",
        },
        "summary": "Catastrophic (5) x Almost certain (5) = 25: extreme risk (Red)",
    }


def test_help_shows_the_scales() -> None:
    result = run("score", "--help")
    assert result.returncode == 0
    for row in scales.LIKELIHOODS:
        assert f"{row.label} ({row.probability}): {row.description}" in result.stdout
    for level in scales.CONSEQUENCES:
        assert level.label in result.stdout
    for domain in scales.DOMAINS:
        assert f"{domain.key}: {domain.name}" in result.stdout
    for band in NPSA_2008.bands:
        assert band.label in result.stdout
    assert scales.LIKELIHOODS[0].description in run("--help").stdout


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        (["--likelihood", "0", "--consequence", "3"], "likelihood"),
        (["--likelihood", "6", "--consequence", "3"], "likelihood"),
        (["--likelihood", "-1", "--consequence", "3"], "likelihood"),
        (["--likelihood", "2.5", "--consequence", "3"], "likelihood"),
        (["--likelihood", "4", "--consequence", "three"], "consequence"),
        (["--probability", "abc", "--consequence", "3"], "probability"),
        (["--probability", "nan", "--consequence", "3"], "probability"),
        (["--probability", "100.5", "--consequence", "3"], "probability"),
        (["--likelihood", "4", "--consequence", "3", "--domain", "money"], "domain"),
    ],
)
def test_bad_input_exits_2_with_the_message_on_stderr(arguments: list[str], field: str) -> None:
    result = run("score", *arguments)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("python -m lotus_tools: error: The ")
    assert field in result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    "arguments",
    [
        ["--consequence", "3"],
        ["--likelihood", "4"],
        ["--likelihood", "4", "--probability", "20", "--consequence", "3"],
    ],
    ids=["no likelihood", "no consequence", "both likelihood and probability"],
)
def test_missing_or_conflicting_options_exit_2(arguments: list[str]) -> None:
    result = run("score", *arguments)
    assert result.returncode == 2
    assert "error:" in result.stderr


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        (["--likelihood", "\u0663", "--consequence", "3"], "likelihood"),
        (["--probability", "1_0", "--consequence", "3"], "probability"),
        (["--probability", "0x10", "--consequence", "3"], "probability"),
        (["--probability", "-1e2", "--consequence", "3"], "probability"),
        (["--probability", "-1", "--consequence", "3"], "probability"),
        (["--likelihood", "9" * 4301, "--consequence", "3"], "likelihood"),
    ],
)
def test_only_plain_ascii_decimals_are_numbers_and_errors_quote_at_most_40_characters(
    arguments: list[str], field: str
) -> None:
    result = run("score", *arguments)
    assert (result.returncode, result.stdout) == (2, "")
    assert len(result.stderr.splitlines()) == 1 and field in result.stderr
    assert "9" * 41 not in result.stderr and "Traceback" not in result.stderr


def test_every_argparse_mistake_is_one_line() -> None:
    for arguments in (["score"], ["score", "--likelihood"], ["nonsense"], []):
        result = run(*arguments)
        assert result.returncode == 2 and len(result.stderr.splitlines()) == 1, arguments


def test_help_works_where_the_terminal_cannot_show_an_en_dash() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "lotus_tools", "score", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert result.returncode == 0 and "Almost certain" in result.stdout
