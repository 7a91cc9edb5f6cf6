"""Table-reading accuracy: every mandated cell written into a report, in every container,
reads back as the value written."""

from decimal import Decimal

import pytest

import reportgen
import writers
from linter.analyze import analyze
from linter.readers import read


def cell_accuracy(report, expected) -> tuple[int, list]:
    wrong = []
    for (table, row, column), text in expected.items():
        spec = report.tables[table].spec
        value = report.tables[table].value(row, spec.columns[column].key)
        if value != Decimal(text):
            wrong.append((table, row, column, text, value))
    return len(expected) - len(wrong), wrong


@pytest.mark.parametrize("version, seed", [("2021", 1), ("2021", 2), ("2019", 3)])
@pytest.mark.parametrize("suffix", sorted(writers.WRITERS))
def test_every_cell_reads_back(version, seed, suffix, tmp_path):
    spec = reportgen.random_spec(seed, version)
    path = tmp_path / f"r{suffix}"
    writers.WRITERS[suffix](writers.blocks_from_text(reportgen.build(spec)), path)
    expected = reportgen.expected_cells(spec)
    right, wrong = cell_accuracy(analyze(read(path)), expected)
    assert wrong == [] and right == len(expected) >= 198  # 2021: 175 + 15 + 10 cells; 2019: 161 + 15 + 22
