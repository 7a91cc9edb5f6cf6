"""The JSON contract (version 1) other tools read: add fields, never rename.

Written file by file as results arrive, so a run over thousands of reports holds none."""

import json

from linter.reporters import Summary


def file_entry(r) -> dict:
    return {
        "path": r.path,
        "status": r.status,
        "error": r.error,
        "format": r.format,
        "year": r.year,
        "year_source": r.year_source,
        "agency": r.agency,
        "agency_kind": r.agency_kind,
        "agency_source": r.agency_source,
        "findings": [f.as_json() for f in r.findings],
    }


def _indented(value) -> str:
    return "    " + json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n    ")


def render(results, run):
    summary = Summary()
    yield '{\n  "version": 1,\n  "files": ['
    for index, result in enumerate(summary.counted(results)):
        yield ("," if index else "") + "\n" + _indented(file_entry(result))
    yield '\n  ],\n  "summary": ' + json.dumps(summary.as_dict(), ensure_ascii=False) + "\n}\n"
