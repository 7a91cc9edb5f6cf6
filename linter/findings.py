"""What a check reports (Hit) and what the user sees (Finding)."""

from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info")


@dataclass
class Hit:
    line: int
    column: int = 1
    values: dict = field(default_factory=dict)  # fills the rule's message template


@dataclass
class Finding:
    rule: str
    name: str
    severity: str
    message: str
    line: int
    column: int
    section: str
    excerpt: str
    basis: str = ""

    def as_json(self) -> dict:
        return {
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "section": self.section,
            "excerpt": self.excerpt,
            "basis": self.basis,
        }
