"""Read → normalise → parse → model: one report ready for the rules."""

from linter import formats, metadata, unreadable
from linter.builder import build
from linter.document import Document
from linter.lexer import items
from linter.model import Report
from linter.normalize import normalise


def _overview_end(lexed, lines) -> int:
    """First line of section 二 (or the end): the opening where the report states its year."""
    for item in lexed:
        if item.kind == "HEADING" and item.text.startswith("二"):
            return item.line
    return lines[-1].number + 1 if lines else 1


def analyze(document: Document, force_version: str | None = None) -> Report:
    lines, traditional = normalise(document)
    lexed = list(items(lines, formats.section_titles()))
    year, year_source = metadata.report_year(lines, _overview_end(lexed, lines))
    name, kind, agency_source = metadata.agency(lines)
    if document.meta.get("agency"):
        name, agency_source = document.meta["agency"], "meta"
    version = force_version or metadata.format_for_year(year)
    spec = formats.load(version)
    tree = spec.parser.parse(lexed)
    preamble, sections, tables = build(tree, spec)
    unreadable.mark(spec, tables, sections)
    return Report(
        path=document.path,
        format=spec,
        year=year,
        year_source=year_source,
        agency=name,
        agency_kind=kind,
        agency_source=agency_source,
        traditional=traditional,
        preamble=preamble,
        sections=sections,
        tables=tables,
        lines={line.number: line.original for line in lines},
        norm={line.number: line.text for line in lines},
        format_forced=force_version is not None,
        published=metadata.publication_date(lines, document.meta),
    )
