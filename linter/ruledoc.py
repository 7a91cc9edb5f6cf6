"""A rule's documentation: what it checks, why (the clause), a failing and a passing example,
how to fix. One source for `nianbao explain`, docs/rules.md and the web app's rule pages."""

from linter import formats
from linter.rules import catalogue

_LABELS = {
    "zh": {"basis": "依据", "formats": "适用格式（报告年度）", "bad": "不合格示例", "good": "合格示例",
           "fix": "修改方法", "severity": "级别", "title": "规则说明", "check": "检查类型"},
    "en": {"basis": "Basis", "formats": "Formats (report years)", "bad": "Bad", "good": "Good",
           "fix": "How to fix", "severity": "Severity", "title": "Rules", "check": "Check kind"},
}


def labels(lang: str) -> dict:
    return _LABELS["en" if lang == "en" else "zh"]


def colon(lang: str) -> str:
    return ": " if lang == "en" else "："


def find(rule_id: str):
    return next((rule for rule in catalogue() if rule.id == rule_id.upper()), None)


def formats_line(rule) -> str:
    return ", ".join(f"{version} ({formats.years(version)})" for version in rule.formats)


def text(rule, lang: str) -> str:
    L, c = labels(lang), colon(lang)
    return "\n".join([
        f"{rule.id} {rule.name} ({rule.severity})",
        "",
        rule.text("description", lang),
        "",
        f"{L['basis']}{c}{rule.text('basis', lang)}",
        f"{L['formats']}{c}{formats_line(rule)}",
        "",
        f"{L['bad']}{c}",
        _indent(rule.examples.get("bad", "")),
        f"{L['good']}{c}",
        _indent(rule.examples.get("good", "")),
        f"{L['fix']}{c}{rule.text('fix', lang)}",
    ])


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.rstrip().splitlines())


def markdown(lang: str = "zh") -> str:
    """docs/rules.md: every rule, generated from rules/*.yaml (a test keeps it in sync)."""
    L, c = labels(lang), colon(lang)
    out = [
        "# nianbao-lint rules",
        "",
        "<!-- Generated from rules/*.yaml by `nianbao rules --markdown > docs/rules.md`; do not edit by hand. -->",
        "",
        "| id | name | severity | formats | what it checks |",
        "|---|---|---|---|---|",
    ]
    rules = catalogue()
    for rule in rules:
        first = rule.text("description", lang).splitlines()[0]
        out.append(f"| [{rule.id}](#{rule.id.lower()}) | {rule.name} | {rule.severity} | {', '.join(rule.formats)} | {first} |")
    for rule in rules:
        out += [
            "",
            f"## {rule.id}",
            "",
            f"**{rule.name}** · {L['severity']}{c}{rule.severity} · {L['check']}{c}`{rule.check}` · {L['formats']}{c}{formats_line(rule)}",
            "",
            rule.text("description", lang).strip(),
            "",
        ]
        if lang != "en":
            out += [f"English: {rule.text('description', 'en').strip()}", ""]
        out += [
            f"**{L['basis']}**{c}{rule.text('basis', lang)}",
            "",
            f"**{L['bad']}**{c}",
            "",
            "```text",
            rule.examples.get("bad", "").rstrip(),
            "```",
            "",
            f"**{L['good']}**{c}",
            "",
            "```text",
            rule.examples.get("good", "").rstrip(),
            "```",
            "",
            f"**{L['fix']}**{c}{rule.text('fix', lang)}",
        ]
    return "\n".join(out) + "\n"
