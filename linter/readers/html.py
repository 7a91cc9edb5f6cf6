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
# An XHTML page's XML declaration: its encoding names the charset; the declaration itself goes
# before parsing (the page is decoded here, and lxml refuses text that declares an encoding).
_XML_DECLARATION = re.compile(r"""\A(\ufeff?\s*)<\?xml[^>]*\?>""")
_XML_ENCODING = re.compile(rb"""\A(?:\xef\xbb\xbf)?\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_-]+)""")
_GB = {"gb2312", "gbk", "gb18030", "x-gbk", "hz-gb-2312"}
_SKIP = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button",
         "select", "iframe", "svg", "head"}
_HINT = r"nav|menu|footer|header|share|breadcrumb|crumb|sidebar|copyright|toolbar|banner"
# An ASCII hint is searched lower-cased: re.I makes the alternation scan 3x slower. A
# non-ASCII one keeps re.I's Unicode case folding (the Kelvin sign is a k).
_HINT_LOWER, _HINT_ANY_CASE = re.compile(_HINT), re.compile(_HINT, re.I)
# The values themselves (each knows its element): 5x faster than testing each element for them.
# No hint holds a space, so a value searched alone finds what class, id and role joined would.
_HINTS = etree.XPath("descendant-or-self::*/@class | descendant-or-self::*/@id | descendant-or-self::*/@role")
_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "blockquote",
           "pre", "dd", "dt", "tr", "center", "ul", "ol", "main", "caption"}
_BREAKS = _BLOCKS | {"table", "td", "th"}  # a layout table's cells are blocks too


def _text(element) -> str:
    """An element's text, in C (plain etree elements: no lxml.html class lookup)."""
    return etree.tostring(element, method="text", encoding=str, with_tail=False)


def _decode(data: bytes) -> str:
    declared = _CHARSET.search(data[:4096]) or _XML_ENCODING.match(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        try:
            return data.decode("gb18030" if name in _GB else name)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)[0]


# Elements measured one at a time lie at most this deep below <body>: a measure costs the
# element's subtree, so measuring down a chain of nested elements costs the page once per
# level (a hostile page nests 255 deep; a CMS page's article lies 5–10 deep).
_MEASURED_DEPTH = 32


def _cjk_count(text: str) -> int:
    """Non-ASCII characters: the Chinese text and its punctuation, which is what tells a
    report from menus and scripts. Counted in C."""
    return len(text) - len(text.encode("ascii", "ignore"))


_NOT_LEAD = bytes(range(0xC0))  # ASCII and UTF-8 continuation bytes


def _cjk_of(element) -> int:
    """_cjk_count of an element's text, as the UTF-8 lead bytes of its serialised text: no
    str is made of it."""
    utf8 = etree.tostring(element, method="text", encoding="utf-8", with_tail=False)
    return len(utf8.translate(None, _NOT_LEAD))


class _Weights:
    """Element -> non-ASCII characters of its text, measured when first asked: finding the
    article and telling a share bar from a long section ask about a few dozen elements, not
    the page's thousands, and each is measured in C from its serialised text. Asked about an
    element deeper than _MEASURED_DEPTH, it measures every element in one pass from the
    leaves up instead: a deep page costs its size once, not once per level."""

    def __init__(self, body):
        self.body = body
        self.known = {body: _cjk_of(body)}
        self.complete = False

    def get(self, element, depth: int) -> int:
        weight = self.known.get(element)
        if weight is None:
            if depth <= _MEASURED_DEPTH or self.complete:
                weight = self.known[element] = _cjk_of(element)
            else:
                self.known, self.complete = _all_weights(self.body), True
                weight = self.known[element]
        return weight


def _all_weights(body) -> dict:
    weights = {}
    for _, element in etree.iterwalk(body, events=("end",)):
        cjk = _cjk_count(element.text or "")
        for child in element:
            # a comment is not walked (its text is not text); its tail is text
            cjk += weights.get(child, 0) + _cjk_count(child.tail or "")
        weights[element] = cjk
    return weights


def _names_chrome(value: str) -> bool:
    return bool(_HINT_LOWER.search(value.lower()) if value.isascii() else _HINT_ANY_CASE.search(value))


class _SetAside:
    """Whether an element is page chrome, not report: by its tag (scripts, navigation), or
    by a class, id or role that names chrome (a share bar) unless it holds 200 characters
    of Chinese text. The hints are read once, from the attribute values the page has."""

    def __init__(self, body, weights: _Weights):
        self.weights = weights
        self.hinted = {value.getparent() for value in _HINTS(body) if _names_chrome(value)}

    def __call__(self, element, depth: int) -> bool:
        if not isinstance(element.tag, str) or element.tag in _SKIP:
            return True
        return element in self.hinted and self.weights.get(element, depth) < 200


