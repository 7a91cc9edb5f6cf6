"""Writers of the `extract` data set, chosen by the output's suffix. Each consumes the rows
as they come and keeps at most one batch in memory:

- .csv: the csv module; UTF-8 with BOM and CRLF, so Excel and WPS open it with Chinese intact.
- .json: a JSON array, one object per line, written as it goes.
- .xlsx: XlsxWriter in constant_memory mode (rows go to disk as written; openpyxl's writer
  keeps more per row). A sheet holds at most 1,048,576 rows: further rows go on to
  cells_2, cells_3, ….
- .parquet: pyarrow's ParquetWriter, a row group per batch, with typed columns (year and
  locations as integers, value as float64: counts are exact, amounts have two decimals).

Output goes to FILE.part and replaces FILE at the end: a failed run leaves no half a file.
"""

import os
from pathlib import Path

from linter.extract import FIELDS

_BATCH = 50_000
_XLSX_ROWS = 1_048_576


def _plain(value):
    """A Decimal as the number it is (int when whole), for JSON and spreadsheets."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _csv(path: Path, rows) -> int:
    import csv

    count = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(FIELDS)
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
            count += 1
    return count


def _json(path: Path, rows) -> int:
    import json

    count = 0
    value_at = FIELDS.index("value")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("[")
        for row in rows:
            record = dict(zip(FIELDS, row))
            record["value"] = _plain(row[value_at])
            handle.write(("," if count else "") + "\n" + json.dumps(record, ensure_ascii=False))
            count += 1
        handle.write("\n]\n")
    return count


def _xlsx(path: Path, rows) -> int:
    import xlsxwriter

    value_at = FIELDS.index("value")
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    sheet, sheets, used, count = None, 0, _XLSX_ROWS, 0
    for row in rows:
        if used == _XLSX_ROWS:
            sheets += 1
            sheet = workbook.add_worksheet("cells" if sheets == 1 else f"cells_{sheets}")
            sheet.write_row(0, 0, FIELDS)
            used = 1
        values = list(row)
        values[value_at] = _plain(values[value_at])
        sheet.write_row(used, 0, ["" if v is None else v for v in values])
        used += 1
        count += 1
    if sheet is None:
        workbook.add_worksheet("cells").write_row(0, 0, FIELDS)
    workbook.close()
    return count


def _parquet(path: Path, rows) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    integers = {"year", "line", "page", "paragraph", "source_line", "word_table", "word_row", "word_cell"}
    schema = pa.schema([(name, pa.int32() if name in integers else pa.float64() if name == "value" else pa.string())
                        for name in FIELDS])
    value_at = FIELDS.index("value")
    count = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        batch = []

        def flush():
            columns = list(zip(*batch)) if batch else [[] for _ in FIELDS]
            arrays = [pa.array([None if v is None else float(v) for v in column] if index == value_at else column,
                               type=schema.field(index).type) for index, column in enumerate(columns)]
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema))

        for row in rows:
            batch.append(row)
            count += 1
            if len(batch) == _BATCH:
                flush()
                batch = []
        if batch or not count:
            flush()
    return count


WRITERS = {".csv": _csv, ".json": _json, ".xlsx": _xlsx, ".parquet": _parquet}


def writer_for(output: str):
    return WRITERS.get(Path(output).suffix.lower())


def write(output: str, rows) -> int:
    """Write rows to output (its suffix picks the format); the number of rows written."""
    target = Path(output)
    partial = target.with_name(target.name + ".part")
    try:
        count = writer_for(output)(partial, rows)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return count
