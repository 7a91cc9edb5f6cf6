"""The PDF reader gives the document as printed: the real WPS-made report 002 and generated
pages for each way PDFs mislead (tests/pdf_layouts.py), the same on a machine without fonts,
in bounded time on hostile pages, and damaged files reported as damaged."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import pdf_layouts
import reportgen
import writers
from conftest import ROOT
from linter.analyze import analyze
from linter.engine import lint_bytes, lint_path
from linter.readers import read
from linter.rules import select

REAL_002 = ROOT / "tests" / "corpus" / "real" / "002_hongzequ-qzf_2023.pdf"
HEADINGS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]

# 002's 三 table as LABELS.md reads it by hand: every applicant column but 自然人 is 0, and
# 总计 equals 自然人 in every row.
T3_002_NATURAL = {"new": 21, "carried": 0, "open": 0, "partial": 4, "w_secret": 1, "w_safety": 0, "w_third": 0,
                  "w_internal": 0, "w_process": 1, "w_casefile": 1, "w_query": 0, "u_notheld": 10, "u_create": 3,
                  "u_unclear": 0, "n_petition": 1, "n_repeat": 0, "n_publication": 0, "n_mass": 0, "n_confirm": 0,
                  "total": 21, "next": 0}


def _values(table, row):
    return [table.value(row, column.key) for column in table.spec.columns]


def test_002_reads_as_printed():
    document = read(REAL_002)
    texts = [line.text for line in document.lines]
    assert [t for t in texts if t in HEADINGS] == HEADINGS  # each heading a line of its own
    assert not any(t.startswith("| ") and "。" in t and t.count("|") == 2 for t in texts)  # no paragraph as a cell
    # rows the page break and the reader's lexicon do not touch, as printed
    assert "| 2.其他法律行政止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |" in texts
    assert "| （六）其他处理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |" in texts
    report = analyze(document)
    t3 = report.tables["t3"]
    for key, natural in T3_002_NATURAL.items():
        assert _values(t3, key) == [natural, 0, 0, 0, 0, 0, natural], key
    assert _values(report.tables["t4"], "cases") == [10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0]


def test_002_findings_are_the_reports_own():
    """B304/B305 (the 四 totals), C403; T204 or T205 are about the row labels the report
    words its own way ("2.其他法律行政止公开"; （六）其他处理 printed as one row), which
    another part of the linter judges. Nothing the reading made up: no missing section, no
    row with a value too many."""
    result = lint_path(REAL_002, select())
    assert result.status == "ok"
    assert {f.rule for f in result.findings} - {"T204", "T205"} == {"B304", "B305", "C403"}
    assert not [f.message for f in result.findings if f.rule == "T204" and "应为" in f.message]


@pytest.mark.parametrize("layout", [pdf_layouts.wps_backgrounds, pdf_layouts.cut_tables], ids=lambda f: f.__name__)
def test_generated_layouts_read_as_printed(layout, tmp_path):
    path = tmp_path / f"{layout.__name__}.pdf"
    expected = layout(path)
    assert [line.text for line in read(path).lines] == expected


def test_page_drawn_in_nested_forms_reads_as_drawn_on_the_page(tmp_path):
    """Rules and text inside form XObjects are placed by the forms' matrices composed: a
    table in two nested forms, each placed shifted, reads as the same table drawn directly."""
    path = tmp_path / "forms.pdf"
    expected = pdf_layouts.wps_backgrounds(path, forms=2)
    assert b"/Subtype /Form" in path.read_bytes()
    assert [line.text for line in read(path).lines] == expected


def _fontless_lines(paths: list[Path], hide: bool) -> dict:
    command = [sys.executable, str(ROOT / "tests" / "pdf_fontless.py"), *(["--no-fonts"] if hide else []), *map(str, paths)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=300, check=True)
    return json.loads(done.stdout)


def test_same_lines_with_and_without_fonts(tmp_path):
    """PDFs naming fonts they do not embed (reportlab's STSong-Light) read the same whether
    or not the machine has a font to substitute; and 002, whose fonts are embedded."""
    generated = []
    for layout in (pdf_layouts.wps_backgrounds, pdf_layouts.cut_tables):
        generated.append(tmp_path / f"{layout.__name__}.pdf")
        layout(generated[-1])
    blocks = writers.blocks_from_text(reportgen.build(reportgen.random_spec(1, "2021")))
    generated.append(tmp_path / "report.pdf")
    writers.write_pdf(blocks, generated[-1], repeat_rows=3)
    with_fonts = _fontless_lines([*generated, REAL_002], hide=False)
    without = _fontless_lines([*generated, REAL_002], hide=True)
    for path in generated:  # the machine's fonts really were out of reach
        assert without[str(path)]["zero_height"] > 100, path
    for name, read_with_fonts in with_fonts.items():
        assert without[name]["lines"] == read_with_fonts["lines"], name


def test_ruled_paper_is_read_as_text_in_bounded_time(tmp_path):
    """A page ruled 200 × 200 (40,401 crossings): past what a report's page has, so read
    as text (pdfplumber's cell search compares all pairs of crossings: 46 s unbounded)."""
    path = tmp_path / "grid.pdf"
    first = pdf_layouts.ruled_paper(path)
    start = time.perf_counter()
    lines = read(path).lines
    elapsed = time.perf_counter() - start
    assert lines[0].text == first and not any(line.text.startswith("|") for line in lines)
    assert elapsed < 10, f"{elapsed:.1f} s"


def _damaged(data: bytes, kind: str) -> bytes:
    """Small byte edits of a generated three-page PDF (reportlab writes its page tree as
    `/Count 3 /Kids [ a 0 R b 0 R c 0 R ]`)."""
    start = data.index(b"/Kids [ ") + len(b"/Kids [ ")
    first_kid = data[start:data.index(b" ", start)]
    tree = data[:start].rsplit(b" 0 obj", 1)[0].rsplit(b"\n", 1)[1]  # the page tree's object number
    if kind == "page tree loops":
        return data[:start] + tree.ljust(len(first_kid)) + data[start + len(first_kid):]
    if kind == "more pages counted than present":
        return data.replace(b"/Count 3 ", b"/Count 5 ", 1)
    if kind == "truncated":
        return data[:len(data) // 2]
    raise ValueError(kind)


@pytest.mark.parametrize("kind, en, zh", [
    ("page tree loops", "the PDF is damaged: page 3 cannot be read", "PDF 文件已损坏：第 3 页无法读取"),
    ("more pages counted than present", "the PDF is damaged: page 4 cannot be read", "PDF 文件已损坏：第 4 页无法读取"),
    ("truncated", "not a readable PDF: the file is damaged or is not a PDF", "无法读取的 PDF：文件已损坏或不是 PDF 文件"),
])
def test_damaged_pdf_is_reported_as_damaged(kind, en, zh, tmp_path):
    path = tmp_path / "report.pdf"
    writers.write_pdf(writers.blocks_from_text(reportgen.build()), path)
    data = path.read_bytes()
    assert data.count(b"/Type /Page\n") == 3
    broken = _damaged(data, kind)
    assert lint_bytes("report.pdf", broken, select(), lang="en").error == en
    result = lint_bytes("report.pdf", broken, select())
    assert (result.status, result.error) == ("unreadable", zh)
