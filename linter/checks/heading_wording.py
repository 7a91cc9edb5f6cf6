"""heading_wording: a section heading is worded as the format prints it.

Compared after removing the numeral, white space and punctuation, and after folding the
`equivalents` (e.g. 和/及) the rule lists; bracket width never matters (NFKC). The message
names the words that differ.
"""

import os
import re

from linter.findings import Hit
from linter.normalize import original_offset, simplified

_STRIP = re.compile(r"^[一二三四五六七八九十]+[、.,]|[\s、,.:;()\"“”]")


def canonical(heading: str, equivalents: list[list[str]]) -> str:
    # A heading in the other script is not a deviation, even in a report of mixed script.
    text = _STRIP.sub("", simplified(heading))
    for group in equivalents:
        for alternative in group[1:]:
            text = text.replace(alternative, group[0])
    return text


def differences(found: str, expected: str) -> tuple[str, str]:
    """The differing middle of the two, after their common beginning and end: 整改 / 改进."""
    prefix = len(os.path.commonprefix([found, expected]))
    suffix = len(os.path.commonprefix([found[prefix:][::-1], expected[prefix:][::-1]]))
    return found[prefix:len(found) - suffix] or "∅", expected[prefix:len(expected) - suffix] or "∅"


def quoted(report, section) -> str:
    """The heading as the report prints it: only the heading, also when it ran into its line."""
    original, norm = report.lines.get(section.line, ""), report.norm.get(section.line, "")
    start = norm.find(section.heading)
    if start < 0:
        return section.heading
    return original[original_offset(original, norm, start):original_offset(original, norm, start + len(section.heading))]


def check(report, params):
    equivalents = params.get("equivalents", [])
    for section in report.sections:
        expected = report.format.sections.get(section.number)
        if expected is None:
            continue
        found, wanted = canonical(section.heading, equivalents), canonical(expected, equivalents)
        if found != wanted:
            ours, theirs = differences(found, wanted)
            yield Hit(section.line, section.column, {
                "found": quoted(report, section),
                "expected": expected, "ours": ours, "theirs": theirs,
            })