def _article(body, skipped: _SetAside):
    """(element, its depth below <body>): the smallest element holding ≥ 85% of the page's
    Chinese text. Descend while one child (navigation and the like set aside) holds that
    much: only one child can, and none once the children measured leave less for the rest."""
    weights = skipped.weights
    whole = weights.get(body, 0)
    node, depth = body, 0
    while True:
        best = None
        rest = weights.get(node, depth)  # what the children not yet measured can hold
        for child in node:
            if rest < 0.85 * whole:
                break
            if skipped(child, depth + 1):
                continue
            cjk = weights.get(child, depth + 1)
            if cjk >= 0.85 * whole:
                best = child
                break
            rest -= cjk
        if best is None:
            return node, depth
        node, depth = best, depth + 1


def _clean(text: str) -> str:
    return " ".join(text.split())  # str.split() knows \u00a0 and \u3000 as white space


def _cell_text(cell) -> str:
    return _clean(_text(cell))


def _is_layout(table) -> bool:
    return table.find(".//table") is not None


class _Writer:
    def __init__(self, skipped: _SetAside):
        self.skipped = skipped
        self.lines: list[tuple[str, dict]] = []  # (text, location), numbered once all are read
        self.buffer: list[str] = []
        self.source_line: int | None = None

    def text(self, text: str | None, source_line: int | None):
        if text and text.strip():
            if not self.buffer:
                self.source_line = source_line
            self.buffer.append(text)

    def flush(self):
        if self.buffer:  # most blocks are flushed twice, on entry and on exit
            text = _clean("".join(self.buffer))
            if text:
                self.lines.append((text, {"line": self.source_line}))
            self.buffer = []

    def table(self, table):
        """A data table (one that holds no table: its rows are all its own)."""
        self.flush()
        for row in table.iter("tr"):
            # A merged cell is written once, in its first row: the row's own cells are its
            # values, so rowspan and colspan need no grid (and a rowspan of 10⁹ costs nothing).
            cells = [_cell_text(cell) for cell in row if cell.tag in ("td", "th")]
            if len(cells) > 1 or (cells and cells[0]):  # a blank row is kept: its blanks are findings
                self.lines.append((table_row(cells), {"line": row.sourceline}))

    def walk(self, element, depth: int):
        tag = element.tag
        if self.skipped(element, depth):
            pass  # chrome: its text is left out, its tail (the parent's text) is not
        elif tag == "table" and not _is_layout(element):
            self.table(element)
        else:
            block = tag in _BREAKS
            if block or tag == "br":
                self.flush()
            self.text(element.text, element.sourceline)
            for child in element:
                self.walk(child, depth + 1)
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
    # the declaration blanked, not cut: source lines and columns stay the page's
    text = _XML_DECLARATION.sub(lambda m: m.group(1) + " " * (len(m.group(0)) - len(m.group(1))), _decode(data), count=1)
    try:
        root = etree.fromstring(text, etree.HTMLParser())
    except (etree.ParserError, ValueError) as exc:
        raise UnreadableFile(f"not a readable web page: {exc}", f"无法读取的网页：{exc}") from exc
    if root is None:
        raise UnreadableFile("the web page is empty", "网页为空")
    body = root.find("body")
    if body is None or (weights := _Weights(body)).get(body, 0) < 50:
        raise UnreadableFile("the web page holds no report text (no Chinese text in its body)",
                             "网页中没有报告正文（正文中没有中文文字）")
    skipped = _SetAside(body, weights)
    writer = _Writer(skipped)
    meta = _meta(root)
    writer.walk(*_article(body, skipped))
    writer.flush()
    found = writer.lines
    title = re.split(r"[_|｜]| - ", meta.get("title", ""))[0].strip()
    if ("报告" in title or "報告" in title) and not any(title in text for text, _ in found[:5]):
        # The title lives in <title>/<meta>, outside the article: read it first, as a
        # text report would have it, for the year and the agency.
        element = root.find(".//title")
        found.insert(0, (title, {"line": element.sourceline if element is not None else 1}))
    lines = [Line(number, text, location) for number, (text, location) in enumerate(found, start=1)]
    return Document(path=path, lines=lines, encoding="html", meta=meta)
