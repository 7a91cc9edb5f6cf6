"""Authors' and teams' workflows: configuration files, baselines, standard input, GitHub
annotations and the generated rule documentation."""

import json
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

import reportgen
import writers
from conftest import ROOT, SEEDS
from linter.cli import cli
from linter.ruledoc import markdown

SEED0, SEED3, SEED4 = (SEEDS / name for name in ("000_fc9aab34a1e880b5.txt", "003_bab9083700ba8cb3.txt", "004_f33f83f1c85a8eb6.txt"))


def invoke(*args, stdin=None, cwd=None, monkeypatch=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=stdin, catch_exceptions=False)


def rules_found(result) -> dict[str, list[str]]:
    """file name -> rule ids, from JSON output."""
    doc = json.loads(result.stdout)
    return {f["path"].rsplit("/", 1)[-1]: [x["rule"] for x in f["findings"]] for f in doc["files"]}


@pytest.fixture
def project(tmp_path):
    """A team's repository: reports at the top, in drafts/ and in archive/."""
    tmp_path = tmp_path / "repo"  # its parent is the test's own, for configs above it
    tmp_path.mkdir()
    (tmp_path / "drafts").mkdir()
    (tmp_path / "archive").mkdir()
    (tmp_path / "drafts" / SEED0.name).write_bytes(SEED0.read_bytes())
    (tmp_path / SEED4.name).write_bytes(SEED4.read_bytes())
    (tmp_path / "archive" / SEED3.name).write_bytes(SEED3.read_bytes())
    return tmp_path


PYPROJECT = """\
[project]
name = "reports"

[tool.nianbao]
ignore = ["C403"]
exclude = ["archive"]

[tool.nianbao.severity]
T203 = "warning"

[tool.nianbao.per-file-ignores]
"drafts/*" = ["T2"]
"""


