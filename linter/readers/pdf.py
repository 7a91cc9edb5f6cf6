"""PDF reports, with pdfplumber.

- Tables are rebuilt from their ruled lines (pdfplumber's lines strategy); a cell spanning
  several grid positions comes back once, the rest as None, and is written once.
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

import io
import re

from linter.document import Document, Line, table_row
from linter.errors import UnreadableFile

_SENTENCE_END = tuple("。;；:：!！?？")
_PAGE_NUMBER = re.compile(r"^[-—–\s]*(第\s*)?\d+\s*(页|/\s*\d+)?[-—–\s]*$")
_NEW_ITEM = re.compile(r"^\s*(\d+[.、．]|[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|第二十条)")


def _open(data: bytes):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfplumber wraps pdfminer's errors in PdfminerException(cause)
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise UnreadableFile("the PDF is encrypted; save an unprotected copy") from exc
        raise UnreadableFile(f"not a readable PDF: {cause}") from exc


def _row_text(row: list) -> str:
    """None marks a grid position covered by a merged cell: written once, where it starts.
    A blank row is kept (its blank cells are findings)."""
    cells = [" ".join(c.split()) if c else "" for c in row if c is not None]
    return table_row(cells) if len(cells) > 1 or (cells and cells[0]) else ""


def _text_lines(page, tables):
    """Lines of text outside the tables: (top, text), wrapped lines joined."""
    boxes = [t.bbox for t in tables]

    def outside(obj):
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    lines = [line for line in page.filter(outside).extract_text_lines(layout=False, strip=True)
             if not _PAGE_NUMBER.match(line["text"])]
    if not lines:
        return []
    right = max(line["x1"] for line in lines)
    width = max((line["chars"][0]["size"] for line in lines if line["chars"]), default=10)
    joined: list[list] = []
    for line in lines:
        text = line["text"]
        if joined and joined[-1][2] and not joined[-1][1].endswith(_SENTENCE_END):
            joined[-1][1] += text
            joined[-1][2] = line["x1"] >= right - 1.5 * width
        else:
            joined.append([line["top"], text, line["x1"] >= right - 1.5 * width])
    return [(top, text) for top, text, _ in joined]


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


def read(path: str, data: bytes) -> Document:
    pdf = _open(data)
    lines: list[Line] = []
    previous = None  # (column count, header rows, last row) of the table that ended the last page
    with pdf:
        if not any(page.chars for page in pdf.pages):
            raise UnreadableFile("the PDF has no text layer (a scanned image?); run OCR on it first, e.g. ocrmypdf")
        for page in pdf.pages:
            tables = page.find_tables()
            blocks = [(top, "text", text) for top, text in _text_lines(page, tables)]
            blocks += [(t.bbox[1], "table", t) for t in tables]
            blocks.sort(key=lambda block: block[0])
            for index, (_, kind, content) in enumerate(blocks):
                location = {"page": page.page_number}
                if kind == "text":
                    lines.append(Line(len(lines) + 1, content, location))
                    previous = None
                    continue
                rows = content.extract()
                width = len(rows[0]) if rows else 0
                if index == 0 and previous and previous[0] == width:
                    header, last = previous[1], previous[2]
                    while rows and header and rows[0] == header[0]:
                        rows, header = rows[1:], header[1:]
                    if rows and last is not None and _continues(last, rows[0]):
                        merged = _merge(last, rows[0])
                        lines[-1] = Line(lines[-1].number, _row_text(merged), lines[-1].location)
                        rows = rows[1:]
                        last = merged
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
    if not lines:
        raise UnreadableFile("the PDF has no text")
    return Document(path=path, lines=lines, encoding="pdf")
