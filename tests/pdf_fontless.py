"""Read PDFs as a machine without fonts does: PDFium gets a system font list that offers no
font, so a font the PDF does not embed has no substitute and its glyph boxes are zero-height.

    python tests/pdf_fontless.py [--no-fonts] FILE...

prints JSON: for each file, the document lines the reader gives and how many characters
PDFium boxed with zero height (the proof that the machine's fonts were out of reach).
"""

import ctypes
import json
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw

_CALLBACKS = dict(raw.FPDF_SYSFONTINFO._fields_)
_NO_FONTS = {  # every question about the machine's fonts answered "none"
    "Release": lambda this: None,
    "EnumFonts": lambda this, mapper: None,
    "MapFont": lambda this, weight, italic, charset, pitch, face, exact: None,
    "GetFont": lambda this, face: None,
    "GetFontData": lambda this, font, table, buffer, size: 0,
    "GetFaceName": lambda this, font, buffer, size: 0,
    "GetFontCharset": lambda this, font: 0,
    "DeleteFont": lambda this, font: None,
}


_INFO = raw.FPDF_SYSFONTINFO(version=1, **{name: _CALLBACKS[name](f) for name, f in _NO_FONTS.items()})


def hide_fonts():
    """From now on in this process (PDFium keeps the pointer: _INFO lives as long)."""
    raw.FPDF_SetSystemFontInfo(ctypes.byref(_INFO))


def zero_height_boxes(path: Path) -> int:
    document = pdfium.PdfDocument(path)
    count = 0
    for page in document:
        textpage = page.get_textpage()
        for index in range(textpage.count_chars()):
            left, bottom, right, top = textpage.get_charbox(index)
            count += top - bottom < 0.1 and textpage.get_text_range(index, 1).strip() != ""
    return count


def main(arguments: list[str]) -> None:
    hidden = arguments[0] == "--no-fonts"
    if hidden:
        hide_fonts()
    from linter.readers import read

    out = {}
    for name in arguments[hidden:]:
        path = Path(name)
        lines = [(line.number, line.location, line.text) for line in read(path).lines]
        out[name] = {"lines": lines, "zero_height": zero_height_boxes(path)}
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1:])
