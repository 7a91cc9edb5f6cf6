"""`nianbao extract`: the data set read back (CSV, .xlsx with openpyxl, Parquet with pyarrow,
JSON) must match the typed report model cell for cell, for every seed."""

import csv
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

import reportgen
import writers
from conftest import SEEDS
from linter import readers
from linter.analyze import analyze
from linter.cli import cli
from linter.extract import FIELDS


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def _model(path: Path) -> dict:
    """(file, table, row, column) -> (kind, text, value) from the typed model."""
    report = analyze(readers.read(path))
    return {(str(path), table.spec.key, row.key, column.key): (cell.kind, cell.text, cell.value)
            for table in report.tables.values() for row in table.rows.values()
            for column in table.spec.columns if (cell := row.cells.get(column.key)) is not None}


@pytest.fixture(scope="module")
def expected() -> dict:
    cells = {}
    for path in sorted(SEEDS.glob("*.txt")):
        cells.update(_model(path))
    return cells


def _number(value) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def _compare(records, expected) -> None:
    got = {(r["file"], r["table"], r["row"], r["column"]): (r["kind"], r["text"] or "", _number(r["value"])) for r in records}
    assert len(got) == len(records)  # one row per cell
    assert got == {key: (kind, text, value) for key, (kind, text, value) in expected.items()}


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".parquet", ".json"])
def test_extract_reads_back_as_the_model(suffix, expected, tmp_path):
    output = tmp_path / f"cells{suffix}"
    result = invoke("extract", *sorted(SEEDS.glob("*.txt")), "-o", output, "--jobs", "2")
    assert result.exit_code == 0, result.output
    if suffix == ".csv":
        with open(output, encoding="utf-8-sig", newline="") as handle:
            records = list(csv.DictReader(handle))
    elif suffix == ".xlsx":
        sheet = openpyxl.load_workbook(output, read_only=True)["cells"]
        header, *rows = list(sheet.iter_rows(values_only=True))
        records = [dict(zip(header, row)) for row in rows]
    elif suffix == ".parquet":
        records = pq.read_table(output).to_pylist()
    else:
        records = json.loads(output.read_text(encoding="utf-8"))
    assert set(records[0]) == set(FIELDS)
    _compare(records, expected)
    seed = str(SEEDS / "002_08e398edbd93b538.txt")
    new_total = [r for r in records if r["file"] == seed and (r["table"], r["row"], r["column"]) == ("t3", "new", "total")]
    assert new_total[0]["agency"] == "海沧区政府" and int(new_total[0]["year"]) == 2023 and new_total[0]["line"]


def test_extract_says_where_each_cell_is_in_a_word_file(tmp_path):
    spec = reportgen.ReportSpec()
    writers.write_docx(writers.blocks_from_text(reportgen.build(spec)), tmp_path / "report.docx")
    output = tmp_path / "cells.parquet"
    assert invoke("extract", tmp_path / "report.docx", "-o", output).exit_code == 0
    rows = {(r["table"], r["row"], r["column"]): r for r in pq.read_table(output).to_pylist()}
    carried = rows[("t3", "carried", "natural")]
    assert carried["value"] == 1 and carried["word_table"] and carried["word_row"] and carried["word_cell"]
    assert len([r for r in rows.values() if r["table"] == "t4"]) == 15


def test_an_unreadable_file_costs_its_rows_only(tmp_path):
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    (tmp_path / "good.txt").write_text(reportgen.build(), encoding="utf-8")
    output = tmp_path / "cells.csv"
    result = invoke("extract", tmp_path, "-o", output)
    assert result.exit_code == 2 and "broken.docx" in result.output
    with open(output, encoding="utf-8-sig", newline="") as handle:
        assert {row["file"] for row in csv.DictReader(handle)} == {str(tmp_path / "good.txt")}


def test_extract_refuses_an_unknown_suffix(tmp_path):
    result = invoke("extract", SEEDS, "-o", tmp_path / "cells.txt")
    assert result.exit_code == 2 and not (tmp_path / "cells.txt").exists()
