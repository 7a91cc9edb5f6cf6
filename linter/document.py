"""What every reader yields: the report's text as numbered lines.

Tables travel as lines too: one cell per line ending in ` |`, or one row per line with
cells separated by `|` (the two serialisations published reports use). A reader of a
richer container (Word, HTML, PDF) writes its tables in the row form, so grammar, rules
and reporters never know which container a report came in.
"""

from dataclasses import dataclass, field
from typing import NamedTuple


class Line(NamedTuple):  # immutable, and made in a third of a frozen dataclass's time: one per line
    number: int  # 1-based, unique, in order: the line of the text the linter reads
    text: str
    # Where the line is in the container, for findings: {"line": n} (HTML source line),
    # {"paragraph": n}, {"table": t, "row": r} (Word), {"page": p} (PDF). None: plain text.
    location: dict | None = None


@dataclass
class Document:
    path: str
    lines: list[Line]
    encoding: str = "utf-8"
    meta: dict = field(default_factory=dict)  # title/agency/date a container states outright


def table_row(cells: list[str]) -> str:
    """A table row as a line: `| a |  | c |`. The borders are explicit so that an empty
    first or last cell survives (the lexer strips exactly one border on each side)."""
    return "| " + " | ".join(cell.replace("|", "｜") for cell in cells) + " |"
