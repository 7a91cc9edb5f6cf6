"""prose_vs_table: a figure stated in the prose equals the table cell(s) it reports.

Each figure names a pattern and the cells it must equal (their sum, e.g. 行政诉讼 = the two
litigation totals). Judged only when the table was read with certainty (not T206) and every
cell is a number.
"""

from linter.checks import prose_figures
from linter.checks._common import table_sum
from linter.findings import Hit


def check(report, params):
    for spec in params["figures"]:
        expected = table_sum(report, spec["cells"])
        if expected is None:
            continue
        for figure in prose_figures.find(report, [spec]):
            if figure.value != expected:
                yield Hit(figure.line, figure.column, {
                    "figure": spec["name"], "prose": str(figure.value), "table_value": str(expected),
                    "cell": spec["cell_name"],
                })
