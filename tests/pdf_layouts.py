"""PDF pages laid out the way WPS and Word print reports, for the PDF reader's tests: white
boxes behind text lines, rules as thin filled bars, tables cut by a page break with no rule
at the cut, a merged label cell whose text runs on to the next page, header cells wrapped
over two lines, a figures row drawn as one text object. Text is in reportlab's STSong-Light,
a CID font PDFs name without embedding it, so reading depends on no installed font only if
the reader places characters by what the PDF states (tests/pdf_fontless.py checks).

Coordinates are from the top of the page, as the reader's are.
"""

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
FORM_SHIFT = (6, -9)  # points right and down that each form is placed (Pages' `forms`)


class Pages:
    def __init__(self, path: Path, size=A4, forms: int = 0):
        """`forms`: the first page drawn inside that many form XObjects, one in the other,
        each placed shifted (PDFium gives an object in a form its matrix in the form)."""
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
        self.canvas = canvas.Canvas(str(path), pagesize=size)
        self.height, self.forms = size[1], forms
        if forms:
            self.canvas.beginForm("form0")

    def text(self, x: float, top: float, text: str, size: float = 10):
        self.canvas.setFont(FONT, size)
        self.canvas.drawString(x, self.height - top - size * 0.88, text)

    def rule(self, x0: float, top: float, x1: float, bottom: float):
        """A stroked line."""
        self.canvas.setLineWidth(0.5)
        self.canvas.line(x0, self.height - top, x1, self.height - bottom)

    def area(self, x0: float, top: float, x1: float, bottom: float, colour=colors.white):
        """A filled rectangle, not stroked: a rule when thin and dark, else a background."""
        self.canvas.setFillColor(colour)
        self.canvas.rect(x0, self.height - bottom, x1 - x0, bottom - top, stroke=0, fill=1)
        self.canvas.setFillColor(colors.black)

    def cell(self, x0: float, top: float, x1: float, bottom: float, lines=(), sides="tblr", size: float = 9):
        """A table cell: the sides named ruled, its lines of text centred."""
        for side, (a, b, c, d) in zip("tblr", [(x0, top, x1, top), (x0, bottom, x1, bottom),
                                               (x0, top, x0, bottom), (x1, top, x1, bottom)]):
            if side in sides:
                self.rule(a, b, c, d)
        lines = [lines] if isinstance(lines, str) else list(lines)
        first = (top + bottom) / 2 - len(lines) * size * 1.2 / 2
        for n, line in enumerate(lines):
            self.text((x0 + x1) / 2 - len(line) * size / 2, first + n * size * 1.2, line, size)

    def figures(self, xs: list[float], top: float, numbers: list[str], size: float = 10):
        """Numbers centred in the columns between `xs`, drawn as ONE text object (one line
        of text to PDFium, whatever the cells)."""
        text = self.canvas.beginText()
        text.setFont("Times-Roman", size)
        text.setTextOrigin(0, self.height - top - size * 0.88)
        previous = 0.0
        for x0, x1, number in zip(xs, xs[1:], numbers):
            x = (x0 + x1) / 2 - len(number) * size / 4
            text.moveCursor(x - previous, 0)
            text.textOut(number)
            previous = x
        self.canvas.drawText(text)

    def _place_forms(self):
        if not self.forms:
            return
        self.canvas.endForm()
        for depth in range(1, self.forms):
            self.canvas.beginForm(f"form{depth}")
            self.canvas.translate(*FORM_SHIFT)
            self.canvas.doForm(f"form{depth - 1}")
            self.canvas.endForm()
        self.canvas.translate(*FORM_SHIFT)
        self.canvas.doForm(f"form{self.forms - 1}")
        self.forms = 0

    def next_page(self):
        self._place_forms()
        self.canvas.showPage()

    def save(self):
        self._place_forms()
        self.canvas.showPage()
        self.canvas.save()


PARAGRAPH = ("2023年，本机关坚持以公开为常态、不公开为例外，全面贯彻落实政府信息公开条例，不断完善"
             "政府信息公开制度，建立健全政府信息公开保障机制，推进政府信息公开工作规范有序健康发展。")


