"""table_present: each table the format mandates is in its section.

A section that is absent or empty is not examined (S101/S104 say so once). When a section
has none of its tables, one finding names them all (variant `all`); otherwise one
finding per missing table (variant `one`).
"""

from linter.checks._common import NUMERALS
from linter.findings import Hit


def check(report, params):
    for number in report.format.sections:
        section = report.section(number)
        specs = report.format.tables_in(number)
        if section is None or not section.has_content or not specs:
            continue
        # a table whose cells ran together is there: T206 says it could not be read
        missing = [spec for spec in specs if not report.tables[spec.key].present and report.tables[spec.key].unreadable is None]
        values = {"number": NUMERALS[number], "heading": section.heading}
        if len(missing) == len(specs) and len(specs) > 1:
            names = "、".join(spec.name for spec in missing)
            yield Hit(section.line, section.column, {**values, "variant": "all", "count": len(specs), "tables": names})
        else:
            for spec in missing:
                yield Hit(section.line, section.column, {**values, "variant": "one", "table": spec.name})
