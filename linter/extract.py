"""`nianbao extract`: every mandated table cell of every report, one row per cell, as a data
set for auditors and researchers (writers in extract_writers.py).

Each worker reads and parses its report and sends back only the rows; the parent writes
them as they come, so memory stays flat however many reports there are.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from linter import readers
from linter.analyze import analyze
from linter.engine import identity, locate
from linter.errors import UnreadableFile

# One row per cell. value: the figure when the cell holds a number, else None (text keeps
# what was printed); line: the line of the text nianbao reads (what findings cite); page,
# paragraph, source_line, word_*: where that is in a PDF, Word file or web page.
FIELDS = ("file", "agency", "year", "format", "table", "table_name", "row", "row_label", "column",
          "column_label", "kind", "text", "value", "line", "page", "paragraph", "source_line",
          "word_table", "word_row", "word_cell")


@dataclass
class ExtractResult:
    path: str
    status: str  # ok | unreadable
    error: str | None = None
    rows: list[tuple] = field(default_factory=list)

    def count(self, severity: str) -> int:
        return 0  # no findings: the progress bar has no errors to count


def _where(document, cell) -> tuple:
    if cell.line is None:
        return None, None, None, None, None, None, None
    line, location = locate(document, cell.line, cell.column or 1)
    location = location or {}
    source_line = line if "line" in location else None
    report_line = cell.line
    return (report_line, location.get("page"), location.get("paragraph"), source_line,
            location.get("table"), location.get("row"), location.get("cell"))


def rows_of(path: Path, document, report) -> list[tuple]:
    agency, _, year, _ = identity(report, path)
    rows = []
    for table in report.tables.values():
        spec = table.spec
        for row in table.rows.values():
            for column in spec.columns:
                cell = row.cells.get(column.key)
                if cell is None:
                    continue
                value: Decimal | None = cell.value if cell.kind == "NUM" else None
                rows.append((str(path), agency, year, report.format.version, spec.key, spec.name, row.key,
                             row.label, column.key, column.label, cell.kind, cell.text, value,
                             *_where(document, cell)))
    return rows


def cells_of(path: Path, lang: str = "zh") -> ExtractResult:
    """The rows of one report (a worker's job)."""
    try:
        document = readers.read(path)
        return ExtractResult(str(path), "ok", rows=rows_of(path, document, analyze(document)))
    except UnreadableFile as exc:
        return ExtractResult(str(path), "unreadable", exc.text(lang))
    except Exception as exc:  # a bug must cost one file, not the data set
        return ExtractResult(str(path), "unreadable", f"internal error, please report: {type(exc).__name__}: {exc}")
