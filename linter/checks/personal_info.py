"""personal_info: personal data in a published report.

Numbers of a fixed form (ID card, mobile, parcel tracking) are found by pattern_forbidden's
`patterns`; private persons' names by applicant_names (`names`), which needs context.
With `mask: true` messages mask what they quote.
"""

from linter.checks import applicant_names, pattern_forbidden
from linter.findings import Hit


def check(report, params):
    yield from pattern_forbidden.check(report, params)
    names = params["names"]
    for line, column, name in applicant_names.find(report, names):
        yield Hit(line, column, {"label": names["label"], "text": pattern_forbidden.shown(name, params)})
