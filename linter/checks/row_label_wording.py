"""row_label_wording: a table row's label is worded as the format prints it.

The lexer takes a label worded unlike the format (规范性文件 for 行政规范性文件, a typo such as
其他法律行政止公开) for the mandated row it is closest to (linter/labels.py), so the row's
values are read and every check runs on them; this check reports the wording, once per row.
Numbering style (1、 or (1) for 1.) and punctuation are not deviations.
"""

from linter.checks.heading_wording import differences
from linter.findings import Hit
from linter.labels import bare
from linter.lexer import cell_key


def check(report, params):
    labels = report.format.labels
    for table in report.tables.values():
        for row_spec in table.spec.rows:
            row = table.rows[row_spec.key]
            if not row.found or row_spec.terminal is None or not labels.deviates(row_spec.terminal, cell_key(row.label_text)):
                continue
            expected = row_spec.label.split()[-1]  # （三）不予公开 2.其他… → the row's own cell
            ours, theirs = differences(bare(row.label_text), bare(expected))
            yield Hit(row.line, row.column, {
                "table": table.spec.name, "found": row.label_text, "expected": expected, "ours": ours, "theirs": theirs,
            })
