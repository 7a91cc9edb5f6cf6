"""Every rule's fixtures (tests/fixtures/rules/ID.yaml): each case patches a generated,
balanced report and states exactly which findings of that rule it must give. A cross-report
rule's case also builds `previous` (last year's report, compared as --previous does) or
`others` (more reports of the set, checked together as `check DIR` does)."""

from pathlib import Path

import pytest
import yaml

import reportgen
from linter import crossreport
from linter.rules import catalogue, select

FIXTURES = Path(__file__).parent / "fixtures" / "rules"


def _cases():
    for path in sorted(FIXTURES.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in spec["cases"]:
            yield pytest.param(spec["rule"], case, id=f"{spec['rule']}-{case['name']}")


def build_case(case: dict) -> str:
    base = case.get("base", {})
    version = base.get("version", "2021")
    spec = reportgen.ReportSpec(version=version, year=base.get("year", 2023 if version == "2021" else 2020))
    if "agency" in base:
        spec.agency = base["agency"]
    for row, column, text in case.get("cells", []):
        spec.overrides[(row, column)] = str(text)
    if "t4" in case:
        spec.t4 = case["t4"]
    text = reportgen.build(spec, base.get("style", "rows"))
    for old, new in case.get("replace", []):
        assert old in text, f"fixture text not found: {old!r}"
        text = text.replace(old, new, 1)
    for old, new in case.get("replace_all", []):
        assert old in text, f"fixture text not found: {old!r}"
        text = text.replace(old, new)
    lines = text.splitlines()
    if "cut_lines" in case:
        first, last = case["cut_lines"]
        del lines[first - 1:last]
    if "insert_after" in case:
        number, new_line = case["insert_after"]
        lines.insert(number, new_line)
    return "\n".join(lines) + "\n"


def lint_case(case: dict, lint):
    result = lint(build_case(case))
    if "previous" in case:
        crossreport.compare(result, lint(build_case(case["previous"]), name="previous.txt"), select())
    if "others" in case:
        others = [lint(build_case(other), name=f"other{n}.txt") for n, other in enumerate(case["others"])]
        crossreport.check_set([result, *others], select())
    return result


@pytest.mark.parametrize("rule_id, case", list(_cases()))
def test_rule_fixture(rule_id, case, lint):
    result = lint_case(case, lint)
    assert result.status == "ok"
    found = [f for f in result.findings if f.rule == rule_id]
    expected = case["expect"]
    assert len(found) == len(expected), [(f.line, f.message) for f in found]
    for finding, want in zip(found, expected):
        assert finding.line == want["line"], (finding.line, finding.message)
        if "column" in want:
            assert finding.column == want["column"]
        if "severity" in want:
            assert finding.severity == want["severity"]
        if "contains" in want:
            assert want["contains"] in finding.message, finding.message


def test_every_rule_has_a_failing_and_a_passing_fixture():
    covered = {}
    for path in FIXTURES.glob("*.yaml"):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        kinds = covered.setdefault(spec["rule"], set())
        kinds.update("fail" if case["expect"] else "pass" for case in spec["cases"])
    for rule in catalogue():
        assert covered.get(rule.id) == {"fail", "pass"}, f"{rule.id} needs a failing and a passing fixture"
