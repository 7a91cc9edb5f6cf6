"""Rule and layout files are kept parsed in the user's cache folder (linter/resources.py):
a file changed since is parsed again, a damaged cache is parsed around, and a cold start
that finds everything cached does not import PyYAML."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from linter import resources

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "nianbao-lint"


def test_a_changed_file_is_parsed_again(tmp_path, fresh_cache):
    path = tmp_path / "rule.yaml"
    path.write_text("id: A1\nparams: {n: 1}\n", encoding="utf-8")
    assert resources.load_yaml(path) == {"id": "A1", "params": {"n": 1}}
    assert len(list(fresh_cache.glob("yaml-*.pickle"))) == 1
    path.write_text("id: A1\nparams: {n: 22}\n", encoding="utf-8")
    assert resources.load_yaml(path) == {"id": "A1", "params": {"n": 22}}


def test_a_damaged_cache_is_parsed_around(tmp_path, fresh_cache):
    path = tmp_path / "rule.yaml"
    path.write_text("id: A2\n", encoding="utf-8")
    resources.load_yaml(path)
    [entry] = fresh_cache.glob("yaml-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert resources.load_yaml(path) == {"id": "A2"}


def test_copies_of_a_file_share_one_entry(tmp_path, fresh_cache):
    """Checkouts and installations of the same rules do not grow the cache (it was once
    keyed by path: 3 MB after forty checkouts, read whole by every cold start)."""
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "rule.yaml").write_text("id: A3\n", encoding="utf-8")
        assert resources.load_yaml(tmp_path / folder / "rule.yaml") == {"id": "A3"}
    assert len(list(fresh_cache.glob("yaml-*.pickle"))) == 1


def test_invalid_yaml_is_a_data_error(tmp_path, fresh_cache):
    path = tmp_path / "rule.yaml"
    path.write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(resources.DataError):
        resources.load_yaml(path)


def test_a_cached_cold_start_does_not_import_yaml(tmp_path):
    environment = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    probe = ("import sys; from linter.cli import cli\n"
             "try: cli.main(['check', 'seeds/000_fc9aab34a1e880b5.txt'], standalone_mode=False)\n"
             "except SystemExit: pass\n"
             "print('yaml' in sys.modules, file=sys.stderr)")
    runs = [subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=environment, capture_output=True, text=True)
            for _ in range(2)]
    assert [run.stderr.strip().splitlines()[-1] for run in runs] == ["True", "False"]
    assert runs[0].stdout == runs[1].stdout and "000_fc9aab34a1e880b5.txt" in runs[1].stdout
