"""measures_required: a section that states problems also states measures to improve.

`problems` and `measures` are patterns; phrases matching `not_measures` (有待加强,
需进一步提升: a problem, not a measure) are removed before measures are looked for.
"""

from linter.checks._common import compiled
from linter.findings import Hit


def check(report, params):
    section = report.section(params["section"])
    if section is None or not section.paragraphs:
        return
    text = section.text
    if not compiled(params["problems"]).search(text):
        return
    remaining = compiled(params["not_measures"]).sub("", text)
    if not compiled(params["measures"]).search(remaining):
        yield Hit(section.line, section.column, {"heading": section.heading})
