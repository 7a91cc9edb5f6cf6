"""A PDF page's characters, placed by what the PDF itself says, and grouped into lines.

PDFium's character boxes are the ink of the glyphs PDFium drew: for a font the PDF does
not embed they depend on the substitute font the machine has, and they are zero-height
when it has none (a machine without CJK fonts). The pen origin on the baseline and the
font size come from the PDF alone, so characters are placed by those: the same lines and
cells on every machine.

All y coordinates here run downward from the top of the page, as pdfplumber's do.
"""

import math
import re
import unicodedata
from dataclasses import dataclass

_SENTENCE_END = tuple("。;；:：!！?？")
_PAGE_NUMBER = re.compile(r"^[-—–\s]*(第\s*)?\d+\s*(页|/\s*\d+)?[-—–\s]*$")
# A line that starts a heading or an item is never the rest of the line above it.
_HEADING = re.compile(r"^\s*([一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])")
_SAME_LINE = 0.3  # baselines closer than this many ems are one line
_SAME_SIZE = 1.15  # a wrapped line keeps its paragraph's font size (headings are larger)


@dataclass(frozen=True, slots=True)
class Char:
    text: str
    x0: float  # the pen origin
    x1: float  # x0 plus the advance: one em for a full-width character, half an em otherwise
    baseline: float
    size: float  # the font size in page units (the text matrix applied)

    @property
    def middle(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, self.baseline - 0.35 * self.size


def _advance(text: str, size: float) -> float:
    return size if unicodedata.east_asian_width(text) in "WF" else size / 2


def page_chars(page, height: float) -> list[Char]:
    import ctypes

    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count else ""
    if len(text) != count:  # characters outside the BMP: read them one by one
        text = "".join(textpage.get_text_range(i, 1)[:1] or " " for i in range(count))
    x, y, matrix = ctypes.c_double(), ctypes.c_double(), raw.FS_MATRIX()
    chars = []
    for index in range(count):
        if text[index] in "\r\n" or raw.FPDFText_IsGenerated(textpage.raw, index) == 1:
            continue
        if not raw.FPDFText_GetCharOrigin(textpage.raw, index, x, y):
            continue
        size = raw.FPDFText_GetFontSize(textpage.raw, index)
        if raw.FPDFText_GetMatrix(textpage.raw, index, matrix):
            size *= math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
        if not size > 0:  # nothing drawn (or NaN from a damaged matrix)
            continue
        chars.append(Char(text[index], x.value, x.value + _advance(text[index], size), height - y.value, size))
    return chars


def lines_of(chars: list[Char]) -> list[list[Char]]:
    """Characters grouped into lines by their baselines, each line left to right."""
    lines: list[list[Char]] = []
    for char in sorted(chars, key=lambda c: (c.baseline, c.x0)):
        if lines and char.baseline - lines[-1][0].baseline <= _SAME_LINE * max(lines[-1][0].size, char.size):
            lines[-1].append(char)
        else:
            lines.append([char])
    return [sorted(line, key=lambda c: c.x0) for line in lines]


def _line_text(line: list[Char]) -> str:
    return "".join(c.text for c in line).strip()


def _wide(text: str) -> bool:
    return bool(text) and unicodedata.east_asian_width(text) in "WF"


def cell_text(chars: list[Char]) -> str:
    """A cell's text: its lines joined, without a space where the wrap falls next to a
    Chinese character (a header "结果 / 维持" printed on two lines is 结果维持)."""
    text = ""
    for line in lines_of(chars):
        part = _line_text(line)
        if text and part and not (_wide(text[-1]) or _wide(part[0])):
            text += " "
        text += part
    return " ".join(text.split())


def text_lines(chars: list[Char]) -> list[tuple[float, str]]:
    """(top, text) of the lines of running text, wrapped lines joined, page numbers dropped.
    A line is the rest of the one above when that one fills the text width, does not end a
    sentence, has the same font size, and this one does not start a heading."""
    lines = [line for line in lines_of(chars) if not _PAGE_NUMBER.match("".join(c.text for c in line))]
    if not lines:
        return []
    right = max(line[-1].x1 for line in lines)
    joined: list[list] = []  # [top, text, fills the width, size]
    for line in lines:
        text = _line_text(line)
        size = max(c.size for c in line)
        full = line[-1].x1 >= right - 1.5 * size
        if (joined and joined[-1][2] and not joined[-1][1].endswith(_SENTENCE_END) and text
                and max(size, joined[-1][3]) <= _SAME_SIZE * min(size, joined[-1][3]) and not _HEADING.match(text)):
            joined[-1][1] += text
            joined[-1][2] = full
        elif text:
            joined.append([line[0].baseline - size, text, full, size])
    return [(top, text) for top, text, _, _ in joined]
