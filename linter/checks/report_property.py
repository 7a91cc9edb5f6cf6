"""report_property: a fact about the whole report, stated once at line 1.

`when: legacy` — the report year is 2018 or earlier (2007 条例 regime);
`when: year_unknown` — no report year could be read from the title or text.
"""

from linter.findings import Hit

_CONDITIONS = {
    "legacy": lambda report: report.format.version == "legacy",
    "year_unknown": lambda report: report.year is None,
}


def check(report, params):
    if _CONDITIONS[params["when"]](report):
        yield Hit(1, 1, {"year": report.year if report.year is not None else "?"})
