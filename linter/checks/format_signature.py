"""format_signature: section 二's tables follow the format of the report's year.

The 2019 and 2021 formats differ in section 二 (columns such as 本年新制作数量 against
本年制发件数). Each format's `signatures` are the labels only it prints; one of another
format's in section 二's table cells means that table was copied from the superseded (or a
newer) template, even when the other tables follow the right one. Prose is not counted:
it may name 政府集中采购 in any year.
"""

from linter.checks._common import compiled
from linter.findings import Hit


def check(report, params):
    section = report.section(2)
    if section is None or report.format.version not in params["signatures"]:
        return
    cells = "\n".join(report.norm[n] for n in sorted(set(section.table_lines)))
    counts = {
        version: sum(len(compiled(p).findall(cells)) for p in patterns)
        for version, patterns in params["signatures"].items()
        if version != report.format.version
    }
    other, most = max(counts.items(), key=lambda vn: vn[1])
    if most:
        yield Hit(section.line, section.column, {
            "year": report.year if report.year is not None else "?",
            "expected": params["names"][report.format.version], "found": params["names"][other],
        })