def wps_backgrounds(path: Path, forms: int = 0) -> list[str]:
    """WPS: a white box behind every line of text, a grey band behind a heading, a table
    with white cell backgrounds under its stroked rules, and one ruled with filled bars;
    drawn inside `forms` nested form XObjects (see Pages). Returns the lines the page holds
    as printed."""
    pages = Pages(path, forms=forms)
    left, right, band = 74, 518, 27
    top = 60
    for text, size in [("年度报告", 16), ("一、总体情况", 12)]:
        pages.area(left, top, right, top + band)
        pages.text(left + 8, top + 6, text, size)
        top += band
    per_line = 44
    for start in range(0, len(PARAGRAPH), per_line):
        pages.area(left, top, right, top + band)
        pages.text(left, top + 8, PARAGRAPH[start:start + per_line])
        top += band
    pages.area(left, top, right, top + band, colors.Color(0.85, 0.85, 0.85))
    pages.text(left + 8, top + 6, "二、主动公开政府信息情况", 12)
    top += band + 10
    for row in [("信息内容", "本年制发件数"), ("规章", "0")]:
        pages.area(left, top, 300, top + 24)
        pages.area(300, top, right, top + 24)
        pages.cell(left, top, 300, top + 24, row[0])
        pages.cell(300, top, right, top + 24, row[1])
        top += 24
    top += 20
    for x0, x1, text in [(left, 300, "行政许可"), (300, right, "550")]:
        pages.text((x0 + x1) / 2 - len(text) * 4.5, top + 7, text, 9)
    pages.area(left, top - 0.3, right, top + 0.3, colors.black)
    pages.area(left, top + 23.7, right, top + 24.3, colors.black)
    for x in (left, 300, right):
        pages.area(x - 0.3, top, x + 0.3, top + 24, colors.black)
    pages.save()
    return ["年度报告", "一、总体情况", PARAGRAPH, "二、主动公开政府信息情况",
            "| 信息内容 | 本年制发件数 |", "| 规章 | 0 |", "| 行政许可 | 550 |"]


