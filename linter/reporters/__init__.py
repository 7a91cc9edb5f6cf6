"""Reporters render the results of a run.

Each reporter module has `render(results, run)`: results is an iterable of FileResults in
input order, and `render` yields the output in pieces (str, or bytes where `BINARY` is set),
so that a streaming format writes each file's findings as soon as they are known. Modules
are imported when chosen: plain text must not pay for python-docx or jinja2 at start-up.
"""

from dataclasses import dataclass, field
from importlib import import_module

from linter.rules import Rule

# name -> (module, file suffixes that choose it for `-o FILE`)
FORMATS = {
    "text": ("text", (".txt",)),
    "json": ("json_report", (".json",)),
    "html": ("html", (".html", ".htm")),
    "docx": ("docx_report", (".docx",)),
    "sarif": ("sarif", (".sarif",)),
    "junit": ("junit", (".xml",)),
    "csv": ("csv_report", (".csv",)),
    "github": ("github", ()),
}
DOCUMENT_FORMATS = ("html", "docx")  # need -o FILE: a page or a Word file is not for a terminal


def reporter(name: str):
    return import_module(f"linter.reporters.{FORMATS[name][0]}")


def format_for_output(path: str) -> str | None:
    suffix = path[path.rfind("."):].lower() if "." in path else ""
    return next((name for name, (_, suffixes) in FORMATS.items() if suffix in suffixes), None)


@dataclass
class Run:
    """What every reporter may need besides the results."""

    rules: list[Rule]
    lang: str = "zh"


@dataclass
class Summary:
    files: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    unreadable: int = 0
    unreadable_files: list = field(default_factory=list)

    def add(self, result) -> None:
        self.files += 1
        if result.status != "ok":
            self.unreadable += 1
            self.unreadable_files.append(result)
            return
        self.errors += result.count("error")
        self.warnings += result.count("warning")
        self.infos += result.count("info")

    def counted(self, results):
        """Pass results through, counting them."""
        for result in results:
            self.add(result)
            yield result

    def as_dict(self) -> dict:
        return {"files": self.files, "errors": self.errors, "warnings": self.warnings,
                "infos": self.infos, "unreadable": self.unreadable}

    def line(self, lang: str) -> str:
        if lang == "en":
            return (f"{self.files} file(s): {self.errors} error(s), {self.warnings} warning(s), "
                    f"{self.infos} info, {self.unreadable} unreadable")
        return (f"共 {self.files} 个文件：错误 {self.errors}，警告 {self.warnings}，"
                f"提示 {self.infos}，无法读取 {self.unreadable}")


def summarize(results) -> Summary:
    summary = Summary()
    for result in results:
        summary.add(result)
    return summary
