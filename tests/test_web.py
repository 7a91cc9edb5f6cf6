"""`nianbao serve`: the authors' web page, through Flask's test client, end to end in a real
headless Chromium, and as the command starts it."""

import base64
import io
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import zipfile
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import docx
import pytest
from markupsafe import escape
from werkzeug.datastructures import FileStorage
from werkzeug.serving import make_server
from werkzeug.test import encode_multipart

import browser
import reportgen
import writers
from conftest import ROOT, SEEDS
from linter.engine import lint_bytes
from linter.readers import MAX_BYTES
from linter.rules import select
from linter.web import create_app

SEED4 = SEEDS / "004_f33f83f1c85a8eb6.txt"
REAL_PDF = ROOT / "tests" / "corpus" / "real" / "002_hongzequ-qzf_2023.pdf"
INJECTED = "<img src=x onerror=alert(1)>"
# seed 004 with its first heading carrying markup: the heading finding (S103) quotes it
INJECTED_REPORT = SEED4.read_text("utf-8").replace("一、总体情况\n", f"一、总体情况{INJECTED}\n", 1).encode("utf-8")


def upload(client, name: str, data: bytes, lang: str = "zh", previous: tuple[str, bytes] | None = None):
    """Post a report, and optionally last year's (name, content), as the form does."""
    files = {"report": (io.BytesIO(data), name)}
    if previous is not None:
        files["previous"] = (io.BytesIO(previous[1]), previous[0])
    return client.post(f"/check?lang={lang}", data=files, content_type="multipart/form-data")


def test_findings_page_shows_each_finding_with_its_explanation():
    page = upload(create_app().test_client(), "004.txt", SEED4.read_bytes())
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert re.findall(r'<div class="finding (\w+)" data-rule="(\w+)">', body) == [("error", "T203"), ("warning", "C401")]
    assert "表格“第二十条第（九）项”“政府集中采购”行“采购总金额”列的“161330元”不是数字" in body
    assert '<div class="excerpt">161330元 |</div>' in body
    assert "数量单元格只能填非负整数" in body  # the rule's explanation
    assert "国办公开办函〔2021〕30号" in body  # its basis
    assert "错误 1 个，警告 1 个，提示 0 个" in body
    assert 'href="/?lang=en">English</a>' in body  # not back to /check, which takes only uploads
    html_url = re.search(r'id="download-html" href="data:text/html;charset=utf-8;base64,([^"]+)"', body)[1]
    assert "161330元" in base64.b64decode(html_url).decode("utf-8")


# the prose of 一 and 五 as an author writes it afresh each year: only the tables are then alike
_FRESH_PROSE = {
    "一、总体情况": ["本年度,本区围绕惠企政策和审批服务开展主动公开,依申请公开答复文书逐件经法制审核。",
                 "(一)监督保障。政务公开考核改由第三方评估,社会评议覆盖全部街道,本年度未产生责任追究结果。"],
    "五、存在的主要问题及改进情况": ["(一)存在问题。答复文书说理不够充分,个别答复超过法定期限。",
                           "(二)改进措施。明年将开展答复文书评查,建立期限预警,按月通报。"],
}


def _rewritten(spec: reportgen.ReportSpec) -> str:
    """The generated report with the prose under 一 and 五 replaced by _FRESH_PROSE."""
    lines, out = reportgen.build(spec).splitlines(), []
    for index, line in enumerate(lines):
        if index and lines[index - 1] in _FRESH_PROSE:
            out.extend(_FRESH_PROSE[lines[index - 1]])
        elif not (index > 1 and lines[index - 2] in _FRESH_PROSE):
            out.append(line)
    return "\n".join(out) + "\n"


def _carrying_two(year: int) -> reportgen.ReportSpec:
    spec = reportgen.ReportSpec(year=year)
    spec.t3["next"] = [2, 0, 0, 0, 0, 0]  # carried forward 2, carried over 1 (balanced by one more new)
    spec.t3["new"] = [11, 1, 0, 0, 0, 0]
    return spec


