"""pattern_forbidden: text that must not be in a published report.

`patterns`: [{label, regex, surname_group?}]. With `surname_group`, the named group must
start with one of `surnames` (how a personal name is told from 区政府 or 本机关).
With `mask: true` the message shows the match masked (a report must not spread the
personal data it is being told to remove).
"""

import bisect

from linter.checks._common import compiled
from linter.findings import Hit
from linter.normalize import original_offset


def _mask(text: str) -> str:
    if len(text) <= 2:
        return text[0] + "*" * (len(text) - 1)
    keep = max(1, len(text) // 4)
    return text[:keep] + "*" * (len(text) - 2 * keep) + text[-keep:]


def check(report, params):
    surnames = params.get("surnames", "")
    # One search of the whole text first: most reports hold none of the patterns, and one
    # search is far cheaper than one per line (a line break is no character they match).
    whole = "\n".join(report.norm.values())
    patterns = [spec for spec in params["patterns"] if compiled(spec["regex"]).search(whole)]
    for line, text in report.norm.items():
        for spec in patterns:
            for match in compiled(spec["regex"]).finditer(text):
                group = spec.get("surname_group")
                found = match.group(group) if group else match.group(0)
                if group and found[:1] not in surnames:
                    continue
                shown = _mask(found) if params.get("mask") else found
                column = original_offset(report.lines.get(line, ""), text, match.start(group or 0)) + 1
                yield Hit(line, column, {"label": spec["label"], "text": shown})
