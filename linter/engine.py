"""Run the rules on one file: read → analyze → checks → findings."""

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from linter import readers
from linter.analyze import analyze
from linter.checks import KINDS
from linter.crossreport.summary import Place, ReportSummary
from linter.crossreport.summary import build as summarize
from linter.errors import UnreadableFile
from linter.findings import Finding, Hit
from linter.rules import Rule

_FILENAME_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_EXCERPT = 80  # characters of the source line quoted around a finding
# control characters in a file name would break the line-based outputs (and a terminal)
_CONTROL = {**{c: f"\\x{c:02x}" for c in [*range(0x20), *range(0x7f, 0xa0)]}, 0x0a: "\\n", 0x09: "\\t", 0x0d: "\\r"}


def printable_path(path) -> str:
    """A path as every output can print it: bytes that are not UTF-8 (a name unzipped from
    a Chinese Windows archive) as backslash escapes (\\xc4), control characters too."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace") if isinstance(path, (str, os.PathLike)) else str(path)
    return text.translate(_CONTROL)


@dataclass
class FileResult:
    path: str
    status: str  # ok | unreadable
    error: str | None = None
    format: str | None = None
    year: int | None = None
    agency: str | None = None
    agency_kind: str | None = None
    # where agency and year were read: title | meta | text | overview | filename; for a
    # report that does not name itself, the file name stands in and the reporters say so
    agency_source: str | None = None
    year_source: str | None = None
    findings: list[Finding] = field(default_factory=list)
    # what the cross-report pass needs (linter/crossreport); never written to the JSON contract
    summary: ReportSummary | None = None

    def __post_init__(self):
        self.path = printable_path(self.path)

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)


def excerpt(text: str, column: int) -> str:
    text = text.strip("\n")
    if len(text) <= _EXCERPT:
        return text.strip()
    start = max(0, min(column - 1 - _EXCERPT // 4, len(text) - _EXCERPT))
    cut = text[start:start + _EXCERPT]
    return ("…" if start else "") + cut.strip() + ("…" if start + _EXCERPT < len(text) else "")


def render_message(rule: Rule, hit: Hit, lang: str) -> str:
    template = rule.message
    variant = hit.values.get("variant")
    if variant is not None:
        template = template[variant]
    text = template.get(lang) or template["zh"]
    values = dict(hit.values)
    if lang == "en":
        values.update({k[:-3]: v for k, v in hit.values.items() if k.endswith("_en")})
    return text.format(**values)


def _section_name(report, line: int) -> str:
    section = report.section_at(line)
    return section.heading if section.number is not None else ""


def locate(document, line_number: int, column: int) -> tuple[int, dict | None]:
    """The line to report and the location in the container: an HTML finding cites the
    source line; a Word table finding names the table, row and cell."""
    index = line_number - 1
    line = document.lines[index] if 0 <= index < len(document.lines) else None
    if line is None or line.location is None:
        return line_number, None
    location = dict(line.location)
    if "row" in location:
        # readers write rows as `| a | b |`: the border before the first cell is not a cell;
        # a finding about the whole row (column 1) names its first cell
        bordered = line.text.lstrip().startswith("|")
        location["cell"] = max(1, line.text[: max(column - 1, 0)].count("|") + (0 if bordered else 1))
    return location.get("line") or line_number, location


def lint_document(document, rules: list[Rule], force_version: str | None = None, lang: str = "zh"):
    report = analyze(document, force_version)
    findings = []
    for rule in rules:
        if rule.cross_report or not rule.applies_to(report.format.version):
            continue
        severity = rule.severity_for(report.year)
        for hit in KINDS[rule.check](report, rule.params):
            findings.append(make_finding(rule, severity, hit, _place(report, document, hit.line, hit.column), lang))
    findings.sort(key=lambda f: (f.line, f.column, f.rule))
    return report, findings


def _place(report, document, line_number: int, column: int) -> Place:
    line, location = locate(document, line_number, column)
    return Place(line, column, location, _section_name(report, line_number),
                 excerpt(report.lines.get(line_number, ""), column))


def make_finding(rule: Rule, severity: str, hit: Hit, place: Place, lang: str) -> Finding:
    values = hit.values
    return Finding(
        rule=rule.id,
        name=rule.name,
        severity=severity,
        message=render_message(rule, hit, lang),
        line=place.line,
        column=place.column,
        section=place.section,
        excerpt=place.excerpt,
        basis=rule.text("basis", lang),
        location=place.location,
        table=values.get("table"),
        row=values.get("row"),
        column_name=values.get("column") or values.get("columns"),
    )


def lint_path(path: Path, rules: list[Rule], force_version: str | None = None, lang: str = "zh") -> FileResult:
    return _lint(path, lambda: readers.read(path), rules, force_version, lang)


def lint_bytes(name: str, data: bytes, rules: list[Rule], force_version: str | None = None, lang: str = "zh") -> FileResult:
    """A report from standard input or an upload, named `name` in findings."""
    return _lint(Path(name), lambda: readers.read_bytes(name, data), rules, force_version, lang)


def unreadable(job, reason: UnreadableFile, lang: str) -> FileResult:
    """The result for a file (a path or a job) that cannot be linted, and why."""
    path = job[0] if isinstance(job, tuple) else job
    return FileResult(path=str(path), status="unreadable", error=reason.text(lang))


OUT_OF_MEMORY = UnreadableFile("reading the file needs more memory than a worker may use",
                               "读取该文件所需内存超过上限（内存超限）")


def lint_job(job, rules: list[Rule], force_version: str | None = None, lang: str = "zh") -> FileResult:
    """A job of a run: a path, or a (name, bytes) pair read from standard input."""
    if isinstance(job, tuple):
        return lint_bytes(*job, rules, force_version, lang)
    return lint_path(job, rules, force_version, lang)


def _lint(path: Path, read, rules, force_version, lang) -> FileResult:
    try:
        document = read()
        report, findings = lint_document(document, rules, force_version, lang)
        compared = {n for rule in rules if rule.cross_report for n in rule.params.get("sections", ())}
        summary = summarize(report, compared, lambda line, column: _place(report, document, line, column))
    except UnreadableFile as exc:
        return unreadable(path, exc, lang)
    except MemoryError:  # the worker's memory ceiling (linter/pool.py): the file, not a bug
        return unreadable(path, OUT_OF_MEMORY, lang)
    except Exception as exc:  # a bug must cost one file, not the run: report it and go on
        detail = f"{type(exc).__name__}: {exc}"
        return unreadable(path, UnreadableFile(f"internal error, please report: {detail}", f"内部错误，请报告：{detail}"), lang)
    agency, agency_source, year, year_source = identity(report, path)
    return FileResult(
        path=str(path), status="ok", format=report.format.version, year=year,
        agency=agency, agency_kind=report.agency_kind, agency_source=agency_source,
        year_source=year_source, findings=findings, summary=summary,
    )


def identity(report, path: Path) -> tuple:
    """(agency, agency_source, year, year_source): as the report states them, else from
    the file name (a report that does not name itself)."""
    agency, agency_source = report.agency, report.agency_source
    if not agency:
        agency, agency_source = path.stem, "filename"
    year, year_source = report.year, report.year_source
    if year is None:
        match = _FILENAME_YEAR.search(path.stem)
        year, year_source = (int(match[1]), "filename") if match else (None, None)
    return agency, agency_source, year, year_source
