"""Tables the reader cannot line up: reported once (T206), never judged cell by cell.

Two classes, both our doubt about what the report says rather than the author's defect:
- `run_together`: text copied from a web page or a crawler loses the cell boundaries, and a
  table arrives as prose: `…申请数量640020470二、上年结转…`. The table is there (its labels
  are, with runs of figures between them) but which digits form which figure cannot be told.
- `several_figures`: a cell holds several numbers (`10 1 0 0 0`): the columns they belong
  to cannot be told.
"""

import re

from linter.labels import bare
from linter.model import Unreadable

# Several figures run together between labels: digits directly after a label character and
# not followed by a unit (`规章 000行政…`, `数量640020470二、`) — prose writes `21件`, `2021年`.
# A run of 12 digits or more is no single figure, whatever follows (…总计1000…2023年).
_RUN = re.compile(r"(?<=[\u4e00-\u9fff)])(\d{12,}|\d[\d.]{2,}(?![\d.]|[件条项个份次人元年月日号%]))")
_SHORTEST = 4  # labels shorter than this (规章, 总计) occur in prose too often to count
# White space and punctuation go, as in the labels' bare forms; a decimal point stays.
_SQUEEZE = re.compile(r"[\s、,:;!?\"'“”‘’()\[\]【】《》<>·…—-]|(?<!\d)\.|\.(?!\d)")


def _signature(spec, table_spec) -> set[str]:
    """Label words that show this table's text: its title, row labels and column headers."""
    terminals = [table_spec.title] + [row.terminal for row in table_spec.rows]
    words = {bare(spec.labels.canonical[t]) for t in terminals if t in spec.labels.canonical}
    words |= {bare(column.label.split()[-1]) for column in table_spec.columns}
    return {word for word in words if len(word) >= _SHORTEST}


def _run_together(spec, table_spec, sections) -> Unreadable | None:
    signature = _signature(spec, table_spec)
    for section in sections:
        if section.number != table_spec.section:
            continue
        for paragraph in section.paragraphs:
            key = _SQUEEZE.sub("", paragraph.text)
            found = {word: key.find(word) for word in signature if word in key}
            title = bare(spec.labels.canonical.get(table_spec.title, ""))
            start = found.get(title, min(found.values(), default=0))
            # the table's own run of figures, else any: a paragraph that is a flattened table
            run = (_RUN.search(key, start) or _RUN.search(key)) if len(found) >= 2 else None
            if run:
                return Unreadable("run_together", run.group(1), paragraph.line, paragraph.column)
    return None


def _several_figures(table) -> Unreadable | None:
    cells = [c for row in table.rows.values() for c in row.values] + [c for o in table.orphans for c in o.cells]
    cell = next((c for c in cells if c.kind == "RUN"), None)
    return Unreadable("several_figures", cell.text, cell.line, cell.column) if cell else None


def mark(spec, tables, sections):
    """Set `Table.unreadable` where the reader cannot tell which figure is in which cell."""
    for table in tables.values():
        found = _several_figures(table) if table.present else None
        if found is None and not any(cell.kind == "NUM" for _, _, cell in table.cells()):
            # absent, or only its header rows are cells: its figures may have run into the text
            found = _run_together(spec, table.spec, sections)
        table.unreadable = found
        if found is not None and not table.present:
            table.line = found.line
