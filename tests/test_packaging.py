"""The wheel carries grammar/, rules/ and templates, and works installed, run from elsewhere."""

import os
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT, SEEDS


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        capture_output=True, text=True,
    )
    if build.returncode != 0:
        pytest.fail(f"wheel build failed:\n{build.stdout}\n{build.stderr}")
    return next(out.glob("nianbao_lint-*.whl"))


def test_wheel_contains_grammar_rules_and_templates(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for version in ("core", "tables34", "fmt2021", "fmt2019", "legacy"):
        assert f"linter/_data/grammar/{version}.lark" in names
    assert {f"linter/_data/rules/{p.name}" for p in (ROOT / "rules").glob("*.yaml")} <= names
    assert "linter/templates/audit.html.j2" in names
    assert any(n.endswith("entry_points.txt") for n in names)


def test_installed_wheel_runs_from_another_directory(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)], check=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run(
        [sys.executable, "-m", "linter", "check", "--select", "T203", str(SEEDS / "004_f33f83f1c85a8eb6.txt")],
        capture_output=True, text=True, cwd=elsewhere, env=env,
    )
    assert result.returncode == 1, result.stderr
    assert "ERROR T203" in result.stdout
    probe = subprocess.run(
        [sys.executable, "-c", "import linter.resources as r; print(r.data_dir('rules'))"],
        capture_output=True, text=True, cwd=elsewhere, env=env,
    )
    assert probe.stdout.strip() == str(target / "linter" / "_data" / "rules")
