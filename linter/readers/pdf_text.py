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
from operator import attrgetter
from typing import NamedTuple

from linter.readers.pdf_objects import address, lean, placement

_SENTENCE_END = tuple("。;；:：!！?？")
_PAGE_NUMBER = re.compile(r"^[-—–\s]*(第\s*)?\d+\s*(页|/\s*\d+)?[-—–\s]*$")
# A line that starts a heading or an item is never the rest of the line above it.
_HEADING = re.compile(r"^\s*([一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])")
_SAME_LINE = 0.3  # baselines closer than this many ems are one line
_SAME_SIZE = 1.15  # a wrapped line keeps its paragraph's font size (headings are larger)
_SAME_ORIGIN = 0.5  # points: pdfminer's and PDFium's origins of one character agree to this
_SKIPPED = 0.01  # PDFium's text page skips a text object narrower than this (kSizeEpsilon)


class Char(NamedTuple):  # a tuple: a page makes a thousand
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
    """The characters of PDFium's text page (see unplaced for those it leaves out)."""
    import ctypes

    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count else ""
    if len(text) != count:  # characters outside the BMP: read them one by one
        text = "".join(textpage.get_text_range(i, 1)[:1] or " " for i in range(count))
    x, y, matrix = ctypes.c_double(), ctypes.c_double(), raw.FS_MATRIX()
    to_x, to_y, to_matrix = ctypes.addressof(x), ctypes.addressof(y), ctypes.addressof(matrix)
    # PDFium calls for every character (a thousand a page): made lean, looked up once
    handle, generated, origin = address(textpage.raw), lean("FPDFText_IsGenerated"), lean("FPDFText_GetCharOrigin")
    font_size, char_matrix = lean("FPDFText_GetFontSize"), lean("FPDFText_GetMatrix")
    chars = []
    for index, char in enumerate(text):
        # PDFium generates only spaces and line breaks (the spaces it infers from gaps)
        if char in "\r\n" or (char == " " and generated(handle, index) == 1):
            continue
        if not origin(handle, index, to_x, to_y):
            continue
        size = font_size(handle, index)
        if char_matrix(handle, index, to_matrix):
            size *= math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
        if not size > 0:  # nothing drawn (or NaN from a damaged matrix)
            continue
        chars.append(Char(char, x.value, x.value + _advance(char, size), height - y.value, size))
    return chars


def unplaced(texts: list[tuple], height: float, layout) -> list[Char]:
    """Text PDFium's text page leaves out: it skips a text object whose glyphs have no
    width, which is what a single character (a line of vertical text) in a font the PDF
    does not embed has on a machine without a substitute. PDFium cannot say what such an
    object reads, so pdfminer (which never looks at the machine's fonts) reads the page and
    the characters at those objects' origins are taken from it. `texts`: the page's text
    objects (pdf_objects.page_objects); `layout()` gives pdfminer's reading of the page,
    asked for only when some were skipped."""
    import ctypes

    left, bottom, right, top = values = [ctypes.c_float() for _ in range(4)]
    bounds, addresses = lean("FPDFPageObj_GetBounds"), [ctypes.addressof(value) for value in values]
    size = ctypes.c_float()
    skipped: dict[tuple[int, int], list] = {}  # by whole points: [x, y, font size] of each skipped object
    for obj, outer in texts:
        if bounds(obj, *addresses) and abs(right.value - left.value) < _SKIPPED:
            if lean("FPDFTextObj_GetFontSize")(obj, ctypes.addressof(size)) and size.value > 0:
                a, b, c, d, e, f = placement(obj, outer)
                skipped.setdefault((round(e), round(f)), []).append((e, f, size.value * math.sqrt(abs(a * d - b * c))))
    if not skipped:
        return []
    found, seen = [], set()
    for char in layout():
        x, y, text = char.matrix[4], char.matrix[5], char.get_text()
        near = [s for dx in (-1, 0, 1) for dy in (-1, 0, 1) for s in skipped.get((round(x) + dx, round(y) + dy), ())]
        at = next((s for s in near if abs(s[0] - x) <= _SAME_ORIGIN and abs(s[1] - y) <= _SAME_ORIGIN), None)
        if at and len(text) == 1 and text.strip() and (text, at) not in seen:
            seen.add((text, at))
            found.append(Char(text, at[0], at[0] + _advance(text, at[2]), height - at[1], at[2]))
    return found


def lines_of(chars: list[Char]) -> list[list[Char]]:
    """Characters grouped into lines by their baselines, each line left to right."""
    lines: list[list[Char]] = []
    for char in sorted(chars, key=attrgetter("baseline", "x0")):
        if lines and char.baseline - lines[-1][0].baseline <= _SAME_LINE * max(lines[-1][0].size, char.size):
            lines[-1].append(char)
        else:
            lines.append([char])
    return [sorted(line, key=attrgetter("x0")) for line in lines]


def _line_text(line: list[Char]) -> str:
    return "".join(c.text for c in line).strip()


def _wide(text: str) -> bool:
    return bool(text) and unicodedata.east_asian_width(text) in "WF"


def _joined(left: str, right: str) -> bool:
    """Do two lines of one cell continue each other without a space? Next to a Chinese
    character (a header "结果 / 维持" printed on two lines is 结果维持), and between digits:
    one cell holds one figure, so 100 / 6 wrapped in a narrow column is 1006."""
    return _wide(left) or _wide(right) or (left.isdigit() and right.isdigit())


def cell_text(chars: list[Char]) -> str:
    """A cell's text: its lines joined (see _joined)."""
    text = ""
    for line in lines_of(chars):
        part = _line_text(line)
        if text and part and not _joined(text[-1], part[0]):
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