def test_pyproject_config_found_upward_from_the_checked_files(project):
    (project / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    result = invoke("check", "--format", "json", project / "drafts", project / SEED4.name)
    assert rules_found(result) == {SEED0.name: ["B307"], SEED4.name: ["T203", "C401"]}
    doc = json.loads(result.stdout)
    assert [f["severity"] for f in doc["files"][1]["findings"]] == ["warning", "warning"]
    assert result.exit_code == 1  # B307 is still an error
    whole = rules_found(invoke("check", "--format", "json", project))
    assert SEED3.name not in whole  # excluded, even though its folder was walked
    assert rules_found(invoke("check", "--format", "json", project / "archive" / SEED3.name)) == {}  # and when named


def test_isolated_and_explicit_config(project, tmp_path_factory):
    (project / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    isolated = rules_found(invoke("check", "--format", "json", "--isolated", project))
    assert isolated[SEED0.name] == ["C403", "T201", "B307", "T202", "T204", "T201"]
    assert SEED3.name in isolated
    other = tmp_path_factory.mktemp("elsewhere") / "nianbao.toml"
    other.write_text('select = ["B3"]\nformat-version = "2021"\n', encoding="utf-8")
    result = invoke("check", "--format", "json", "--config", other, project / SEED4.name)
    assert rules_found(result) == {SEED4.name: []}
    assert json.loads(result.stdout)["files"][0]["format"] == "2021"


def test_nianbao_toml_wins_over_a_pyproject_without_settings(project):
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (project.parent / "nianbao.toml").write_text('select = ["C401"]\n', encoding="utf-8")
    assert rules_found(invoke("check", "--format", "json", project / SEED4.name)) == {SEED4.name: ["C401"]}


def test_command_line_overrides_config(project):
    (project / "nianbao.toml").write_text('select = ["C401"]\nignore = ["B"]\n', encoding="utf-8")
    found = rules_found(invoke("check", "--format", "json", "--select", "T2,B3", project / SEED4.name))
    assert found == {SEED4.name: ["T203"]}


@pytest.mark.parametrize("text, line, message", [
    ('[tool.nianbao]\nselect = ["S1"]\nignor = ["T2"]\n', 3, "unknown key 'ignor'"),
    ('[project]\nname = "x"\n\n[tool.nianbao]\nselect = [\n  "S1",\n  "Z12",\n]\n', 7, "unknown rule id or prefix 'Z12' in 'select'"),
    ('[tool.nianbao.severity]\nT204 = "fatal"\n', 2, "severity of T204 must be one of error, warning, info"),
    ('[tool.nianbao.per-file-ignores]\n"drafts/*" = ["T2", "Q7"]\n', 2, "unknown rule id or prefix 'Q7'"),
    ('[tool.nianbao]\nformat-version = "2020"\n', 2, "format-version must be one of 2021, 2019, legacy"),
    ('[tool.nianbao\nselect = 1\n', None, "not valid TOML"),
])
def test_config_errors_name_the_file_and_line(project, text, line, message):
    config = project / "pyproject.toml"
    config.write_text(text, encoding="utf-8")
    result = invoke("check", project / SEED4.name)
    assert result.exit_code == 2
    where = f"{config}:{line}: " if line else f"{config}: "
    assert result.stderr.startswith(f"nianbao: {where}") and message in result.stderr, result.stderr
    assert result.stdout == ""


def test_baseline_reports_only_new_findings(tmp_path):
    report = tmp_path / "report.txt"
    report.write_bytes(SEED4.read_bytes())
    baseline = tmp_path / "nianbao-baseline.json"
    written = invoke("check", "--write-baseline", baseline, report)
    assert written.exit_code == 0 and "recorded 2 finding(s)" in written.stderr
    recorded = json.loads(baseline.read_text("utf-8"))["findings"]
    assert [(e["file"], e["rule"], e["count"]) for e in recorded] == [("report.txt", "C401", 1), ("report.txt", "T203", 1)]
    # Edits elsewhere shift every line; a new defect appears.
    text = SEED4.read_text("utf-8")
    text = "补充说明一。\n补充说明二。\n" + text.replace("一、总体情况\n", "一、总体情况\n本年度XX年工作要点另行公布。\n", 1)
    report.write_text(text, encoding="utf-8")
    result = invoke("check", "--format", "json", "--baseline", baseline, report)
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [(f["rule"], f["excerpt"]) for f in findings] == [("C404", "本年度XX年工作要点另行公布。")]
    assert "2 finding(s) already in the baseline" in result.stderr
    assert result.exit_code == 1
    # Fixing the recorded defect's cell changes its content: nothing comes back, nothing new.
    report.write_text(text.replace("161330元", "16.13"), encoding="utf-8")
    assert rules_found(invoke("check", "--format", "json", "--baseline", baseline, report)) == {"report.txt": ["C404"]}


def test_baseline_counts_repeated_findings(tmp_path):
    spec = reportgen.ReportSpec(overrides={("new", 0): "", ("new", 1): ""})
    report = tmp_path / "r.txt"
    report.write_text(reportgen.build(spec), encoding="utf-8")
    baseline = tmp_path / "b.json"
    invoke("check", "--write-baseline", baseline, report)
    assert invoke("check", "--baseline", baseline, report).exit_code == 0
    copy = tmp_path / "sub"
    copy.mkdir()
    (copy / "r.txt").write_bytes(report.read_bytes())  # same content, another file: not in the baseline
    assert invoke("check", "--baseline", baseline, copy / "r.txt").exit_code == 1


def test_baseline_errors(tmp_path):
    broken = tmp_path / "b.json"
    broken.write_text("{not json", encoding="utf-8")
    result = invoke("check", "--baseline", broken, SEED4)
    assert result.exit_code == 2 and result.stderr.startswith(f"nianbao: {broken}: not a nianbao baseline file")
    result = invoke("check", "--baseline", tmp_path / "missing.json", SEED4)
    assert result.exit_code == 2 and "cannot read: No such file or directory" in result.stderr


def test_standard_input_with_a_name(tmp_path):
    result = invoke("check", "--isolated", "--stdin-filename", "drafts/年报.txt", "-", stdin=SEED4.read_bytes())
    assert result.stdout.splitlines()[0].startswith("drafts/年报.txt:74:1: ERROR T203 ")
    assert result.exit_code == 1
    docx = tmp_path / "r.docx"
    writers.write_docx(writers.blocks_from_text(SEED4.read_text("utf-8")), docx)
    result = invoke("check", "--isolated", "--format", "json", "--stdin-filename", "r.docx", "-", stdin=docx.read_bytes())
    finding = json.loads(result.stdout)["files"][0]["findings"][0]
    assert (finding["rule"], finding["location"]) == ("T203", {"table": 1, "row": 31, "cell": 3})
    empty = invoke("check", "-", stdin=b"")
    assert empty.exit_code == 2 and "stdin.txt: UNREADABLE 文件为空" in empty.stdout
    assert invoke("check", "-", SEED4).exit_code == 2  # '-' cannot be mixed with paths


def test_standard_input_through_a_real_pipe():
    process = subprocess.run([sys.executable, "-m", "linter", "check", "--isolated", "--stdin-filename", "x.txt", "-"],
                             input=SEED0.read_bytes(), capture_output=True, cwd=ROOT)
    assert process.returncode == 1
    assert process.stdout.decode("utf-8").splitlines()[-1] == "共 1 个文件：错误 6，警告 0，提示 0，无法读取 0"


def test_github_annotations():
    result = invoke("check", "--isolated", "--format", "github", SEED4)
    lines = result.stdout.splitlines()
    assert lines[0] == (f"::error file={SEED4},line=74,col=1,title=T203 non-numeric-cell::"
                        "表格“第二十条第（九）项”“政府集中采购”行“采购总金额”列的“161330元”不是数字")
    assert lines[1].startswith(f"::warning file={SEED4},line=343,col=1,title=C401 fee-statement-missing::")


def test_rule_docs_are_in_sync_with_the_rules():
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == markdown("zh"), \
        "docs/rules.md is stale: run `nianbao rules --markdown > docs/rules.md`"
    text = markdown("zh")
    for rule_id in re.findall(r"^## (\w+)$", text, re.M):
        section = text.split(f"## {rule_id}\n", 1)[1].split("\n## ", 1)[0]
        assert "**依据**：" in section and "**不合格示例**：" in section and "**合格示例**：" in section and "**修改方法**：" in section
