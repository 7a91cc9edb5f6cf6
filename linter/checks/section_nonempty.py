"""section_nonempty: a section heading is followed by content (text or a table)."""

from linter.checks._common import NUMERALS
from linter.findings import Hit


def check(report, params):
    for section in report.sections:
        if section.number in report.format.sections and not section.has_content:
            yield Hit(section.line, section.column, {"number": NUMERALS[section.number], "heading": section.heading})
