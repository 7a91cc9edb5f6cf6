"""Real published reports (tests/corpus/real, copied unchanged from shared/corpus/real) held to
expected.json: every `must` rule is raised (at any severity; "A|B" means either), and no
error-severity finding has a rule outside must + allow. LABELS.md says why, report by report."""

import json
from collections import Counter
from pathlib import Path

import pytest

from linter.engine import lint_path
from linter.rules import select

REAL = Path(__file__).resolve().parent / "corpus" / "real"
EXPECTED = {name: spec for name, spec in json.loads((REAL / "expected.json").read_text(encoding="utf-8")).items()
            if not name.startswith("_")}


def judge(result, spec) -> list[str]:
    """What is wrong with one report's findings against its expected.json entry."""
    raised = {f.rule for f in result.findings}
    problems = [f"unreadable: {result.error}"] if result.status != "ok" else []
    for alternatives in spec["must"]:
        if not raised & set(alternatives.split("|")):
            problems.append(f"{alternatives} not raised")
    allowed = {rule for entry in spec["must"] + spec["allow"] for rule in entry.split("|")}
    for finding in result.findings:
        if finding.severity == "error" and finding.rule not in allowed:
            problems.append(f"stray error {finding.rule} line {finding.line}: {finding.message}")
    return problems


def test_every_real_report_is_listed():
    files = {p.name for p in REAL.iterdir() if p.suffix in (".pdf", ".txt", ".html")}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_report_gives_expected_findings(name):
    result = lint_path(REAL / name, select())
    assert judge(result, EXPECTED[name]) == []


# Every finding of every real report, reviewed against LABELS.md: (rule, severity) -> count.
# expected.json says what must and may be raised; this pins the rest (warnings, counts) so that
# a change in what the tool reads shows up here first.
FINDINGS = {
    "002_hongzequ-qzf_2023.pdf": {("B304", "error"): 1, ("B305", "error"): 1,  # 复议 11 / 复议后起诉 5, 总计 0
                                  ("C403", "error"): 1,  # a people's government, no 考核/评议/追究
                                  ("T204", "error"): 3,  # （六）其他处理 printed as one row, without 1./2./3.
                                  ("T205", "warning"): 1},  # 2.其他法律行政止公开
    "010_pingtan-gwh_2021.txt": {("C403", "error"): 1, ("T206", "warning"): 6},  # cells run together: 6 tables
    "011_pingtan-gwh_2020.txt": {("C401", "warning"): 1, ("C403", "error"): 1, ("T206", "warning"): 7,
                                 ("S103", "warning"): 1},  # 四 worded as in the 2021 format
    "013_pingtan-gwh_2017.txt": {("C401", "warning"): 1, ("S106", "info"): 1},
    "015_pingtan-dsj_2013.txt": {("S106", "info"): 1},
    "017_pingtan-pingtanxian_2013.txt": {("C401", "warning"): 1, ("C404", "error"): 1,  # 统计期限自至
                                         ("S106", "info"): 1},
    "019_pingtan-pingtanxian_2011.txt": {("C401", "warning"): 1, ("S106", "info"): 1},
    "101_pingtan-gwhbgs_2025.html": {("B306", "error"): 1},  # 受理34, 新收 32
    "103_pingtan-jfj_2017.html": {("C401", "warning"): 1, ("S106", "info"): 1,
                                  ("C405", "error"): 3},  # 曹代云, 曹德耀, the EMS number
    "104_pingtan-htpq_2025.html": {("B303", "error"): 4, ("B306", "error"): 1, ("S103", "warning"): 2,
                                   ("T204", "error"): 1, ("T205", "warning"): 1},
    "105_pingtan-gaj_2024.html": {("S103", "warning"): 1},
    "106_pingtan-gaj_2009.html": {("C406", "warning"): 1, ("S106", "info"): 1},  # published 2010-05-12
    "108_pingtan-jjpq_2021.html": {("T205", "warning"): 1},
    "109_pingtan-jtj_2015.html": {("S106", "info"): 1},
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_report_findings_pinned(name):
    result = lint_path(REAL / name, select())
    assert dict(Counter((f.rule, f.severity) for f in result.findings)) == FINDINGS[name]
