"""Cross-report rules over multi-year sets: generated reports of several agencies and years,
written as .txt, .docx and .html, checked together (`check DIR`, `audit`) and in pairs
(`--previous`, crossreport.compare). Each Y rule must fire exactly where the set says."""

import copy
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import reportgen
import writers
from conftest import ROOT
from linter import crossreport
from linter.cli import cli
from linter.crossreport import grouping
from linter.engine import lint_bytes, lint_path
from linter.metadata import agency_key
from linter.reporters import FORMATS
from linter.rules import select

REAL = ROOT / "tests" / "corpus" / "real"
# Text an author writes afresh: replaces the generated 一 and 五 (reportgen.build)
FRESH_ONE = [("我区坚持以公开为常态、不公开为例外,全面推进政务公开。全年新收", "我区围绕优化营商环境,重点公开惠企政策和审批服务信息。依申请公开方面,受理"),
             ("将政务公开纳入全区绩效考核,开展政务公开社会评议", "政务公开考核改由第三方评估,社会评议覆盖全部街道")]
FRESH_FIVE = [("一是政策解读形式较为单一;二是基层公开标准化程度不高。", "依申请公开答复文书说理不够充分,个别答复超过法定期限。"),
              ("下一步,将丰富解读形式,推进基层政务公开标准化规范化建设。", "明年将开展答复文书评查,建立期限预警,按月通报。")]
OTHER_FIVE = [("一是政策解读形式较为单一;二是基层公开标准化程度不高。", "执法信息更新不及时,个别处罚决定超过七日才公开。"),
              ("下一步,将丰富解读形式,推进基层政务公开标准化规范化建设。", "将建立执法信息公开台账,由法制科逐月核查并通报。")]


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def _text(spec: reportgen.ReportSpec, *replacements) -> str:
    text = reportgen.build(spec)
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    return text


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    blocks = writers.blocks_from_text(text)
    {".txt": writers.write_txt, ".docx": writers.write_docx, ".html": writers.write_html}[path.suffix](blocks, path)
    return path


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    """青山区 2021–2023 (named 青山区政府 in 2022), 红山区 and 白山区 2023:
    - 2022 carries over 1 where 2021 carried 2 forward (Y501 自然人, 总计), with 2021's text (Y502 一, 五);
    - 2023 is written afresh but its tables are 2022's (Y503);
    - 红山区 2023 copies 青山区 2023's 五 (Y504 on both); 白山区 2023 writes its own.
    """
    folder = tmp_path_factory.mktemp("years")
    earlier = reportgen.ReportSpec(year=2021)
    earlier.t3["next"] = [2, 0, 0, 0, 0, 0]
    earlier.t3["new"] = [11, 1, 0, 0, 0, 0]
    _write(folder, "qingshan_2021.docx", _text(earlier))
    _write(folder, "qingshan_2022.html", _text(reportgen.ReportSpec(year=2022, agency="青山区政府")))
    _write(folder, "qingshan_2023.txt", _text(reportgen.ReportSpec(year=2023), *FRESH_ONE, *FRESH_FIVE))
    _write(folder, "hongshan_2023.docx", _text(reportgen.ReportSpec(year=2023, agency="红山区人民政府"), *FRESH_FIVE))
    _write(folder, "baishan_2023.txt", _text(reportgen.ReportSpec(year=2023, agency="白山区人民政府"), *OTHER_FIVE))
    return folder


def _cross(files: list[dict]) -> dict[str, list[tuple[str, int, str]]]:
    return {Path(f["path"]).name: [(x["rule"], x["line"], x["message"]) for x in f["findings"] if x["rule"][0] == "Y"]
            for f in files}


