"""The `nianbao` command: output formats, exit codes, rule selection, documentation."""

import json
import subprocess
import sys

from click.testing import CliRunner

import reportgen
from conftest import ROOT, SEEDS
from linter.cli import cli
from linter.rules import catalogue


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_check_seeds_text_output_and_exit_code():
    result = run("check", SEEDS)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "seeds/004_f33f83f1c85a8eb6.txt:74:1: ERROR T203 " in "\n".join(lines).replace(str(SEEDS) + "/", "seeds/")
    assert lines[-1] == "共 5 个文件：错误 14，警告 3，提示 1，无法读取 0"


def test_clean_report_exits_0(tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text(reportgen.build(), encoding="utf-8")
    assert run("check", path).exit_code == 0


def test_json_contract(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = run("check", "--format", "json", SEEDS / "004_f33f83f1c85a8eb6.txt", bad)
    assert result.exit_code == 2  # an unreadable file outranks findings
    doc = json.loads(result.stdout)
    assert doc["version"] == 1
    assert doc["summary"] == {"files": 2, "errors": 1, "warnings": 1, "infos": 0, "unreadable": 1}
    ok, unreadable = doc["files"]
    assert set(ok) >= {"path", "status", "error", "format", "year", "agency", "findings"}
    assert (ok["status"], ok["format"], ok["year"]) == ("ok", "2019", 2020)
    finding = ok["findings"][0]
    assert set(finding) >= {"rule", "name", "severity", "message", "line", "column", "section", "excerpt"}
    assert (finding["rule"], finding["line"], finding["excerpt"]) == ("T203", 74, "161330元 |")
    assert unreadable == {**unreadable, "status": "unreadable", "error": "文件为空", "findings": []}


def test_unreadable_and_missing_files_do_not_stop_the_others(tmp_path):
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x01")
    result = run("check", binary, tmp_path / "nope.txt", SEEDS / "002_08e398edbd93b538.txt")
    assert result.exit_code == 2
    assert f"{binary}: UNREADABLE 文件是二进制文件，不是文本" in result.stdout
    assert "nope.txt: UNREADABLE 无法打开：文件不存在" in result.stdout
    assert "无法读取 2" in result.stdout
    assert f"nianbao: {binary}: 文件是二进制文件" in result.stderr
    english = run("check", "--lang", "en", binary, tmp_path / "nope.txt")
    assert f"{binary}: UNREADABLE file is binary, not text" in english.stdout
    assert "nope.txt: UNREADABLE cannot open: No such file or directory" in english.stdout


def test_select_and_ignore_by_prefix():
    seed = SEEDS / "000_fc9aab34a1e880b5.txt"
    only_b = json.loads(run("check", "--format", "json", "--select", "B3", seed).stdout)
    assert {f["rule"] for f in only_b["files"][0]["findings"]} == {"B307"}
    no_t = json.loads(run("check", "--format", "json", "--ignore", "T,C403", seed).stdout)
    assert {f["rule"] for f in no_t["files"][0]["findings"]} == {"B307"}
    assert run("check", "--select", "Z9", seed).exit_code == 2


def test_format_version_forces_the_format():
    doc = json.loads(run("check", "--format", "json", "--format-version", "2021", SEEDS / "004_f33f83f1c85a8eb6.txt").stdout)
    assert doc["files"][0]["format"] == "2021"
    assert "S105" in {f["rule"] for f in doc["files"][0]["findings"]}


def test_english_messages():
    result = run("check", "--lang", "en", SEEDS / "004_f33f83f1c85a8eb6.txt")
    assert "T203 table “第二十条第（九）项”, row “政府集中采购”, column “采购总金额”: “161330元” is not a number" in result.output
    assert result.output.splitlines()[-1] == "1 file(s): 1 error(s), 1 warning(s), 0 info, 0 unreadable"


def test_html_report_is_self_contained(tmp_path):
    out = tmp_path / "findings.html"
    result = run("check", "--format", "html", "-o", out, SEEDS)
    assert result.exit_code == 1
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "161330元" in page and "贾*宝" in page and "T204" in page
    assert "http://" not in page and "https://" not in page and "<script" not in page
    assert run("check", "--format", "html", SEEDS).exit_code == 2  # needs -o


def test_rules_lists_the_catalogue():
    result = run("rules")
    ids = [line.split()[0] for line in result.output.splitlines()]
    assert ids == [r.id for r in catalogue()] and len(ids) == len(list((ROOT / "rules").glob("*.yaml")))


def test_explain_shows_both_examples():
    result = run("explain", "t203")
    assert result.exit_code == 0
    assert "T203 non-numeric-cell (error)" in result.output
    assert "不合格示例：" in result.output and "161330元" in result.output and "合格示例：" in result.output
    assert "适用格式（报告年度）：2021 (2021–), 2019 (2019–2020)" in result.output
    assert "legacy (–2018)" in run("explain", "C405").output
    assert run("explain", "X999").exit_code == 2


def test_every_rule_cites_a_basis_and_has_both_languages():
    for rule in catalogue():
        assert rule.basis.get("zh") and rule.basis.get("en"), rule.id
        messages = rule.message.values() if "zh" not in rule.message else [rule.message]
        for message in messages:
            assert message.get("zh") and message.get("en"), rule.id
        assert rule.examples.get("bad") and rule.examples.get("good"), rule.id


def test_python_dash_m_entry_point():
    result = subprocess.run([sys.executable, "-m", "linter", "rules"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0 and result.stdout.startswith("B301")


def test_directory_walk_skips_hidden_and_tool_folders(tmp_path):
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "a.txt").write_text(reportgen.build(), encoding="utf-8")
    for hidden in (".venv/lib", ".git", "node_modules/x"):
        (tmp_path / hidden).mkdir(parents=True)
        (tmp_path / hidden / "LICENSE.txt").write_text("MIT License", encoding="utf-8")
    doc = json.loads(run("check", "--format", "json", tmp_path).stdout)
    assert [f["path"] for f in doc["files"]] == [str(tmp_path / "reports" / "a.txt")]


def test_no_report_files_is_said(tmp_path):
    result = run("check", tmp_path)
    assert result.exit_code == 0
    assert "no report files (.txt .md .markdown .html .htm .docx .pdf .doc .wps) found" in result.stderr


def test_unwritable_output_is_a_usage_error(tmp_path):
    result = run("check", "--format", "json", "-o", tmp_path / "no" / "such" / "dir.json", SEEDS / "002_08e398edbd93b538.txt")
    assert result.exit_code == 2 and "cannot write" in result.output
