"""From the parse tree to the report model: sections, paragraphs and typed tables."""

from decimal import Decimal, InvalidOperation
from functools import lru_cache

from lark import Token, Tree

from linter.formats import FormatSpec, TableSpec
from linter.lexer import Item, cell_key, numeral_value
from linter.model import Cell, Orphan, Paragraph, Row, Section, Table


@lru_cache(maxsize=4096)  # reports repeat their figures (0 most of all); a Decimal is immutable
def _number(text: str) -> Decimal | None:
    try:
        return Decimal(cell_key(text).replace(",", ""))
    except InvalidOperation:
        return None


def _cell(item: Item) -> Cell:
    return Cell(item.kind, item.text, item.line, item.column, _number(item.text) if item.kind == "NUM" else None)


_MISSING = Cell("MISSING")  # shared by every cell not given: cells are never changed once built


def _heading_number(text: str) -> int:
    numeral = ""
    for ch in text.strip():
        if ch in "一二三四五六七八九十":
            numeral += ch
        else:
            break
    return numeral_value(numeral)


class _TableFiller:
    """Places the rows of the raw tables of one section into the typed tables."""

    def __init__(self, spec: FormatSpec, tables: dict[str, Table], flat: dict[str, list[Item]], section: int | None):
        self.spec = spec
        self.tables = tables
        self.flat = flat  # values of each flat table, in order, placed once all are read
        self.defaults = spec.tables_in(section) if section else []
        self.current: TableSpec | None = None

    def _table(self, spec: TableSpec, token: Token) -> Table:
        table = self.tables[spec.key]
        if not table.present:
            table.present, table.line = True, token.line
        return table

    def _context(self) -> TableSpec | None:
        if self.current is not None:
            return self.current
        return self.defaults[0] if len(self.defaults) == 1 else None

    def row(self, label: Token, values: list[Item]):
        owner = self.spec.owner_of(label.type)
        if owner is None:  # a column header or the 三 note: belongs to the table in hand
            context = self._context()
            if context is not None:
                table = self._table(context, label)
                if context.flat:
                    self._flat(table, values)
                # other header rows carry header text, not data
            return
        spec, role, key = owner
        self.current = spec
        table = self._table(spec, label)
        if role == "row":
            self._data_row(table, spec, key, label, values)

    def orphan(self, values: list[Item]):
        context = self._context()
        if context is None:
            return
        table = self._table(context, values[0])
        if context.flat:
            self._flat(table, values)
        else:
            table.orphans.append(Orphan(values[0].line, values[0].column, [_cell(v) for v in values]))

    def _data_row(self, table: Table, spec: TableSpec, key: str, label: Token, values: list[Item]):
        row = table.rows[key]
        if row.found:  # a repeated label: keep the first, as a reader would
            return
        row.found, row.line, row.column, row.label_text = True, label.line, label.column, label.value
        _place(row, spec, values)

    def _flat(self, table: Table, values: list[Item]):
        row = table.rows[table.spec.rows[0].key]
        self.flat.setdefault(table.spec.key, []).extend(values)
        if not row.found and values:
            row.found, row.line, row.column = True, values[0].line, values[0].column


def _place(row: Row, spec: TableSpec, values: list[Item]):
    """Values go to columns only when there is one per column: with a cell too many or
    too few, which column is affected cannot be told, and a guess would misplace figures."""
    row.values = [_cell(v) for v in values]
    row.given = len(values)
    row.misaligned = len(values) != len(spec.columns)
    if not row.misaligned:
        row.cells = dict(zip((c.key for c in spec.columns), row.values))


def _finish_flat(table: Table, values: list[Item]):
    row = table.rows[table.spec.rows[0].key]
    if row.found:
        _place(row, table.spec, values)


def _empty_tables(spec: FormatSpec) -> dict[str, Table]:
    tables = {}
    for key, table_spec in spec.tables.items():
        columns = [c.key for c in table_spec.columns]
        rows = {r.key: Row(key=r.key, label=r.label, cells=dict.fromkeys(columns, _MISSING)) for r in table_spec.rows}
        tables[key] = Table(spec=table_spec, rows=rows)
    return tables


def _fill_body(node: Tree, section: Section, filler: _TableFiller):
    for child in node.children:
        if isinstance(child, Token):
            if child.type == "PARA":
                section.paragraphs.append(Paragraph(child.line, child.column, child.value))
                section.end_line = max(section.end_line, child.line)
        elif child.data == "table":
            for part in child.children:
                label = part.children[0] if part.data == "row" else None
                values = part.children[-1].cells if part.children[-1] is not label else []
                lines = [cell.line for cell in values]
                if label is not None:
                    lines.insert(0, label.line)
                section.table_lines.extend(lines)
                section.end_line = max([section.end_line, *lines])
                if label is not None:
                    filler.row(label, values)
                else:
                    filler.orphan(values)


def build(tree: Tree, spec: FormatSpec) -> tuple[Section, list[Section], dict[str, Table]]:
    tables = _empty_tables(spec)
    flat: dict[str, list[Item]] = {}
    preamble = Section(number=None, heading="", line=1)
    sections: list[Section] = []
    for node in tree.children:
        if node.data == "preamble":
            _fill_body(node, preamble, _TableFiller(spec, tables, flat, None))
        else:
            heading = node.children[0]
            section = Section(
                number=_heading_number(heading.value),
                heading=heading.value,
                line=heading.line,
                column=heading.column,
                end_line=heading.line,
            )
            _fill_body(node, section, _TableFiller(spec, tables, flat, section.number))
            sections.append(section)
    for table in tables.values():
        if table.spec.flat:
            _finish_flat(table, flat.get(table.spec.key, []))
    return preamble, sections, tables
