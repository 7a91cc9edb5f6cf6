"""Word, HTML, PDF and legacy Office readers: layouts the metamorphic suite does not build,
and bad input."""

import io
import shutil
import subprocess
import zipfile

import pytest

import reportgen
import writers
from linter.analyze import analyze
from linter.engine import lint_path
from linter.readers import read
from linter.rules import select

T3_KEYS = ["new", "carried", "open", "partial", "u_notheld", "total", "next"]


def _t3_values(report):
    t3 = report.tables["t3"]
    return {row.key: [t3.value(row.key, c.key) for c in t3.spec.columns] for row in t3.spec.rows}


def _expected_t3(spec):
    return {key: [int(c) for c in cells] for key, _, cells in spec.t3_rows()}


def _around_t3():
    """A generated report's blocks before and after its 三 table, which a test writes in the
    mandated merged layout instead."""
    spec = reportgen.ReportSpec()
    blocks = writers.blocks_from_text(reportgen.build(spec))
    index = next(i for i, b in enumerate(blocks) if isinstance(b, list) and any("本年新收" in c for r in b for c in r))
    return spec, blocks[:index], blocks[index + 1:]


# —— Word ——

def test_docx_merged_cells_are_read_once(tmp_path):
    import docx

    spec, before, after = _around_t3()
    document = docx.Document()
    for block in before:
        writers.add_docx_block(document, block)
    writers.layout_docx_table(document, writers.t3_layout(spec))
    for block in after:
        writers.add_docx_block(document, block)
    path = tmp_path / "merged.docx"
    document.save(path)
    report = analyze(read(path))
    assert _t3_values(report) == {k: v for k, v in _expected_t3(spec).items()}
    assert lint_path(path, select()).findings == []


