"""Write one report's content as .txt, .md, .docx, .html and .pdf, for the metamorphic tests.

The content is a list of blocks — a paragraph (str) or a table (list of rows of cell texts)
— taken from a text report by the linter's own lexer and grammar, so each table row is the
row the linter reads. A row shorter than its table (a header or a group label) is written
as one cell merged across the remaining columns, as the mandated tables print them.
"""

import re
from pathlib import Path

from linter import formats
from linter.document import Document, Line, table_row
from linter.lexer import Values, items
from linter.metadata import format_for_year, report_year
from linter.normalize import normalise

Block = str | list[list[str]]


def blocks_from_text(text: str) -> list[Block]:
    document = Document("x.txt", [Line(n, t) for n, t in enumerate(text.splitlines(), start=1)])
    lines, _ = normalise(document)
    version = format_for_year(report_year(lines, len(lines) + 1)[0])
    tree = formats.load(version).parser.parse(list(items(lines, formats.section_titles())))
    originals = {line.number: line.original for line in lines}
    blocks: list[Block] = []
    for node in tree.iter_subtrees_topdown():
        if node.data in ("preamble", "section"):
            for child in node.children:
                if not hasattr(child, "data"):  # a heading or a paragraph
                    blocks.append(originals[child.line].strip())
                else:
                    blocks.append([_cell_texts(row) for row in child.children])
    return blocks


def _cell_texts(row) -> list[str]:
    """A row's label and values, a cell each (a VALUES token holds a row's values)."""
    return [text for token in row.children
            for text in ([cell.text for cell in token.cells] if isinstance(token, Values) else [token.value])]


def write_txt(blocks: list[Block], path: Path):
    out = []
    for block in blocks:
        out.extend([block] if isinstance(block, str) else (table_row(row) for row in block))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def write_md(blocks: list[Block], path: Path):
    out = []
    for block in blocks:
        if isinstance(block, str):
            out += [block, ""]
            continue
        width = max(len(row) for row in block)
        out.append("| " + " | ".join(block[0]) + " |")
        out.append("|" + "---|" * width)
        out += ["| " + " | ".join(row) + " |" for row in block[1:]]
        out.append("")
    path.write_text("\n".join(out), encoding="utf-8")


def add_docx_block(document, block: Block):
    """A paragraph, or a table whose short rows end in a cell merged across the rest."""
    if isinstance(block, str):
        document.add_paragraph(block)
        return
    width = max(len(row) for row in block)
    table = document.add_table(rows=len(block), cols=width)
    table.style = "Table Grid"
    for r, row in enumerate(block):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
        if len(row) < width:
            table.cell(r, len(row) - 1).merge(table.cell(r, width - 1))
            table.cell(r, len(row) - 1).text = row[-1]


def write_docx(blocks: list[Block], path: Path):
    import docx

    document = docx.Document()
    for block in blocks:
        add_docx_block(document, block)
    document.save(path)


def html_table(block: list[list[str]]) -> str:
    width = max(len(row) for row in block)
    rows = []
    for row in block:
        cells = [f"<td><p>{text or '&nbsp;'}</p></td>" for text in row[:-1]]
        span = width - len(row) + 1
        last = row[-1] or "&nbsp;"
        cells.append(f'<td colspan="{span}">{last}</td>' if span > 1 else f"<td>{last}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return '<table border="1" cellspacing="0">\n' + "\n".join(rows) + "\n</table>"


def _on_time(blocks: list[Block], title: str) -> str:
    """20 January after the earliest 20XX年 of the title and text: never after the deadline
    of the report's year, so that only a test that means it meets C406."""
    text = " ".join([title, *(b for b in blocks if isinstance(b, str))])
    years = [int(y) for y in re.findall(r"(20\d\d)年", text)]
    return f"{min(years) + 1 if years else 2024}-01-20 09:00"


def write_html(blocks: list[Block], path: Path, title: str = "", charset: str = "utf-8", published: str | None = None):
    """A government CMS page: navigation, share bar and footer around the article, the
    article inside a layout table, as such sites lay them out. `published`: its PubDate."""
    published = published or _on_time(blocks, title)
    body = "\n".join(f"<p style=\"text-indent:2em\">{b}</p>" if isinstance(b, str) else html_table(b) for b in blocks)
    page = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}_政府信息公开专栏</title>
