"""prose_vs_table: a figure stated in the prose equals the table cell(s) it reports.

Each figure names a pattern and the cells it must equal (their sum, e.g. 行政诉讼 = the two
litigation totals). Judged only when the table was read with certainty (not T206) and every
cell is a number.
"""

from linter.checks import prose_figures
from linter.findings import Hit


def _table_value(report, cells):
    total = 0
    for table_key, row, column in cells:
        table = report.tables.get(table_key)
        if table is None or not table.readable or row not in table.rows:
            return None
        value = table.value(row, column)
        if value is None:
            return None
        total += value
    return total


def check(report, params):
    for spec in params["figures"]:
        expected = _table_value(report, spec["cells"])
        if expected is None:
            continue
        for figure in prose_figures.find(report, [spec]):
            if figure.value != expected:
                yield Hit(figure.line, figure.column, {
                    "figure": spec["name"], "prose": str(figure.value), "table_value": str(expected),
                    "cell": spec["cell_name"],
                })