def _numbered_heading_docx(path, via_style=False):
    """Headings numbered by Word (numFmt chineseCounting, lvlText %1、): the text has no 一、.
    With via_style, the number comes from the heading paragraph style, as Word templates do."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="(%2)"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    if via_style:
        heading_style = document.styles["Heading 1"]
        heading_style.element.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>'))
    spec = reportgen.ReportSpec()
    for block in writers.blocks_from_text(reportgen.build(spec)):
        if isinstance(block, list):
            writers.add_docx_block(document, block)
            continue
        heading = block[:2] in {h[:2] for h in reportgen.HEADINGS["2021"]}
        sub = block.startswith("(一)监督保障")
        paragraph = document.add_paragraph(block[2:] if heading else block[3:] if sub else block)
        if heading and via_style:
            paragraph.style = heading_style
        elif heading or sub:
            p_pr = paragraph._p.get_or_add_pPr()
            p_pr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{1 if sub else 0}"/><w:numId w:val="90"/></w:numPr>'))
    document.save(path)


@pytest.mark.parametrize("via_style", [False, True])
def test_docx_headings_numbered_by_word(via_style, tmp_path):
    path = tmp_path / "numbered.docx"
    _numbered_heading_docx(path, via_style)
    lines = [line.text for line in read(path).lines]
    assert "一、总体情况" in lines and "六、其他需要报告的事项" in lines and "(一)监督保障。将政务公开纳入全区绩效考核,开展政务公开社会评议,2023年全区未产生责任追究结果。" in lines
    assert lint_path(path, select()).findings == []


def test_docx_text_boxes_and_headers_are_ignored(tmp_path):
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    path = tmp_path / "box.docx"
    writers.write_docx(writers.blocks_from_text(reportgen.build()), path)
    document = docx.Document(path)
    document.sections[0].header.paragraphs[0].text = "XX区人民政府（页眉）"
    namespaces = nsdecls("w", "wp", "a") + (
        ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
        ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"')
    box = parse_xml(
        f'<w:r {namespaces}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
        '<a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>XX年 此处填写</w:t></w:r></w:p>'
        '</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice></mc:AlternateContent></w:r>')
    document.paragraphs[3]._p.append(box)
    document.save(path)
    assert all("XX" not in line.text for line in read(path).lines)
    assert lint_path(path, select()).findings == []


# —— HTML ——

def test_html_rowspan_colspan_and_gb2312(tmp_path):
    spec, before, after = _around_t3()
    body = [f"<p>{b}</p>" if isinstance(b, str) else writers.html_table(b) for b in before]
    body.append(writers.layout_html_table(writers.t3_layout(spec)))
    body += [f"<p>{b}</p>" if isinstance(b, str) else writers.html_table(b) for b in after]
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>报告</title></head>'
            '<body><div class="nav">首页 政务公开</div><div id="zoom">' + "\n".join(body) + "</div></body></html>")
    path = tmp_path / "gb.html"
    path.write_bytes(page.encode("gb2312", errors="strict"))
    report = analyze(read(path))
    assert _t3_values(report) == _expected_t3(spec)
    assert lint_path(path, select()).findings == []


def test_html_title_meta_and_source_lines(tmp_path):
    text = reportgen.build()
    blocks = writers.blocks_from_text(text)[1:]  # no title in the article: the page's <title> has it
    path = tmp_path / "page.html"
    writers.write_html(blocks, path, title="青山区人民政府2023年政府信息公开工作年度报告")
    document = read(path)
    assert document.lines[0].text == "青山区人民政府2023年政府信息公开工作年度报告"
    assert document.meta["date"] == "2024-01-20 09:00"
    assert all("首页" not in line.text and "分享到" not in line.text and "备案号" not in line.text for line in document.lines)
    result = lint_path(path, select())
    assert (result.year, result.agency) == (2023, "青山区人民政府")
    broken = path.read_text(encoding="utf-8").replace("办结11件", "办结12件")
    path.write_text(broken, encoding="utf-8")
    finding = next(f for f in lint_path(path, select()).findings if f.rule == "B306")
    source = broken.splitlines()
    assert "办结12件" in source[finding.line - 1]  # the finding cites the page's source line


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_xhtml_page_with_an_xml_declaration(encoding, tmp_path):
    """An XHTML page begins with <?xml … encoding=…?>, its only statement of its charset."""
    blocks = writers.blocks_from_text(reportgen.build())
    html = tmp_path / "page.html"
    writers.write_html(blocks, html)
    page = html.read_text(encoding="utf-8")
    page = page.replace('<meta http-equiv="Content-Type" content="text/html; charset=utf-8">', "")
    assert "charset" not in page.lower()
    declared = f'<?xml version="1.0" encoding="{encoding.upper()}"?>' + page
    path = tmp_path / f"x-{encoding}.html"
    path.write_bytes(declared.encode(encoding))
    result = lint_path(path, select())
    assert result.status == "ok" and result.findings == [], result.error
    assert [line.text for line in read(path).lines] == [line.text for line in read(html).lines]


def test_html_page_with_no_report(tmp_path, lint):
    page = "<html><head><title>首页</title></head><body><div class='nav'>首页</div><p>Welcome</p></body></html>"
    result = lint(page, "index.html", lang="en")
    assert result.status == "unreadable" and "no report text" in result.error
    assert "网页中没有报告正文" in lint(page, "index.html").error



def test_html_article_found_alike_measured_lazily_or_in_one_pass(monkeypatch):
    """The page's elements are measured one at a time near <body> and all in one pass below
    _MEASURED_DEPTH: the two measures give the same article and the same lines."""
    from conftest import ROOT

    from linter.readers import html

    pages = sorted((ROOT / "tests" / "fixtures" / "pages").glob("*.html")) + sorted((ROOT / "tests" / "corpus" / "real").glob("*.html"))
    lazily = [read(page).lines for page in pages]
    monkeypatch.setattr(html, "_MEASURED_DEPTH", 0)
    assert [read(page).lines for page in pages] == lazily


def test_html_deep_page_is_measured_once(monkeypatch):
    """A chain of 200 nested elements is measured in one pass, not once per level."""
    from linter.readers import html

    calls, measure = [], html._all_weights
    monkeypatch.setattr(html, "_all_weights", lambda body: calls.append(body) or measure(body))
    report = "".join(f"<p>{line}</p>" for line in reportgen.build().splitlines())
    page = "<html><body>" + "<div>" * 200 + report + "</div>" * 200 + "</body></html>"
    document = html.read("deep.html", page.encode("utf-8"))
    assert len(calls) == 1 and "政府信息公开" in document.lines[0].text


# —— PDF ——

def test_pdf_table_across_pages_with_repeated_header(tmp_path):
    spec = reportgen.ReportSpec()
    blocks = writers.blocks_from_text(reportgen.build(spec))
    index = next(i for i, b in enumerate(blocks) if isinstance(b, list) and any("本年新收" in c for r in b for c in r))
    filler = "为推进政务公开,我区持续完善制度,加强平台建设,深化重点领域信息公开。" * 12
    blocks[index:index] = [filler] * 3  # push the 三 table across a page break
    path = tmp_path / "long.pdf"
    writers.write_pdf(blocks, path, repeat_rows=3)
    document = read(path)
    rows = [line for line in document.lines if line.text.startswith(("| 二、上年结转", "| 四、结转下年度"))]
    pages = {line.location["page"] for line in rows}
    assert len(pages) == 2, "the table should run across two pages"
    assert sum("勾稽关系" in line.text for line in document.lines) == 1  # repeated header dropped
    assert _t3_values(analyze(document)) == _expected_t3(spec)
    assert lint_path(path, select()).findings == []


def test_pdf_without_text_layer_suggests_ocr(tmp_path, lint):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.rect(100, 100, 300, 300, fill=1)  # a scan: shapes, no text
    page.showPage()
    page.save()
    result = lint(buffer.getvalue(), "scan.pdf", lang="en")
    assert result.status == "unreadable" and "no text layer" in result.error and "OCR" in result.error


def test_encrypted_pdf(tmp_path, lint):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, encrypt=StandardEncryption("secret", canPrint=0))
    page.drawString(100, 700, "report")
    page.save()
    result = lint(buffer.getvalue(), "locked.pdf", lang="en")
    assert result.status == "unreadable" and "encrypted" in result.error


# —— bad containers ——

@pytest.mark.parametrize("name, content, reason", [
    ("truncated.docx", "TRUNCATE", "not a readable Word document"),
    ("other.docx", "ZIP", "not a readable Word document"),
    ("text.docx", b"just text, not a zip", "not a readable Word document"),
    ("fake.pdf", b"%PDF-1.4 broken", "PDF"),
])
def test_broken_containers(name, content, reason, tmp_path, lint):
    if content == "TRUNCATE":
        source = tmp_path / "ok.docx"
        writers.write_docx(writers.blocks_from_text(reportgen.build()), source)
        content = source.read_bytes()[:3000]
    elif content == "ZIP":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("photo.jpg", b"\xff\xd8\xff")
        content = buffer.getvalue()
    result = lint(content, name, lang="en")
    assert result.status == "unreadable" and reason in result.error, result.error


def test_fifty_megabyte_file_is_refused(tmp_path, lint):
    big = tmp_path / "big.pdf"
    with open(big, "wb") as handle:
        handle.seek(51 * 1024 * 1024)
        handle.write(b"\0")
    result = lint_path(big, select(), lang="en")
    assert result.status == "unreadable" and "over the 50 MB limit" in result.error
    assert lint_path(big, select()).error == "文件超过 50 MB，超出报告的大小上限"


def test_bad_files_do_not_stop_the_others(tmp_path):
    from click.testing import CliRunner

    from linter.cli import cli

    good = tmp_path / "good.docx"
    writers.write_docx(writers.blocks_from_text(reportgen.build()), good)
    (tmp_path / "bad.docx").write_bytes(b"PK\x03\x04 broken")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4\n%%EOF")
    result = CliRunner().invoke(cli, ["check", str(tmp_path)])
    assert result.exit_code == 2
    assert "bad.docx: UNREADABLE" in result.output and "scan.pdf: UNREADABLE" in result.output
    assert "共 3 个文件：错误 0，警告 0，提示 0，无法读取 2" in result.output


# —— .doc and .wps through LibreOffice ——

def test_doc_without_libreoffice_says_how_to_enable_it(monkeypatch, tmp_path, lint):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = lint(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old word", "old.doc", lang="en")
    assert result.status == "unreadable" and "needs LibreOffice" in result.error and "save the report as .docx" in result.error


@pytest.fixture(scope="module")
def soffice():
    from linter.readers.office import soffice as find

    program = find()
    if program is None:
        print("SKIP reason: LibreOffice (soffice) is not installed; .ci/run installs libreoffice-writer-nogui")
        pytest.skip("LibreOffice (soffice) is not installed")
    return program


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_doc_and_wps_give_the_docx_findings(suffix, soffice, tmp_path):
    text = reportgen.build().replace("办结11件", "办结12件")
    source = tmp_path / "r.docx"
    writers.write_docx(writers.blocks_from_text(text), source)
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'p'}", "--headless", "--convert-to", "doc",
                    "--outdir", str(tmp_path / "doc"), str(source)], check=True, capture_output=True, timeout=180)
    legacy = tmp_path / f"r{suffix}"
    (tmp_path / "doc" / "r.doc").rename(legacy)  # WPS Office saves .wps in the same binary format
    expected = [(f.rule, f.message) for f in lint_path(source, select()).findings]
    assert expected and [(f.rule, f.message) for f in lint_path(legacy, select()).findings] == expected


def test_not_a_doc(tmp_path, lint):
    result = lint(b"this is not a Word file" * 10, "fake.doc", lang="en")
    assert result.status == "unreadable" and "not a Word or WPS document" in result.error


def test_damaged_doc(soffice, tmp_path, lint):
    result = lint(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00garbage" * 100, "damaged.doc", lang="en")
    assert result.status == "unreadable" and "could not convert" in result.error


PAGES = {"000": "000_fc9aab34a1e880b5.txt", "002": "002_08e398edbd93b538.txt", "004": "004_f33f83f1c85a8eb6.txt"}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_published_pages_give_the_seed_findings(name):
    """Pages laid out as government CMSs publish them (tests/fixtures/pages: navigation,
    breadcrumb, a layout table around the article, inline styles, <font>/<span> wrappers,
    <p> inside <td>, &nbsp; cells, a share bar, a footer; 002 in GBK)."""
    from conftest import ROOT, SEEDS

    page = lint_path(ROOT / "tests" / "fixtures" / "pages" / f"{name}.html", select())
    seed = lint_path(SEEDS / PAGES[name], select())
    assert page.status == "ok"
    assert [(f.rule, f.message) for f in page.findings] == [(f.rule, f.message) for f in seed.findings]


@pytest.mark.parametrize("name", ["002", "004", "defects"])
def test_word_exported_to_pdf_reads_like_the_word_file(name, soffice, tmp_path):
    """PDF as agencies publish it: Word → PDF (LibreOffice), rows broken across pages, a
    page number in the footer."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    from conftest import SEEDS

    if name == "defects":
        spec = reportgen.ReportSpec(overrides={("new", 0): "10件", ("total", 6): "12"})
        text = reportgen.build(spec).replace("办结11件", "办结9件")
    else:
        text = next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")
    source = tmp_path / "r.docx"
    writers.write_docx(writers.blocks_from_text(text), source)
    document = docx.Document(source)
    footer = document.sections[0].footer.paragraphs[0]
    footer._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    document.save(source)
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'p'}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=180)
    pdf = lint_path(tmp_path / "r.pdf", select())
    word = lint_path(source, select())
    assert pdf.status == "ok", pdf.error
    assert [(f.rule, f.message) for f in pdf.findings] == [(f.rule, f.message) for f in word.findings]
