"""Checks across reports: a layer above the per-report pipeline.

Each report is linted alone first (engine, in the workers), which also leaves a compact
summary on its FileResult (summary.py). This pass then groups the results by agency and
year (grouping.py) and runs the cross-report rules (rules/Y5xx.yaml) on

- pairs: a report and the same agency's report of the year before (`pair` kinds: the
  finding goes to the later report), found by agency and year, so linear in the reports;
- years: all reports of one year (`year` kinds), through an index, never all pairs.

The kinds are imported when a run has rules of theirs: a one-file check pays nothing.
`compare(current, previous, ...)` is the same pass for one explicit pair (`--previous`,
and the web page's second file).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from importlib import import_module

KINDS = ("carry_over", "text_reuse", "tables_unchanged", "shared_template")
_PREFETCH_AFTER = 32  # results; a shorter run may not need datasketch (one text a year) and cannot hide it


@dataclass
class CrossHit:
    place: str  # a key of the report's summary.places: where the finding points
    values: dict = field(default_factory=dict)  # fills the rule's message template


def _kind(name: str):
    return import_module(f"linter.crossreport.{name}")


def _prepare(rules) -> None:
    """Import the kinds the rules use, and what they need (a kind's `prepare`)."""
    for rule in rules:
        kind = _kind(rule.check)
        if hasattr(kind, "prepare"):
            kind.prepare()


def cross_rules(rules) -> list:
    return [rule for rule in rules if rule.cross_report]


def _finding(rule, result, hit: CrossHit, lang: str):
    from linter.crossreport.summary import Place
    from linter.engine import make_finding

    place = result.summary.places.get(hit.place) or Place(1, 1, None, "", "")
    return make_finding(rule, rule.severity_for(result.year), hit, place, lang)


def _applies(rule, result) -> bool:
    return result.status == "ok" and result.summary is not None and rule.applies_to(result.format)


def _pair_findings(rules, current, previous, lang: str) -> list:
    found = []
    for rule in rules:
        kind = _kind(rule.check)
        if kind.SCOPE == "pair" and _applies(rule, current) and _applies(rule, previous):
            found.extend(_finding(rule, current, hit, lang) for hit in kind.check(current, previous, rule.params))
    return found


def _attach(result, findings: list) -> None:
    if findings:
        result.findings = sorted(result.findings + findings, key=lambda f: (f.line, f.column, f.rule))


def compare(current, previous, rules, lang: str = "zh") -> list:
    """Check `current` (a FileResult) against `previous`, last year's report of the same
    agency as the author says: the pair rules' findings are added to current.findings and
    returned. Agency and year are not required to match: the caller chose the pair."""
    found = _pair_findings(cross_rules(rules), current, previous, lang)
    _attach(current, found)
    return found


def _set_findings(results, rules, lang: str, aliases: dict | None) -> dict[int, list]:
    """id(result) -> the cross-report findings of each report of the set that has any."""
    from linter.crossreport import grouping

    added = defaultdict(list)
    for current, previous in grouping.pairs(results, aliases):
        found = _pair_findings(rules, current, previous, lang)
        if found:
            added[id(current)].extend(found)
    for rule in rules:
        kind = _kind(rule.check)
        if kind.SCOPE != "year":
            continue
        for year_results in grouping.by_year(results, aliases).values():
            eligible = [r for r in year_results if _applies(rule, r)]
            for result, hit in kind.check(eligible, rule.params, aliases):
                added[id(result)].append(_finding(rule, result, hit, lang))
    return added


def check_set(results: list, rules, lang: str = "zh", aliases: dict | None = None) -> None:
    """Run the cross-report rules over a set of FileResults, adding findings in place."""
    rules = cross_rules(rules)
    if not rules or len(results) < 2:
        return
    added = _set_findings(results, rules, lang, aliases)
    for result in results:
        _attach(result, added.get(id(result), []))


def attached(results, rules, lang: str = "zh", aliases: dict | None = None):
    """Pass FileResults through with the cross-report findings added to them. Without
    cross-report rules they stream through untouched; with them each result is held on disk
    (spill.py) until the last report is linted, so that every output format shows each
    finding with its report while memory stays flat."""
    rules = cross_rules(rules)
    if not rules:
        yield from results
        return
    from linter.crossreport.spill import Spill

    spill = Spill()
    try:
        held = []
        for result in results:
            held.append(spill.add(result))
            if len(held) == _PREFETCH_AFTER:  # a long run: import while the workers are busy, not after
                _prepare(rules)
        added = _set_findings(held, rules, lang, aliases) if len(held) > 1 else {}
        for report, result in zip(held, spill.results()):
            _attach(result, added.get(id(report), []))
            yield result
    finally:
        spill.close()
