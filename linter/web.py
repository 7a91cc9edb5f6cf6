"""`nianbao serve`: a local web page for report authors.

Flask, because the job is a form, a CPU-bound check and a page: synchronous request handling
fits it, Werkzeug's multipart parser enforces the upload limit (MAX_CONTENT_LENGTH → 413), and
its threaded server is enough for one author on their own machine. (Starlette/FastAPI would add
an event loop, python-multipart and uvicorn for nothing here.)

Nothing is written to disk: uploads are parsed into memory (Werkzeug would otherwise spool
files over 500 KB to a temporary file), checked from bytes, and the downloadable findings are
embedded in the page as data: URLs rather than kept for a second request.

Each check runs in a worker process with a time limit and a memory ceiling (linter/web_worker).
The optional second file, last year's report, is checked in a worker of its own at the same
time, and the two results are compared here (crossreport.compare, on the reports' compact
summaries, whose compared text is capped): the cross-year findings join the first file's.
Every template is autoescaped (report text and file names are the uploader's), and every
response carries a Content-Security-Policy that allows only the page's own script and style,
marked with a per-response nonce.
"""

import base64
import io
import secrets
import socket
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, Request, g, redirect, render_template, request
from werkzeug.exceptions import HTTPException

from linter import __version__, audit, crossreport, ruledoc
from linter.readers import MAX_BYTES, READERS, SUPPORTED_SUFFIXES
from linter.reporters import Run, reporter
from linter.rules import catalogue, select
from linter.runner import default_jobs
from linter.web_worker import MEMORY_LIMIT, TIME_LIMIT, Checker, Outcome

_MULTIPART_SLACK = 64 * 1024  # the form's boundaries and headers around the two files
_UPLOADS = 2  # the report and, optionally, last year's
MESSAGES = {
    "zh": {
        "title": "政府信息公开工作年度报告自查", "choose": "选择或拖入年度报告文件", "check": "开始检查",
        "types": "支持 {text}（不超过 {text_mb} MB）和 {container}（不超过 {container_mb} MB）。文件只在本机检查，不保存。",
        "rules": "规则说明", "no_file": "请先选择一个文件。", "too_large": "文件过大：上传上限为 {mb} MB。",
        "type_too_large": "文件过大：{suffix} 文件不能超过 {mb} MB。",
        "timeout": "检查超时：该文件在 {seconds} 秒内未能检查完毕，已停止检查。请确认上传的是年度报告本身；"
                   "体积很大的 PDF 可另存为 Word 或文本文件后再试。",
        "memory": "该文件检查所需内存超过上限（{mb} MB），已停止检查。请确认上传的是年度报告本身，"
                  "或另存为 Word 或文本文件后再试。",
        "crashed": "读取该文件时检查程序意外退出，文件可能已损坏。请另存为 Word 或文本文件后再试；如仍有问题，请向开发者报告。",
        "no_page": "页面不存在：{path}", "bad_method": "不支持此请求方式。", "bad_request": "请求无法处理（{code}）。",
        "bad_type": "不支持的文件类型“{suffix}”。支持：{types}。", "unreadable": "无法读取该文件：{error}",
        "findings": "检查结果", "none": "未发现问题。", "download_html": "下载检查结果（HTML）",
        "download_docx": "下载检查结果（Word）", "again": "检查另一个文件", "back": "返回",
        "summary": "错误 {errors} 个，警告 {warnings} 个，提示 {infos} 个",
        "agency": "机关", "year": "年度", "format": "格式", "where": "位置", "rule": "规则",
        "basis": "依据", "fix": "修改方法", "why": "规则说明", "excerpt": "原文", "lang": "English",
        "severity": {"error": "错误", "warning": "警告", "info": "提示"},
        "not_found": "没有规则 {rule}。",
        "previous": "上年度报告（可选）：与上年比较结转、文字照搬和表格数字",
        "compared": "已与上年度报告比较：{name}（机关：{agency}，年度：{year}）",
        "previous_failed": "未与上年比较（上年度报告“{name}”）：{reason}",
    },
    "en": {
        "title": "Check an annual report on government information disclosure", "choose": "Choose or drop a report file",
        "check": "Check",
        "types": "{text} (up to {text_mb} MB) and {container} (up to {container_mb} MB). "
                 "The file is checked on this machine and not kept.",
        "rules": "Rules", "no_file": "Choose a file first.", "too_large": "The file is too large: the limit is {mb} MB.",
        "type_too_large": "The file is too large: a {suffix} file may be at most {mb} MB.",
        "timeout": "The check took longer than {seconds} seconds and was stopped. Make sure this is the report "
                   "itself; a very large PDF may be saved as Word or text and tried again.",
        "memory": "Checking this file needed more than the {mb} MB memory limit and was stopped. Make sure this is "
                  "the report itself, or save it as Word or text and try again.",
        "crashed": "The checker stopped unexpectedly while reading this file, which may be damaged. Save it as Word "
                   "or text and try again; if that fails too, please report it.",
        "no_page": "No page at {path}", "bad_method": "This request method is not supported here.",
        "bad_request": "The request could not be handled ({code}).",
        "bad_type": "Unsupported file type '{suffix}'. Supported: {types}.", "unreadable": "Cannot read this file: {error}",
        "findings": "Findings", "none": "No findings.", "download_html": "Download findings (HTML)",
        "download_docx": "Download findings (Word)", "again": "Check another file", "back": "Back",
        "summary": "{errors} error(s), {warnings} warning(s), {infos} info",
        "agency": "Agency", "year": "Year", "format": "Format", "where": "Where", "rule": "Rule",
        "basis": "Basis", "fix": "How to fix", "why": "What it checks", "excerpt": "Excerpt", "lang": "中文",
        "severity": {"error": "error", "warning": "warning", "info": "info"},
        "not_found": "No rule {rule}.",
        "previous": "Last year's report (optional): compare the carry-over, copied text and table figures with last year's",
        "compared": "Compared with last year's report: {name} (agency: {agency}, year: {year})",
        "previous_failed": "Not compared with last year (last year's report “{name}”): {reason}",
    },
}