@pytest.fixture(scope="module")
def consecutive_years(tmp_path_factory) -> dict[str, tuple[str, bytes]]:
    """青山区's reports as uploads: 2022 as Word; 2023 with 2022's tables unchanged, so it
    carries over 1 where 2022 carried 2 forward (Y501) and every figure is last year's (Y503);
    and a 2023 that carries over what 2022 carried forward and reports one review fewer."""
    folder = tmp_path_factory.mktemp("years")
    last_year = folder / "qingshan_2022.docx"
    writers.write_docx(writers.blocks_from_text(reportgen.build(_carrying_two(2022))), last_year)
    carrying_one = reportgen.ReportSpec(year=2022)
    writers.write_docx(writers.blocks_from_text(reportgen.build(carrying_one)), folder / "consistent_2022.docx")
    consistent = reportgen.ReportSpec(year=2023, t4=[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1])
    return {
        "last_year": (last_year.name, last_year.read_bytes()),
        "copied": ("qingshan_2023.txt", _rewritten(_carrying_two(2023)).encode("utf-8")),
        "consistent_last_year": ("consistent_2022.docx", (folder / "consistent_2022.docx").read_bytes()),
        "consistent": ("consistent_2023.txt", _rewritten(consistent).encode("utf-8")),
    }


Y501_NATURAL = ("本报告（qingshan_2023.txt，2023年）“二、上年结转”（“自然人”列）为 1，"
                "而上年报告（qingshan_2022.docx，2022年）“四、结转下年度继续办理”为 2")


def test_last_years_report_adds_the_cross_year_findings(consecutive_years):
    client = create_app().test_client()
    alone = upload(client, *consecutive_years["copied"]).get_data(as_text=True)
    assert _rules_found(alone) == []  # a clean report on its own
    response = upload(client, *consecutive_years["copied"], previous=consecutive_years["last_year"])
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert re.findall(r'<div class="finding (\w+)" data-rule="(\w+)">', body) == [
        ("warning", "Y503"), ("warning", "Y501"), ("warning", "Y501")]
    messages = re.findall(r'<p class="message">(.*)</p>', body)
    assert messages == [
        "第三、四部分表格的全部 190 个数字与上年报告（qingshan_2022.docx，2022年）完全相同",
        Y501_NATURAL,
        Y501_NATURAL.replace("自然人", "总计"),
    ]
    assert ('<p id="comparison" class="comparison" role="status">'
            "已与上年度报告比较：qingshan_2022.docx（机关：青山区人民政府，年度：2022）</p>") in body
    assert "错误 0 个，警告 3 个，提示 0 个" in body
    y501 = body[body.index('data-rule="Y501"'):]
    rule = {rule.id: rule for rule in select()}["Y501"]
    for part in ("description", "basis", "fix"):  # the rule's explanation, basis and fix, as for any finding
        assert str(escape(rule.text(part, "zh"))) in y501
    html_url = re.search(r'id="download-html" href="data:text/html;charset=utf-8;base64,([^"]+)"', body)[1]
    assert str(escape(Y501_NATURAL)) in base64.b64decode(html_url).decode("utf-8")
    docx_url = re.search(r'id="download-docx" href="data:[^;]+;base64,([^"]+)"', body)[1]
    word = docx.Document(io.BytesIO(base64.b64decode(docx_url)))
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    assert Y501_NATURAL in cells and "Y503 表格数字与上年完全相同" in cells

    english = upload(client, *consecutive_years["copied"], "en", previous=consecutive_years["last_year"])
    body = english.get_data(as_text=True)
    assert _rules_found(body) == ["Y503", "Y501", "Y501"]
    assert "Compared with last year&#39;s report: qingshan_2022.docx (agency: 青山区人民政府, year: 2022)" in body
    assert "but last year&#39;s report (qingshan_2022.docx, 2022) carried 2 forward" in body


def test_a_consistent_pair_has_no_cross_year_findings(consecutive_years):
    body = upload(create_app().test_client(), *consecutive_years["consistent"],
                  previous=consecutive_years["consistent_last_year"]).get_data(as_text=True)
    assert _rules_found(body) == []
    assert "已与上年度报告比较：consistent_2022.docx（机关：青山区人民政府，年度：2022）" in body


