"""Turn normalised lines into the token stream the Lark grammars parse.

A line is a section heading, a paragraph, or table cells. Cells are classified by the
label terminals of the version's grammar (their regular expressions are read from the
grammar itself, so the .lark file is the one place a label is spelled), else as a value:
NUM, BLANK or TEXT.
"""

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from lark import Token
from lark.lexer import Lexer

from linter.labels import matcher
from linter.normalize import NormLine

_NUMERALS = "一二三四五六七八九十"
# A section heading: 一、… to 十、…, short and not a sentence.
# 一 … 九十九 written as numbers are (一一 or 十十 are not numerals)
_NUMERAL = "(?:[二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_HEADING = re.compile(rf"^\s*({_NUMERAL})\s*[、.,]\s*(\S[^。;]{{0,39}}?)\s*$")
_FILLER = re.compile(r"^\|+\s*$")  # `|`, `||`, `|||`: merged-cell markers (` |` is an empty cell)
# A section heading run into the text around it (crawler text has no line breaks).
_RUN_IN = re.compile(rf"(?<![{_NUMERALS}])({_NUMERAL})\s*、")
_RUN_IN_SIMILAR = 0.8  # share of a mandated title the text after the numeral must reproduce
_MD_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_SEVERAL_FIGURES = re.compile(r"^[+-]?\d+(\.\d+)?(\s+[+-]?\d+(\.\d+)?)+$")


def numeral_value(numeral: str) -> int:
    """一 → 1, 十二 → 12, 三十 → 30: a numeral as _NUMERAL matches it."""
    tens, ten, ones = numeral.partition("十")
    if not ten:
        return _NUMERALS.index(numeral) + 1
    return (_NUMERALS.index(tens) + 1 if tens else 1) * 10 + (_NUMERALS.index(ones) + 1 if ones else 0)


@dataclass(slots=True)  # not frozen: one per cell, and a frozen __init__ costs 2x
class Item:
    """One piece of a line before label classification."""

    kind: str  # HEADING | PARA | CELL | ROW (a line of several cells); a value cell's kind once lexed
    text: str  # normalised
    line: int
    column: int  # 1-based, in the original line
    cells: "list[Item] | None" = None  # a ROW's cells


def split_cells(text: str) -> list[tuple[str, int]]:
    """Cells of a table line with their offsets. A leading and a trailing `|` are borders."""
    stripped = text.rstrip()
    end = len(stripped) - (stripped[-1:] == "|")
    lead = len(text) - len(text.lstrip())
    start = lead + 1 if text[lead:lead + 1] == "|" else 0
    cells, offset = [], start
    for part in text[start:end].split("|"):
        cell = part.strip()
        # where the cell's text starts: its first character's first occurrence (only spaces precede it)
        cells.append((cell, offset + (part.find(cell[0]) if cell else len(part))))
        offset += len(part) + 1
    return cells


def _title_end(text: str, start: int, titles: tuple[str, ...]) -> int | None:
    """Where a mandated section title that begins at `start` ends, or None if none begins there."""
    best, end = 0.0, None
    for title in titles:
        window = text[start:start + len(title) + 4]
        if not window or window[0] != title[0]:
            continue
        blocks = [b for b in difflib.SequenceMatcher(None, window, title, autojunk=False).get_matching_blocks() if b.size]
        share = sum(b.size for b in blocks) / len(title)
        if share >= _RUN_IN_SIMILAR and share > best:
            best, end = share, start + blocks[-1].a + blocks[-1].size
    return end


def _split_run_in(text: str, titles: tuple[str, ...]) -> list[tuple[str, int, int]]:
    """(kind, start, end) pieces of a paragraph: HEADING where a mandated section title is run
    into the text, PARA for the rest. A numbered item whose words are not a section title
    (一、本年新收… in a flattened table) stays text."""
    pieces, cursor = [], 0
    for match in _RUN_IN.finditer(text):
        end = _title_end(text, match.end(), titles)
        if end is None:
            continue
        if text[cursor:match.start()].strip():
            pieces.append(("PARA", cursor, match.start()))
        pieces.append(("HEADING", match.start(), end))
        cursor = end
    if pieces and text[cursor:].strip():
        pieces.append(("PARA", cursor, len(text)))
    return pieces or [("PARA", 0, len(text))]


