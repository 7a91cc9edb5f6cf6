"""PDF reports: characters and ruling lines from PDFium (pypdfium2), tables found by
pdfplumber's table algorithm.

pdfplumber's own page parsing runs on pdfminer, in pure Python (~0.3 s a page); PDFium reads
the same characters and paths in C, ~15 times faster. pdfplumber still finds the tables:
its TableFinder reads only a page's ruling edges, which are built here from PDFium's paths.

- A cell spanning several grid positions comes back once (the others as None) and is
  written once.
- A table that runs across a page break is joined: a table at the top of a page with the
  previous page's table column count continues it, and rows repeating its header (Word and
  reportlab repeat header rows on each page) are dropped.
- A row that Word broke across the page (its label ends on the next page, its other cells
  empty there) is mended: the continuation is appended to the row it belongs to.
- Text outside tables is read line by line in reading order; a line that fills the text
  width and does not end a sentence is joined with the next, undoing the PDF's wrapping.
  Bare page numbers (3, - 3 -, 第3页) are page furniture and are left out.
- A PDF with no text layer (a scan) is an error that suggests OCR; an encrypted one too.
"""

import re
from dataclasses import dataclass

from linter.document import Document, Line, table_row
from linter.errors import UnreadableFile

_SENTENCE_END = tuple("。;；:：!！?？")
_PAGE_NUMBER = re.compile(r"^[-—–\s]*(第\s*)?\d+\s*(页|/\s*\d+)?[-—–\s]*$")
_NEW_ITEM = re.compile(r"^\s*(\d+[.、．]|[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|第二十条)")
_RULE = 2.0  # points: a path thinner than this is a ruling line, not an area


@dataclass
class _Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


class _Edges:
    """What pdfplumber's TableFinder reads of a page: its ruling edges and its box."""

    def __init__(self, edges: list[dict], width: float, height: float):
        self.edges = edges
        self.bbox = (0, 0, width, height)


def _edge(x0, top, x1, bottom, orientation) -> dict:
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "width": x1 - x0, "height": bottom - top,
            "orientation": orientation, "object_type": "line", "doctop": top}


def _edges(page, height: float) -> list[dict]:
    import pypdfium2.raw as raw

    edges = []
    for path in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH]):
        left, bottom, right, top = path.get_bounds()
        y0, y1 = height - top, height - bottom  # PDF space runs upward; pdfplumber's downward
        if y1 - y0 <= _RULE < right - left:
            edges.append(_edge(left, (y0 + y1) / 2, right, (y0 + y1) / 2, "h"))
        elif right - left <= _RULE < y1 - y0:
            edges.append(_edge((left + right) / 2, y0, (left + right) / 2, y1, "v"))
        elif right - left > _RULE and y1 - y0 > _RULE:  # a rectangle: its four sides
            edges += [_edge(left, y0, right, y0, "h"), _edge(left, y1, right, y1, "h"),
                      _edge(left, y0, left, y1, "v"), _edge(right, y0, right, y1, "v")]
    return edges


def _chars(page, height: float) -> list[_Char]:
    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count else ""
    if len(text) != count:  # characters outside the BMP: read them one by one
        text = "".join(textpage.get_text_range(i, 1)[:1] or " " for i in range(count))
    chars = []
    for index in range(count):
        if text[index] in "\r\n" or raw.FPDFText_IsGenerated(textpage.raw, index) == 1:
            continue
        left, bottom, right, top = textpage.get_charbox(index)
        chars.append(_Char(text[index], left, right, height - top, height - bottom))
    return chars


def _inside(char: _Char, box) -> bool:
    x, y = (char.x0 + char.x1) / 2, (char.top + char.bottom) / 2
    return box[0] <= x < box[2] and box[1] <= y < box[3]


def _lines_of(chars: list[_Char]) -> list[list[_Char]]:
    """Characters grouped into lines: a character whose middle lies within the current
    line's height belongs to it."""
    lines: list[list[_Char]] = []
    for char in sorted(chars, key=lambda c: (c.top, c.x0)):
        middle = (char.top + char.bottom) / 2
        if lines and lines[-1][0].top - 1 <= middle <= lines[-1][0].bottom + 1:
            lines[-1].append(char)
        else:
            lines.append([char])
    return [sorted(line, key=lambda c: c.x0) for line in lines]


def _text(chars: list[_Char]) -> str:
    return " ".join("".join(c.text for c in line).strip() for line in _lines_of(chars)).strip()


