"""Real published reports (tests/corpus/real, copied unchanged from shared/corpus/real) held to
expected.json: every `must` rule is raised (at any severity; "A|B" means either), and no
error-severity finding has a rule outside must + allow. LABELS.md says why, report by report."""

import json
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
