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
from werkzeug.datastructures import FileStorage
from werkzeug.serving import make_server
from werkzeug.test import encode_multipart

import browser
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


def upload(client, name: str, data: bytes, lang: str = "zh"):
    return client.post(f"/check?lang={lang}", data={"report": (io.BytesIO(data), name)}, content_type="multipart/form-data")


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


@pytest.mark.parametrize("name, data, status, message", [
    ("report.exe", b"MZ", 400, "不支持的文件类型“.exe”"),
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
    assert f"标题“一、总体情况&lt;img src=x onerror=alert(1)&gt;”" in body  # the finding's message
    assert "<h1>检查结果：&lt;img src=x onerror=alert(1)&gt;.txt</h1>" in body  # the file name
    body = client.get("/x/%3Cimg%20src=x%20onerror=alert(1)%3E").get_data(as_text=True)
    assert "<img" not in body and "页面不存在：/x/&lt;img src=x onerror=alert(1)&gt;" in body


def test_every_response_carries_a_content_security_policy_with_a_fresh_nonce():
    client = create_app(size_limits={"text": 1024, "container": 1024}).test_client()
    responses = [client.get("/"), client.get("/rules"), client.get("/rules/T203"), client.get("/nowhere"),
                 client.get("/check"), upload(client, "004.txt", b"x" * 2000), upload(client, "004.pdf", b"x" * 9000),
                 create_app().test_client().post("/check?lang=zh", data={"report": (io.BytesIO(SEED4.read_bytes()), "004.txt")},
                                                 content_type="multipart/form-data")]
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
    bomb = _zip_bomb(400 * 1024 * 1024)
    assert len(bomb) < 1024 * 1024
    with served(create_app(memory_limit=128 * 1024 * 1024)) as url:
        status, page = _post(url, "bomb.docx", bomb)
        assert status == 422 and "该文件检查所需内存超过上限（128 MB），已停止检查。" in page
        status, page = _post(url, "bomb.docx", bomb, lang="en")
        assert "Checking this file needed more than the 128 MB memory limit and was stopped." in page
        assert _post(url, SEED4.name, SEED4.read_bytes())[0] == 200


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
