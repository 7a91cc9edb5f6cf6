"""Audit mode: parallel runs in a stable order, the findings document (HTML, Word) and the
machine outputs (SARIF, JUnit, CSV), on the seeds plus generated reports."""

import csv
import fcntl
import io
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from collections import Counter
from pathlib import Path

import pypdfium2
import pytest
from click.testing import CliRunner
from lxml import etree, html

import browser
import reportgen
import writers
from conftest import ROOT, SEEDS
from linter import pool, runner
from linter.cli import cli
from linter.rules import catalogue, select

SCHEMA = Path(__file__).parent / "schemas" / "sarif-2.1.0-rtm.5.json"


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The seeds, two generated reports with defects, a clean one, a web page naming its
    agency only in its metadata, and a damaged file: what an auditor's folder holds."""
    folder = tmp_path_factory.mktemp("audit")
    for seed in SEEDS.iterdir():
        (folder / seed.name).write_bytes(seed.read_bytes())
    blank = reportgen.ReportSpec(agency="青山区人民政府", overrides={("new", 0): ""})
    (folder / "qingshan.txt").write_text(reportgen.build(blank), encoding="utf-8")
    unbalanced = reportgen.ReportSpec(agency="白云区人民政府", year=2022)
    unbalanced.t3["new"][0] += 3
    (folder / "baiyun.md").write_text(reportgen.build(unbalanced, "markdown"), encoding="utf-8")
    (folder / "clean.txt").write_text(reportgen.build(reportgen.ReportSpec(agency="绿水县人民政府")), encoding="utf-8")
    text = reportgen.build(reportgen.ReportSpec(agency="", year=2023)).split("\n", 1)[1]  # no title line
    page = folder / "2023年报_webpage.html"
    writers.write_html(writers.blocks_from_text(text), page, title="")
    page.write_text(page.read_text("utf-8").replace(
        "<meta name=\"PubDate\"", "<meta name=\"ContentSource\" content=\"红山区教育局\"><meta name=\"PubDate\""), "utf-8")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    return folder


@pytest.fixture(scope="module")
def expected(corpus) -> dict:
    """The findings of every file, from the JSON contract of a one-process run."""
    result = invoke("check", "--format", "json", "--jobs", "1", corpus)
    return {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}


def test_parallel_results_are_in_the_same_order_as_one_process(corpus, expected):
    files = sorted(corpus.iterdir()) * 3  # more files than workers have in flight
    one = [r.__dict__ for r in runner.lint_all(files, select(), jobs=1)]
    two = [r.__dict__ for r in runner.lint_all(files, select(), jobs=2)]
    assert one == two
    assert [Path(r["path"]).name for r in two] == [p.name for p in files]
    parallel = json.loads(invoke("check", "--format", "json", "--jobs", "2", corpus).stdout)
    assert {Path(f["path"]).name: f for f in parallel["files"]} == expected


def test_a_worker_that_dies_costs_only_its_file(corpus, monkeypatch):
    real = pool.lint_job

    def crashing(path, *options):
        if path.name == "clean.txt":
            os._exit(3)  # as a segfault in a native reader would
        return real(path, *options)

    monkeypatch.setattr(pool, "lint_job", crashing)  # workers are forked: they see it
    files = sorted(corpus.iterdir())
    results = list(runner.lint_all(files, select(), lang="en", jobs=2))
    assert [Path(r.path).name for r in results] == [p.name for p in files]
    crashed = [r for r in results if Path(r.path).name == "clean.txt"][0]
    assert crashed.status == "unreadable" and "crashed" in crashed.error
    assert sum(r.status == "ok" for r in results) == len(files) - 2  # and broken.docx


def _run_in_terminal(args: list[str]) -> str:
    """Run the command with its output on a pseudo-terminal; what the terminal shows."""
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))  # a new pty is 0×0
    process = subprocess.Popen(args, stdin=terminal, stdout=terminal, stderr=terminal, cwd=ROOT, close_fds=True)
    os.close(terminal)
    shown = b""
    while True:
        try:
            data = os.read(controller, 65536)
        except OSError:  # EIO: the other end closed
            break
        if not data:
            break
        shown += data
    process.wait()
    os.close(controller)
    return shown.decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_only(corpus):
    command = [sys.executable, "-m", "linter", "check", "--jobs", "2", str(corpus)]
    shown = _run_in_terminal(command)
    assert re.search(r"\d+/10 \[", shown), shown[-500:]  # tqdm: count of total, then times and ETA
    assert "errors" in shown
    piped = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert piped.stderr == f"nianbao: {corpus / 'broken.docx'}: {expected_error(piped.stdout)}\n"
    assert "\r" not in piped.stdout and "/10" not in piped.stderr


