"""Findings as CSV, one row a finding (an unreadable file is a row too), in UTF-8 with a
BOM: without it Excel and WPS take the file for the local code page and garble Chinese."""

import csv
import io

COLUMNS = ("file", "agency", "year", "format", "status", "line", "column", "section", "rule",
           "name", "severity", "message", "excerpt", "basis", "location")


def _location(finding) -> str:
    return ";".join(f"{k}={v}" for k, v in (finding.location or {}).items())


def _rows(result):
    head = [result.path, result.agency or "", result.year or "", result.format or "", result.status]
    if result.status != "ok":
        yield head + ["", "", "", "", "", "", result.error, "", "", ""]
    for f in result.findings:
        yield head + [f.line, f.column, f.section, f.rule, f.name, f.severity, f.message, f.excerpt, f.basis, _location(f)]


def render(results, run):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180 line ends, as Excel writes
    yield "\ufeff"
    writer.writerow(COLUMNS)
    for result in results:
        for row in _rows(result):
            writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()
