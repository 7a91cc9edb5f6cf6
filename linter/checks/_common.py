"""Helpers the check kinds share: section scopes, regex search over paragraphs and lines."""

import re
import re._parser as sre  # the stdlib's own reading of a pattern
from functools import lru_cache

NUMERALS = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十"}


@lru_cache(maxsize=512)
def compiled(pattern: str, flags: int = 0) -> re.Pattern:
    return re.compile(pattern, flags)


def scoped_paragraphs(report, sections: list[int] | None):
    """Paragraphs of the given sections (all, including the text before any heading, if None)."""
    if sections is None:
        yield from report.paragraphs
        return
    for number in sections:
        section = report.section(number)
        if section is not None:
            yield from section.paragraphs


# whether each class escape matches a line break (\\s does; \\d, \\w, \\S do not)
_CATEGORY_BREAK = {sre.CATEGORY_SPACE: True, sre.CATEGORY_NOT_SPACE: False, sre.CATEGORY_DIGIT: False,
                   sre.CATEGORY_NOT_DIGIT: True, sre.CATEGORY_WORD: False, sre.CATEGORY_NOT_WORD: True,
                   sre.CATEGORY_LINEBREAK: True, sre.CATEGORY_NOT_LINEBREAK: False}


def _nested(arg):
    """The parsed elements nested in an element's argument (groups, branches, repeats,
    lookarounds); a class's items are not elements."""
    if isinstance(arg, sre.SubPattern):
        yield from arg
    elif isinstance(arg, (tuple, list)):
        for part in arg:
            if isinstance(part, (sre.SubPattern, tuple, list)) and not _is_class_item(part):
                yield from _nested(part)


def _is_class_item(part) -> bool:
    return isinstance(part, tuple) and len(part) == 2 and part[0] in (sre.LITERAL, sre.RANGE, sre.CATEGORY, sre.NEGATE)


def _matches_break(node) -> bool:
    """Whether a parsed element could match a line break."""
    op, arg = node
    if op is sre.LITERAL:
        return arg == 10
    if op is sre.NOT_LITERAL:
        return arg != 10
    if op is sre.IN:
        hit = any(kind is sre.LITERAL and value == 10 or kind is sre.RANGE and value[0] <= 10 <= value[1]
                  or kind is sre.CATEGORY and _CATEGORY_BREAK.get(value, True) for kind, value in arg)
        return hit != any(kind is sre.NEGATE for kind, _ in arg)
    if op in (sre.ANY, sre.CATEGORY):
        return True
    return any(_matches_break(child) for child in _nested(arg))


def _beyond_line(node) -> bool:
    """Whether an element's match depends on what lies beyond its line: \\A, \\Z, or a
    negative lookaround that could match a line break (at a line's end it sees nothing alone,
    and the break in the joined text)."""
    op, arg = node
    if op is sre.AT:
        return arg in (sre.AT_BEGINNING_STRING, sre.AT_END_STRING)
    if op is sre.ASSERT_NOT:
        return any(_matches_break(child) for child in arg[1])
    return any(_beyond_line(child) for child in _nested(arg))


@lru_cache(maxsize=512)
def _screen(pattern: str) -> re.Pattern | None:
    """The pattern to search the whole text with before searching its lines one by one, or None
    when that could miss a match: lines joined by \\n and searched with MULTILINE (^ and $ at
    each line) hold every match a single line holds, unless the pattern tests what lies beyond
    the line. One search of the whole costs far less than a search call per line."""
    if any(_beyond_line(node) for node in sre.parse(pattern)):
        return None
    return compiled(pattern, re.MULTILINE)


def may_occur(text_of_lines: str, pattern: str) -> bool:
    """False only when no line of text_of_lines (lines joined by \\n) can hold a match."""
    screen = _screen(pattern)
    return screen is None or screen.search(text_of_lines) is not None


def search_paragraphs(report, pattern: str, sections: list[int] | None = None):
    """(paragraph, match) for every match of pattern in the scoped paragraphs."""
    paragraphs = list(scoped_paragraphs(report, sections))
    if not may_occur("\n".join(p.text for p in paragraphs), pattern):
        return
    regex = compiled(pattern)
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
