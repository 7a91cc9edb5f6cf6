"""table_rows: every mandated row of a table is there, labelled, with one value per column.

Variants: `missing` (a row label is absent), `cells` (a row has more or fewer values than
columns: they are not shifted into columns they may not belong to), `unlabelled` (values
with no row label). A table with no number at all gets one finding (`all`) instead of one
per row.
"""

from linter.checks.table_blank import has_numbers
from linter.findings import Hit


def check(report, params):
    for table in report.tables.values():
        if not table.readable:
            continue
        spec = table.spec
        missing = [row for row in table.rows.values() if not row.found]
        if not has_numbers(table):
            if missing or table.orphans:
                yield Hit(table.line, 1, {
                    "variant": "all", "table": spec.name, "count": len(missing), "total": len(spec.rows),
                    "unlabelled": len(table.orphans),
                })
            continue
        for row in missing:
            yield Hit(table.line, 1, {"variant": "missing", "table": spec.name, "row": row.label})
        for row in table.rows.values():
            if row.found and row.misaligned:
                yield Hit(row.line, row.column, {
                    "variant": "cells", "table": spec.name, "row": row.label,
                    "given": row.given, "expected": len(spec.columns),
                })
        for orphan in table.orphans:
            yield Hit(orphan.line, orphan.column, {
                "variant": "unlabelled", "table": spec.name, "count": len(orphan.cells),
            })
