"""statement_required: the report states each listed item somewhere in its scope.

`items`: [{name, patterns}] — an item is stated when any of its patterns matches a
paragraph in `sections` (the whole report if omitted). `agency_kind` limits the rule to
reports of that kind of agency (C403: people's governments). One finding lists every
item missing, at the heading of `anchor_section`. `variants` maps a format version to the
message variant its findings use (C401: the 2007 条例 asked for 收费及减免情况, not 信息处理费).
"""

from linter.checks._common import any_match, anchor_line
from linter.findings import Hit


def check(report, params):
    kind = params.get("agency_kind")
    if kind is not None and report.agency_kind != kind:
        return
    sections = params.get("sections")
    missing = [item["name"] for item in params["items"] if not any_match(report, item["patterns"], sections)]
    if missing:
        values = {"missing": "、".join(missing)}
        if "variants" in params:
            values["variant"] = params["variants"].get(report.format.version, params["variants"]["default"])
        yield Hit(anchor_line(report, params["anchor_section"]), 1, values)
