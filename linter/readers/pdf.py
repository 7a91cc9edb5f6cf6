"""PDF reports, read as printed: characters and ruling lines from PDFium (pypdfium2), tables
found by pdfplumber's table algorithm.

pdfplumber's own page parsing runs on pdfminer, in pure Python (~0.3 s a page); PDFium reads
the same characters and paths in C, ~15 times faster. pdfplumber still finds the tables:
its TableFinder reads only a page's ruling edges, which are built from PDFium's paths.

- Characters are placed by their origin and font size, never by glyph boxes, so a PDF
  whose fonts are not embedded reads the same on every machine (pdf_text).
- Only drawn lines are rules: the white boxes WPS puts behind text are not (pdf_tables).
- A cell spanning several grid positions comes back once (the others as None) and is
  written once; the lines of a wrapped cell are joined.
- A table that runs across a page break is joined: a table at the top of a page with the
  previous page's column count continues it, and rows repeating its header (Word and
  reportlab repeat header rows on each page) are dropped.
- A row that the page break cut is mended: a row whose cells all continue the text of the
  last row (Word broke the row) is appended to it; in a row of its own, a label cell that
  continues a merged cell of the page before (its rest, or nothing) goes into that cell.
- Text outside tables is read line by line in reading order, wrapped lines joined
  (pdf_text). Bare page numbers (3, - 3 -, 第3页) are page furniture and are left out.
- A PDF with no text layer (a scan) is an error that suggests OCR; an encrypted or damaged
  one is reported as such.
"""

import re

from linter.document import Document, Line, table_row
from linter.errors import UnreadableFile
from linter.readers.pdf_objects import page_objects
from linter.readers.pdf_tables import MAX_PATHS, page_edges, page_tables
from linter.readers.pdf_text import page_chars, text_lines, unplaced

_NEW_ITEM = re.compile(r"^\s*(\d+[.、．]|[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|第二十条)")
_NUMBER = re.compile(r"[\d.,\s-]+")


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
    return not any(_NUMBER.fullmatch(c) for c in cells if c)


def _merge(previous: list, row: list) -> list:
    return [(b or "") + (c or "") if b is not None else None for b, c in zip(previous, row)]


class _Table:
    """The table being written: its rows so far with their line numbers, so that the next
    page can continue it."""

    def __init__(self, width: int, header: list):
        self.width, self.header = width, header
        self.rows: list[tuple[int, list]] = []  # (index in lines, row)

    def origin(self, column: int) -> tuple[int, list] | None:
        """The row whose cell covers `column` in the last row (merged cells start above)."""
        return next(((i, row) for i, row in reversed(self.rows) if row[column] is not None), None)


def _carry_spans(table: _Table, rows: list[list], lines: list[Line]) -> None:
    """The first row of a page that continues `table`: its label cells (left of its first
    figure, under a label or a merged cell) under a merged cell the page break cut (the cell
    above is covered, or this one runs on down) belong to that merged cell — their text, if
    any, is its rest. A blank cell under a figure stays: it is a blank value."""
    first, last = rows[0], table.rows[-1][1]
    below = rows[1] if len(rows) > 1 else None
    values = next((k for k, c in enumerate(first) if c and _NUMBER.fullmatch(c)), len(first))
    for k in range(values):
        text = first[k]
        label = last[k] is None or (last[k] and not _NUMBER.fullmatch(last[k]))
        if text is None or not label or not any(first[k + 1:]):
            continue
        cut = last[k] is None or (below is not None and below[k] is None)
        if text and (not cut or _NEW_ITEM.match(text)):
            continue
        origin = table.origin(k)
        if text and origin is not None:
            index, row = origin
            row[k] = (row[k] or "") + text
            lines[index] = Line(lines[index].number, _row_text(row), lines[index].location)
        first[k] = None


