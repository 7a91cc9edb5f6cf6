"""section_order: the mandated sections come in order 一…六, each once.

The headings kept in order are the longest run of increasing numbers; each other heading is
reported once: `duplicate` when its number is also among those kept, else `order`. So one
misplaced heading gives one finding, not one for every section after it.
"""

from linter.checks._common import NUMERALS
from linter.findings import Hit


def _longest_increasing(numbers: list[int]) -> set[int]:
    """Indexes of a longest strictly increasing subsequence (the earliest such, on ties)."""
    best = [1] * len(numbers)
    previous = [-1] * len(numbers)
    for i, n in enumerate(numbers):
        for j in range(i):
            if numbers[j] < n and best[j] + 1 > best[i]:
                best[i], previous[i] = best[j] + 1, j
    keep, i = set(), max(range(len(numbers)), key=lambda k: (best[k], -k), default=-1)
    while i >= 0:
        keep.add(i)
        i = previous[i]
    return keep


def check(report, params):
    sections = [s for s in report.sections if s.number in report.format.sections]
    kept = _longest_increasing([s.number for s in sections])
    for index, section in enumerate(sections):
        if index in kept:
            continue
        values = {"number": NUMERALS[section.number], "heading": section.heading}
        twin = next((sections[k] for k in sorted(kept) if sections[k].number == section.number), None)
        if twin is not None:
            yield Hit(section.line, section.column, {**values, "variant": "duplicate", "other_line": twin.line})
        else:
            yield Hit(section.line, section.column, {**values, "variant": "order"})
