"""Reading and normalising: encodings, bad input, table serialisations, Traditional script."""

import pytest

import reportgen
from conftest import SEEDS
from linter.analyze import analyze
from linter.readers import read

SEED_002 = SEEDS / "002_08e398edbd93b538.txt"


def _table_values(report):
    return {
        key: {row.key: [table.value(row.key, c.key) for c in table.spec.columns] for row in table.spec.rows}
        for key, table in report.tables.items()
    }


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8-sig"])
def test_chinese_encodings_give_the_same_findings(encoding, lint):
    text = SEED_002.read_text(encoding="utf-8")
    utf8 = lint(text, "utf8.txt")
    other = lint(text.encode(encoding), f"{encoding}.txt")
    assert other.status == "ok"
    assert [(f.rule, f.line) for f in other.findings] == [(f.rule, f.line) for f in utf8.findings]


@pytest.mark.parametrize("content, reason", [
    (b"", "file is empty"),
    (b"   \n\n", "file is empty"),
    (b"\x00\x01\x02binary\x00", "file is binary"),
    ("一、总体情况".encode("utf-16"), "UTF-16"),
    ("一、總體情況,政府信息公開工作年度報告".encode("big5") * 20, "neither UTF-8 nor GB18030"),
])
def test_bad_input_is_a_clear_error(content, reason, lint):
    result = lint(content, "bad.txt", lang="en")
    assert result.status == "unreadable"
    assert reason in result.error


def test_unsupported_suffix_is_named(lint):
    result = lint("一、总体情况", "report.rtf", lang="en")
    assert result.status == "unreadable" and "'.rtf'" in result.error
    assert "不支持的文件类型“.rtf”" in lint("一、总体情况", "report.rtf").error


def test_huge_file_is_refused_without_reading_it(tmp_path, lint):
    result = lint(b"a" * (21 * 1024 * 1024), "huge.txt")
    assert result.status == "unreadable" and "MB" in result.error


@pytest.mark.parametrize("version, year", [("2021", 2023), ("2019", 2020)])
def test_every_serialisation_yields_the_same_table_model(version, year, tmp_path):
    spec = reportgen.ReportSpec(version=version, year=year)
    models = {}
    for style, name in (("rows", "r.txt"), ("cells", "c.txt"), ("markdown", "m.md")):
        path = tmp_path / name
        path.write_text(reportgen.build(spec, style), encoding="utf-8")
        models[style] = _table_values(analyze(read(path)))
    assert models["rows"] == models["cells"] == models["markdown"]
    t3 = models["rows"]["t3"]
    assert t3["new"] == [10, 1, 0, 0, 0, 0, 11] and t3["total"] == [10, 1, 0, 0, 0, 0, 11]
    assert models["rows"]["t4"]["cases"] == [1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]


def test_missing_cell_is_not_shifted_into_another_column(tmp_path):
    text = reportgen.build().replace(
        "(二)部分公开(区分处理的,只计这一情形,不计其他情形) | 2 | 0 | 0 | 0 | 0 | 0 | 2",
        "(二)部分公开(区分处理的,只计这一情形,不计其他情形) | 2 | 0 | 0 | 0 | 0 | 2",
    )
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    row = analyze(read(path)).tables["t3"].rows["partial"]
    assert row.misaligned and row.given == 6
    assert all(cell.value is None for cell in row.cells.values())


@pytest.mark.parametrize("converter", ["s2twp", "s2t", "s2hk"])
def test_traditional_report_is_normalised_but_quoted_as_written(converter, tmp_path):
    import opencc

    simplified = reportgen.build()
    traditional = opencc.OpenCC(converter).convert(simplified)
    assert traditional != simplified
    paths = {}
    for name, text in (("s.txt", simplified), ("t.txt", traditional)):
        paths[name] = tmp_path / name
        paths[name].write_text(text, encoding="utf-8")
    s_report, t_report = analyze(read(paths["s.txt"])), analyze(read(paths["t.txt"]))
    assert t_report.traditional and not s_report.traditional
    assert _table_values(t_report) == _table_values(s_report)
    assert [s.heading for s in t_report.sections] == [s.heading for s in s_report.sections]
    assert t_report.lines[3] == traditional.splitlines()[2]  # original kept for quoting


def test_taiwan_phrases_are_converted():
    from linter.normalize import normalise_text

    assert normalise_text("通過入口網站公開政策檔案", traditional=True) == "通过门户网站公开政策文件"
    assert normalise_text("（一）：１２", traditional=False) == "(一):12"


def test_simplified_report_is_not_rewritten():
    from linter.normalize import is_traditional

    assert not is_traditional(SEED_002.read_text(encoding="utf-8"))
