"""table_blank: a mandated table has no blank cells (a nil figure is written 0).

A table with no number at all is reported once (variant `all`); otherwise each row with
blank cells is reported, naming the columns (variant `row`).
"""

from linter.findings import Hit


def _figure(cell) -> bool:
    """A number, or a figure written with its unit (5225件: T203's, not a blank)."""
    return cell.kind == "NUM" or cell.kind == "TEXT" and any(ch.isdigit() for ch in cell.text)


def has_numbers(table) -> bool:
    given = any(_figure(cell) for row in table.rows.values() for cell in row.values)
    loose = any(_figure(cell) for orphan in table.orphans for cell in orphan.cells)
    return given or loose


def check(report, params):
    for table in report.tables.values():
        if not table.readable:
            continue
        if not has_numbers(table):
            yield Hit(table.line, 1, {"variant": "all", "table": table.spec.name})
            continue
        for row in table.rows.values():
            if not row.found or row.misaligned:
                continue
            blank = [table.spec.column(key).label for key, cell in row.cells.items() if cell.kind == "BLANK"]
            if blank:
                yield Hit(row.line, row.column, {
                    "variant": "row", "table": table.spec.name, "row": row.label, "columns": "、".join(blank),
                })
