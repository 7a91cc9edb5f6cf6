"""Render Word list numbers (numbering.xml) the way Word shows them: 一、 (一) 1.

Works on the XML elements (w:p, w:style): cheaper than python-docx's style objects.

python-docx reads numbering definitions but does not compute the numbers; a report whose
headings are numbered by Word would otherwise lose 一、 … 六、 and every section.
"""

from docx.oxml.ns import qn

from linter.errors import UnreadableFile

_DIGITS = "零一二三四五六七八九"
LEVELS = 9  # Word's list levels 0–8


def chinese(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九; past that (reports never go
    there, a damaged file may) in digits."""
    if not 0 <= n < 100:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def _roman(n: int) -> str:
    if not 0 < n < 4000:  # no numeral; and a damaged start of 10⁹ must not write a million Ms
        return str(n)
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + numeral, n - value
    return out


_FORMATS = {
    "decimal": str,
    "chineseCounting": chinese,
    "chineseCountingThousand": chinese,
    "chineseLegalSimplified": chinese,
    "ideographDigital": chinese,
    "japaneseCounting": chinese,
    "taiwaneseCounting": chinese,
    "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10],
    "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "decimalEnclosedParen": lambda n: f"({n})",
    "upperLetter": lambda n: chr(64 + (n - 1) % 26 + 1),
    "lowerLetter": lambda n: chr(96 + (n - 1) % 26 + 1),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
}


_VAL, _P_PR, _P_STYLE, _NUM_PR, _NUM_ID, _ILVL = (qn(t) for t in ("w:val", "w:pPr", "w:pStyle", "w:numPr", "w:numId", "w:ilvl"))


def _child(element, tag: str):
    """The first child of that tag, or None: element.find's answer without its path parser,
    which costs more than the rest of a paragraph's numbering."""
    return next(element.iterchildren(tag), None)


def _val(element) -> str | None:
    return element.get(_VAL) if element is not None else None


def _integer(value: str | None, default: int) -> int:
    """A number attribute's value; one that is not a number means the file is damaged."""
    if value is None:
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        raise UnreadableFile(f"damaged Word document: list numbering has '{value}' where a number belongs",
                             f"Word 文档已损坏：列表编号中“{value}”处应为数字") from None


def _num_pr_of(p_pr) -> tuple[str, int] | None:
    """(numId, ilvl) of a <w:pPr>, if it has a <w:numPr>."""
    num_pr = _child(p_pr, _NUM_PR) if p_pr is not None else None
    if num_pr is None:
        return None
    num_id, ilvl = _child(num_pr, _NUM_ID), _child(num_pr, _ILVL)
    if num_id is None:
        return None
    return num_id.get(_VAL), _integer(_val(ilvl), 0)


class _StyleNumbering:
    """Style id -> (numId, ilvl), following basedOn (headings are often numbered by style).
    Resolved per style on first use: a template defines a hundred styles, a report uses few."""

    def __init__(self, document):
        try:
            styles = document.styles.element
        except (KeyError, NotImplementedError, AttributeError):
            styles = None
        # by id, once: a search of the styles per paragraph style is quadratic in a hostile file
        self.styles = {} if styles is None else {s.get(qn("w:styleId")): s for s in styles.iterchildren(qn("w:style"), reversed=True)}
        self.cache: dict[str, tuple[str, int] | None] = {}

    def get(self, style_id: str) -> tuple[str, int] | None:
        if style_id not in self.cache:
            self.cache[style_id] = self._resolve(style_id)
        return self.cache[style_id]

    def _resolve(self, style_id: str | None) -> tuple[str, int] | None:
        for _ in range(20):  # basedOn chains are short; a cycle must not hang
            style = self.styles.get(style_id)
            if style is None:
                return None
            found = _num_pr_of(_child(style, _P_PR))
            if found:
                return found
            parent = _child(style, qn("w:basedOn"))
            style_id = parent.get(_VAL) if parent is not None else None
        return None


class ListNumbering:
    def __init__(self, document):
        self.levels: dict[tuple[str, int], tuple[int, str, str]] = {}  # (numId, ilvl) -> start, fmt, text
        self.counters: dict[str, list[int]] = {}
        self.styles = _StyleNumbering(document)
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {a.get(qn("w:abstractNumId")): a for a in root.iterchildren(qn("w:abstractNum"))}
        for num in root.iterchildren(qn("w:num")):
            ref = _child(num, qn("w:abstractNumId"))
            definition = abstract.get(ref.get(_VAL)) if ref is not None else None
            if definition is None:
                continue
            for lvl in definition.iterchildren(qn("w:lvl")):
                start, fmt, text = _child(lvl, qn("w:start")), _child(lvl, qn("w:numFmt")), _child(lvl, qn("w:lvlText"))
                level = _integer(lvl.get(qn("w:ilvl")), 0)
                if not 0 <= level < LEVELS:
                    continue
                self.levels[(num.get(qn("w:numId")), level)] = (
                    _integer(_val(start), 1),
                    fmt.get(_VAL) if fmt is not None else "decimal",
                    text.get(_VAL) if text is not None else "",
                )

    def _numbering_of(self, p) -> tuple[str, int] | None:
        """The paragraph's own numPr, else its style's."""
        p_pr = _child(p, _P_PR)
        own = _num_pr_of(p_pr)
        if own is not None:
            return own
        style = _child(p_pr, _P_STYLE) if p_pr is not None else None
        return self.styles.get(style.get(_VAL)) if style is not None else None

    def label(self, p) -> str:
        """The number Word shows before paragraph element `p` ('' if none); counts it."""
        found = self._numbering_of(p)
        if found is None or found[0] == "0" or found not in self.levels:
            return ""
        num_id, level = found
        counters = self.counters.setdefault(num_id, [0] * LEVELS)
        for deeper in range(level + 1, LEVELS):
            counters[deeper] = 0
        start = self.levels[(num_id, level)][0]
        counters[level] = counters[level] + 1 if counters[level] else start
        _, fmt, text = self.levels[(num_id, level)]
        if fmt == "bullet" or fmt == "none":
            return ""
        for k in range(LEVELS):
            if f"%{k + 1}" in text:
                render = _FORMATS.get(self.levels.get((num_id, k), (1, "decimal", ""))[1], str)
                text = text.replace(f"%{k + 1}", render(max(counters[k], 1)))
        return text
