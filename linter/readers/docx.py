"""Word (.docx) reports, with python-docx.

- Body paragraphs and tables in document order. Headers, footers, footnotes, comments and
  text boxes are left out on purpose: the mandated content is in the body, and a text box
  is decoration or a stamp.
- A heading numbered by Word's list numbering (一、 in numbering.xml, not in the text) gets
  its number rendered into the text, so 总体情况 reads 一、总体情况 as the author sees it.
- Tables are written a row a line, cells separated by `|`. A merged cell is written once,
  in the first row and column it covers: horizontally merged (gridSpan) cells are not
  repeated, vertically merged (vMerge) continuations are skipped, so no value counts twice.
"""

import io
import zipfile

from docx import Document as open_docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from linter.document import Document, Line, table_row
from linter.errors import UnreadableFile
from linter.readers.numbering import ListNumbering


def _cell_text(cell) -> str:
    return " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())


def _table_lines(table: Table, index: int):
    # python-docx yields a merged cell's root <w:tc> for every grid position it covers,
    # across (gridSpan) and down (vMerge continuations): write each root once. The set
    # keeps the elements alive, so lxml hands back the same proxy for the same element.
    seen = set()
    for r, row in enumerate(table.rows, start=1):
        cells = []
        for cell in row.cells:
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            cells.append(_cell_text(cell))
        if len(cells) > 1 or (cells and cells[0]):  # a blank row is kept: its blanks are findings
            yield table_row(cells), {"table": index, "row": r}


def read(path: str, data: bytes) -> Document:
    try:
        document = open_docx(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableFile(f"not a readable Word document (.docx): {exc}") from exc
    except Exception as exc:  # python-docx raises several kinds on a damaged package
        raise UnreadableFile(f"damaged Word document: {type(exc).__name__}: {exc}") from exc
    numbering = ListNumbering(document)
    lines: list[Line] = []
    paragraph_index = table_index = 0
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph_index += 1
            paragraph = Paragraph(child, document)
            text = numbering.label(paragraph) + paragraph.text
            if text.strip():
                lines.append(Line(len(lines) + 1, text, {"paragraph": paragraph_index}))
        elif child.tag == qn("w:tbl"):
            table_index += 1
            for text, location in _table_lines(Table(child, document), table_index):
                lines.append(Line(len(lines) + 1, text, location))
    if not lines:
        raise UnreadableFile("the Word document has no text in its body")
    properties = document.core_properties
    meta = {"title": properties.title} if properties.title else {}
    return Document(path=path, lines=lines, encoding="docx", meta=meta)
