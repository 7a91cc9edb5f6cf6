"""Helpers the check kinds share: section scopes, regex search over paragraphs and lines."""

import re
from functools import lru_cache

from linter.checks._screen import may_occur

NUMERALS = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十"}


@lru_cache(maxsize=512)
def compiled(pattern: str, flags: int = 0) -> re.Pattern:
    return re.compile(pattern, flags)


def search_paragraphs(report, pattern: str, sections: list[int] | None = None):
    """(paragraph, match) for every match of pattern in the scoped paragraphs."""
    paragraphs, text = report.scope(None if sections is None else tuple(sections))
    if not may_occur(text, pattern):
        return
    regex = compiled(pattern, re.MULTILINE)  # as the screen has it (one compile): a paragraph is one line
    for paragraph in paragraphs:
        for match in regex.finditer(paragraph.text):
            yield paragraph, match


def any_match(report, patterns: list[str], sections: list[int] | None = None) -> bool:
    return any(next(search_paragraphs(report, p, sections), None) for p in patterns)


def column_of(report, line: int, offset: int) -> int:
    """1-based original column of `offset` into the (stripped) paragraph on `line`."""
    from linter.normalize import original_offset

    norm = report.norm.get(line, "")
    index = norm.find(norm.strip()[:1]) + offset if norm.strip() else offset
    return original_offset(report.lines.get(line, ""), norm, index) + 1


def anchor_line(report, number: int) -> int:
    """Where a finding about section `number` points: its heading, else where the heading
    belongs (the first line after the section before it; line 1 for 一、总体情况)."""
    section = report.section(number)
    if section is not None:
        return section.line
    before = [s for s in report.sections if s.number is not None and s.number < number]
    if before:
        last = max(before, key=lambda s: s.number)
        following = [s for s in report.sections if s.line > last.line]
        return following[0].line if following else min(last.end_line + 1, max(report.lines, default=1))
    if report.preamble.paragraphs:
        return report.preamble.paragraphs[0].line
    after = [s for s in report.sections if s.number is not None and s.number > number]
    return after[0].line if after else 1


def table_sum(report, cells):
    """The sum of table cells [(table, row, column)], or None unless every one was read as
    a number in a present table."""
    total = 0
    for table_key, row, column in cells:
        table = report.tables.get(table_key)
        if table is None or not table.readable or row not in table.rows:
            return None
        value = table.value(row, column)
        if value is None:
            return None
        total += value
    return total
