"""The pre-commit hook, run by the real pre-commit tool against this checkout: a commit of a
bad report is refused with its findings printed; a good report commits."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import reportgen
from conftest import ROOT, SEEDS


def _pre_commit() -> str:
    found = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
    if not found:
        pytest.skip("pre-commit is not installed (pip install '.[test]')")
    if not (ROOT / ".git").exists():
        pytest.skip("this checkout is not a git repository: pre-commit try-repo needs one")
    return found


def git(repo: Path, *args, env=None, check=True):
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=check)


def test_hook_refuses_a_bad_report_and_passes_a_good_one(tmp_path):
    pre_commit = _pre_commit()
    repo = tmp_path / "reports"
    repo.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"), "PRE_COMMIT_COLOR": "never",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    git(repo, "init", "-q", "-b", "main", env=env)
    # The git hook runs this checkout's hook through pre-commit, on the staged files.
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text(f"#!/bin/sh\nexec '{pre_commit}' try-repo '{ROOT}' nianbao\n", encoding="utf-8")
    hook.chmod(0o755)

    (repo / "2020年报.txt").write_bytes((SEEDS / "004_f33f83f1c85a8eb6.txt").read_bytes())
    git(repo, "add", "2020年报.txt", env=env)
    bad = git(repo, "commit", "-m", "bad report", env=env, check=False)
    output = bad.stdout + bad.stderr
    assert bad.returncode != 0, output
    assert "nianbao-lint" in output and "Failed" in output
    assert "2020年报.txt:74:1: ERROR T203" in output
    assert git(repo, "rev-list", "--all", env=env).stdout == ""  # nothing committed

    (repo / "2020年报.txt").write_text(
        reportgen.build(reportgen.ReportSpec(version="2019", year=2020)), encoding="utf-8")
    git(repo, "add", "2020年报.txt", env=env)
    good = git(repo, "commit", "-m", "good report", env=env, check=False)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout + good.stderr
    assert git(repo, "log", "--format=%s", env=env).stdout.split() == ["good", "report"]
