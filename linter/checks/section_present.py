"""section_present: every section the format mandates (一…六) has a heading.

Points at the line where the missing heading belongs: the first line after the section
before it, or the first line of the report for 一、总体情况.
"""

from linter.checks._common import NUMERALS, anchor_line
from linter.findings import Hit


def check(report, params):
    present = {s.number for s in report.sections}
    for number, heading in report.format.sections.items():
        if number not in present:
            yield Hit(anchor_line(report, number), 1, {"number": NUMERALS[number], "heading": heading})
