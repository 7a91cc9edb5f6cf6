"""The JSON contract (version 1) other tools read: add fields, never rename."""

import json


def document(results, summary: dict) -> dict:
    return {
        "version": 1,
        "files": [
            {
                "path": r.path,
                "status": r.status,
                "error": r.error,
                "format": r.format,
                "year": r.year,
                "agency": r.agency,
                "agency_kind": r.agency_kind,
                "findings": [f.as_json() for f in r.findings],
            }
            for r in results
        ],
        "summary": summary,
    }


def render(results, summary: dict, lang: str) -> str:
    return json.dumps(document(results, summary), ensure_ascii=False, indent=2) + "\n"