def items(lines: list[NormLine], titles: tuple[str, ...] = ()):
    """Items of the lines; `titles` are the mandated section titles (without numeral), used to
    find headings run into the text — only in a text with no heading lines of its own (copied
    from a web page or a crawler): elsewhere a numbered title inside a line is prose, such as a
    preamble that lists the parts (本报告包括一、总体情况；二、…)."""
    headings = [None if "|" in line.text else _HEADING.match(line.text) for line in lines]
    run_in = titles if not any(headings) else ()
    for line, heading in zip(lines, headings):
        text = line.text
        if not text.strip():
            continue
        if "|" in text:
            if _FILLER.match(text) or "-" in text and _MD_RULE.match(text):
                continue
            same = len(text) == len(line.original)  # the usual case: offsets are the original's
            cells = [Item("CELL", cell, line.number, offset + 1 if same else line.original_column(offset))
                     for cell, offset in split_cells(text)]
            yield Item("ROW", "", line.number, 1, cells) if len(cells) > 1 else cells[0]
            continue
        if heading:
            offset = len(text) - len(text.lstrip())
            yield Item("HEADING", text.strip(), line.number, line.original_column(offset))
            continue
        if not run_in:
            offset = len(text) - len(text.lstrip())
            yield Item("PARA", text.strip(), line.number, line.original_column(offset))
            continue
        for kind, start, end in _split_run_in(text, run_in):
            piece = text[start:end]
            offset = start + len(piece) - len(piece.lstrip())
            yield Item(kind, piece.strip(), line.number, line.original_column(offset))


def cell_key(text: str) -> str:
    return "".join(text.split())


def value_type(text: str) -> str:
    """NUM, BLANK, TEXT, or RUN: several figures in one cell (`10 1 0 0`), which cells ran
    together to make; which column each belongs to cannot be told."""
    key = cell_key(text)
    if not key:
        return "BLANK"
    if _NUMBER.match(key) or _GROUPED.match(key):
        return "RUN" if _SEVERAL_FIGURES.match(text.strip()) else "NUM"
    return "TEXT"


_VALUES = frozenset(("NUM", "BLANK", "TEXT", "RUN"))


class Values(Token):
    """The value cells that follow one another (a row's, or an orphan's): one token, so that
    the parser pays once per row, not once per cell. `cells` are their Items, each with its
    value kind (NUM, BLANK, TEXT, RUN)."""

    __slots__ = ("cells",)


def _values(cells: list[Item]) -> Values:
    token = Values("VALUES", "", None, cells[0].line, cells[0].column)
    token.cells = cells
    return token


class ReportLexer(Lexer):
    """Lark lexer over Items; labels are the grammar's terminals, found by LabelMatcher."""

    def __init__(self, lexer_conf):
        self.labels = matcher(lexer_conf.terminals)
        # a cell's kind depends on its text alone, and reports repeat texts (0, labels, headers)
        self._kind_of = lru_cache(maxsize=8192)(self._classify)

    def _classify(self, text: str) -> str:
        key = cell_key(text)
        return (self.labels.label_of(key) if key else None) or value_type(text)

    def _row(self, cells: list[Item]) -> list[tuple[str, Item]]:
        """(kind, item) of one table line's cells. Blank cells before the row's label are the
        label column's (a group label's rowspan, a stray empty cell), not values."""
        kinds = [self._kind_of(cell.text) for cell in cells]
        first_label = None
        for i, kind in enumerate(kinds):
            if kind not in _VALUES:
                first_label = i
                break
        if first_label:  # blank cells before it
            keep = [i for i, kind in enumerate(kinds) if i >= first_label or kind != "BLANK"]
            cells, kinds = [cells[i] for i in keep], [kinds[i] for i in keep]
        classified = list(zip(kinds, cells))
        if kinds and kinds[0] in _VALUES:
            # A row line with no label: its values must not join the previous row.
            classified.insert(0, ("_EOR", cells[0]))
        return classified

    def lex(self, data):
        values: list[Item] = []
        for item in data:
            if item.kind == "ROW":
                classified = self._row(item.cells)
            else:
                classified = ((self._kind_of(item.text) if item.kind == "CELL" else item.kind, item),)
            for kind, piece in classified:
                if kind in _VALUES:
                    piece.kind = kind  # the cell's Item is its value from here on
                    values.append(piece)
                    continue
                if values:
                    yield _values(values)
                    values = []
                yield Token(kind, "" if kind == "_EOR" else piece.text, None, piece.line, piece.column)
        if values:
            yield _values(values)
