"""table_numeric: each table cell holds a plain number of the kind its column takes.

Counts are whole and not negative; `decimal` columns (amounts) take decimals; `signed`
columns (本年增/减) take negatives. Text, units (161330元) or symbols are reported at the cell.
"""

from linter.findings import Hit

_EXPECTED = {"count": ("非负整数", "a whole number"), "decimal": ("数字", "a number"), "signed": ("整数", "a whole number")}


def _fits(cell, kind: str) -> bool:
    if cell.kind != "NUM":
        return cell.kind != "TEXT"
    integral = cell.value == cell.value.to_integral_value()
    if kind == "decimal":
        return True
    if kind == "signed":
        return integral
    return integral and cell.value >= 0


def check(report, params):
    for table in report.tables.values():
        if table.unreadable is not None:
            continue
        for row in table.rows.values():
            if not row.found:
                continue
            for key, cell in row.cells.items():
                column = table.spec.column(key)
                if not _fits(cell, column.kind):
                    zh, en = _EXPECTED[column.kind]
                    yield Hit(cell.line, cell.column, {
                        "table": table.spec.name, "row": row.label, "column": column.label,
                        "text": cell.text, "expected": zh, "expected_en": en,
                    })
