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
    # Where in a Word/PDF/HTML file: {"paragraph": n} | {"table": t, "row": r, "cell": c}
    # | {"page": p} | {"line": n}; None for plain text, where line and column say it all.
    location: dict | None = None
    table: str | None = None  # the table, row and column a table finding is about
    row: str | None = None
    column_name: str | None = None

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
            "location": self.location,
            "table": self.table,
            "row": self.row,
            "column_name": self.column_name,
        }

    def where(self, lang: str = "zh") -> str:
        """The location in words, for a container file: 第2页 / 表格3第5行第2格 / 第12段."""
        loc = self.location or {}
        if "page" in loc:
            return f"page {loc['page']}" if lang == "en" else f"第{loc['page']}页"
        if "table" in loc:
            if lang == "en":
                return f"table {loc['table']}, row {loc['row']}, cell {loc.get('cell', 1)}"
            return f"表格{loc['table']}第{loc['row']}行第{loc.get('cell', 1)}格"
        if "paragraph" in loc:
            return f"paragraph {loc['paragraph']}" if lang == "en" else f"第{loc['paragraph']}段"
        return ""
