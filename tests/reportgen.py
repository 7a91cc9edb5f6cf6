"""Build complete, balanced reports in the mandated formats, in any table serialisation.

Tests break one thing at a time in these (a cell, a heading, a sentence) and assert the exact
finding; the benchmark lints generated variants. Totals are computed, so a report is
balanced unless a test overrides a cell.
"""

from dataclasses import dataclass, field

COLUMNS = 7  # 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计

# (key, printed cells before the values) for the 三 table, both formats up to （五）.
_T3_HEAD = [
    ("new", ["一、本年新收政府信息公开申请数量"]),
    ("carried", ["二、上年结转政府信息公开申请数量"]),
    ("open", ["三、本年度办理结果", "(一)予以公开"]),
    ("partial", ["(二)部分公开(区分处理的,只计这一情形,不计其他情形)"]),
    ("w_secret", ["(三)不予公开", "1.属于国家秘密"]),
    ("w_law", ["2.其他法律行政法规禁止公开"]),
    ("w_safety", ["3.危及“三安全一稳定”"]),
    ("w_third", ["4.保护第三方合法权益"]),
    ("w_internal", ["5.属于三类内部事务信息"]),
    ("w_process", ["6.属于四类过程性信息"]),
    ("w_casefile", ["7.属于行政执法案卷"]),
    ("w_query", ["8.属于行政查询事项"]),
    ("u_notheld", ["(四)无法提供", "1.本机关不掌握相关政府信息"]),
    ("u_create", ["2.没有现成信息需要另行制作"]),
    ("u_unclear", ["3.补正后申请内容仍不明确"]),
    ("n_petition", ["(五)不予处理", "1.信访举报投诉类申请"]),
    ("n_repeat", ["2.重复申请"]),
    ("n_publication", ["3.要求提供公开出版物"]),
    ("n_mass", ["4.无正当理由大量反复申请"]),
    ("n_confirm", ["5.要求行政机关确认或重新出具已获取信息"]),
]
_T3_OTHER = {
    "2021": [
        ("o_nofix", ["(六)其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"]),
        ("o_nofee", ["2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"]),
        ("o_other", ["3.其他"]),
    ],
    "2019": [("o_other", ["(六)其他处理"])],
}
_T3_TAIL = [("total", ["(七)总计"]), ("next", ["四、结转下年度继续办理"])]
_T3_HEADER = [
    ["(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)", "申请人情况"],
    ["自然人", "法人或其他组织", "总计"],
    ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"],
]
_T4_HEADER = [
    ["行政复议", "行政诉讼"],
    ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"],
    ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2,
]
HEADINGS = {
    "2021": ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
             "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"],
    "2019": ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
             "四、因政府信息公开工作被申请行政复议、提起行政诉讼的情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"],
}
_ARTICLE20 = {
    "2021": [
        ("第二十条第(一)项", ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], [("规章", "rules"), ("行政规范性文件", "normative")]),
        ("第二十条第(五)项", ["信息内容", "本年处理决定数量"], [("行政许可", "license")]),
        ("第二十条第(六)项", ["信息内容", "本年处理决定数量"], [("行政处罚", "penalty"), ("行政强制", "coercion")]),
        ("第二十条第(八)项", ["信息内容", "本年收费金额(单位:万元)"], [("行政事业性收费", "fees")]),
    ],
    "2019": [
        ("第二十条第(一)项", ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"], [("规章", "rules"), ("规范性文件", "normative")]),
        ("第二十条第(五)项", ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"], [("行政许可", "license"), ("其他对外管理服务事项", "other_service")]),
        ("第二十条第(六)项", ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"], [("行政处罚", "penalty"), ("行政强制", "coercion")]),
        ("第二十条第(八)项", ["信息内容", "上一年项目数量", "本年增/减"], [("行政事业性收费", "fees")]),
        ("第二十条第(九)项", ["信息内容", "采购项目数量", "采购总金额"], [("政府集中采购", "procurement")]),
    ],
}
_A20_VALUES = {
    "2021": {"rules": ["0", "0", "0"], "normative": ["2", "1", "15"], "license": ["120"], "penalty": ["30"],
             "coercion": ["2"], "fees": ["1.5"]},
    "2019": {"rules": ["0", "0", "0"], "normative": ["2", "2", "15"], "license": ["10", "-1", "120"],
             "other_service": ["3", "0", "8"], "penalty": ["5", "0", "30"], "coercion": ["1", "0", "2"],
             "fees": ["2", "0"], "procurement": ["3", "16.33"]},
}
_RESULTS = [key for key, _ in _T3_HEAD[2:]]


def _default_t3() -> dict[str, list[int]]:
    """Six applicant columns per row; totals are derived."""
    zero = [0] * 6
    rows = {key: list(zero) for key, _ in _T3_HEAD + _T3_OTHER["2021"] + _T3_OTHER["2019"]}
    rows["new"] = [10, 1, 0, 0, 0, 0]
    rows["carried"] = [1, 0, 0, 0, 0, 0]
    rows["open"] = [5, 1, 0, 0, 0, 0]
    rows["partial"] = [2, 0, 0, 0, 0, 0]
    rows["u_notheld"] = [3, 0, 0, 0, 0, 0]
    rows["next"] = [1, 0, 0, 0, 0, 0]
    return rows


@dataclass
class ReportSpec:
    version: str = "2021"
    year: int = 2023
    agency: str = "青山区人民政府"
    t3: dict = field(default_factory=_default_t3)
    t4: list[int] = field(default_factory=lambda: [1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0])
    a20: dict | None = None
    overrides: dict = field(default_factory=dict)  # (row, column index) -> cell text, after totals

    def t3_rows(self) -> list[tuple[str, list[str], list[str]]]:
        layout = _T3_HEAD + _T3_OTHER[self.version] + _T3_TAIL
        result_keys = _RESULTS + [k for k, _ in _T3_OTHER[self.version]]
        values = {k: list(v) for k, v in self.t3.items()}
        values["total"] = [sum(values[k][c] for k in result_keys) for c in range(6)]
        rows = []
        for key, labels in layout:
            cells = [str(v) for v in values[key]] + [str(sum(values[key]))]
            for (row, column), text in self.overrides.items():
                if row == key:
                    cells[column] = text
            rows.append((key, labels, cells))
        return rows


def _lines(rows: list[list[str]], style: str) -> list[str]:
    """Serialise table rows: `rows` (a row a line), `cells` (a cell a line ending ` |`,
    `||` after each row, as seeds 002/004), `markdown` (pipe table with a rule line)."""
    if style == "rows":
        return [" | ".join(r) for r in rows]
    if style == "cells":
        out = []
        for r in rows:
            out.extend(f"{c} |" for c in r)
            out.append("||")
        return out
    if style == "markdown":
        width = max(len(r) for r in rows)
        out = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
        out.extend("| " + " | ".join(r) + " |" for r in rows[1:])
        return out
    raise ValueError(style)


def build(spec: ReportSpec | None = None, style: str = "rows") -> str:
    spec = spec or ReportSpec()
    headings = HEADINGS[spec.version]
    t3 = {key: cells for key, _, cells in spec.t3_rows()}
    new, carried, total, nxt = (t3[k][6] for k in ("new", "carried", "total", "next"))
    review, suits = spec.t4[4], spec.t4[9] + spec.t4[14]
    a20 = spec.a20 or _A20_VALUES[spec.version]
    lines = [
        f"{spec.agency}{spec.year}年政府信息公开工作年度报告",
        "根据《中华人民共和国政府信息公开条例》要求,编制本报告。",
        headings[0],
        f"{spec.year}年,我区坚持以公开为常态、不公开为例外,全面推进政务公开。全年新收政府信息公开申请{new}件,"
        f"上年结转{carried}件,办结{total}件,结转下年度继续办理{nxt}件。",
        f"(一)监督保障。将政务公开纳入全区绩效考核,开展政务公开社会评议,{spec.year}年全区未产生责任追究结果。",
        headings[1],
    ]
    for title, header, rows in _ARTICLE20[spec.version]:
        table = [[title], header] + [[label, *a20[key]] for label, key in rows]
        lines.extend(_lines(table, style))
    lines.append(headings[2])
    t3_table = [list(h) for h in _T3_HEADER] + [labels + cells for _, labels, cells in spec.t3_rows()]
    lines.extend(_lines(t3_table, style))
    lines.append(headings[3])
    lines.extend(_lines([list(h) for h in _T4_HEADER] + [[str(v) for v in spec.t4]], style))
    lines.append(f"{spec.year}年,我区因政府信息公开工作被申请行政复议{review}件,提起行政诉讼{suits}件。")
    lines += [
        headings[4],
        "(一)存在问题。一是政策解读形式较为单一;二是基层公开标准化程度不高。",
        "(二)改进措施。下一步,将丰富解读形式,推进基层政务公开标准化规范化建设。",
        headings[5],
        f"{spec.year}年,我区未收取信息处理费。",
    ]
    return "\n".join(lines) + "\n"


def random_spec(seed: int, version: str = "2021") -> ReportSpec:
    """A balanced report with varied figures: the totals are derived, so it stays balanced."""
    import random

    rng = random.Random(seed)
    spec = ReportSpec(version=version, year=2023 if version == "2021" else 2020)
    keys = [k for k, _ in _T3_HEAD[2:]] + [k for k, _ in _T3_OTHER[version]]
    for key in keys:
        spec.t3[key] = [rng.choice([0, 0, 0, rng.randint(1, 60)]) for _ in range(6)]
    spec.t3["next"] = [rng.randint(0, 5) for _ in range(6)]
    due = [sum(spec.t3[k][c] for k in keys) + spec.t3["next"][c] for c in range(6)]  # handled + carried forward
    spec.t3["carried"] = [min(rng.randint(0, 5), due[c]) for c in range(6)]
    spec.t3["new"] = [due[c] - spec.t3["carried"][c] for c in range(6)]
    review = [rng.randint(0, 9) for _ in range(4)]
    direct = [rng.randint(0, 5) for _ in range(4)]
    after = [rng.randint(0, 5) for _ in range(4)]
    spec.t4 = review + [sum(review)] + direct + [sum(direct)] + after + [sum(after)]
    return spec


def expected_cells(spec: ReportSpec) -> dict[tuple[str, str, int], str]:
    """(table, row key, column index) -> the text written in that mandated cell."""
    cells = {("t3", key, c): text for key, _, row in spec.t3_rows() for c, text in enumerate(row)}
    cells.update({("t4", "cases", c): str(v) for c, v in enumerate(spec.t4)})
    a20 = spec.a20 or _A20_VALUES[spec.version]
    for number, (_, _, rows) in enumerate(_ARTICLE20[spec.version]):
        table = ["a20_1", "a20_5", "a20_6", "a20_8", "a20_9"][number]
        cells.update({(table, key, c): text for _, key in rows for c, text in enumerate(a20[key])})
    return cells