def test_a_set_pairs_consecutive_years_and_each_rule_fires_where_it_should(reports):
    result = invoke("check", reports, "--format", "json", "--jobs", "2")
    found = _cross(json.loads(result.stdout)["files"])
    rules = {name: [rule for rule, _, _ in hits] for name, hits in found.items()}
    assert rules == {
        "baishan_2023.txt": [],
        "hongshan_2023.docx": ["Y504"],
        "qingshan_2021.docx": [],
        "qingshan_2022.html": ["Y502", "Y501", "Y501", "Y502"],
        "qingshan_2023.txt": ["Y503", "Y504"],
    }
    y501 = [message for rule, _, message in found["qingshan_2022.html"] if rule == "Y501"]
    assert y501 == [
        "本报告（qingshan_2022.html，2022年）“二、上年结转”（“自然人”列）为 1，而上年报告（qingshan_2021.docx，2021年）“四、结转下年度继续办理”为 2",
        "本报告（qingshan_2022.html，2022年）“二、上年结转”（“总计”列）为 1，而上年报告（qingshan_2021.docx，2021年）“四、结转下年度继续办理”为 2",
    ]
    assert found["qingshan_2023.txt"] == [
        ("Y503", 28, "第三、四部分表格的全部 190 个数字与上年报告（qingshan_2022.html，2022年）完全相同"),
        ("Y504", 90, "“五、存在的主要问题及改进情况”有 100% 的文字与另一机关同年度的报告（hongshan_2023.docx，2023年）相同"
                     "（共与 1 份其他机关的报告雷同），最长相同段落：“一)存在问题。依申请公开答复文书说理不够充分,个别答复超过法定期限。 (二)改进措施。明年将开展答复文书评查,建立期限预…”"),
    ]
    assert "“一、总体情况”有 100% 的文字与上年报告（qingshan_2021.docx，2021年）相同" in found["qingshan_2022.html"][0][2]
    assert result.exit_code == 0  # warnings only


def test_ignoring_the_cross_report_rules_leaves_the_per_report_findings(reports):
    every = json.loads(invoke("check", reports, "--format", "json", "--jobs", "1").stdout)["files"]
    alone = json.loads(invoke("check", reports, "--format", "json", "--ignore", "Y5").stdout)["files"]
    assert [[x for x in f["findings"] if x["rule"][0] != "Y"] for f in every] == [f["findings"] for f in alone]


def test_previous_compares_one_report_with_last_years(reports):
    result = invoke("check", reports / "qingshan_2022.html", "--previous", reports / "qingshan_2021.docx", "--lang", "en")
    lines = [line.split(" ", 3)[1:3] for line in result.output.splitlines()[:-1]]
    assert lines == [["WARNING", "Y502"], ["WARNING", "Y501"], ["WARNING", "Y501"], ["WARNING", "Y502"]]
    assert "carries over 1 (二、上年结转, column “自然人”), but last year's report (qingshan_2021.docx, 2021) carried 2 forward" in result.output
    assert result.output.splitlines()[-1] == "1 file(s): 0 error(s), 4 warning(s), 0 info, 0 unreadable"
    assert result.exit_code == 0


def test_previous_needs_one_report_and_a_readable_previous(reports, tmp_path):
    assert invoke("check", reports, "--previous", reports / "qingshan_2021.docx").exit_code == 2
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not a zip")
    result = invoke("check", reports / "qingshan_2022.html", "--previous", broken)
    assert result.exit_code == 2 and "--previous" in result.output


def test_compare_is_the_call_for_an_upload_and_last_years_upload(reports):
    """What the web page's optional second file needs: two results, one call."""
    rules = select()
    current = lint_bytes("this.txt", (reports / "qingshan_2023.txt").read_bytes(), rules)
    previous = lint_path(reports / "qingshan_2022.html", rules)
    added = crossreport.compare(current, previous, rules, "zh")
    assert [f.rule for f in added] == ["Y503"] and added[0] in current.findings


def test_configured_agencies_pair_reports_of_renamed_agencies(tmp_path):
    _write(tmp_path, "a.txt", _text(reportgen.ReportSpec(year=2009, agency="平潭县公安局")))
    _write(tmp_path, "b.txt", _text(reportgen.ReportSpec(year=2010, agency="平潭综合实验区公安局")))
    unpaired = json.loads(invoke("check", tmp_path, "--format", "json", "--isolated").stdout)["files"]
    assert _cross(unpaired) == {"a.txt": [], "b.txt": []}
    (tmp_path / "nianbao.toml").write_text('[agencies]\n"平潭县公安局" = "平潭综合实验区公安局"\n', encoding="utf-8")
    paired = _cross(json.loads(invoke("check", tmp_path, "--format", "json").stdout)["files"])
    assert [rule for rule, _, _ in paired["b.txt"]] == ["Y502", "Y502"] and paired["a.txt"] == []


