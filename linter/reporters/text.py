"""`path:line:col: SEVERITY RULE message [where]`, one finding a line, then a summary line."""

from linter.reporters import Summary

_SEVERITY = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}


def render(results, run):
    summary = Summary()
    for result in summary.counted(results):
        if result.status == "unreadable":
            yield f"{result.path}: UNREADABLE {result.error}\n"
            continue
        for f in result.findings:
            where = f.where(run.lang)
            suffix = f" [{where}]" if where else ""
            yield f"{result.path}:{f.line}:{f.column}: {_SEVERITY[f.severity]} {f.rule} {f.message}{suffix}\n"
    yield summary.line(run.lang) + "\n"
