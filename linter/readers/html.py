"""Web pages (.html/.htm), with lxml.

- Decoded from the page's own charset (meta charset / http-equiv; GB2312 and GBK read as
  GB18030, their superset), else UTF-8, else as the text reader detects.
- The article body is found inside a full government page: the smallest element that
  holds nearly all of the page's Chinese text (non-ASCII characters), once navigation,
  share bars, scripts and footers are set aside. A CMS page is mostly menus by markup,
  but a report by text.
- Block elements become lines; <br> breaks a line. A data table is written a row a line
  with `|` between cells; a merged cell (rowspan/colspan) is written once, in its first row,
  as the Word reader does. A table that holds tables is layout: its cells are read as blocks.
- <title> and the CMS meta tags (ArticleTitle, PubDate, ContentSource) give the title,
  date and agency. Each line keeps the source line it came from, for findings.
"""

import re

from lxml import etree

from linter.document import Document, Line, table_row
from linter.errors import UnreadableFile
from linter.readers.text import decode

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.I)
_GB = {"gb2312", "gbk", "gb18030", "x-gbk", "hz-gb-2312"}
_SKIP = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button",
         "select", "iframe", "svg", "head"}
_SKIP_HINT = re.compile(r"nav|menu|footer|header|share|breadcrumb|crumb|sidebar|copyright|toolbar|banner", re.I)
_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "blockquote",
           "pre", "dd", "dt", "tr", "center", "ul", "ol", "main", "caption"}
def _text(element) -> str:
    """An element's text, in C (plain etree elements: no lxml.html class lookup)."""
    return etree.tostring(element, method="text", encoding=str, with_tail=False)


def _decode(data: bytes) -> str:
    declared = _CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        try:
            return data.decode("gb18030" if name in _GB else name)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)[0]


def _skipped(element, weights: dict) -> bool:
    if not isinstance(element.tag, str) or element.tag in _SKIP:
        return True
    hint = f"{element.get('class', '')} {element.get('id', '')} {element.get('role', '')}"
    return bool(_SKIP_HINT.search(hint)) and weights[element][1] < 200


def _cjk_count(text: str) -> int:
    """Non-ASCII characters: the Chinese text and its punctuation, which is what tells a
    report from menus and scripts. Counted in C: the page's text is measured ~10 times."""
    return len(text) - len(text.encode("ascii", "ignore"))


def _weights(body) -> dict:
    """Element -> (characters, non-ASCII characters) of its text, for every element, in one
    pass from the leaves up: measuring each level's text anew would cost the page's size
    once per level of nesting (up to 255)."""
    weights = {}
    for _, element in etree.iterwalk(body, events=("end",)):
        own = element.text or ""
        length, cjk = len(own), _cjk_count(own)
        for child in element:
            tail = child.tail or ""
            inner = weights.get(child, (0, 0))  # a comment is not walked: its text is not text
            length, cjk = length + inner[0] + len(tail), cjk + inner[1] + _cjk_count(tail)
        weights[element] = (length, cjk)
    return weights


def _article(body, weights: dict):
    """The smallest element holding ≥ 85% of the page's Chinese text: descend while one
    child (navigation and the like set aside) holds that much. Only one child can."""
    whole = weights[body][1]
    node = body
    while True:
        best = None
        for child in node:
            if not isinstance(child.tag, str) or _skipped(child, weights):
                continue
            length, cjk = weights[child]
            if length >= 0.85 * whole and cjk >= 0.85 * whole:
                best = child
                break
        if best is None:
            return node
        node = best


def _clean(text: str) -> str:
    return " ".join(text.split())  # str.split() knows \u00a0 and \u3000 as white space


def _cell_text(cell) -> str:
    return _clean(_text(cell))


def _is_layout(table) -> bool:
    return table.find(".//table") is not None


def _rows(table):
    """Rows of this table only (not of tables nested in it)."""
    for row in table.iter("tr"):
        if next(row.iterancestors("table"), None) is table:
            yield row


class _Writer:
    def __init__(self, weights: dict):
        self.weights = weights
        self.lines: list[Line] = []
        self.buffer: list[str] = []
        self.source_line: int | None = None

    def text(self, text: str, source_line: int | None):
        if text and text.strip():
            if not self.buffer:
                self.source_line = source_line
            self.buffer.append(text)

    def flush(self):
        text = _clean("".join(self.buffer))
        if text:
            self.lines.append(Line(len(self.lines) + 1, text, {"line": self.source_line}))
        self.buffer = []

    def table(self, table):
        self.flush()
        for row in _rows(table):
            # A merged cell is written once, in its first row: the row's own cells are its
            # values, so rowspan and colspan need no grid (and a rowspan of 10⁹ costs nothing).
            cells = [_cell_text(cell) for cell in row if cell.tag in ("td", "th")]
            if len(cells) > 1 or (cells and cells[0]):  # a blank row is kept: its blanks are findings
                self.lines.append(Line(len(self.lines) + 1, table_row(cells), {"line": row.sourceline}))

    def walk(self, element):
        if _skipped(element, self.weights):
            self.text(" ", None)
        elif element.tag == "table" and not _is_layout(element):
            self.table(element)
        else:
            block = element.tag in _BLOCKS or element.tag in ("table", "td", "th")
            if block:
                self.flush()
            if element.tag == "br":
                self.flush()
            self.text(element.text or "", element.sourceline)
            for child in element:
                self.walk(child)
            if block:
                self.flush()
        if element.tail:
            self.text(element.tail, element.sourceline)


def _meta(root) -> dict:
    meta = {}
    title = root.find(".//title")
    names = {m.get("name", "").lower(): m.get("content", "").strip() for m in root.iter("meta") if m.get("name")}
    meta["title"] = names.get("articletitle") or (_clean(_text(title)) if title is not None else "")
    if names.get("contentsource"):
        meta["agency"] = names["contentsource"]
    if names.get("pubdate"):
        meta["date"] = names["pubdate"]
    return {k: v for k, v in meta.items() if v}


def read(path: str, data: bytes) -> Document:
    text = _decode(data)
    try:
        root = etree.fromstring(text, etree.HTMLParser())
    except (etree.ParserError, ValueError) as exc:
        raise UnreadableFile(f"not a readable web page: {exc}", f"无法读取的网页：{exc}") from exc
    if root is None:
        raise UnreadableFile("the web page is empty", "网页为空")
    body = root.find("body")
    if body is None or _cjk_count(_text(body)) < 50:
        raise UnreadableFile("the web page holds no report text (no Chinese text in its body)",
                             "网页中没有报告正文（正文中没有中文文字）")
    weights = _weights(body)
    writer = _Writer(weights)
    meta = _meta(root)
    article = _article(body, weights)
    writer.walk(article)
    writer.flush()
    lines = writer.lines
    title = re.split(r"[_|｜]| - ", meta.get("title", ""))[0].strip()
    if ("报告" in title or "報告" in title) and not any(title in line.text for line in lines[:5]):
        # The title lives in <title>/<meta>, outside the article: read it first, as a
        # text report would have it, for the year and the agency.
        element = root.find(".//title")
        first = Line(1, title, {"line": element.sourceline if element is not None else 1})
        lines = [first] + [Line(n, line.text, line.location) for n, line in enumerate(lines, start=2)]
    return Document(path=path, lines=lines, encoding="html", meta=meta)
