"""Word (.docx) reports, with python-docx.

- Body paragraphs and tables in document order. Headers, footers, footnotes, comments and
  text boxes are left out on purpose: the mandated content is in the body, and a text box
  is decoration or a stamp.
- A heading numbered by Word's list numbering (一、 in numbering.xml, not in the text) gets
  its number rendered into the text, so 总体情况 reads 一、总体情况 as the author sees it.
- Tables are written a row a line, cells separated by `|`. A merged cell is written once,
  in the first row and column it covers: a horizontally merged cell is one <w:tc> with a
  gridSpan, and a vertical merge's continuation cells (vMerge without "restart") hold no
  value of their own, so they are skipped: no value counts twice.
Cells and paragraphs are read from the XML directly: python-docx's per-cell and per-style
objects cost more than the rest of the linting; so is the package (docx_package.py).
"""

import zipfile

from docx.oxml.ns import nsmap, qn
from lxml import etree

from linter.document import Document, Line, table_row
from linter.errors import UnreadableFile
from linter.readers import archive
from linter.readers.docx_package import Package
from linter.readers.numbering import ListNumbering

W = nsmap["w"]


# Text of a paragraph: its runs, hyperlinks and tracked insertions, not text boxes.
_TEXT = etree.XPath(".//w:t[not(ancestor::w:txbxContent)]/text()", namespaces={"w": W})
# A row's cells but the continuations of a vertical merge (a vMerge in the cell's properties
# with no value or "continue"), chosen in C: a Python test costs more than the cell's text.
_WRITTEN_CELLS = etree.XPath("w:tc[not(w:tcPr[1]/w:vMerge[1][not(@w:val) or @w:val = 'continue'])]",
                             namespaces={"w": W})
_W_P, _W_TR, _W_TBL = qn("w:p"), qn("w:tr"), qn("w:tbl")


def paragraph_text(p) -> str:
    return "".join(_TEXT(p))


def _cell_text(tc) -> str:
    return " ".join(text for text in (paragraph_text(p).strip() for p in tc.iter(_W_P)) if text)


def _table_lines(tbl, index: int):
    for r, tr in enumerate(tbl.iterchildren(_W_TR), start=1):
        cells = [_cell_text(tc) for tc in _WRITTEN_CELLS(tr)]
        if len(cells) > 1 or (cells and cells[0]):  # a blank row is kept: its blanks are findings
            yield table_row(cells), {"table": index, "row": r}


def read(path: str, data: bytes) -> Document:
    checked = archive.check(data)  # before the parts are read whole
    try:
        document = Package(checked)  # the parts read with lxml, not python-docx's object graph
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableFile(f"not a readable Word document (.docx): {exc}", f"无法读取的 Word 文档（.docx）：{exc}") from exc
    except Exception as exc:  # a damaged package raises several kinds (lxml's XMLSyntaxError among them)
        raise UnreadableFile(f"damaged Word document: {type(exc).__name__}: {exc}",
                             f"Word 文档已损坏：{type(exc).__name__}: {exc}") from exc
    numbering = ListNumbering(document)
    lines: list[Line] = []
    paragraph_index = table_index = 0
    for child in document.element.body.iterchildren():
        if child.tag == _W_P:
            paragraph_index += 1
            text = numbering.label(child) + paragraph_text(child)
            if text.strip():
                lines.append(Line(len(lines) + 1, text, {"paragraph": paragraph_index}))
        elif child.tag == _W_TBL:
            table_index += 1
            for text, location in _table_lines(child, table_index):
                lines.append(Line(len(lines) + 1, text, location))
    if not lines:
        raise UnreadableFile("the Word document has no text in its body", "Word 文档正文中没有文字")
    properties = document.core_properties
    meta = {"title": properties.title} if properties.title else {}
    return Document(path=path, lines=lines, encoding="docx", meta=meta)