def cut_tables(path: Path) -> list[str]:
    """The 三 table cut by a page break as WPS prints it (no rule at the cut; on the next
    page no rule over the merged label columns), the group label "（四）无法提供" wrapped
    so that "法提供" falls on the next page; then the 四 table with header cells wrapped
    over two lines and its figures row as one text object; headings 四, 五, 六 close
    together. Returns the lines as printed."""
    pages = Pages(path)
    pages.text(70, 60, "一、总体情况", 14)
    per_line = 45
    for n, start in enumerate(range(0, len(PARAGRAPH), per_line)):
        pages.text(70, 90 + 20 * n, PARAGRAPH[start:start + per_line])
    xs = [70, 95, 175, 340, 400, 460, 520]
    pages.text(70, 640, "三、收到和处理政府信息公开申请情况", 14)
    pages.cell(xs[0], 668, xs[3], 692, "项目")
    for x0, x1, text in zip(xs[3:], xs[4:], ["自然人", "法人", "总计"]):
        pages.cell(x0, 668, x1, 692, text)
    # 三、本年度办理结果: merged down the whole table, one character a line, cut by the break
    pages.cell(xs[0], 692, xs[1], 776, list("三、本年度办理结果"), sides="tlr", size=7)
    rows = [("（三）不予公开", "1.属于国家秘密", "1 0 1"), (None, "2.其他法律行政法规禁止公开", "0 0 0")]
    top = 692
    for group, item, values in rows:
        if group:
            pages.cell(xs[1], top, xs[2], top + 56, group)
        pages.cell(xs[2], top, xs[3], top + 28, item)
        for x0, x1, value in zip(xs[3:], xs[4:], values.split()):
            pages.cell(x0, top, x1, top + 28, value)
        top += 28
    pages.cell(xs[1], top, xs[2], 776, ["（四）无"], sides="tlr")  # its text goes on overleaf
    pages.cell(xs[2], top, xs[3], 776, "1.本机关不掌握相关政府信息", sides="tlr")
    for x0, x1, value in zip(xs[3:], xs[4:], ["10", "0", "10"]):
        pages.cell(x0, top, x1, 776, value, sides="tlr")
    pages.text(290, 800, "- 1 -")
    pages.next_page()
    pages.cell(xs[0], 60, xs[1], 132, sides="blr")
    pages.cell(xs[1], 60, xs[2], 108, ["法提供"], sides="blr")
    top = 60
    # the first figure left blank: a blank value, not part of a merged cell
    for item, values in [("2.没有现成信息需要另行制作", ["", "0", "3"]), ("3.补正后申请内容仍不明确", ["0", "0", "0"])]:
        pages.cell(xs[2], top, xs[3], top + 24, item)
        for x0, x1, value in zip(xs[3:], xs[4:], values):
            pages.cell(x0, top, x1, top + 24, value)
        top += 24
    pages.cell(xs[1], top, xs[2], top + 24, "（五）不予处理")
    pages.cell(xs[2], top, xs[3], top + 24, "1.信访举报投诉类申请")
    for x0, x1, value in zip(xs[3:], xs[4:], ["1", "0", "1"]):
        pages.cell(x0, top, x1, top + 24, value)
    top += 44
    pages.text(70, top, "四、政府信息公开行政复议、行政诉讼情况", 14)
    top += 28
    columns = [70 + 30 * n for n in range(16)]
    pages.cell(columns[0], top, columns[5], top + 20, "行政复议")
    pages.cell(columns[5], top, columns[15], top + 20, "行政诉讼")
    heads = [["结果", "维持"], ["结果", "纠正"], ["其他", "结果"], ["尚未", "审结"], ["总计"]]
    for n, head in enumerate(heads):
        pages.cell(columns[n], top + 20, columns[n + 1], top + 70, head)
    pages.cell(columns[5], top + 20, columns[10], top + 40, "未经复议直接起诉")
    pages.cell(columns[10], top + 20, columns[15], top + 40, "复议后起诉")
    for n, head in enumerate(heads * 2):
        pages.cell(columns[5 + n], top + 40, columns[6 + n], top + 70, head)
    figures = "10 1 0 0 0 0 0 0 0 0 5 0 0 0 0".split()
    for x0, x1 in zip(columns, columns[1:]):
        pages.cell(x0, top + 70, x1, top + 90)
    pages.figures(columns, top + 75, figures)
    top += 100
    pages.text(70, top, "五、存在的主要问题及改进情况", 14)
    pages.text(70, top + 24, "下一步，将切实抓好以下工作。")
    pages.text(70, top + 48, "六、其他需要报告的事项", 14)
    pages.text(290, 800, "- 2 -")
    pages.save()
    return ["一、总体情况", PARAGRAPH, "三、收到和处理政府信息公开申请情况",
            "| 项目 | 自然人 | 法人 | 总计 |",
            "| 三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密 | 1 | 0 | 1 |",
            "| 2.其他法律行政法规禁止公开 | 0 | 0 | 0 |",
            "| （四）无法提供 | 1.本机关不掌握相关政府信息 | 10 | 0 | 10 |",
            "| 2.没有现成信息需要另行制作 |  | 0 | 3 |",
            "| 3.补正后申请内容仍不明确 | 0 | 0 | 0 |",
            "| （五）不予处理 | 1.信访举报投诉类申请 | 1 | 0 | 1 |",
            "四、政府信息公开行政复议、行政诉讼情况",
            "| 行政复议 | 行政诉讼 |",
            "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |",
            "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |",
            "| " + " | ".join(figures) + " |",
            "五、存在的主要问题及改进情况",
            "下一步，将切实抓好以下工作。",
            "六、其他需要报告的事项"]


def ruled_paper(path: Path, size: int = 200) -> str:
    """One page ruled into size × size cells 5 points square (wider apart than pdfplumber
    snaps rules together), a letter in each: far more crossings than any report's page.
    Returns the line of text above the grid."""
    step, margin = 5, 40
    pages = Pages(path, (2 * margin + size * step, 2 * margin + size * step + 30))
    pages.text(margin, 10, "年度报告")
    pages.canvas.setLineWidth(0.1)
    for n in range(size + 1):
        pages.canvas.line(margin, margin + n * step, margin + size * step, margin + n * step)
        pages.canvas.line(margin + n * step, margin, margin + n * step, margin + size * step)
    pages.canvas.setFont("Helvetica", 3)
    for row in range(size):
        for column in range(size):
            pages.canvas.drawString(margin + column * step + 1, margin + row * step + 1, "x")
    pages.save()
    return "年度报告"
