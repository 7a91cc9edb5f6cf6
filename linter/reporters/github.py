"""GitHub Actions workflow commands: each finding becomes an annotation on the file."""

from linter.reporters import Summary

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(results, run):
    summary = Summary()
    for result in summary.counted(results):
        path = _property(result.path)
        if result.status != "ok":
            yield f"::error file={path},title=unreadable::{_data(result.error)}\n"
            continue
        for f in result.findings:
            title = _property(f"{f.rule} {f.name}")
            yield f"::{_COMMAND[f.severity]} file={path},line={f.line},col={f.column},title={title}::{_data(f.message)}\n"
    yield summary.line(run.lang) + "\n"
