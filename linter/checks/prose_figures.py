"""Figures stated in the prose (新收 236 件 …), found by the patterns a rule lists.

Shared by prose_vs_table and prose_balance: each figure is {name, pattern} where the
pattern's first group is the number.
"""

from dataclasses import dataclass
from decimal import Decimal

from linter.checks._common import column_of, search_paragraphs


@dataclass
class Figure:
    name: str
    value: Decimal
    line: int
    column: int
    paragraph: object


def find(report, figures: list[dict]):
    for figure in figures:
        for paragraph, match in search_paragraphs(report, figure["pattern"], figure.get("sections")):
            yield Figure(
                name=figure["name"],
                value=Decimal(match.group(1)),
                line=paragraph.line,
                column=column_of(report, paragraph.line, match.start()),
                paragraph=paragraph,
            )
