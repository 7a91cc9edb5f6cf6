"""format_signature: section 二's tables follow the format of the report's year.

The 2019 and 2021 formats differ in section 二 (columns such as 本年新制作数量 against
本年制发件数). Each format's `signatures` are counted in section 二; the report is flagged
when another format's signatures outnumber its own.
"""

from linter.checks._common import compiled
from linter.findings import Hit


def check(report, params):
    section = report.section(2)
    if section is None or report.format.version not in params["signatures"]:
        return
    text = report.section_text(section)
    counts = {
        version: sum(len(compiled(p).findall(text)) for p in patterns)
        for version, patterns in params["signatures"].items()
    }
    own = counts[report.format.version]
    other, most = max(((v, n) for v, n in counts.items() if v != report.format.version), key=lambda vn: vn[1])
    if most > own:
        yield Hit(section.line, section.column, {
            "year": report.year if report.year is not None else "?",
            "expected": params["names"][report.format.version], "found": params["names"][other],
        })