def test_agency_names_meet_when_they_name_one_agency():
    assert agency_key("平潭综合实验区") == agency_key("平潭综合实验区管委会") == agency_key("平潭综合实验区管理委员会")
    assert agency_key("某某区人民政府") == agency_key("某某区政府") == agency_key("某某区")
    assert agency_key("平潭综合实验区管委会办公室") != agency_key("平潭综合实验区")
    assert agency_key("平潭县公安局", {"平潭县公安局": "平潭综合实验区公安局"}) == agency_key("平潭综合实验区公安局")


def test_pairs_go_by_agency_and_year_and_ignore_unnamed_agencies(reports):
    results = [lint_path(path, select()) for path in sorted(reports.iterdir())]
    pairs = {(Path(a.path).name, Path(b.path).name) for a, b in grouping.pairs(results)}
    assert pairs == {("qingshan_2022.html", "qingshan_2021.docx"), ("qingshan_2023.txt", "qingshan_2022.html")}
    results[0].agency_source = "filename"  # baishan: unnamed
    assert 2023 in grouping.by_year(results) and results[0] not in grouping.by_year(results)[2023]


def test_audit_has_a_year_over_year_table_for_agencies_with_several_years(reports, tmp_path):
    output = tmp_path / "audit.html"
    invoke("audit", reports, "-o", output)
    page = output.read_text(encoding="utf-8")
    block = page[page.index('id="year-over-year"'):page.index('id="by-rule"')]
    assert block.count("<table") == 1 and 'data-agency="青山区人民政府"' in block
    rows = [row for row in block.split("<tr>")[2:]]
    cells = [[cell.split("<")[0] for cell in row.split('<td class="n">')[1:]] for row in rows]
    assert cells == [["2021", "12", "11", "2", "1", "1"], ["2022", "11", "11", "1", "1", "1"], ["2023", "11", "11", "1", "1", "1"]]


def test_late_publication_on_the_real_reports_only_where_labelled():
    late = {path.name: [f.message for f in lint_path(path, select(("C406",))).findings]
            for path in sorted(REAL.glob("[0-9]*.*"))}
    assert {name: messages for name, messages in late.items() if messages} == {
        "106_pingtan-gaj_2009.html": ["网页发布日期 2010-05-12 晚于2007年《条例》规定的公布期限 2010-03-31"]}


def test_a_template_copied_by_thousands_of_agencies_is_measured_once(tmp_path):
    """Y504 over 3,000 reports of one year sharing section 五 word for word: identical texts form
    one group measured once (pair by pair it was 9 million measurements), and each report
    still names its count of look-alikes."""
    import time
    from dataclasses import replace

    path = tmp_path / "template.txt"
    path.write_text(reportgen.build(), encoding="utf-8")
    rules = [rule for rule in select() if rule.id == "Y504"]
    template = lint_path(path, select())
    copies = [replace(template, path=f"r{i}.txt", agency=f"第{i}号局", findings=[]) for i in range(3000)]
    started = time.monotonic()
    checked = list(crossreport.attached(copies, rules))
    assert time.monotonic() - started < 30
    found = [f for result in checked for f in result.findings]
    assert len(found) == 3000 and all("共与 2999 份其他机关的报告雷同" in f.message for f in found)


def _rendered(name: str, results, rules) -> bytes:
    from linter.reporters import Run, reporter

    return b"".join(chunk if isinstance(chunk, bytes) else chunk.encode("utf-8")
                    for chunk in reporter(name).render(results, Run(rules, "zh")))


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_is_the_same_whether_the_results_were_spilled_or_held(reports, name):
    """attached() holds the set on disk (crossreport/spill.py); check_set() adds the same
    findings to results held in memory: every output must be byte for byte the same."""
    rules = select()
    linted = [lint_path(path, rules) for path in sorted(reports.iterdir())]
    held = copy.deepcopy(linted)
    crossreport.check_set(held, rules)
    assert sum(f.rule[0] == "Y" for result in held for f in result.findings) == 7
    spilled = crossreport.attached(iter(copy.deepcopy(linted)), rules)
    assert _rendered(name, spilled, rules) == _rendered(name, held, rules)