@pytest.mark.parametrize("lang, said", [
    ("zh", "未与上年比较（上年度报告“{name}”）：{reason}"),
    ("en", "Not compared with last year (last year&#39;s report “{name}”): {reason}"),
])
def test_a_second_file_that_cannot_be_read_is_named_and_the_first_is_still_checked(lang, said):
    client = create_app(size_limits={"text": 64 * 1024, "container": 128 * 1024}).test_client()
    broken = b"%PDF-1.7 damaged"
    reasons = {
        "broken.pdf": ("无法读取该文件：" if lang == "zh" else "Cannot read this file: ")
        + lint_bytes("broken.pdf", broken, select(), lang=lang).error,
        "report.exe": "不支持的文件类型“.exe”" if lang == "zh" else "Unsupported file type &#39;.exe&#39;",
        "big.txt": "文件过大：.txt 文件不能超过 0.0625 MB。" if lang == "zh" else "The file is too large: a .txt file may be at most 0.0625 MB.",
    }
    seconds = {"broken.pdf": broken, "report.exe": b"MZ", "big.txt": b"x" * 100_000}
    for name, data in seconds.items():
        response = upload(client, "004.txt", SEED4.read_bytes(), lang, previous=(name, data))
        body = response.get_data(as_text=True)
        assert response.status_code == 200 and _rules_found(body) == ["T203", "C401"]
        line = re.search(r'<p id="comparison" class="comparison failed" role="status">(.*)</p>', body)[1]
        assert line.startswith(said.format(name=name, reason=reasons[name])), line
    if lang == "zh":
        assert "Not compared" not in body and "Cannot read" not in body


@pytest.mark.parametrize("name, data, status, message", [
    ("report.exe", b"MZ", 400, "不支持的文件类型“.exe”"),
    ("empty.txt", b"", 422, "无法读取该文件：文件为空"),
    ("broken.docx", b"PK\x03\x04garbage", 422, "无法读取该文件：无法读取的 Word 文档"),
    ("", b"", 400, "请先选择一个文件。"),
])
def test_upload_errors_are_explained(name, data, status, message):
    response = upload(create_app().test_client(), name, data)
    assert response.status_code == status
    assert message in response.get_data(as_text=True)


@pytest.mark.parametrize("lang, prefix", [("zh", "无法读取该文件："), ("en", "Cannot read this file: ")])
@pytest.mark.parametrize("name, data", [("empty.txt", b""), ("broken.docx", b"PK\x03\x04garbage")])
def test_unreadable_upload_gives_the_readers_reason_in_the_pages_language(name, data, lang, prefix):
    response = upload(create_app().test_client(), name, data, lang)
    assert response.status_code == 422
    reason = lint_bytes(name, data, select(), lang=lang).error
    assert reason and prefix + reason in response.get_data(as_text=True)


