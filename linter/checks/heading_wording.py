"""heading_wording: a section heading is worded as the format prints it.

Compared after removing the numeral, white space and punctuation, and after folding the
`equivalents` (e.g. 和/及) the rule lists; bracket width never matters (NFKC). The message
names the words that differ.
"""

import os
import re

from linter.findings import Hit
from linter.normalize import simplified

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
                "found": report.lines.get(section.line, section.heading).strip(),
                "expected": expected, "ours": ours, "theirs": theirs,
            })
