"""Figures stated in the prose (新收 236 件 …), found by the patterns a rule lists.

Shared by prose_vs_table and prose_balance: each figure is {name, pattern} where the
pattern's first group is the number. With `topic: {about, not_about}` a figure is read only
when the last of those words before it in its paragraph is an `about` one: 不予公开5件 is a
result of applications after 申请, but of the 公开属性 review after 公文.
"""

from dataclasses import dataclass
from decimal import Decimal

from linter.checks._common import column_of, compiled, search_paragraphs


@dataclass
class Figure:
    name: str
    value: Decimal
    line: int
    column: int
    paragraph: object


def _on_topic(text: str, topic: dict | None) -> bool:
    if topic is None:
        return True
    words = compiled(f"(?P<about>{topic['about']})|{topic['not_about']}")
    last = None
    for last in words.finditer(text):
        pass
    return last is not None and last.group("about") is not None


def find(report, figures: list[dict]):
    for figure in figures:
        for paragraph, match in search_paragraphs(report, figure["pattern"], figure.get("sections")):
            if not _on_topic(paragraph.text[:match.start()], figure.get("topic")):
                continue
            yield Figure(
                name=figure["name"],
                value=Decimal(match.group(1)),
                line=paragraph.line,
                column=column_of(report, paragraph.line, match.start()),
                paragraph=paragraph,
            )