def expected_error(text_output: str) -> str:
    return re.search(r"broken\.docx: UNREADABLE (.*)", text_output)[1]


@pytest.fixture(scope="module")
def audit_html(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out") / "findings.html"
    result = invoke("audit", corpus, "-o", out)
    assert result.exit_code == 2  # broken.docx
    assert "已写入" in result.stderr and "无法读取 1" in result.stderr
    return out


def test_audit_html_holds_every_finding(audit_html, expected):
    page = html.fromstring(audit_html.read_bytes())
    assert not page.xpath("//script | //link | //img | //*[@src]"), "must be self-contained"
    sections = page.xpath("//section[@class='report']")
    assert len(sections) == len(expected)
    for section in sections:
        entry = expected[Path(section.get("data-path")).name]
        rows = section.xpath(".//tr[@class='finding']")
        assert [row.get("data-rule") for row in rows] == [f["rule"] for f in entry["findings"]]
        text = section.text_content()
        for finding in entry["findings"]:
            assert finding["message"] in text and finding["excerpt"] in text
        if entry["status"] == "unreadable":
            assert entry["error"] in text
    counts = Counter(f["rule"] for e in expected.values() for f in e["findings"])
    chart = {bar.get("data-rule"): bar for bar in page.xpath("//svg//rect[@class='bar']")}
    assert set(chart) == set(counts)
    by_rule = {row.get("data-rule"): int(row.xpath("td")[3].text) for row in page.xpath("//table[@class='by-rule']//tr[@data-rule]")}
    assert by_rule == dict(counts)
    reports = Counter(rule for e in expected.values() for rule in {f["rule"] for f in e["findings"]})
    top = [div.get("data-rule") for div in page.xpath("//div[@class='defect']")]
    assert top == sorted(counts, key=lambda rule: (-counts[rule], -reports[rule], rule))[:5]
    for rule_id in top:
        basis = next(r for r in catalogue() if r.id == rule_id).basis["zh"]
        assert basis in page.xpath(f"//div[@data-rule='{rule_id}']")[0].text_content()


def test_audit_scope_ranking_and_identity(audit_html, expected):
    page = html.fromstring(audit_html.read_bytes())
    scope = page.xpath("//p[@class='scope']")[0].text_content()
    assert "本次共审查年度报告 10 份（可读取 9 份，无法读取 1 份）" in scope
    assert "2017、2020、2021、2022、2023" in scope
    ranking = [[td.text_content() for td in row.xpath("td")] for row in page.xpath("//table[@class='ranking']/tbody/tr")]
    errors = [int(row[3]) for row in ranking]
    assert errors == sorted(errors, reverse=True)
    agencies = [row[1] for row in ranking]
    assert {"硚口区人民政府", "青山区人民政府", "白云区人民政府", "绿水县人民政府", "红山区教育局"} <= set(agencies)
    web = next(s for s in page.xpath("//section[@class='report']") if "webpage" in s.get("data-path"))
    assert "红山区教育局" in web.xpath("h3")[0].text  # from the page's ContentSource metadata
    seed4 = next(s for s in page.xpath("//section[@class='report']") if "004_" in s.get("data-path"))
    assert seed4.xpath("h3")[0].text == "5. 004_f33f83f1c85a8eb6 · 2020"
    assert "未能从报告标题或正文中读取机关名称，以文件名代替" in seed4.xpath("p[@class='note']")[0].text


def test_audit_in_english(corpus, tmp_path):
    out = tmp_path / "findings.html"
    invoke("audit", "--lang", "en", corpus / "004_f33f83f1c85a8eb6.txt", "-o", out)
    page = html.fromstring(out.read_bytes())
    assert page.get("lang") == "en"
    assert page.xpath("//h1")[0].text == "Review of annual reports on government information disclosure"
    assert "“161330元” is not a number" in page.text_content()
    assert "the file name stands in" in page.text_content()


def test_audit_html_in_chromium(audit_html):
    with browser.page() as tab:
        tab.goto(audit_html.as_uri())
        assert tab.errors == []
        chart = tab.locator("svg.chart")
        assert chart.is_visible()
        box = tab.locator("svg.chart rect.bar").first.bounding_box()
        assert box["width"] > 100 and box["height"] > 10
        # each rule's label is drawn whole, left of its bar
        room = tab.eval_on_selector_all("svg.chart g", """gs => gs.map(g => {
            const label = g.querySelector("text.label"), bar = g.querySelector("rect.bar");
            return [label.textContent, bar.x.baseVal.value - label.getComputedTextLength()];
        })""")
        assert room and all(spare > 0 for _, spare in room), room
        assert "C403 未说明考核、评议和追责结果" in [label for label, _ in room]
        fonts = browser.fonts_rendering(tab, "h1")
        cjk = {family: n for family, n in fonts.items() if "CJK" in family or "Han" in family}
        assert sum(cjk.values()) == len("政府信息公开工作年度报告审查意见"), fonts
        shot = browser.screenshot(tab, "audit-findings.png")
        assert shot.stat().st_size > 20_000
        tab.emulate_media(media="print")
        breaks = tab.eval_on_selector_all("section.report", "s => s.map(e => getComputedStyle(e).breakBefore)")
        assert set(breaks) == {"page"}
        printed = pypdfium2.PdfDocument(tab.pdf(format="A4"))
        assert len(printed) >= 1 + 10  # the summary, then a page (at least) per report


def test_audit_docx_reads_back(corpus, expected, tmp_path):
    import docx

    out = tmp_path / "findings.docx"
    invoke("audit", corpus, "-o", out)
    document = docx.Document(str(out))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == ("Title", "政府信息公开工作年度报告审查意见")
    assert [text for style, text in headings if style == "Heading 1"] == [
        "审查范围", "各机关问题排名", "问题分类统计", "最常见的 5 类问题", "逐份报告审查情况"]
    reports = [p for p in document.paragraphs if p.style.name == "Heading 2" and re.match(r"\d+\. ", p.text)
               and p.paragraph_format.page_break_before]
    assert len(reports) == len(expected)
    finding_tables = [t for t in document.tables if t.rows[0].cells[0].text == "位置"]
    with_findings = [e for e in expected.values() if e["findings"]]
    assert [len(t.rows) - 1 for t in finding_tables] == [len(e["findings"]) for e in sorted(with_findings, key=lambda e: e["path"])]
    first = finding_tables[0].rows[1].cells
    seed0 = expected["000_fc9aab34a1e880b5.txt"]["findings"][0]
    assert (first[2].text, first[4].text, first[5].text) == ("C403 未说明考核、评议和追责结果", seed0["message"], seed0["excerpt"])
    assert finding_tables[0].rows[0]._tr.trPr.xpath("w:tblHeader")  # the header row repeats on each page
    by_rule = next(t for t in document.tables if t.rows[0].cells[0].text == "规则")
    titles = [row.cells[0].text for row in by_rule.rows[1:]]
    assert titles[0] == "T202 表格单元格留空" and "C403 未说明考核、评议和追责结果" in titles
    texts = "\n".join(p.text for p in document.paragraphs)
    assert "格式：2007年条例（无规定格式）" in texts and "格式：2019年格式（国办公开办函〔2019〕60号）" in texts
    assert "legacy" not in texts


@pytest.fixture(scope="module")
def several_years(tmp_path_factory) -> Path:
    """青山区 2021–2023 (named 青山区政府 in 2022; 2023's carried-forward total written 1件, so not
    read for certain) as Word, web page and text, and 红山区's one report."""
    folder = tmp_path_factory.mktemp("years")
    earlier = reportgen.ReportSpec(year=2021)
    earlier.t3["next"] = [2, 0, 0, 0, 0, 0]
    earlier.t3["new"] = [11, 1, 0, 0, 0, 0]
    writers.write_docx(writers.blocks_from_text(reportgen.build(earlier)), folder / "qingshan_2021.docx")
    writers.write_html(writers.blocks_from_text(reportgen.build(reportgen.ReportSpec(year=2022, agency="青山区政府"))),
                       folder / "qingshan_2022.html")
    unsure = reportgen.ReportSpec(year=2023, t4=[1, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 2], overrides={("next", 6): "1件"})
    (folder / "qingshan_2023.txt").write_text(reportgen.build(unsure), encoding="utf-8")
    (folder / "hongshan_2023.txt").write_text(reportgen.build(reportgen.ReportSpec(agency="红山区人民政府")), encoding="utf-8")
    return folder


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_word_document_has_the_year_over_year_table_of_the_html_one(several_years, tmp_path, lang):
    import docx

    invoke("audit", several_years, "-o", tmp_path / "audit.docx", "--lang", lang)
    invoke("audit", several_years, "-o", tmp_path / "audit.html", "--lang", lang)
    document = docx.Document(str(tmp_path / "audit.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    yoy = {"zh": "各机关历年情况", "en": "Year over year, per agency"}[lang]
    assert headings[:4] == {"zh": ["审查范围", "各机关问题排名", yoy, "问题分类统计"],
                            "en": ["Scope", "Agencies ranked by errors", yoy, "Findings by rule"]}[lang]
    assert [p.text for p in document.paragraphs if p.style.name == "Caption"] == ["青山区人民政府"]
    header = {"zh": ["年度", "新收申请", "办结", "结转下年度", "行政复议", "行政诉讼"],
              "en": ["Year", "New applications", "Concluded", "Carried forward", "Reviews", "Lawsuits"]}[lang]
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables
              if table.rows[0].cells[0].text == header[0]]
    assert tables == [[header, ["2021", "12", "11", "2", "1", "1"], ["2022", "11", "11", "1", "1", "1"],
                       ["2023", "11", "11", "—", "1", "3"]]]
    assert document.tables[1].rows[0]._tr.trPr.xpath("w:tblHeader")  # as every table: the header repeats on each page
    page = html.fromstring((tmp_path / "audit.html").read_bytes())
    in_html = [[[cell.text_content() for cell in row.xpath("th|td")] for row in table.xpath(".//tr")]
               for table in page.xpath("//table[@class='yoy']")]
    assert in_html == tables  # the same table in both formats


def test_the_chinese_document_names_rules_and_formats_in_chinese(audit_html):
    page = html.fromstring(audit_html.read_bytes())
    text = page.text_content()
    for rule in catalogue():
        assert rule.name not in text  # no English slugs
    assert "legacy" not in text
    by_rule = {row.get("data-rule"): row.xpath("td")[0].text for row in page.xpath("//table[@class='by-rule']//tr[@data-rule]")}
    assert by_rule["C403"] == "C403 未说明考核、评议和追责结果" and by_rule["S106"] == "S106 2018年及以前的报告"
    labels = page.xpath("//svg//text[@class='label']/text()")
    assert "C403 未说明考核、评议和追责结果" in labels
    scope = page.xpath("//p[@class='scope']")[0].text_content()
    assert ("适用格式：2019年格式（国办公开办函〔2019〕60号）1 份；2021年格式（国办公开办函〔2021〕30号）7 份；"
            "2007年条例（无规定格式）1 份。") in scope
    seed1 = next(s for s in page.xpath("//section[@class='report']") if "001_" in s.get("data-path"))
    assert "格式：2007年条例（无规定格式）" in seed1.xpath("p[@class='meta']")[0].text_content()
    finding = seed1.xpath(".//tr[@class='finding']")[0]
    assert finding.xpath("td")[2].text == "S106 2018年及以前的报告"


@pytest.fixture(scope="module")
def injected(tmp_path_factory) -> Path:
    """A report whose heading, and whose file name, carry markup with an event handler."""
    folder = tmp_path_factory.mktemp("injected")
    text = (SEEDS / "004_f33f83f1c85a8eb6.txt").read_text("utf-8")
    report = folder / f"{INJECTED}.txt"
    report.write_text(text.replace("一、总体情况\n", f"一、总体情况{INJECTED}\x07\n", 1), "utf-8")
    return report


INJECTED = "<img src=x onerror=alert(1)>"


@pytest.mark.parametrize("command", [["audit"], ["check", "--format", "html"]])
def test_the_audit_document_shows_markup_as_text_in_chromium(injected, tmp_path, command):
    out = tmp_path / "findings.html"
    invoke(*command, injected, "-o", out)
    source = out.read_text("utf-8")
    assert "<img" not in source and "&lt;img src=x onerror=alert(1)&gt;" in source
    with browser.page() as tab:
        dialogs = []
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        tab.goto(out.as_uri())
        assert tab.locator("img").count() == 0
        row = tab.locator('tr.finding[data-rule="S103"]')
        assert f"标题“一、总体情况{INJECTED}" in row.inner_text()
        assert INJECTED in tab.locator("section.report .meta").inner_text()  # the file name
        tab.wait_for_timeout(300)  # an onerror handler would have fired by now
        assert dialogs == [] and tab.errors == []


def test_the_word_document_holds_markup_and_control_characters_safely(injected, tmp_path):
    import docx

    out = tmp_path / "findings.docx"
    invoke("audit", injected, "-o", out)
    document = docx.Document(str(out))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert f"一、总体情况{INJECTED}" in cells  # the excerpt, its control character dropped
    assert any(f"文件：{injected}" in p.text for p in document.paragraphs)


def test_sarif_is_valid_2_1_0(corpus, expected):
    import jsonschema

    result = invoke("check", "--format", "sarif", corpus)
    sarif = json.loads(result.stdout)
    jsonschema.validate(sarif, json.loads(SCHEMA.read_text("utf-8")))
    run = sarif["runs"][0]
    findings = [f for e in expected.values() for f in e["findings"]]
    assert len(run["results"]) == len(findings)
    assert Counter(r["ruleId"] for r in run["results"]) == Counter(f["rule"] for f in findings)
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} == {r.id for r in catalogue()}
    t203 = next(r for r in run["results"] if r["ruleId"] == "T203")
    region = t203["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["snippet"]["text"]) == (74, "161330元 |")
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert len(notes) == 1 and "broken.docx" in notes[0]["message"]["text"]


def test_junit_has_a_case_per_report_and_rule(corpus, expected):
    root = etree.fromstring(invoke("check", "--format", "junit", corpus).stdout_bytes)
    suites = root.findall("testsuite")
    assert len(suites) == len(expected)
    rules = catalogue()
    for suite in suites:
        entry = expected[Path(suite.get("name")).name]
        cases = suite.findall("testcase")
        if entry["status"] != "ok":
            assert [c.get("name") for c in cases] == ["read"] and cases[0].find("error") is not None
            continue
        assert [c.get("name").split()[0] for c in cases] == [r.id for r in rules]
        failing = {f["rule"] for f in entry["findings"] if f["severity"] == "error"}
        assert {c.get("name").split()[0] for c in cases if c.find("failure") is not None} == failing
        skipped = {c.get("name").split()[0] for c in cases if c.find("skipped") is not None}
        assert skipped == {r.id for r in rules if entry["format"] not in r.formats}
    assert int(root.get("failures")) == sum(len({f["rule"] for f in e["findings"] if f["severity"] == "error"}) for e in expected.values())


def test_csv_opens_with_chinese_intact(corpus, expected, tmp_path):
    out = tmp_path / "findings.csv"
    invoke("audit", corpus, "-o", out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    findings = [f for e in expected.values() for f in e["findings"]]
    assert len(rows) == len(findings) + 1  # and the unreadable file
    t203 = next(r for r in rows if r["rule"] == "T203")
    assert (t203["line"], t203["excerpt"], t203["agency"]) == ("74", "161330元 |", "004_f33f83f1c85a8eb6")
    assert "“161330元”不是数字" in t203["message"]


def test_audit_needs_a_known_suffix_or_format(corpus, tmp_path):
    result = invoke("audit", corpus, "-o", tmp_path / "findings.pdf")
    assert result.exit_code == 2 and "cannot tell the format" in result.output
    result = invoke("audit", corpus, "-o", tmp_path / "findings.out", "--format", "json")
    assert json.loads((tmp_path / "findings.out").read_text("utf-8"))["summary"]["files"] == 10
