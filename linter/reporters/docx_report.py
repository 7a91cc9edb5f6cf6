"""The audit document as a Word file: real headings, tables and a page break before each
report, so an office can edit it into its 审查意见 rather than receive an HTML dump."""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from linter import __version__, audit

BINARY = True
_EAST_ASIAN_FONT = "SimSun"  # 宋体: present in every Word and WPS install


def _table(doc, header: list[str], rows: list[list]):
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values):
            cell.text = str(value)
    return table


def _style(doc):
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10.5)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), _EAST_ASIAN_FONT)


def render(results, run):
    model = audit.build(list(results), run)
    L, lang = model.labels, run.lang
    doc = Document()
    _style(doc)
    doc.core_properties.title = L["title"]
    doc.core_properties.author = f"nianbao-lint {__version__}"
    title = doc.add_heading(L["title"], level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER

    doc.add_heading(L["scope"], level=1)
    doc.add_paragraph(model.scope)

    doc.add_heading(L["ranking"], level=1)
    _table(doc, ["#", L["agency"], L["reports_n"], L["errors"], L["warnings"], L["infos"]],
           [[i, a.agency, a.reports, a.errors, a.warnings, a.infos] for i, a in enumerate(model.agencies, 1)])

    doc.add_heading(L["by_rule"], level=1)
    if model.rules:
        _table(doc, [L["rule"], L["severity"], L["what"], L["count"], L["reports_hit"]],
               [[f"{row.rule.id} {row.rule.name}", L["severity_names"][row.rule.severity],
                 row.rule.text("description", lang).splitlines()[0], row.findings, row.reports]
                for row in model.rules])
        doc.add_heading(L["top"].format(n=len(model.top)), level=1)
        for i, row in enumerate(model.top, 1):
            doc.add_heading(f"{i}. {row.rule.id} {row.rule.name} ({L['count']} {row.findings}, "
                            f"{L['reports_hit']} {row.reports})", level=2)
            doc.add_paragraph(row.rule.text("description", lang))
            _labelled(doc, L["basis"], row.rule.text("basis", lang))
            if row.rule.fix:
                _labelled(doc, L["fix"], row.rule.text("fix", lang))
    else:
        doc.add_paragraph(L["no_findings_any"])

    doc.add_heading(L["reports"], level=1)
    for i, entry in enumerate(model.reports, 1):
        r = entry.result
        heading = doc.add_heading(f"{i}. {r.agency or r.path}" + (f" · {r.year}" if r.year else ""), level=2)
        heading.paragraph_format.page_break_before = True
        if r.status == "unreadable":
            doc.add_paragraph(f"{L['file']}: {r.path}")
            doc.add_paragraph(f"{L['unreadable']}: {r.error}")
            continue
        doc.add_paragraph(f"{L['file']}: {r.path} · {L['agency']}: {r.agency} · "
                          f"{L['year']}: {r.year or L['unknown']} · {L['format']}: {r.format}")
        for note in entry.notes:
            doc.add_paragraph(note).runs[0].italic = True
        if not r.findings:
            doc.add_paragraph(L["none"])
            continue
        _table(doc, [L["line"], L["severity"], L["rule"], L["section"], L["finding"], L["excerpt"], L["basis"]],
               [[_where(f, lang), L["severity_names"][f.severity], f"{f.rule} {f.name}", f.section,
                 f.message, f.excerpt, f.basis] for f in r.findings])
    doc.add_paragraph(L["generated"].format(version=__version__))
    out = io.BytesIO()
    doc.save(out)
    yield out.getvalue()


def _labelled(doc, label: str, text: str):
    paragraph = doc.add_paragraph()
    paragraph.add_run(f"{label}: ").bold = True
    paragraph.add_run(text)


def _where(finding, lang: str) -> str:
    where = finding.where(lang)
    return f"{finding.line}:{finding.column}" + (f" {where}" if where else "")
