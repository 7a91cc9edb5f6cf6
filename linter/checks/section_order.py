"""section_order: the mandated sections come in order 一…六, each once.

The headings kept in order are the longest run of increasing numbers; each other heading is
reported once: `duplicate` when its number is also among those kept, else `order`. So one
misplaced heading gives one finding, not one for every section after it.
"""

from linter.checks._common import NUMERALS
from linter.findings import Hit


def _longest_increasing(numbers: list[int]) -> set[int]:
    """Indexes of a longest strictly increasing subsequence (the earliest such, on ties).
    Section numbers are few (一…十), so the best run ending at each number is kept per number:
    linear in the headings, however many a hostile file has."""
    best = [1] * len(numbers)
    previous = [-1] * len(numbers)
    ending: dict[int, tuple[int, int]] = {}  # number -> (longest run ending at it, earliest index of one)
    for i, n in enumerate(numbers):
        before = [ending[u] for u in ending if u < n]
        if before:
            length, j = max(before, key=lambda lj: (lj[0], -lj[1]))
            best[i], previous[i] = length + 1, j
        if best[i] > ending.get(n, (0, -1))[0]:
            ending[n] = (best[i], i)
    keep, i = set(), max(range(len(numbers)), key=lambda k: (best[k], -k), default=-1)
    while i >= 0:
        keep.add(i)
        i = previous[i]
    return keep


def check(report, params):
    sections = [s for s in report.sections if s.number in report.format.sections]
    kept = _longest_increasing([s.number for s in sections])
    kept_by_number = {sections[k].number: sections[k] for k in sorted(kept)}  # kept numbers increase: one each
    for index, section in enumerate(sections):
        if index in kept:
            continue
        values = {"number": NUMERALS[section.number], "heading": section.heading}
        twin = kept_by_number.get(section.number)
        if twin is not None:
            yield Hit(section.line, section.column, {**values, "variant": "duplicate", "other_line": twin.line})
        else:
            yield Hit(section.line, section.column, {**values, "variant": "order"})
