"""`nianbao serve`: a local web page for report authors.

Flask, because the job is a form, a CPU-bound check and a page: synchronous request handling
fits it, Werkzeug's multipart parser enforces the upload limit (MAX_CONTENT_LENGTH → 413), and
its threaded server is enough for one author on their own machine. (Starlette/FastAPI would add
an event loop, python-multipart and uvicorn for nothing here.)

Nothing is written to disk: uploads are parsed into memory (Werkzeug would otherwise spool
files over 500 KB to a temporary file), checked from bytes, and the downloadable findings are
embedded in the page as data: URLs rather than kept for a second request.
"""

import base64
import io
import socket
from pathlib import Path

from flask import Flask, Request, abort, current_app, render_template, request

from linter import __version__, ruledoc
from linter.engine import lint_bytes
from linter.readers import MAX_BYTES, SUPPORTED_SUFFIXES
from linter.reporters import Run, reporter
from linter.rules import catalogue, select

UPLOAD_LIMIT = MAX_BYTES["container"]
MESSAGES = {
    "zh": {
        "title": "政府信息公开工作年度报告自查", "choose": "选择或拖入年度报告文件", "check": "开始检查",
        "types": "支持 {types}，不超过 {mb} MB。文件只在本机检查，不保存。", "rules": "规则说明",
        "no_file": "请先选择一个文件。", "too_large": "文件过大：上传上限为 {mb} MB。",
        "bad_type": "不支持的文件类型“{suffix}”。支持：{types}。", "unreadable": "无法读取该文件：{error}",
        "findings": "检查结果", "none": "未发现问题。", "download_html": "下载检查结果（HTML）",
        "download_docx": "下载检查结果（Word）", "again": "检查另一个文件", "back": "返回",
        "summary": "错误 {errors} 个，警告 {warnings} 个，提示 {infos} 个",
        "agency": "机关", "year": "年度", "format": "格式", "where": "位置", "rule": "规则",
        "basis": "依据", "fix": "修改方法", "why": "规则说明", "excerpt": "原文", "lang": "English",
        "severity": {"error": "错误", "warning": "警告", "info": "提示"},
        "not_found": "没有规则 {rule}。",
    },
    "en": {
        "title": "Check an annual report on government information disclosure", "choose": "Choose or drop a report file",
        "check": "Check", "types": "{types}, up to {mb} MB. The file is checked on this machine and not kept.",
        "rules": "Rules", "no_file": "Choose a file first.", "too_large": "The file is too large: the limit is {mb} MB.",
        "bad_type": "Unsupported file type '{suffix}'. Supported: {types}.", "unreadable": "Cannot read this file: {error}",
        "findings": "Findings", "none": "No findings.", "download_html": "Download findings (HTML)",
        "download_docx": "Download findings (Word)", "again": "Check another file", "back": "Back",
        "summary": "{errors} error(s), {warnings} warning(s), {infos} info",
        "agency": "Agency", "year": "Year", "format": "Format", "where": "Where", "rule": "Rule",
        "basis": "Basis", "fix": "How to fix", "why": "What it checks", "excerpt": "Excerpt", "lang": "中文",
        "severity": {"error": "error", "warning": "warning", "info": "info"},
        "not_found": "No rule {rule}.",
    },
}


class InMemoryRequest(Request):
    def _get_file_stream(self, total_content_length, content_type, filename=None, content_length=None):
        return io.BytesIO()


def _lang() -> str:
    # the query string only: reading the form of an over-limit upload would raise again
    return "en" if request.args.get("lang") == "en" else "zh"


def _page(template: str, status: int = 200, **values):
    lang = _lang()
    texts = MESSAGES[lang]
    body = render_template(template, lang=lang, T=texts, C=ruledoc.colon(lang), version=__version__,
                           types=" ".join(SUPPORTED_SUFFIXES), mb=_megabytes(current_app.config["MAX_CONTENT_LENGTH"]),
                           **values)
    return body, status


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


def create_app(upload_limit: int = UPLOAD_LIMIT) -> Flask:
    app = Flask(__name__, template_folder="templates/web")
    app.request_class = InMemoryRequest
    app.config["MAX_CONTENT_LENGTH"] = upload_limit

    @app.get("/")
    def index():
        return _page("index.html.j2")

    @app.post("/check")
    def check():
        upload = request.files.get("report")
        if upload is None or not upload.filename:
            return _page("index.html.j2", 400, error=MESSAGES[_lang()]["no_file"])
        name = Path(upload.filename).name
        suffix = Path(name).suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES:
            error = MESSAGES[_lang()]["bad_type"].format(suffix=suffix or name, types=" ".join(SUPPORTED_SUFFIXES))
            return _page("index.html.j2", 400, error=error)
        result = lint_bytes(name, upload.stream.getvalue(), select(), lang=_lang())
        if result.status != "ok":
            return _page("index.html.j2", 422, error=MESSAGES[_lang()]["unreadable"].format(error=result.error))
        rules = {rule.id: rule for rule in catalogue()}
        return _page("findings.html.j2", result=result, rules=rules, downloads=_documents(result, _lang()),
                     counts={s: result.count(s) for s in ("error", "warning", "info")})

    @app.get("/rules")
    def rules():
        return _page("rules.html.j2", rules=catalogue())

    @app.get("/rules/<rule_id>")
    def rule(rule_id):
        found = ruledoc.find(rule_id)
        if found is None:
            abort(404)
        return _page("rule.html.j2", rule=found, L=ruledoc.labels(_lang()), formats_line=ruledoc.formats_line(found))

    @app.errorhandler(413)
    def too_large(_error):
        return _page("index.html.j2", 413, error=MESSAGES[_lang()]["too_large"].format(mb=_megabytes(upload_limit)))

    @app.errorhandler(404)
    def not_found(_error):
        return _page("index.html.j2", 404, error=MESSAGES[_lang()]["not_found"].format(rule=request.path.rsplit("/", 1)[-1]))

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
