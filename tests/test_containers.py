"""Same findings whatever the container: each report written as .txt, .md, .docx, .html and
.pdf must give the same findings (rule, section, table, row, column and message). Any
difference is a bug in a reader."""

import re
from collections import Counter

import pytest

import reportgen
import writers
from conftest import SEEDS
from linter.engine import lint_path
from linter.rules import select

_LINE_REF = re.compile(r"第\d+行")


def _sources():
    for path in sorted(SEEDS.glob("*.txt")):
        yield path.stem[:3], path.read_text(encoding="utf-8")
    yield "gen2021", reportgen.build()
    yield "gen2019", reportgen.build(reportgen.ReportSpec(version="2019", year=2020))
    broken = reportgen.ReportSpec(overrides={("new", 0): "10件", ("total", 6): "12", ("open", 2): ""})
    yield "gen2021-defects", reportgen.build(broken).replace("办结11件", "办结9件")


def _key(finding):
    return (finding.rule, finding.section, finding.table, finding.row, finding.column_name,
            _LINE_REF.sub("第N行", finding.message))


@pytest.mark.parametrize("name, text", list(_sources()), ids=lambda v: v if isinstance(v, str) and len(v) < 20 else "")
def test_every_container_gives_the_same_findings(name, text, tmp_path):
    blocks = writers.blocks_from_text(text)
    results = {}
    for suffix, write in writers.WRITERS.items():
        path = tmp_path / f"{name}{suffix}"
        write(blocks, path)
        results[suffix] = lint_path(path, select())
    original = tmp_path / f"{name}-original.txt"
    original.write_text(text, encoding="utf-8")
    expected = Counter(_key(f) for f in lint_path(original, select()).findings)
    for suffix, result in results.items():
        assert result.status == "ok", (suffix, result.error)
        assert Counter(_key(f) for f in result.findings) == expected, suffix
