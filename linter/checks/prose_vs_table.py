"""prose_vs_table: a figure stated in the prose equals the table cell(s) it reports.

Each figure lists in `agrees_with` the cell sets it may report, each summed (行政诉讼 = the
two litigation totals; 受理 = 新收, or 新收 + 上年结转). A set is judged only when its table was
read with certainty (not T206) and every cell is a number; the figure contradicts the table only
when it equals none of the sets that could be judged.
"""

from linter.checks import prose_figures
from linter.checks._common import table_sum
from linter.findings import Hit


def _readable(report, spec) -> list[tuple[str, object]]:
    """(name, value) of each cell set of the figure that the table gives, one per value."""
    readable = {}
    for choice in spec["agrees_with"]:
        value = table_sum(report, choice["cells"])
        if value is not None:
            readable.setdefault(value, choice["name"])
    return [(name, value) for value, name in readable.items()]


def check(report, params):
    for spec in params["figures"]:
        choices = _readable(report, spec)
        if not choices:
            continue
        for figure in prose_figures.find(report, [spec]):
            if all(figure.value != value for _, value in choices):
                values = {"figure": spec["name"], "prose": str(figure.value)}
                if len(choices) == 1:
                    (cell, value), = choices
                    values.update(variant="one", cell=cell, table_value=str(value))
                else:
                    values.update(variant="any", choices="、".join(f"“{cell}”（{value}）" for cell, value in choices))
                yield Hit(figure.line, figure.column, values)