class InMemoryRequest(Request):
    def _get_file_stream(self, total_content_length, content_type, filename=None, content_length=None):
        return io.BytesIO()


class _EscapingFlask(Flask):
    # Flask escapes only *.html/*.xml templates; ours are *.html.j2
    def select_jinja_autoescape(self, filename: str) -> bool:
        return True


def _lang() -> str:
    # the query string only: reading the form of an over-limit upload would raise again
    return "en" if request.args.get("lang") == "en" else "zh"


def _nonce() -> str:
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(18)
    return g.csp_nonce


def _csp() -> str:
    """Nothing but the page's own nonce-marked script and style; favicon and downloads are data: URLs."""
    nonce = f"'nonce-{_nonce()}'"
    return (f"default-src 'none'; script-src {nonce}; style-src {nonce}; img-src data:; "
            "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


def _page(template: str, status: int = 200, **values):
    lang = _lang()
    texts = MESSAGES[lang]
    body = render_template(template, lang=lang, T=texts, C=ruledoc.colon(lang), version=__version__,
                           csp_nonce=_nonce(), types=" ".join(SUPPORTED_SUFFIXES),
                           titles=audit.rule_titles(catalogue(), lang), **values)
    return body, status


def _size_policy(texts: dict, limits: dict[str, int]) -> dict:
    """What the form says and its script enforces: the suffixes of each size class with its
    limit, and per suffix the limit in bytes and the message for a file over it."""
    by_kind = {kind: " ".join(s for s in SUPPORTED_SUFFIXES if READERS[s][1] == kind) for kind in limits}
    return {
        "sentence": texts["types"].format(text=by_kind["text"], text_mb=_megabytes(limits["text"]),
                                          container=by_kind["container"], container_mb=_megabytes(limits["container"])),
        "limits": {s: {"bytes": limits[kind], "message": texts["type_too_large"].format(suffix=s, mb=_megabytes(limits[kind]))}
                   for s, (_, kind) in READERS.items()},
    }


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:g}"


def _data_url(mime: str, content: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(content).decode('ascii')}"


