"""Turn normalised lines into the token stream the Lark grammars parse.

A line is a section heading, a paragraph, or table cells. Cells are classified by the
label terminals of the version's grammar (their regular expressions are read from the
grammar itself, so the .lark file is the one place a label is spelled), else as a value:
NUM, BLANK or TEXT.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from lark import Token
from lark.lexer import Lexer

from linter.normalize import NormLine

_NUMERALS = "一二三四五六七八九十"
# A section heading: 一、… to 十、…, short and not a sentence.
_HEADING = re.compile(rf"^\s*([{_NUMERALS}]{{1,2}})\s*[、.,]\s*(\S[^。;]{{0,39}}?)\s*$")
_FILLER = re.compile(r"^[|\s]*\|[|]*\s*$")  # `|`, `||`, `|||`: merged-cell markers
_MD_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


def numeral_value(numeral: str) -> int:
    if numeral == "十":
        return 10
    if numeral.startswith("十"):
        return 10 + _NUMERALS.index(numeral[1]) + 1
    return _NUMERALS.index(numeral) + 1


@dataclass(frozen=True)
class Item:
    """One piece of a line before label classification."""

    kind: str  # HEADING | PARA | CELL | ROW (a multi-cell line starts here)
    text: str  # normalised
    line: int
    column: int  # 1-based, in the original line


def split_cells(text: str) -> list[tuple[str, int]]:
    """Cells of a table line with their offsets. A leading and a trailing `|` are borders."""
    start, end = 0, len(text)
    stripped = text.rstrip()
    end = len(stripped)
    if stripped.endswith("|"):
        end -= 1
    lead = len(text) - len(text.lstrip())
    if text[lead:lead + 1] == "|":
        start = lead + 1
    cells, offset = [], start
    for part in text[start:end].split("|"):
        cells.append((part.strip(), offset + (len(part) - len(part.lstrip()))))
        offset += len(part) + 1
    return cells


def items(lines: list[NormLine]):
    for line in lines:
        text = line.text
        if not text.strip():
            continue
        if "|" in text:
            if _FILLER.match(text) and " " not in text.strip() or _MD_RULE.match(text):
                continue
            cells = split_cells(text)
            if len(cells) > 1:
                yield Item("ROW", "", line.number, 1)
            for cell, offset in cells:
                yield Item("CELL", cell, line.number, line.original_column(offset))
            continue
        heading = _HEADING.match(text)
        kind = "HEADING" if heading else "PARA"
        offset = len(text) - len(text.lstrip())
        yield Item(kind, text.strip(), line.number, line.original_column(offset))


def cell_key(text: str) -> str:
    return "".join(text.split())


def value_type(text: str) -> str:
    key = cell_key(text)
    if not key:
        return "BLANK"
    if _NUMBER.match(key) or _GROUPED.match(key):
        return "NUM"
    return "TEXT"


class ReportLexer(Lexer):
    """Lark lexer over Items; label patterns come from the grammar's terminals."""

    def __init__(self, lexer_conf):
        # One alternation, in the grammar's order: fullmatch tries the labels in turn.
        alternatives = "|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in lexer_conf.terminals)
        self.labels = re.compile(alternatives) if alternatives else None
        self.label_of = lru_cache(maxsize=4096)(self._label_of)

    def _label_of(self, key: str) -> str | None:
        match = self.labels.fullmatch(key) if self.labels is not None else None
        return match.lastgroup if match else None

    def lex(self, data):
        row_start = False
        for item in data:
            if item.kind == "ROW":
                row_start = True
                continue
            if item.kind == "CELL":
                kind = self.label_of(cell_key(item.text)) or value_type(item.text)
                if row_start and kind in ("NUM", "BLANK", "TEXT"):
                    # A row line with no label: its values must not join the previous row.
                    yield Token("_EOR", "", line=item.line, column=item.column)
                row_start = False
            else:
                kind = item.kind
            yield Token(kind, item.text, line=item.line, column=item.column)
