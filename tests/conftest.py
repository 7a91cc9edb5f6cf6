import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
sys.path.insert(0, str(Path(__file__).resolve().parent))  # reportgen

from linter.engine import lint_path  # noqa: E402
from linter.rules import select  # noqa: E402


@pytest.fixture
def lint(tmp_path):
    """Lint text (or bytes) written to a file of the given name; returns the FileResult."""

    def run(content, name="report.txt", **options):
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return lint_path(path, select(), **options)

    return run