def _tables(page, chars, width, height):
    """(bbox, rows of cell texts; None where a merged cell covers the position)."""
    from pdfplumber.table import TableFinder

    found = []
    for table in TableFinder(_Edges(_edges(page, height), width, height)).tables:
        box = table.bbox  # a computed property: once
        inside = [c for c in chars if _inside(c, box)]
        rows = []
        for row in table.rows:
            in_row = [c for c in inside if _inside(c, row.bbox)]  # then each cell looks at its row only
            rows.append([None if cell is None else _text([c for c in in_row if _inside(c, cell)]) for cell in row.cells])
        found.append((box, rows))
    return found


def _text_lines(chars: list[_Char]):
    """(top, text) of the text outside tables, wrapped lines joined, page numbers dropped."""
    lines = [line for line in _lines_of(chars) if not _PAGE_NUMBER.match("".join(c.text for c in line))]
    if not lines:
        return []
    right = max(line[-1].x1 for line in lines)
    joined: list[list] = []
    for line in lines:
        text = "".join(c.text for c in line).strip()
        size = max(c.bottom - c.top for c in line)
        full = line[-1].x1 >= right - 1.5 * size
        if joined and joined[-1][2] and not joined[-1][1].endswith(_SENTENCE_END):
            joined[-1][1] += text
            joined[-1][2] = full
        elif text:
            joined.append([line[0].top, text, full])
    return [(top, text) for top, text, _ in joined]


def _row_text(row: list) -> str:
    """None marks a grid position covered by a merged cell: written once, where it starts.
    A blank row is kept (its blank cells are findings)."""
    cells = [" ".join(c.split()) if c else "" for c in row if c is not None]
    return table_row(cells) if len(cells) > 1 or (cells and cells[0]) else ""


def _continues(previous: list, row: list) -> bool:
    """Is `row`, at the top of a page, the rest of `previous` that the page break cut?"""
    cells = [c or "" for c in row]
    before = [c or "" for c in previous]
    if len(cells) != len(before) or all(cells) or not any(cells):
        return False
    if any(c and not b for c, b in zip(cells, before)) or any(_NEW_ITEM.match(c) for c in cells if c):
        return False
    return not any(re.fullmatch(r"[\d.,\s-]+", c) for c in cells if c)


def _merge(previous: list, row: list) -> list:
    return [(b or "") + (c or "") if b is not None else None for b, c in zip(previous, row)]


def _open(data: bytes):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise UnreadableFile("the PDF is encrypted; save an unprotected copy") from exc
        raise UnreadableFile(f"not a readable PDF: {exc}") from exc


def _pages(document):
    for number, page in enumerate(document, start=1):
        width, height = page.get_size()
        chars = _chars(page, height)
        tables = _tables(page, chars, width, height) if chars else []
        outside = [c for c in chars if not any(_inside(c, box) for box, _ in tables)]
        blocks = [(top, "text", text) for top, text in _text_lines(outside)]
        blocks += [(box[1], "table", rows) for box, rows in tables]
        blocks.sort(key=lambda block: block[0])
        yield number, bool(chars), blocks


def read(path: str, data: bytes) -> Document:
    document = _open(data)
    lines: list[Line] = []
    previous = None  # (column count, header rows, last row) of the table that ended the last page
    any_text = False
    try:
        for number, has_text, blocks in _pages(document):
            any_text = any_text or has_text
            location = {"page": number}
            for index, (_, kind, content) in enumerate(blocks):
                if kind == "text":
                    lines.append(Line(len(lines) + 1, content, location))
                    previous = None
                    continue
                rows = content
                width = len(rows[0]) if rows else 0
                if index == 0 and previous and previous[0] == width:
                    header, last = previous[1], previous[2]
                    while rows and header and rows[0] == header[0]:
                        rows, header = rows[1:], header[1:]
                    if rows and last is not None and _continues(last, rows[0]):
                        merged = _merge(last, rows[0])
                        lines[-1] = Line(lines[-1].number, _row_text(merged), lines[-1].location)
                        rows, last = rows[1:], merged
                    header = previous[1]
                else:
                    header, last = rows[:3], None
                for row in rows:
                    text = _row_text(row)
                    if text:
                        lines.append(Line(len(lines) + 1, text, location))
                        last = row
                previous = (width, header, last)
            if blocks and blocks[-1][1] == "text":
                previous = None
    finally:
        document.close()
    if not any_text:
        raise UnreadableFile("the PDF has no text layer (a scanned image?); run OCR on it first, e.g. ocrmypdf")
    if not lines:
        raise UnreadableFile("the PDF has no text")
    return Document(path=path, lines=lines, encoding="pdf")
