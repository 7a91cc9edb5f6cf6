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
import urllib.request
from contextlib import contextmanager

import docx
import pytest
from werkzeug.serving import make_server

import browser
from conftest import ROOT, SEEDS
from linter.web import create_app

SEED4 = SEEDS / "004_f33f83f1c85a8eb6.txt"


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
    ("empty.txt", b"", 422, "无法读取该文件：文件为空"),
    ("broken.docx", b"PK\x03\x04garbage", 422, "无法读取该文件：无法读取的 Word 文档"),
    ("", b"", 400, "请先选择一个文件。"),
])
def test_upload_errors_are_explained(name, data, status, message):
    response = upload(create_app().test_client(), name, data)
    assert response.status_code == status
    assert message in response.get_data(as_text=True)


def test_upload_limit():
    response = upload(create_app(upload_limit=64 * 1024).test_client(), "big.txt", b"x" * 100_000)
    assert response.status_code == 413
    assert "文件过大：上传上限为 0.0625 MB。" in response.get_data(as_text=True)
    response = upload(create_app(upload_limit=1024 * 1024).test_client(), "big.txt", b"x" * 2_000_000, lang="en")
    assert response.status_code == 413 and "The file is too large: the limit is 1 MB." in response.get_data(as_text=True)


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
    assert len(re.findall(r'href="/rules/\w+\?lang=zh"', index)) == 23
    page = client.get("/rules/t203?lang=en").get_data(as_text=True)
    assert "161330元" in page and "How to fix" in page and '<pre class="good">' in page
    assert client.get("/rules/Z999").status_code == 404


@contextmanager
def served(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


def test_author_checks_a_report_in_chromium(tmp_path):
    browser.require_browser()
    with served(create_app(upload_limit=5 * 1024 * 1024)) as url, browser.page(1100, 900) as tab:
        tab.goto(url + "/")
        assert tab.locator("h1").inner_text() == "政府信息公开工作年度报告自查"
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
        assert "无法读取该文件：无法读取的 Word 文档（.docx）" in alert.inner_text()
        browser.screenshot(tab, "web-error.png")

        tab.goto(url + "/")
        big = tmp_path / "big.txt"
        big.write_bytes(b"x" * (6 * 1024 * 1024))
        tab.set_input_files("#report", str(big))
        assert tab.locator("#client-error").inner_text() == "文件过大：上传上限为 5 MB。"
        tab.click("#submit")  # refused before it is sent
        assert tab.url == url + "/"
        # the error page's own status (422) is all the console reports: no script error
        assert tab.errors == ["Failed to load resource: the server responded with a status of 422 (UNPROCESSABLE ENTITY)"]


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
        if os.path.exists("/proc/net/tcp"):
            assert _listening_addresses(port) == {"127.0.0.1"}
        second = subprocess.run([sys.executable, "-m", "linter", "serve", "--port", str(port)],
                                cwd=ROOT, capture_output=True, text=True, timeout=30)
        assert second.returncode == 2 and f"cannot listen on 127.0.0.1:{port}: Address already in use" in second.stderr
    finally:
        process.terminate()
        process.wait(timeout=10)
