"""The five real reports the project was made from: exact findings, and table values."""

from decimal import Decimal

import pytest

from conftest import SEEDS
from linter.analyze import analyze
from linter.engine import lint_path
from linter.readers import read
from linter.rules import select

SEED = {
    "000": SEEDS / "000_fc9aab34a1e880b5.txt",
    "001": SEEDS / "001_8d7cc90e1d6f746c.txt",
    "002": SEEDS / "002_08e398edbd93b538.txt",
    "003": SEEDS / "003_bab9083700ba8cb3.txt",
    "004": SEEDS / "004_f33f83f1c85a8eb6.txt",
}

# (rule, line, severity) of every finding, in report order.
EXPECTED = {
    "000": [
        ("C403", 1, "error"),  # 考核 and 社会评议 stated, 责任追究结果 not
        ("T201", 19, "error"),  # 二 has prose and none of the 第二十条 tables
        ("B307", 33, "error"),  # 236 + 7 ≠ 227 + 9
        ("T202", 34, "error"),  # the 三 table lost every figure…
        ("T204", 34, "error"),  # …and most of its row labels
        ("T201", 62, "error"),  # 四 in prose only
    ],
    "001": [
        ("S106", 1, "info"),  # 2017: 2007 条例
        ("C405", 13, "error"),  # 由贾友宝申请
        ("C401", 60, "warning"),  # 收费及减免情况 (2007 条例 art. 32) not stated
    ],
    "002": [],
    "003": [
        ("C403", 1, "error"),  # no 社会评议, no 责任追究结果
        ("S101", 1, "error"),  # overview without 一、总体情况
        ("S104", 8, "error"),  # 二 empty
        ("T202", 10, "error"),
        ("T204", 10, "error"),
        ("S104", 38, "error"),  # 四 empty
        ("S103", 39, "warning"),  # 整改 for 改进
    ],
    "004": [
        ("T203", 74, "error"),  # 161330元
        ("C401", 343, "warning"),  # 六: 无。 (2020: a warning)
    ],
}


@pytest.mark.parametrize("seed", sorted(SEED))
def test_seed_findings_exact(seed):
    result = lint_path(SEED[seed], select())
    assert result.status == "ok"
    assert [(f.rule, f.line, f.severity) for f in result.findings] == EXPECTED[seed]


def test_seed_metadata():
    expected = {
        "000": ("2021", 2022, "government"),
        "001": ("legacy", 2017, "government"),
        "002": ("2021", 2023, "government"),
        "003": ("2021", 2021, "government"),
        "004": ("2019", 2020, "department"),
    }
    for seed, (version, year, kind) in expected.items():
        result = lint_path(SEED[seed], select())
        assert (result.format, result.year, result.agency_kind) == (version, year, kind), seed


def test_seed_messages_name_their_values():
    findings = {f.rule: f for f in lint_path(SEED["000"], select()).findings}
    assert findings["B307"].message == "正文数字不平衡：新收236 + 上年结转7 = 243，而 办结227 + 结转下年度9 = 236"
    assert findings["C403"].message == "人民政府的年度报告未说明：责任追究结果"
    assert findings["B307"].excerpt.startswith("2022年度全區共收到依申請公開政府信息236件")  # quoted as written
    t203 = next(f for f in lint_path(SEED["004"], select()).findings if f.rule == "T203")
    assert "“161330元”" in t203.message and t203.section == "二、主动公开政府信息情况"
    c405 = next(f for f in lint_path(SEED["001"], select()).findings if f.rule == "C405")
    assert "贾*宝" in c405.message and "贾友宝" not in c405.message


T3_002 = {  # 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计
    "new": [104, 3, 0, 0, 0, 0, 107],
    "carried": [0] * 7,
    "open": [45, 0, 0, 0, 0, 0, 45],
    "partial": [17, 0, 0, 0, 0, 0, 17],
    "w_third": [2, 0, 0, 0, 0, 0, 2],
    "w_process": [2, 0, 0, 0, 0, 0, 2],
    "u_notheld": [34, 3, 0, 0, 0, 0, 37],
    "total": [100, 3, 0, 0, 0, 0, 103],
    "next": [4, 0, 0, 0, 0, 0, 4],
}


def _values(table, row):
    return [table.value(row, c.key) for c in table.spec.columns]


def test_seed_002_every_table_value():
    report = analyze(read(SEED["002"]))
    t3 = report.tables["t3"]
    for row in t3.spec.rows:
        assert _values(t3, row.key) == T3_002.get(row.key, [0] * 7), row.key
    assert _values(report.tables["t4"], "cases") == [0, 1, 1, 0, 2] + [0] * 10
    a20 = {key: {row: _values(report.tables[key], row) for row in report.tables[key].rows} for key in ("a20_1", "a20_5", "a20_6", "a20_8")}
    assert a20 == {
        "a20_1": {"rules": [0, 0, 0], "normative": [14, 3, 43]},
        "a20_5": {"license": [5225]},
        "a20_6": {"penalty": [9352], "coercion": [11]},
        "a20_8": {"fees": [7832]},
    }


def test_seed_004_every_table_value():
    report = analyze(read(SEED["004"]))
    assert report.format.version == "2019"
    for key, table in report.tables.items():
        for row in table.spec.rows:
            values = _values(table, row.key)
            if (key, row.key) == ("a20_9", "procurement"):
                assert values == [3, None]  # 161330元 is text (T203), not 161330
                assert table.rows[row.key].cells["amount"].text == "161330元"
            else:
                assert values == [0] * len(table.spec.columns), (key, row.key)


def test_seed_values_are_decimals():
    report = analyze(read(SEED["002"]))
    assert isinstance(report.tables["a20_8"].value("fees", "amount"), Decimal)