def _open(data: bytes):
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code == raw.FPDF_ERR_PASSWORD or "password" in str(exc).lower():
            raise UnreadableFile("the PDF is encrypted; save an unprotected copy",
                                 "PDF 文件已加密，请另存一份未加密的副本") from exc
        raise UnreadableFile("not a readable PDF: the file is damaged or is not a PDF",
                             "无法读取的 PDF：文件已损坏或不是 PDF 文件") from exc


def _layout(data: bytes, index: int):
    """pdfminer's characters of one page (for the text PDFium cannot read; see pdf_text)."""
    from io import BytesIO

    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTContainer

    def walk(container):
        for item in container:
            if isinstance(item, LTChar):
                yield item
            elif isinstance(item, LTContainer):
                yield from walk(item)

    try:
        return [char for page in extract_pages(BytesIO(data), page_numbers=[index]) for char in walk(page)]
    except Exception:  # pdfminer only adds to what PDFium read: a file it cannot parse adds nothing
        return []


def _page_blocks(page, layout):
    """(has text, blocks): the page's text lines and tables, top to bottom."""
    import pypdfium2.raw as raw

    width, height = page.get_size()
    objects = page_objects(page, {raw.FPDF_PAGEOBJ_TEXT: None, raw.FPDF_PAGEOBJ_PATH: MAX_PATHS})
    chars = page_chars(page, height) + unplaced(objects[raw.FPDF_PAGEOBJ_TEXT], height, layout)
    edges = page_edges(objects[raw.FPDF_PAGEOBJ_PATH], height) if chars else None
    tables, outside = page_tables(edges, chars, width, height)
    blocks = [(top, "text", text) for top, text in text_lines(outside)]
    blocks += [(table.bbox[1], "table", table.rows) for table in tables]
    blocks.sort(key=lambda block: block[0])
    return bool(chars), blocks


def _pages(document, data: bytes):
    import pypdfium2 as pdfium

    for number in range(1, len(document) + 1):
        try:
            page = document[number - 1]
            try:
                has_text, blocks = _page_blocks(page, lambda: _layout(data, number - 1))
            finally:
                page.close()
        except pdfium.PdfiumError as exc:
            raise UnreadableFile(f"the PDF is damaged: page {number} cannot be read",
                                 f"PDF 文件已损坏：第 {number} 页无法读取") from exc
        yield number, has_text, blocks


def read(path: str, data: bytes) -> Document:
    document = _open(data)
    lines: list[Line] = []
    table: _Table | None = None  # the table that ended the last page
    any_text = False
    try:
        for number, has_text, blocks in _pages(document, data):
            any_text = any_text or has_text
            location = {"page": number}
            for index, (_, kind, content) in enumerate(blocks):
                if kind == "text":
                    lines.append(Line(len(lines) + 1, content, location))
                    table = None
                    continue
                rows = content
                width = len(rows[0]) if rows else 0
                if index == 0 and table and table.width == width and table.rows:
                    header = table.header
                    while rows and header and rows[0] == header[0]:
                        rows, header = rows[1:], header[1:]
                    if rows and _continues(table.rows[-1][1], rows[0]):
                        line, last = table.rows[-1]
                        merged = _merge(last, rows[0])
                        lines[line] = Line(lines[line].number, _row_text(merged), lines[line].location)
                        table.rows[-1] = (line, merged)
                        rows = rows[1:]
                    elif rows:
                        _carry_spans(table, rows, lines)
                else:
                    table = _Table(width, rows[:3])
                for row in rows:
                    text = _row_text(row)
                    if text:
                        lines.append(Line(len(lines) + 1, text, location))
                        table.rows.append((len(lines) - 1, row))
            if blocks and blocks[-1][1] == "text":
                table = None
    finally:
        document.close()
    if not any_text:
        raise UnreadableFile("the PDF has no text layer (a scanned image?); run OCR on it first, e.g. ocrmypdf",
                             "PDF 没有文字层（是扫描的图像吗？）；请先做文字识别（OCR），例如用 ocrmypdf")
    if not lines:
        raise UnreadableFile("the PDF has no text", "PDF 中没有文字")
    return Document(path=path, lines=lines, encoding="pdf")
