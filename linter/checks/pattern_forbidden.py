"""pattern_forbidden: text that must not be in a published report.

`patterns`: [{label, regex, group?}]; `group` names the part of the match that is the
forbidden text (the rest is context such as 单号:), else the whole match is.
`exempt`: regexes of text that is never a finding, whatever it contains (the xx of an
e-mail address is part of a name, not a placeholder); a match overlapping one is skipped.
With `mask: true` the message shows the match masked (a report must not spread the
personal data it is being told to remove).
"""

import re

from linter.checks._common import compiled
from linter.checks._screen import may_occur
from linter.findings import Hit
from linter.normalize import original_offset


def _mask(text: str) -> str:
    if len(text) <= 2:
        return text[0] + "*" * (len(text) - 1)
    keep = max(1, len(text) // 4)
    return text[:keep] + "*" * (len(text) - 2 * keep) + text[-keep:]


def shown(text: str, params) -> str:
    return _mask(text) if params.get("mask") else text


def _exempt_spans(text: str, exempt: list[str]) -> list[tuple[int, int]]:
    return [match.span() for pattern in exempt for match in compiled(pattern).finditer(text)]


def _present(report, patterns: list[dict]) -> list[dict]:
    """The patterns that may be found in a line of the report, by one search of the whole
    text each (most reports hold none)."""
    return [spec for spec in patterns if may_occur(report.text, spec["regex"])]


def check(report, params):
    exempt = params.get("exempt", [])
    patterns = _present(report, params["patterns"])
    for line, text in report.norm.items():
        spans = None  # computed only for lines with a match
        for spec in patterns:
            for match in compiled(spec["regex"], re.MULTILINE).finditer(text):  # as screened: one compile
                group = spec.get("group", 0)
                start, end = match.span(group)
                if exempt:
                    spans = _exempt_spans(text, exempt) if spans is None else spans
                    if any(start < e_end and e_start < end for e_start, e_end in spans):
                        continue
                column = original_offset(report.lines.get(line, ""), text, start) + 1
                yield Hit(line, column, {"label": spec["label"], "text": shown(match.group(group), params)})
