"""Small generated fixtures for the classes of misreading found on real reports (issue 9), each
beside the real file that showed it (tests/corpus/real). Reading doubts must never become
error findings; real deviations are reported once."""

from decimal import Decimal
from pathlib import Path

import reportgen
import writers
from linter.analyze import analyze
from linter.engine import lint_path
from linter.readers import read
from linter.rules import select

REAL = Path(__file__).resolve().parent / "corpus" / "real"


def _report() -> str:
    return reportgen.build(reportgen.ReportSpec(version="2021", year=2023), "rows")


def _errors(result):
    return [(f.rule, f.line, f.message) for f in result.findings if f.severity == "error"]


def test_crawler_text_headings_found_tables_said_unreadable_once(lint):
    """010/011: text with no line breaks and table cells run together. Every heading is found
    inside the line; each table is reported unreadable once, and nothing is an error."""
    flat = "".join(_report().splitlines()).replace(" | ", "")
    result = lint(flat)
    assert _errors(result) == []
    unreadable = [f.table for f in result.findings if f.rule == "T206"]
    assert unreadable == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项",
                          "收到和处理政府信息公开申请情况表", "行政复议、行政诉讼情况表"]
    report = analyze(read(Path(result.path)))
    assert [s.heading for s in report.sections] == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


def test_real_crawler_texts_read_the_same_way():
    for name in ("010_pingtan-gwh_2021.txt", "011_pingtan-gwh_2020.txt"):
        result = lint_path(REAL / name, select())
        assert not [f for f in result.findings if f.rule in ("S101", "T201", "T202", "T204") or f.rule.startswith("B30")]
        assert sum(f.rule == "T206" for f in result.findings) == (6 if name.startswith("010") else 7)


def test_a_misworded_label_is_read_as_its_row_and_summed(lint):
    """002 (PDF): "2.其他法律行政止公开"; 104/108: "规范性文件". The row's values are read and
    every identity runs on them; the wording is one warning."""
    text = _report().replace("2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0", "2、其他法律行政止公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1")
    result = lint(text)
    # one result more than the total, in the 自然人 and 总计 columns
    assert [f.rule for f in result.findings if f.rule.startswith("B3")] == ["B302", "B302"]
    assert [(f.rule, f.severity) for f in result.findings if f.rule.startswith("T")] == [("T205", "warning")]
    report = analyze(read(Path(result.path)))
    assert report.tables["t3"].rows["w_law"].cells["total"].value == Decimal(1)


def test_blank_cell_before_a_row_label_is_the_label_column(lint):
    """104 (HTML): a stray empty cell (rowspan) in the label column before （六）2. is not a value."""
    text = _report().replace("2.申请人逾期未按收费通知要求缴纳费用", "|  | 2.申请人逾期未按收费通知要求缴纳费用", 1)
    result = lint(text)
    assert _errors(result) == []
    assert analyze(read(Path(result.path))).tables["t3"].rows["o_nofee"].found


def test_word_table_findings_count_cells_from_one(tmp_path):
    """A finding about a whole row (the 规章 row missing) names the table's first cell, not cell 0."""
    text = _report().replace("规章 | 0 | 0 | 0\n", "")
    docx = tmp_path / "r.docx"
    writers.write_docx(writers.blocks_from_text(text), docx)
    finding = next(f for f in lint_path(docx, select()).findings if f.rule == "T204")
    assert finding.location["cell"] == 1 and "规章" in finding.message


def test_a_preamble_listing_the_parts_is_prose(lint):
    """A report with heading lines of its own: numbered titles inside a line are prose (a
    preamble listing the parts), not six more headings out of order (S102)."""
    listing = "本报告包括一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；" \
              "四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。"
    text = _report().replace("根据《中华人民共和国政府信息公开条例》要求,编制本报告。", listing)
    result = lint(text)
    assert [f.rule for f in result.findings] == []
