"""section_order: the mandated sections come in order 一…六, each once.

Variant `duplicate` for a section heading seen before; `order` for one that comes after a
later-numbered section.
"""

from linter.checks._common import NUMERALS
from linter.findings import Hit


def check(report, params):
    mandated = report.format.sections
    seen: dict[int, int] = {}
    highest = 0
    for section in report.sections:
        number = section.number
        if number not in mandated:
            continue
        values = {"number": NUMERALS[number], "heading": section.heading}
        if number in seen:
            yield Hit(section.line, section.column, {**values, "variant": "duplicate", "first_line": seen[number]})
        elif number < highest:
            yield Hit(section.line, section.column, {**values, "variant": "order", "after": NUMERALS[highest]})
        seen.setdefault(number, section.line)
        highest = max(highest, number)
