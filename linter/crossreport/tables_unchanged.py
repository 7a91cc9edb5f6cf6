"""tables_unchanged: every figure of the 三 and 四 tables equals last year's. Both tables
must have been read whole, and hold at least `min_nonzero` figures above zero: two years
without a single application are the same table for a good reason."""

from linter.crossreport import CrossHit
from linter.crossreport._common import named

SCOPE = "pair"


def _figures(summary) -> dict:
    cells = {("t3", row, column): value for row, values in summary.t3.items() for column, value in values.items()}
    cells.update({("t4", "cases", column): value for column, value in summary.t4.items()})
    return cells


def check(current, previous, params):
    if not (current.summary.complete and previous.summary.complete):
        return
    now, before = _figures(current.summary), _figures(previous.summary)
    common = now.keys() & before.keys()
    if any(now[key] != before[key] for key in common):
        return
    if sum(1 for key in common if now[key]) < params["min_nonzero"]:
        return
    yield CrossHit("t3", {"count": len(common), **named(previous)})
