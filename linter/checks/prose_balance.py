"""prose_balance: the prose figures balance on their own (新收 + 上年结转 = 办结 + 结转下年度).

`figures_from` names the rule whose prose patterns are used (B306), so each pattern is
written once. Judged in the first paragraph that states every figure; if none states them all, on each
figure's first statement in the report. Reported once per report.
"""

from linter.checks import prose_figures
from linter.findings import Hit


def _balance(found: dict, params):
    lhs = sum(found[name].value for name in params["lhs"])
    rhs = sum(found[name].value for name in params["rhs"])
    return lhs, rhs


def _figures(params) -> list[dict]:
    from linter.rules import catalogue  # rules import the check kinds: resolve late

    source = next(rule for rule in catalogue() if rule.id == params["figures_from"])
    names = set(params["lhs"] + params["rhs"])
    return [f for f in source.params["figures"] if f["name"] in names]


def check(report, params):
    names = params["lhs"] + params["rhs"]
    figures = list(prose_figures.find(report, _figures(params)))
    by_paragraph: dict[int, dict] = {}
    first: dict = {}
    for figure in figures:
        by_paragraph.setdefault(id(figure.paragraph), {}).setdefault(figure.name, figure)
        first.setdefault(figure.name, figure)
    complete = [found for found in by_paragraph.values() if all(n in found for n in names)]
    found = complete[0] if complete else first
    if not all(n in found for n in names):
        return
    lhs, rhs = _balance(found, params)
    if lhs != rhs:
        anchor = found[params["rhs"][0]]
        values = {name: str(found[name].value) for name in names}
        yield Hit(anchor.line, anchor.column, {
            "lhs_terms": " + ".join(f"{n}{values[n]}" for n in params["lhs"]),
            "rhs_terms": " + ".join(f"{n}{values[n]}" for n in params["rhs"]),
            "lhs": str(lhs), "rhs": str(rhs),
        })
