"""The report model: sections with their paragraphs and typed tables."""

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from decimal import Decimal

from linter.formats import FormatSpec, TableSpec


@dataclass(slots=True)  # one per table cell
class Cell:
    kind: str  # NUM | BLANK | TEXT | MISSING (not given, or not placeable: see Row.misaligned)
    text: str = ""
    line: int | None = None
    column: int | None = None
    value: Decimal | None = None


@dataclass
class Row:
    key: str
    label: str  # as the format prints it
    found: bool = False
    label_text: str = ""  # the label cell as the report gives it (normalised)
    line: int | None = None
    column: int | None = None
    cells: dict[str, Cell] = field(default_factory=dict)
    values: list[Cell] = field(default_factory=list)  # as given, placed or not
    given: int = 0  # how many values the report gave for the row
    misaligned: bool = False  # given != columns: values are not placed, to avoid wrong columns


@dataclass
class Orphan:
    """Values with no row label: a row whose label was lost."""

    line: int
    column: int
    cells: list[Cell]


@dataclass
class Unreadable:
    reason: str  # run_together (cells ran together in the text) | several_figures (one cell, several numbers)
    example: str  # the text that shows it, quoted in the finding
    line: int
    column: int


@dataclass
class Table:
    spec: TableSpec
    present: bool = False
    line: int | None = None
    rows: dict[str, Row] = field(default_factory=dict)
    orphans: list[Orphan] = field(default_factory=list)
    # Why the reader cannot tell which figure is in which cell, when it cannot: the table is
    # reported once (T206) and no arithmetic is done on it. See linter/unreadable.py.
    unreadable: "Unreadable | None" = None

    @property
    def readable(self) -> bool:
        """Present, and read with certainty: what the checks of its cells may judge."""
        return self.present and self.unreadable is None

    def value(self, row: str, column: str) -> Decimal | None:
        cell = self.rows[row].cells.get(column)
        return cell.value if cell is not None else None

    def cells(self):
        for row in self.rows.values():
            for key, cell in row.cells.items():
                yield row, key, cell


@dataclass
class Paragraph:
    line: int
    column: int
    text: str  # normalised


@dataclass
class Section:
    number: int | None  # 1–10 from the heading numeral; None for the text before any heading
    heading: str
    line: int
    column: int = 1
    paragraphs: list[Paragraph] = field(default_factory=list)
    table_lines: list[int] = field(default_factory=list)  # lines holding table cells
    end_line: int = 0

    @property
    def has_content(self) -> bool:
        return bool(self.paragraphs or self.table_lines)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@dataclass
class Report:
    path: str
    format: FormatSpec
    year: int | None
    year_source: str
    agency: str | None
    agency_kind: str | None  # government | department | None
    agency_source: str | None  # title | meta | text | None
    traditional: bool
    preamble: Section
    sections: list[Section]
    tables: dict[str, Table]
    lines: dict[int, str]  # original text by line number, for excerpts
    norm: dict[int, str]  # normalised text by line number, for matching
    format_forced: bool = False
    # (date, source, line) when the page states its PubDate (meta) or the report ends in a
    # date line (text); None when neither is found
    published: tuple | None = None

    def section(self, number: int) -> Section | None:
        return next((s for s in self.sections if s.number == number), None)

    @cached_property
    def text(self) -> str:
        """The normalised lines joined: what a check searches in one go (linter/checks/_screen.py)."""
        return "\n".join(self.norm.values())

    def scope(self, sections: tuple[int, ...] | None) -> tuple[list[Paragraph], str]:
        """The paragraphs of the given sections (all, the text before any heading too, when
        None) and their text joined: checks search one scope with many patterns, so it is
        gathered once."""
        if sections not in self._scopes:
            if sections is None:
                paragraphs = list(self.paragraphs)
            else:
                paragraphs = [p for number in sections if (section := self.section(number)) for p in section.paragraphs]
            self._scopes[sections] = paragraphs, "\n".join(p.text for p in paragraphs)
        return self._scopes[sections]

    @cached_property
    def _scopes(self) -> dict:
        return {}

    @cached_property
    def _section_starts(self) -> list[int]:
        return [section.line for section in self.sections]  # in document order: ascending

    def section_at(self, line: int) -> Section:
        """The section holding line (the preamble before the first heading). A bisection:
        it runs once per finding, and a hostile report has tens of thousands of headings."""
        index = bisect_right(self._section_starts, line)
        return self.sections[index - 1] if index else self.preamble

    def section_text(self, section: Section) -> str:
        """Every normalised line of a section, table cells included."""
        last = max(section.end_line, section.line)
        return "\n".join(self.norm[n] for n in range(section.line, last + 1) if n in self.norm)

    @property
    def paragraphs(self):
        yield from self.preamble.paragraphs
        for section in self.sections:
            yield from section.paragraphs
