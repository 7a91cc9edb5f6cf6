"""publication_deadline: the report was published after the deadline of its regime.

The date is the page's PubDate or the date line that closes the report (metadata.py); with
no date, or no report year, there is nothing to judge. `deadlines` maps a regime (`legacy`:
2007 条例; `current`: 2019 条例) to month-day deadlines by agency kind; `any` is used when the
kind is unknown, and should be the latest, so that doubt never makes a report late.
"""

from datetime import date

from linter import metadata
from linter.findings import Hit

_KIND_EN = {"government": "a people's government", "department": "a government department", "any": "any agency"}
_KIND_ZH = {"government": "人民政府", "department": "政府部门", "any": "行政机关"}


def check(report, params):
    if report.published is None or report.year is None:
        return
    published, source, line = report.published
    regime = "legacy" if metadata.format_for_year(report.year) == "legacy" else "current"
    by_kind = params["deadlines"][regime]
    kind = report.agency_kind if report.agency_kind in by_kind else "any"
    month, day = (int(part) for part in by_kind[kind].split("-"))
    deadline = date(report.year + 1, month, day)
    if published > deadline:
        yield Hit(line or 1, 1, {
            "published": published.isoformat(), "deadline": deadline.isoformat(),
            "who": _KIND_ZH[kind], "who_en": _KIND_EN[kind],
            "source": "网页发布日期" if source == "meta" else "落款日期",
            "source_en": "the page's publication date" if source == "meta" else "the date the report is signed",
            "variant": regime,
        })