def _documents(result, lang: str) -> dict[str, str]:
    """The findings document (as `nianbao audit` writes it) in HTML and Word, inline."""
    run = Run(select(), lang)
    html = "".join(reporter("html").render([result], run)).encode("utf-8")
    docx = b"".join(reporter("docx").render([result], run))
    return {
        "html": _data_url("text/html;charset=utf-8", html),
        "docx": _data_url("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx),
    }


def _failure(failure: str, checker: Checker) -> str:
    texts = MESSAGES[_lang()]
    return texts[failure].format(seconds=f"{checker.time_limit:g}", mb=_megabytes(checker.memory_limit))


class Refused(Exception):
    """An upload of a type or size the page does not take: the message and the response's status."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.message, self.status = message, status


def _received(upload, size_limits: dict[str, int]) -> tuple[str, bytes]:
    """The upload's file name and content, or Refused when its type or size is not taken."""
    texts = MESSAGES[_lang()]
    name = Path(upload.filename).name
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise Refused(texts["bad_type"].format(suffix=suffix or name, types=" ".join(SUPPORTED_SUFFIXES)), 400)
    data = upload.stream.getvalue()
    limit = size_limits[READERS[suffix][1]]
    if len(data) > limit:
        raise Refused(texts["type_too_large"].format(suffix=suffix, mb=_megabytes(limit)), 413)
    return name, data


@dataclass
class LastYear:
    """The optional second upload: its name, and either its check's outcome or why it was refused."""

    name: str
    outcome: Outcome | None = None
    refused: str | None = None

    def problem(self, checker: Checker) -> str | None:
        """Why it cannot be compared with, in the page's language; None when it can."""
        if self.refused is not None:
            return self.refused
        if self.outcome.failure:
            return _failure(self.outcome.failure, checker)
        if self.outcome.result.status != "ok":
            return MESSAGES[_lang()]["unreadable"].format(error=self.outcome.result.error)
        return None


def _comparison(result, last_year: LastYear, checker: Checker) -> dict:
    """Adds the cross-year findings to `result` when last year's report was read; the line the
    page shows about it either way (`compared`: whether the comparison was made)."""
    texts = MESSAGES[_lang()]
    problem = last_year.problem(checker)
    if problem is not None:
        return {"compared": False, "text": texts["previous_failed"].format(name=last_year.name, reason=problem)}
    previous = last_year.outcome.result
    crossreport.compare(result, previous, select(), _lang())
    return {"compared": True, "text": texts["compared"].format(name=last_year.name, agency=previous.agency,
                                                               year=previous.year or "—")}


def create_app(size_limits: dict[str, int] = MAX_BYTES, time_limit: float = TIME_LIMIT,
               memory_limit: int = MEMORY_LIMIT) -> Flask:
    """size_limits: bytes per size class of readers.READERS ("text", "container"), the same
    classes and, by default, the same limits as the command line's."""
    app = _EscapingFlask(__name__, template_folder="templates/web")
    app.request_class = InMemoryRequest
    app.config["MAX_CONTENT_LENGTH"] = _UPLOADS * max(size_limits.values()) + _MULTIPART_SLACK
    checker = Checker(time_limit, memory_limit, workers=default_jobs())

    @app.after_request
    def secure(response):
        response.headers["Content-Security-Policy"] = _csp()
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    def form(status: int = 200, error: str | None = None):
        return _page("index.html.j2", status, error=error, policy=_size_policy(MESSAGES[_lang()], size_limits))

    @app.get("/")
    def index():
        return form()

    @app.get("/check")
    def check_form():
        return redirect(f"/?lang={_lang()}")

    @app.post("/check")
    def check():
        texts = MESSAGES[_lang()]
        upload = request.files.get("report")
        if upload is None or not upload.filename:
            return form(400, texts["no_file"])
        try:
            name, data = _received(upload, size_limits)
        except Refused as refused:
            return form(refused.status, refused.message)
        last_year, last_year_upload = None, None
        previous = request.files.get("previous")
        if previous is not None and previous.filename:
            last_year = LastYear(Path(previous.filename).name)
            try:
                last_year_upload = _received(previous, size_limits)
            except Refused as refused:
                last_year.refused = refused.message
        # last year's report in a worker of its own beside this year's: the same limits for
        # each, and a report that crashes or outlasts its worker costs only its own check
        with ThreadPoolExecutor(1) as beside:
            pending = beside.submit(checker.check, *last_year_upload, _lang()) if last_year_upload else None
            outcome = checker.check(name, data, _lang())
            if pending is not None:
                last_year.outcome = pending.result()
        if outcome.failure:
            return form(422, _failure(outcome.failure, checker))
        result = outcome.result
        if result.status != "ok":
            return form(422, texts["unreadable"].format(error=result.error))
        comparison = _comparison(result, last_year, checker) if last_year is not None else None
        rules = {rule.id: rule for rule in catalogue()}
        return _page("findings.html.j2", result=result, rules=rules, format_name=audit.format_name,
                     downloads=_documents(result, _lang()), comparison=comparison,
                     counts={s: result.count(s) for s in ("error", "warning", "info")})

    @app.get("/rules")
    def rules():
        return _page("rules.html.j2", rules=catalogue())

    @app.get("/rules/<rule_id>")
    def rule(rule_id):
        found = ruledoc.find(rule_id)
        if found is None:
            return _page("message.html.j2", 404, error=MESSAGES[_lang()]["not_found"].format(rule=rule_id))
        return _page("rule.html.j2", rule=found, L=ruledoc.labels(_lang()), formats_line=ruledoc.formats_line(found))

    @app.errorhandler(413)
    def too_large(_error):
        return form(413, MESSAGES[_lang()]["too_large"].format(mb=_megabytes(max(size_limits.values()))))

    @app.errorhandler(HTTPException)
    def http_error(error):
        texts = MESSAGES[_lang()]
        message = {404: texts["no_page"].format(path=request.path), 405: texts["bad_method"]}.get(
            error.code, texts["bad_request"].format(code=error.code))
        return _page("message.html.j2", error.code, error=message)

    return app


def serve(host: str, port: int) -> None:
    """Serve until interrupted; OSError when the address cannot be bound."""
    import click
    from werkzeug.serving import make_server

    # bound here, not by Werkzeug, which prints its own message and exits when the port is taken
    listener = socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET)
    server = make_server(host, port, create_app(), threaded=True, fd=listener.fileno())
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"nianbao-lint: open http://{shown}:{listener.getsockname()[1]}/ in a browser (Ctrl+C to stop)", err=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"nianbao-lint: listening on {host}: other machines can reach this page", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
