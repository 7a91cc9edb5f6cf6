"""Rules are data: rules/*.yaml, each naming a check kind (linter/checks) and its parameters."""

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from linter.checks import KINDS
from linter.crossreport import KINDS as CROSS_KINDS
from linter.findings import SEVERITIES
from linter.resources import DataError, data_dir, load_yaml

_REQUIRED = ("id", "name", "severity", "check", "formats", "basis", "message", "description")


class RuleError(Exception):
    """A rule file is malformed; names the file and what is wrong."""


@dataclass
class Rule:
    id: str
    name: str
    severity: str
    check: str
    formats: list[str]
    basis: dict
    message: dict
    description: dict
    params: dict = field(default_factory=dict)
    severity_by_year: list = field(default_factory=list)
    fix: dict = field(default_factory=dict)
    title: dict = field(default_factory=dict)  # a short heading, zh/en: documents show it beside the id
    examples: dict = field(default_factory=dict)
    path: str = ""

    @property
    def cross_report(self) -> bool:
        """Run over a set of reports after each is linted (linter/crossreport), not on one."""
        return self.check in CROSS_KINDS

    def applies_to(self, version: str) -> bool:
        return version in self.formats

    def severity_for(self, year: int | None) -> str:
        for entry in self.severity_by_year:
            if year is not None and year <= entry["until"]:
                return entry["severity"]
        return self.severity

    def text(self, field_name: str, lang: str) -> str:
        value = getattr(self, field_name)
        return value.get(lang) or value.get("zh", "")


def _load(path: Path) -> Rule:
    try:
        raw = load_yaml(path)
    except DataError as exc:
        raise RuleError(f"{path}: not valid YAML: {exc}") from exc
    missing = [key for key in _REQUIRED if key not in raw]
    if missing:
        raise RuleError(f"{path}: missing {', '.join(missing)}")
    if raw["check"] not in KINDS and raw["check"] not in CROSS_KINDS:
        raise RuleError(f"{path}: unknown check kind '{raw['check']}'")
    if raw["severity"] not in SEVERITIES:
        raise RuleError(f"{path}: severity must be one of {', '.join(SEVERITIES)}")
    unknown = set(raw) - set(Rule.__dataclass_fields__)
    if unknown:
        raise RuleError(f"{path}: unknown keys {', '.join(sorted(unknown))}")
    return Rule(**raw, path=str(path))


@lru_cache(maxsize=None)
def catalogue() -> tuple[Rule, ...]:
    rules = [_load(path) for path in sorted(data_dir("rules").glob("*.yaml"))]
    ids = [rule.id for rule in rules]
    duplicated = {i for i in ids if ids.count(i) > 1}
    if duplicated:
        raise RuleError(f"rule ids used twice: {', '.join(sorted(duplicated))}")
    return tuple(sorted(rules, key=lambda r: r.id))


def matches(rule_id: str, selectors: tuple[str, ...]) -> bool:
    """A selector is a rule id or a prefix of one: B3 selects B301…B307, ALL selects all."""
    return any(sel.upper() == "ALL" or rule_id.startswith(sel.upper()) for sel in selectors)


def select(selected: tuple[str, ...] = (), ignored: tuple[str, ...] = ()) -> list[Rule]:
    rules = catalogue()
    chosen = [r for r in rules if not selected or matches(r.id, selected)]
    return [r for r in chosen if not matches(r.id, ignored)]


def unknown_selectors(selectors: tuple[str, ...]) -> list[str]:
    ids = [rule.id for rule in catalogue()]
    return [s for s in selectors if s.upper() != "ALL" and not any(i.startswith(s.upper()) for i in ids)]
