"""Reporters render the results of a run; each takes (results, summary, lang) and returns text."""

from linter.reporters import html, json_report, text

REPORTERS = {"text": text.render, "json": json_report.render, "html": html.render}


def summarize(results) -> dict:
    ok = [r for r in results if r.status == "ok"]
    return {
        "files": len(results),
        "errors": sum(r.count("error") for r in ok),
        "warnings": sum(r.count("warning") for r in ok),
        "infos": sum(r.count("info") for r in ok),
        "unreadable": len(results) - len(ok),
    }
