"""carry_over: this year's 二、上年结转 must equal last year's 四、结转下年度继续办理, per
column. Only figures read for certain in both reports are compared."""

from pathlib import Path

from linter import formats
from linter.crossreport import CrossHit
from linter.crossreport._common import named

SCOPE = "pair"


def check(current, previous, params):
    carried = current.summary.t3.get(params["this_row"], {})
    forward = previous.summary.t3.get(params["last_row"], {})
    table = formats.load(current.format).tables["t3"]
    for column in table.columns:
        now, before = carried.get(column.key), forward.get(column.key)
        if now is None or before is None or now == before:
            continue
        yield CrossHit("t3.carried", {
            "column": column.label, "current": now, "previous": before,
            "this": Path(current.path).name, "year": current.year, **named(previous),
        })