def test_the_page_states_the_size_limits_it_enforces():
    client = create_app().test_client()
    assert ("支持 .txt .md .markdown .html .htm（不超过 20 MB）和 .docx .pdf .doc .wps（不超过 50 MB）。"
            in client.get("/").get_data(as_text=True))
    assert MAX_BYTES == {"text": 20 * 1024 * 1024, "container": 50 * 1024 * 1024}  # the command line's limits
    over_text = SEED4.read_bytes() * (21 * 1024 * 1024 // len(SEED4.read_bytes()))  # 21 MB of a real report
    response = upload(client, "big.txt", over_text)
    assert response.status_code == 413  # refused by the page, in Chinese, before any reader runs
    assert "文件过大：.txt 文件不能超过 20 MB。" in response.get_data(as_text=True)
    response = upload(client, "big.html", over_text, lang="en")
    assert "The file is too large: a .html file may be at most 20 MB." in response.get_data(as_text=True)


def test_size_limits_per_type():
    client = create_app(size_limits={"text": 64 * 1024, "container": 128 * 1024}).test_client()
    page = client.get("/?lang=en").get_data(as_text=True)
    assert ".txt .md .markdown .html .htm (up to 0.0625 MB) and .docx .pdf .doc .wps (up to 0.125 MB)" in page
    response = upload(client, "big.txt", b"x" * 100_000)
    assert response.status_code == 413 and "文件过大：.txt 文件不能超过 0.0625 MB。" in response.get_data(as_text=True)
    response = upload(client, "big.docx", b"PK\x03\x04" + b"x" * 100_000)  # under the Word limit: read, and refused as damaged
    assert response.status_code == 422
    response = upload(client, "big.docx", b"PK\x03\x04" + b"x" * 140_000)
    assert response.status_code == 413 and "文件过大：.docx 文件不能超过 0.125 MB。" in response.get_data(as_text=True)
    response = upload(client, "big.pdf", b"%PDF" + b"x" * 2_000_000, lang="en")  # over every limit: Werkzeug stops it
    assert response.status_code == 413 and "The file is too large: the limit is 0.125 MB." in response.get_data(as_text=True)


def test_unknown_pages_and_methods_answer_in_the_pages_language():
    client = create_app().test_client()
    response = client.get("/no/such/page")
    body = response.get_data(as_text=True)
    assert response.status_code == 404 and "页面不存在：/no/such/page" in body and "Not Found" not in body
    assert 'href="/?lang=zh">返回</a>' in body
    response = client.get("/no/such/page?lang=en")
    assert response.status_code == 404 and "No page at /no/such/page" in response.get_data(as_text=True)
    assert client.get("/rules/Z999").status_code == 404
    assert "没有规则 Z999。" in client.get("/rules/Z999").get_data(as_text=True)
    response = client.get("/check?lang=en")  # a reload of the findings page, or a typed address
    assert response.status_code == 302 and response.headers["Location"] == "/?lang=en"
    response = client.post("/rules")
    assert response.status_code == 405 and "不支持此请求方式。" in response.get_data(as_text=True)
    assert "Method Not Allowed" not in response.get_data(as_text=True)


def test_report_text_file_name_and_url_are_escaped():
    client = create_app().test_client()
    body = upload(client, f"{INJECTED}.txt", INJECTED_REPORT).get_data(as_text=True)
    assert 'data-rule="S103"' in body
    assert "<img" not in body
    assert "标题“一、总体情况&lt;img src=x onerror=alert(1)&gt;”" in body  # the finding's message
    assert "<h1>检查结果：&lt;img src=x onerror=alert(1)&gt;.txt</h1>" in body  # the file name
    body = client.get("/x/%3Cimg%20src=x%20onerror=alert(1)%3E").get_data(as_text=True)
    assert "<img" not in body and "页面不存在：/x/&lt;img src=x onerror=alert(1)&gt;" in body


def test_every_response_carries_a_content_security_policy_with_a_fresh_nonce():
    client = create_app(size_limits={"text": 1024, "container": 1024}).test_client()
    responses = [client.get("/"), client.get("/rules"), client.get("/rules/T203"), client.get("/nowhere"),
                 client.get("/check"), upload(client, "004.txt", b"x" * 2000), upload(client, "004.pdf", b"x" * 9000),
                 create_app().test_client().post("/check?lang=zh", data={"report": (io.BytesIO(SEED4.read_bytes()), "004.txt")},
                                                 content_type="multipart/form-data"),
                 upload(create_app().test_client(), "004.txt", SEED4.read_bytes(), previous=("broken.pdf", b"%PDF-1.7 damaged"))]
    nonces = []
    for response in responses:
        policy = response.headers["Content-Security-Policy"]
        nonce = re.fullmatch(r"default-src 'none'; script-src 'nonce-([\w-]{24})'; style-src 'nonce-\1'; img-src data:; "
                             r"form-action 'self'; base-uri 'none'; frame-ancestors 'none'", policy)[1]
        nonces.append(nonce)
        body = response.get_data(as_text=True)
        # every script and style element carries this response's nonce; no inline handlers or style attributes
        assert re.findall(r"<(?:script|style)\b[^>]*>", body) == [f'<{tag} nonce="{nonce}">' for tag in re.findall(r"<(script|style)\b", body)]
        assert not re.search(r"\s(?:on\w+|style)=", body)
    assert "<script" in responses[0].get_data(as_text=True)  # the form's own script
    assert len(set(nonces)) == len(nonces)


def test_nothing_is_written_to_disk(monkeypatch, tmp_path):
    """Werkzeug spools uploads over 500 KB to a temporary file unless told otherwise."""
    def refuse(*args, **kwargs):
        raise AssertionError("an upload touched the disk")

    monkeypatch.setattr(tempfile, "TemporaryFile", refuse)
    monkeypatch.setattr(tempfile, "NamedTemporaryFile", refuse)
    monkeypatch.setattr(tempfile, "SpooledTemporaryFile", refuse)
    padded = SEED4.read_bytes() + ("\n" + "附注。" * 100_000).encode("utf-8")  # ~1 MB
    response = upload(create_app().test_client(), "004.txt", padded)
    assert response.status_code == 200 and 'data-rule="T203"' in response.get_data(as_text=True)


def test_rule_pages():
    client = create_app().test_client()
    index = client.get("/rules").get_data(as_text=True)
    assert len(re.findall(r'href="/rules/\w+\?lang=zh"', index)) == len(list((ROOT / "rules").glob("*.yaml")))
    page = client.get("/rules/t203?lang=en").get_data(as_text=True)
    assert "161330元" in page and "How to fix" in page and '<pre class="good">' in page


@contextmanager
def served(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


def _post(url: str, name: str, data: bytes, lang: str = "zh") -> tuple[int, str]:
    boundary, body = encode_multipart({"report": FileStorage(io.BytesIO(data), name)})
    request = urllib.request.Request(f"{url}/check?lang={lang}", data=body,
                                     headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def _rules_found(page: str) -> list[str]:
    return re.findall(r'<div class="finding \w+" data-rule="(\w+)">', page)


def test_parallel_pdf_uploads_each_answered_and_the_server_lives_on(tmp_path):
    """PDFium is not thread-safe: two PDFs read at once in the server's threads killed it."""
    generated = tmp_path / "generated.pdf"
    writers.write_pdf(writers.blocks_from_text(SEED4.read_text("utf-8")), generated)
    real, made = (REAL_PDF.name, REAL_PDF.read_bytes()), (generated.name, generated.read_bytes())
    uploads = [real, made, real, made, real]  # different PDFs at once: in threads, a segfault within seconds
    expected = {name: [f.rule for f in lint_bytes(name, data, select()).findings] for name, data in uploads}
    assert expected[generated.name] == ["T203", "C401"]
    with served(create_app()) as url:
        with ThreadPoolExecutor(len(uploads)) as threads:
            answers = list(threads.map(lambda upload: _post(url, *upload), uploads))
        assert [status for status, _ in answers] == [200] * len(uploads)
        assert [_rules_found(page) for _, page in answers] == [expected[name] for name, _ in uploads]
        assert urllib.request.urlopen(url + "/").status == 200


def test_a_check_past_its_time_limit_is_stopped_and_the_server_goes_on():
    seed = SEED4.read_bytes()
    huge = seed * (19 * 1024 * 1024 // len(seed))  # a report repeated to just under the text limit: ~25 s to check
    with served(create_app(time_limit=1.5)) as url:
        started = time.monotonic()
        status, page = _post(url, "huge.txt", huge)
        assert status == 422 and "检查超时：该文件在 1.5 秒内未能检查完毕，已停止检查。" in page
        assert time.monotonic() - started < 15  # the worker was killed, not waited for
        status, page = _post(url, "huge.txt", huge, lang="en")
        assert "The check took longer than 1.5 seconds and was stopped." in page
        assert _post(url, SEED4.name, seed)[0] == 200


def _zip_bomb(size: int) -> bytes:
    """A .docx whose document part inflates from a few hundred KB to `size` bytes."""
    with io.BytesIO() as out:
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", CONTENT_TYPES)
            archive.writestr("_rels/.rels", PACKAGE_RELATIONSHIPS)
            with archive.open("word/document.xml", "w") as part:
                for _ in range(size // (1024 * 1024)):
                    part.write(b" " * 1024 * 1024)
        return out.getvalue()


CONTENT_TYPES = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
                 'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
PACKAGE_RELATIONSHIPS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                         '<Relationship Id="rId1" Target="word/document.xml" Type="http://schemas.openxmlformats.org/'
                         'officeDocument/2006/relationships/officeDocument"/></Relationships>')


def test_a_check_past_its_memory_ceiling_is_stopped_and_the_server_goes_on():
    # a zip bomb is refused by the reader before it inflates (tests/test_hostile.py); a report
    # within the size limits that needs more memory than the ceiling is stopped by the ceiling
    seed = SEED4.read_bytes()
    huge = seed * (19 * 1024 * 1024 // len(seed))
    with served(create_app(memory_limit=96 * 1024 * 1024)) as url:
        status, page = _post(url, "huge.txt", huge)
        assert status == 422 and "该文件检查所需内存超过上限（96 MB），已停止检查。" in page
        status, page = _post(url, "huge.txt", huge, lang="en")
        assert "Checking this file needed more than the 96 MB memory limit and was stopped." in page
        assert _post(url, SEED4.name, SEED4.read_bytes())[0] == 200
        status, page = _post(url, "bomb.docx", _zip_bomb(400 * 1024 * 1024))
        assert status == 422 and "疑似压缩炸弹" in page


def test_author_checks_a_report_in_chromium(tmp_path):
    browser.require_browser()
    with served(create_app(size_limits={"text": 5 * 1024 * 1024, "container": 8 * 1024 * 1024})) as url, \
            browser.page(1100, 900) as tab:
        tab.goto(url + "/")
        assert tab.locator("h1").inner_text() == "政府信息公开工作年度报告自查"
        drop = tab.locator("#drop").bounding_box()  # a drop area, not a dashed strip beside the form
        assert drop["height"] >= 120 and drop["width"] >= 0.8 * tab.locator("#upload").bounding_box()["width"]
        browser.screenshot(tab, "web-upload.png")
        tab.set_input_files("#report", str(SEED4))
        assert tab.locator("#chosen").inner_text() == SEED4.name
        tab.click("#submit")
        tab.wait_for_selector(".finding")
        assert [tab.locator(".finding").nth(i).get_attribute("data-rule") for i in range(tab.locator(".finding").count())] == ["T203", "C401"]
        first = tab.locator(".finding").first
        assert "“161330元”不是数字" in first.locator(".message").inner_text()
        first.locator("summary").click()
        assert "国办公开办函" in first.locator("details").inner_text()
        assert sum(browser.fonts_rendering(tab, ".finding .message").values()) > 0
        browser.screenshot(tab, "web-findings.png")
        with tab.expect_download() as download_html:
            tab.click("#download-html")
        saved = tmp_path / "findings.html"
        download_html.value.save_as(saved)
        assert download_html.value.suggested_filename == f"{SEED4.name}.findings.html"
        assert "161330元" in saved.read_text("utf-8")
        with tab.expect_download() as download_docx:
            tab.click("#download-docx")
        word = tmp_path / "findings.docx"
        download_docx.value.save_as(word)
        tables = docx.Document(str(word)).tables
        assert any("161330元 |" in cell.text for table in tables for row in table.rows for cell in row.cells)

        tab.goto(url + "/")
        broken = tmp_path / "broken.docx"
        broken.write_bytes(b"PK\x03\x04 not a zip")
        tab.set_input_files("#report", str(broken))
        tab.click("#submit")
        alert = tab.locator(".error-box[role=alert]").first
        assert alert.inner_text() == "无法读取该文件：" + lint_bytes(broken.name, broken.read_bytes(), select(), lang="zh").error
        browser.screenshot(tab, "web-error.png")

        tab.goto(url + "/")
        big = tmp_path / "big.txt"
        big.write_bytes(b"x" * (6 * 1024 * 1024))
        tab.set_input_files("#report", str(big))
        assert tab.locator("#client-error").inner_text() == "文件过大：.txt 文件不能超过 5 MB。"
        tab.click("#submit")  # refused before it is sent
        assert tab.url == url + "/"
        # the error page's own status (422) is all the console reports: no script error
        assert tab.errors == ["Failed to load resource: the server responded with a status of 422 (UNPROCESSABLE ENTITY)"]


def test_author_compares_with_last_years_report_in_chromium(consecutive_years, tmp_path):
    browser.require_browser()
    for name, data in (consecutive_years["copied"], consecutive_years["last_year"]):
        (tmp_path / name).write_bytes(data)
    limits = {"text": 5 * 1024 * 1024, "container": 8 * 1024 * 1024}
    with served(create_app(size_limits=limits)) as url, browser.page(1100, 900) as tab:
        tab.goto(url + "/")
        assert tab.locator("#drop-previous .hint").inner_text() == "上年度报告（可选）：与上年比较结转、文字照搬和表格数字"
        tab.set_input_files("#report", str(tmp_path / "qingshan_2023.txt"))
        tab.set_input_files("#previous", str(tmp_path / "qingshan_2022.docx"))
        assert tab.locator("#chosen").inner_text() == "qingshan_2023.txt"
        assert tab.locator("#chosen-previous").inner_text() == "qingshan_2022.docx"
        assert tab.locator("#client-error").is_hidden()
        browser.screenshot(tab, "web-upload-two.png")
        tab.click("#submit")
        tab.wait_for_selector(".finding")
        assert tab.locator("#comparison").inner_text() == "已与上年度报告比较：qingshan_2022.docx（机关：青山区人民政府，年度：2022）"
        carry = tab.locator('.finding[data-rule="Y501"]')
        assert carry.count() == 2
        assert carry.first.locator(".message").inner_text() == Y501_NATURAL  # both values: 1 this year, 2 last year
        assert carry.first.locator("a").inner_text() == "Y501 上年结转与上年报告不符"
        carry.first.locator("summary").click()
        assert "国办公开办函" in carry.first.locator("details").inner_text()
        browser.screenshot(tab, "web-findings-two.png")
        assert tab.errors == []

        tab.goto(url + "/")
        tab.set_input_files("#report", str(SEED4))
        big = tmp_path / "big.docx"
        big.write_bytes(b"PK" + b"x" * limits["container"])
        tab.set_input_files("#previous", str(big))
        assert tab.locator("#client-error").inner_text() == "文件过大：.docx 文件不能超过 8 MB。"
        tab.click("#submit")  # refused before it is sent, whichever file is too large
        assert tab.url == url + "/"

        broken = tmp_path / "broken.pdf"
        broken.write_bytes(b"%PDF-1.7 damaged")
        tab.set_input_files("#previous", str(broken))
        assert tab.locator("#client-error").is_hidden()
        tab.click("#submit")
        tab.wait_for_selector(".finding")
        reason = lint_bytes(broken.name, broken.read_bytes(), select(), lang="zh").error
        assert tab.locator("#comparison").inner_text() == f"未与上年比较（上年度报告“broken.pdf”）：无法读取该文件：{reason}"
        assert _rules_found(tab.content()) == ["T203", "C401"]  # this year's report checked all the same
        browser.screenshot(tab, "web-findings-unreadable-previous.png")
        assert tab.errors == []


def test_injected_markup_runs_no_script_in_chromium(tmp_path):
    """Report text, the upload's file name and the URL path are shown as text, never run."""
    browser.require_browser()
    report = tmp_path / f"{INJECTED}.txt"
    report.write_bytes(INJECTED_REPORT)
    with served(create_app()) as url, browser.page(1100, 900) as tab:
        dialogs = []
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        tab.goto(url + "/")
        tab.set_input_files("#report", str(report))
        assert tab.locator("#chosen").inner_text() == report.name
        tab.click("#submit")
        tab.wait_for_selector(".finding")
        assert tab.locator("h1").inner_text() == f"检查结果：{INJECTED}.txt"
        heading = tab.locator('.finding[data-rule="S103"]')
        assert f"标题“一、总体情况{INJECTED}”" in heading.locator(".message").inner_text()
        assert heading.locator(".excerpt").inner_text() == f"一、总体情况{INJECTED}"
        assert tab.locator("img").count() == 0
        browser.screenshot(tab, "web-injected.png")
        tab.goto(url + "/x/%3Cimg%20src=x%20onerror=alert(1)%3E")
        assert tab.locator(".error-box").inner_text() == f"页面不存在：/x/{INJECTED}"
        assert tab.locator("img").count() == 0
        tab.wait_for_timeout(300)  # an onerror handler would have fired by now
        assert dialogs == []
        assert [e for e in tab.errors if "Content Security Policy" in e] == []


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _listening_addresses(port: int) -> set[str]:
    """Local addresses with a listening TCP socket on port, from /proc/net/tcp."""
    found = set()
    for line in open("/proc/net/tcp").read().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if state == "0A" and int(hex_port, 16) == port:
            found.add(socket.inet_ntoa(bytes.fromhex(address)[::-1]))
    return found


def test_serve_command_listens_on_loopback_only():
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "linter", "serve", "--port", str(port)],
                               cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        banner = process.stderr.readline()
        assert banner.strip() == f"nianbao-lint: open http://127.0.0.1:{port}/ in a browser (Ctrl+C to stop)"
        for _ in range(50):
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/").read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.1)
        assert "政府信息公开工作年度报告自查" in page
        # a check in a worker forked from the command's forkserver
        status, page = _post(f"http://127.0.0.1:{port}", REAL_PDF.name, REAL_PDF.read_bytes())
        assert status == 200 and _rules_found(page) == [f.rule for f in lint_bytes(REAL_PDF.name, REAL_PDF.read_bytes(), select()).findings]
        if os.path.exists("/proc/net/tcp"):
            assert _listening_addresses(port) == {"127.0.0.1"}
        second = subprocess.run([sys.executable, "-m", "linter", "serve", "--port", str(port)],
                                cwd=ROOT, capture_output=True, text=True, timeout=30)
        assert second.returncode == 2 and f"cannot listen on 127.0.0.1:{port}: Address already in use" in second.stderr
    finally:
        process.terminate()
        process.wait(timeout=10)
