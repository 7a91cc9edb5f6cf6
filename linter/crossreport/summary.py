"""What the cross-report pass needs of one report, built in the worker beside its findings.

Compact and picklable (the parent keeps it on disk until the pass, spill.py): the 三/四
figures that were read for certain, the prose of the sections the cross-report rules compare
(capped), and the places findings about the report point to. No document, no model.
"""

from dataclasses import dataclass, field
from decimal import Decimal

_TEXT_CAP = 6000  # characters of a section's prose kept for comparison; a report's 五 is far shorter


@dataclass(frozen=True, slots=True)
class Place:
    """Where a finding points: line, column, the container's location, section, excerpt."""

    line: int
    column: int
    location: dict | None
    section: str
    excerpt: str

    def __reduce__(self):  # a slots dataclass's own pickling looks its fields up for each object
        return Place, (self.line, self.column, self.location, self.section, self.excerpt)


@dataclass(slots=True)
class ReportSummary:
    t3: dict[str, dict[str, Decimal]] = field(default_factory=dict)  # row -> column -> figure read for certain
    t4: dict[str, Decimal] = field(default_factory=dict)
    complete: bool = False  # every cell of both tables was read as a number
    texts: dict[int, str] = field(default_factory=dict)  # section number -> normalised prose
    headings: dict[int, str] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)  # t3, t3.carried, t4, section.N

    def __reduce__(self):  # as Place's: pickled in the worker, and to the parent's spill
        return ReportSummary, (self.t3, self.t4, self.complete, self.texts, self.headings, self.places)

    def figure(self, table: str, row: str, column: str) -> Decimal | None:
        return self.t4.get(column) if table == "t4" else self.t3.get(row, {}).get(column)


def _certain(table) -> tuple[dict, bool]:
    """Figures of the rows read whole (a misaligned row is not placed), and whether all were.
    A table the reader could not line up (T206) gives none."""
    figures, complete = {}, table.readable
    if not table.readable:
        return figures, complete
    for key, row in table.rows.items():
        if not row.found or row.misaligned:
            complete = False
            continue
        cells = {column: cell.value for column, cell in row.cells.items() if cell.kind == "NUM"}
        complete = complete and len(cells) == len(table.spec.columns)
        if cells:
            figures[key] = cells
    return figures, complete


def build(report, sections: set[int], place) -> ReportSummary:
    """place(line, column) -> Place, as the engine locates findings."""
    summary = ReportSummary()
    t3, t4 = report.tables.get("t3"), report.tables.get("t4")
    if t3 is not None and t4 is not None:
        summary.t3, complete3 = _certain(t3)
        figures4, complete4 = _certain(t4)
        summary.t4 = figures4.get("cases", {})
        summary.complete = complete3 and complete4
        for key, table in (("t3", t3), ("t4", t4)):
            if table.present and table.line:
                summary.places[key] = place(table.line, 1)
        carried = t3.rows.get("carried")
        if carried is not None and carried.found and carried.line:
            summary.places["t3.carried"] = place(carried.line, carried.column or 1)
    for section in report.sections:
        if section.number is None:
            continue
        summary.headings.setdefault(section.number, section.heading)
        summary.places.setdefault(f"section.{section.number}", place(section.line, section.column))
        if section.number in sections and section.number not in summary.texts:
            summary.texts[section.number] = section.text[:_TEXT_CAP]
    return summary
