"""The mandated formats: each version's Lark grammar and table layout (grammar/*.yaml)."""

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache

from lark import Lark

from linter.labels import LabelMatcher, matcher
from linter.lexer import ReportLexer
from linter.resources import cache_dir, data_dir, load_yaml

VERSIONS = ("2021", "2019", "legacy")
_FILES = {"2021": "fmt2021.yaml", "2019": "fmt2019.yaml", "legacy": "legacy.yaml"}


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "count"  # count | decimal | signed


@dataclass(frozen=True)
class RowSpec:
    key: str
    terminal: str | None
    label: str
    group: str | None = None


@dataclass
class TableSpec:
    key: str
    name: str
    section: int
    columns: list[Column]
    rows: list[RowSpec]
    title: str | None = None  # terminal of the table's title cell
    groups: dict[str, tuple[str, str]] = field(default_factory=dict)  # terminal -> (key, label)
    flat: bool = False  # all values of the table form one row (the 四 table)

    def __post_init__(self):
        self._columns = {c.key: c for c in self.columns}  # columns never change after loading

    def row(self, key: str) -> RowSpec:
        return next(r for r in self.rows if r.key == key)  # t3's rows are spliced after loading

    def column(self, key: str) -> Column:
        return self._columns[key]

    def rows_in_group(self, group: str) -> list[RowSpec]:
        return [r for r in self.rows if r.group == group]


@dataclass
class FormatSpec:
    version: str
    name: str
    sections: dict[int, str]
    tables: dict[str, TableSpec]
    parser: Lark
    labels: LabelMatcher

    def tables_in(self, section: int) -> list[TableSpec]:
        return [t for t in self.tables.values() if t.section == section]

    def __post_init__(self):
        self._owners: dict[str, tuple[TableSpec, str, str | None]] = {}
        for table in self.tables.values():
            self._owners.update({r.terminal: (table, "row", r.key) for r in table.rows if r.terminal})
            self._owners.update({g: (table, "group", None) for g in table.groups})
            if table.title:
                self._owners[table.title] = (table, "title", None)

    def owner_of(self, terminal: str) -> tuple[TableSpec, str, str | None] | None:
        """The table a label terminal belongs to, what it is there (title, group or row) and
        the row's key (None for a column header or the 三 note)."""
        return self._owners.get(terminal)


def _columns(raw) -> list[Column]:
    return [Column(*entry) for entry in raw]


def _rows(raw) -> list[RowSpec]:
    return [RowSpec(*entry) for entry in raw]


def _table(key: str, raw: dict) -> TableSpec:
    return TableSpec(
        key=key,
        name=raw["name"],
        section=raw["section"],
        columns=_columns(raw["columns"]),
        rows=_rows(raw["rows"]),
        title=raw.get("title"),
        groups={t: tuple(v) for t, v in raw.get("groups", {}).items()},
        flat=raw.get("flat", False),
    )


def _tables34(other: dict) -> dict[str, TableSpec]:
    raw = load_yaml(data_dir("grammar") / "tables34.yaml")
    t3 = _table("t3", raw["t3"])
    total = next(i for i, r in enumerate(t3.rows) if r.key == "total")
    t3.rows[total:total] = _rows(other["rows"])
    if "group" in other:
        terminal, key, label = other["group"]
        t3.groups[terminal] = (key, label)
    return {"t3": t3, "t4": _table("t4", raw["t4"])}


@lru_cache(maxsize=None)
def _layout(version: str) -> dict:
    return load_yaml(data_dir("grammar") / _FILES[version])


def years(version: str) -> str:
    """The report years a format version covers, as `2021–` or `–2018`."""
    first, last = _layout(version)["years"]
    return f"{first or ''}–{last or ''}"


@lru_cache(maxsize=None)
def section_titles() -> tuple[str, ...]:
    """Every version's mandated section titles without their numerals (一、): how the lexer
    recognises a heading run into the text."""
    titles = {heading.split("、", 1)[-1] for version in VERSIONS for heading in (_layout(version).get("sections") or {}).values()}
    return tuple(sorted(titles))


def _grammar_cache(version: str) -> str | bool:
    """Lark's analysed grammar, kept in the user's cache folder (not the shared temp folder:
    it is a pickle). Lark keys it by the grammar's hash, imports included, and rebuilds it
    when the grammar changed or the file cannot be read: cold start 50 ms -> 10 ms. The
    file is named by the grammar files' hash too, so two installations with different
    grammars (two checkouts, two versions) do not rebuild it in turn, each for the other."""
    folder = cache_dir()
    return str(folder / f"grammar-{version}-{_grammar_digest()}.lark-cache") if folder else False


@lru_cache(maxsize=None)
def _grammar_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(data_dir("grammar").glob("*.lark")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=None)
def load(version: str) -> FormatSpec:
    grammar = data_dir("grammar")
    raw = _layout(version)
    tables = {key: _table(key, spec) for key, spec in (raw.get("tables") or {}).items()}
    if "t3_other" in raw:
        tables.update(_tables34(raw["t3_other"]))
    parser = Lark.open(str(grammar / raw["grammar"]), parser="lalr", lexer=ReportLexer, strict=True, cache=_grammar_cache(version))
    return FormatSpec(
        version=version,
        name=raw["name"],
        sections={int(k): v for k, v in (raw.get("sections") or {}).items()},
        tables=tables,
        parser=parser,
        labels=matcher(parser.terminals),
    )