<meta name="ArticleTitle" content="{title}"><meta name="PubDate" content="{published}">
</head><body>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/bsfw">办事服务</a></li><li><a href="/hdjl">互动交流</a></li></ul></div>
<div class="breadcrumb">您当前的位置：首页 &gt; 政务公开 &gt; 政府信息公开年报</div>
<table width="100%" class="layout"><tr><td class="left-menu"><a href="#">政府信息公开指南</a><a href="#">政府信息公开制度</a></td>
<td class="main"><div class="article"><h1>{title}</h1>
<div id="zoom" class="TRS_Editor">
{body}
</div></div>
<div class="share">分享到：微信 微博 QQ空间</div></td></tr></table>
<div class="footer">主办单位：区人民政府办公室 网站标识码：1234567890 备案号：闽ICP备00000000号</div>
</body></html>
"""
    path.write_bytes(page.encode(charset))


def write_pdf(blocks: list[Block], path: Path, repeat_rows: int = 0):
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle
    from xml.sax.saxutils import escape

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("zh", fontName="STSong-Light", fontSize=10, leading=14, wordWrap="CJK")
    cell_style = ParagraphStyle("cell", parent=style, fontSize=8, leading=10)
    story = []
    for block in blocks:
        if isinstance(block, str):
            story.append(Paragraph(escape(block), style))
            continue
        width = max(len(row) for row in block)
        data, spans = [], []
        for r, row in enumerate(block):
            data.append([Paragraph(escape(text), cell_style) for text in row] + [""] * (width - len(row)))
            if len(row) < width:
                spans.append(("SPAN", (len(row) - 1, r), (width - 1, r)))
        table = Table(data, repeatRows=repeat_rows)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), *spans]))
        story.append(table)
    SimpleDocTemplate(str(path), pagesize=A4).build(story)


WRITERS = {".txt": write_txt, ".md": write_md, ".docx": write_docx, ".html": write_html, ".pdf": write_pdf}


def t3_layout(spec) -> list[list[tuple[str, int, int]]]:
    """The 三 table as the format prints it: three label columns, with 三、本年度办理结果 and
    each group label (（三）不予公开 …) merged down over their rows. Cells are
    (text, rowspan, colspan); a position covered from above is simply absent."""
    rows = spec.t3_rows()
    results = [i for i, (key, _, _) in enumerate(rows) if key not in ("new", "carried", "total", "next")]
    out = [[("(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)", 1, 3), ("申请人情况", 1, 7)]]
    group_rows: dict[int, int] = {}
    i = 0
    while i < len(rows):  # how many rows each group label covers
        labels = rows[i][1]
        if len(labels) == 2 and not labels[0].startswith("三、"):
            j = i + 1
            while j < len(rows) and j in results and len(rows[j][1]) == 1 and rows[j][1][0][:1].isdigit():
                j += 1
            group_rows[i] = j - i
            i = j
        else:
            i += 1
    for i, (key, labels, cells) in enumerate(rows):
        row = []
        item = labels[-1]
        if i == results[0]:
            row.append(("三、本年度办理结果", len(results), 1))
        if i not in results:
            row.append((item, 1, 3))
        elif i in group_rows:
            row += [(labels[-2] if len(labels) == 2 and not labels[0].startswith("三、") else labels[0], group_rows[i], 1), (item, 1, 1)]
        elif any(start < i < start + n for start, n in group_rows.items()):
            row.append((item, 1, 1))
        else:
            row.append((item, 1, 2))
        out.append(row + [(c, 1, 1) for c in cells])
    return out


def layout_docx_table(document, layout):
    """Add a Word table with the merges of `layout` (see t3_layout): gridSpan and vMerge."""
    width = sum(cs for _, _, cs in layout[0])
    table = document.add_table(rows=len(layout), cols=width)
    table.style = "Table Grid"
    covered = set()
    for r, row in enumerate(layout):
        c = 0
        for text, rowspan, colspan in row:
            while (r, c) in covered:
                c += 1
            cell = table.cell(r, c)
            if rowspan > 1 or colspan > 1:
                cell = cell.merge(table.cell(r + rowspan - 1, c + colspan - 1))
                covered.update((r + dr, c + dc) for dr in range(rowspan) for dc in range(colspan))
            cell.text = text
            c += colspan
    return table


def layout_html_table(layout) -> str:
    rows = []
    for row in layout:
        cells = []
        for text, rowspan, colspan in row:
            span = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
            cells.append(f"<td{span}>{text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return "<table border=1>" + "\n".join(rows) + "</table>"
