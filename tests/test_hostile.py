"""Hostile input, generated here (bombs are a few hundred KB at most): every class is read in
bounded time and memory, reported with its reason (exit 2: a file could not be read), and the
good report beside it in the same run is still checked.

The CLI runs in a subprocess under a small wrapper that reports the peak RSS of the CLI and
its workers (getrusage(RUSAGE_CHILDREN): the largest of the processes it waited for)."""

import io
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import reportgen
import writers
from conftest import ROOT
from linter import config, pool
from linter.cli import cli
from linter.readers import text as text_reader

PEAK_MB, SECONDS = 600, 60  # generous: the same runs took ~100 MB and a few seconds
_WRAPPER = ("import json, resource, subprocess, sys, time; t = time.monotonic(); "
            "r = subprocess.run(sys.argv[1:], capture_output=True); "
            "print(json.dumps({'code': r.returncode, 'out': r.stdout.decode('utf-8', 'replace'), "
            "'err': r.stderr.decode('utf-8', 'replace'), 'seconds': time.monotonic() - t, "
            "'peak_mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))")


def nianbao(*args) -> dict:
    """Run the CLI in a subprocess; its exit code, output, time and peak memory."""
    command = [sys.executable, "-c", _WRAPPER, sys.executable, "-m", "linter", *map(os.fsdecode, args)]
    run = json.loads(subprocess.run(command, cwd=ROOT, capture_output=True, check=True).stdout)
    assert run["peak_mb"] < PEAK_MB and run["seconds"] < SECONDS, (run["peak_mb"], run["seconds"])
    return run


@pytest.fixture
def good(tmp_path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(reportgen.build(), encoding="utf-8")
    return path


def check_json(*paths) -> tuple[dict, dict]:
    """The run as JSON: the CLI's run, and file name -> file entry."""
    run = nianbao("check", "--format", "json", *paths)
    files = json.loads(run["out"])["files"]
    return run, {Path(f["path"]).name: f for f in files}


def assert_refused(files: dict, name: str, reason: str, good: Path = None):
    assert files[name]["status"] == "unreadable" and reason in files[name]["error"], files[name]
    if good is not None:
        assert files[good.name]["status"] == "ok" and files[good.name]["findings"] == []


@pytest.fixture(scope="module")
def docx_parts(tmp_path_factory) -> dict[str, bytes]:
    path = tmp_path_factory.mktemp("docx") / "report.docx"
    writers.write_docx(writers.blocks_from_text(reportgen.build()), path)
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def package(parts: dict[str, bytes], replaced: dict) -> bytes:
    """A .docx of parts, some replaced or added: by bytes, or by an int: that many spaces."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in {**parts, **replaced}.items():
            if isinstance(content, int):
                with archive.open(name, "w") as stream:
                    for _ in range(content // 2 ** 20):
                        stream.write(b" " * 2 ** 20)
            else:
                archive.writestr(name, content)
    return out.getvalue()


# —— decompression bombs ——

def test_docx_whose_document_unpacks_to_100_mb(tmp_path, good, docx_parts):
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(package(docx_parts, {"word/document.xml": 100 * 2 ** 20}))
    assert bomb.stat().st_size < 200_000
    run, files = check_json(bomb, good)
    assert run["code"] == 2
    assert_refused(files, "bomb.docx", "Word 文件解压后过大（疑似压缩炸弹）：word/document.xml 解压后超过 64 MB", good)


def test_docx_with_a_part_of_extreme_ratio(tmp_path, good, docx_parts):
    bomb = tmp_path / "ratio.docx"
    bomb.write_bytes(package(docx_parts, {"word/media/pad.bin": b"\0" * 5 * 2 ** 20}))
    run, files = check_json(bomb, good)
    assert run["code"] == 2
    assert_refused(files, "ratio.docx", "word/media/pad.bin 解压后是压缩大小的", good)


def test_docx_whose_header_understates_a_part(tmp_path, good, docx_parts):
    """The central directory says 100 bytes; the stream holds 50 MB: read as damaged, no more."""
    data = bytearray(package(docx_parts, {"word/document.xml": 50 * 2 ** 20}))
    entry = data.rfind(b"PK\x01\x02", 0, data.rfind(b"word/document.xml"))  # its central record
    assert data[entry + 46: entry + 46 + 17] == b"word/document.xml"
    data[entry + 24: entry + 28] = (100).to_bytes(4, "little")  # the uncompressed size
    (tmp_path / "liar.docx").write_bytes(bytes(data))
    run, files = check_json(tmp_path / "liar.docx", good)
    assert run["code"] == 2
    assert_refused(files, "liar.docx", "无法读取的 Word 文档（.docx）", good)


# —— rowspan / colspan ——

def test_rowspan_and_colspan_bombs_and_sloppy_spans(tmp_path, good):
    text = "，".join(["本机关认真贯彻落实政府信息公开条例"] * 4)
    table = ('<table><tr><td rowspan="1000000000" colspan="1000000">项目</td><td colspan="2px">数量</td></tr>'
             '<tr><td rowspan="1.5">本年新收</td><td colspan="-3">12</td></tr></table>')
    page = f"<html><head><title>2023年政府信息公开工作年度报告</title></head><body><p>{text}</p>{table}</body></html>"
    (tmp_path / "spans.html").write_text(page, encoding="utf-8")
    assert len(page.encode()) < 1300
    run, files = check_json(tmp_path / "spans.html", good)
    assert files["spans.html"]["status"] == "ok" and files[good.name]["status"] == "ok"
    assert run["seconds"] < 20


# —— quadratic paths ——

def test_section_lookup_is_not_a_scan_per_finding():
    """50,000 headings, a lookup each: the old linear scan took minutes."""
    from linter.analyze import analyze
    from linter.document import Document, Line

    lines = [Line(n, f"{'一二三四五六'[n % 6]}、主动公开政府信息情况") for n in range(1, 50_001)]
    report = analyze(Document("many.txt", lines))
    assert len(report.sections) == 50_000
    started = time.monotonic()
    found = [report.section_at(n).line for n in range(1, 50_001)]
    assert found == list(range(1, 50_001)) and time.monotonic() - started < 5


def test_a_report_of_50000_headings_is_linted_whole(lint):
    """Every check on 50,000 headings out of order (S102's longest run was quadratic: ~130 s)."""
    text = "\n".join(f"{'六五四三二一'[n % 6]}、其他需要报告的事项" for n in range(50_000))
    started = time.monotonic()
    result = lint(text)
    assert result.status == "ok" and time.monotonic() - started < 30
    assert sum(f.rule == "S102" for f in result.findings) == 50_000 - 6


def test_headings_numbered_past_ten_are_read(lint):
    """三十、 and 二十三、 are numerals (the fuzzer's find: they were an internal error); 一一、 is not."""
    result = lint("一、总体情况\n二十三、附件\n三十、其他\n一一、不是标题\n")
    assert result.status == "ok"
    from linter.lexer import numeral_value
    assert [numeral_value(n) for n in ("一", "十", "十二", "二十", "三十", "二十三", "九十九")] == [1, 10, 12, 20, 30, 23, 99]


# —— time limit and memory ceiling (in a worker process, --jobs 1 too) ——

def _hang_on(name: str, real):
    def read(path, data):
        if path.endswith(name):
            while True:  # a reader stuck for ever
                time.sleep(1)
        return real(path, data)
    return read


def test_timeout_with_one_job(tmp_path, good, monkeypatch):
    (tmp_path / "hang.txt").write_text(reportgen.build(), encoding="utf-8")
    monkeypatch.setattr(text_reader, "read", _hang_on("hang.txt", text_reader.read))  # forked workers see it
    started = time.monotonic()
    result = CliRunner().invoke(cli, ["check", "--jobs", "1", "--timeout", "2", "--format", "json",
                                      str(tmp_path / "hang.txt"), str(good)], catch_exceptions=False)
    assert time.monotonic() - started < 30
    assert result.exit_code == 2
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    assert_refused(files, "hang.txt", "读取超时：读取和检查该文件超过了 2 秒的时限（--timeout）", good)


def test_memory_ceiling(tmp_path, good, monkeypatch):
    (tmp_path / "greedy.txt").write_text(reportgen.build(), encoding="utf-8")
    real = text_reader.read

    def greedy(path, data):
        if path.endswith("greedy.txt"):
            bytearray(2 * 1024 ** 3)  # more than the ceiling allows
        return real(path, data)

    monkeypatch.setattr(text_reader, "read", greedy)
    monkeypatch.setattr(pool, "MEMORY_LIMIT", 1024 ** 3)
    result = CliRunner().invoke(cli, ["check", "--jobs", "1", "--format", "json", "--lang", "en",
                                      str(tmp_path / "greedy.txt"), str(good)], catch_exceptions=False)
    assert result.exit_code == 2
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    assert_refused(files, "greedy.txt", "reading the file needs more memory than a worker may use", good)


def _own_address_space() -> int:
    status = dict(line.split(":", 1) for line in open("/proc/self/status"))
    return int(status["VmSize"].split()[0]) * 1024


def test_a_lone_text_file_is_held_to_the_time_limit_and_the_ceiling_in_this_process(tmp_path, monkeypatch):
    """One text file is linted in the command's own process (no worker to start), under the
    same time limit and memory ceiling, which are lifted again afterwards."""
    import resource
    import signal

    (tmp_path / "hang.txt").write_text(reportgen.build(), encoding="utf-8")
    (tmp_path / "greedy.txt").write_text(reportgen.build(), encoding="utf-8")
    real = text_reader.read

    def hostile(path, data):
        if path.endswith("greedy.txt"):
            bytearray(2 * 1024 ** 3)  # more than the ceiling allows
        return _hang_on("hang.txt", real)(path, data)

    monkeypatch.setattr(text_reader, "read", hostile)
    monkeypatch.setattr(pool, "MEMORY_LIMIT", _own_address_space() + 1024 ** 3)
    handler, ceiling = signal.getsignal(signal.SIGALRM), resource.getrlimit(resource.RLIMIT_AS)
    started = time.monotonic()
    hung = CliRunner().invoke(cli, ["check", "--timeout", "1", "--format", "json", str(tmp_path / "hang.txt")],
                              catch_exceptions=False)
    assert time.monotonic() - started < 30 and hung.exit_code == 2
    assert_refused({Path(f["path"]).name: f for f in json.loads(hung.stdout)["files"]}, "hang.txt",
                   "读取超时：读取和检查该文件超过了 1 秒的时限（--timeout）")
    greedy = CliRunner().invoke(cli, ["check", "--lang", "en", str(tmp_path / "greedy.txt")], catch_exceptions=False)
    assert greedy.exit_code == 2 and "reading the file needs more memory than a worker may use" in greedy.stdout
    assert (signal.getsignal(signal.SIGALRM), resource.getrlimit(resource.RLIMIT_AS)) == (handler, ceiling)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    bytearray(2 * 1024 ** 3)  # the ceiling was this run's only


# —— what is not a regular file ——

def test_fifo_and_device_named_on_the_command_line(tmp_path, good):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    run, files = check_json(tmp_path / "pipe.txt", tmp_path / "zero.txt", good)
    assert run["code"] == 2
    assert_refused(files, "pipe.txt", "不是普通文件：命名管道（FIFO）", good)
    assert_refused(files, "zero.txt", "不是普通文件：字符设备")


def test_standard_input_that_never_ends():
    command = f"head -c 30000000 /dev/zero | {sys.executable} -m linter check --lang en -"
    run = subprocess.run(command, shell=True, cwd=ROOT, capture_output=True, text=True, timeout=SECONDS)
    assert run.returncode == 2 and "stdin.txt: UNREADABLE file is over the 20 MB limit for a report" in run.stdout


def test_directory_entries_skipped_are_named(tmp_path, good, monkeypatch):
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    good.rename(folder / "sub" / "good.txt")
    os.mkfifo(folder / "pipe.txt")
    (folder / "gone.docx").symlink_to(folder / "nowhere.docx")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "sub" / "up").symlink_to(folder)  # a folder link back up: walked once
    (folder / "locked").mkdir()
    real_scandir = os.scandir

    def scandir(path):  # as root nothing is unreadable: a folder without permission, simulated
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = CliRunner().invoke(cli, ["check", "--format", "json", str(folder)], catch_exceptions=False)
    assert [Path(f["path"]).name for f in json.loads(result.stdout)["files"]] == ["good.txt"]
    assert result.exit_code == 0
    assert sorted(result.stderr.splitlines()) == sorted([
        f"nianbao: 已跳过 {folder / 'gone.docx'}：失效的符号链接（目标不存在）",
        f"nianbao: 已跳过 {folder / 'locked'}：无法读取文件夹：没有读取权限",
        f"nianbao: 已跳过 {folder / 'loop.txt'}：符号链接循环",
        f"nianbao: 已跳过 {folder / 'pipe.txt'}：不是普通文件：命名管道（FIFO）",
        f"nianbao: 已跳过 {folder / 'sub' / 'up'}：符号链接循环（指向其上层文件夹）",
    ])


# —— file names that are not UTF-8 ——

@pytest.mark.parametrize("output", ["text", "json", "sarif", "junit", "csv", "github", "html", "docx"])
def test_file_name_that_is_not_utf8(output, tmp_path, good):
    name = os.fsencode(tmp_path) + b"/\xc4\xea\xb1\xa8\n2023.txt"  # GBK 年报, and a line break
    with open(name, "wb") as handle:
        handle.write(reportgen.build().replace("办结11件", "办结12件").encode("utf-8"))
    target = tmp_path / f"out.{output}"
    run = nianbao("check", "--format", output, "-o", target, name, good)
    assert run["code"] == 1, run["err"]  # the findings of a report, like any other
    assert not list(tmp_path.glob("*.part"))
    shown = "\\xc4걨\\n2023.txt"  # the bytes that are not UTF-8 and the control character, escaped
    if output == "docx":
        from docx import Document
        written = "\n".join(p.text for p in Document(target).paragraphs)
    else:
        written = target.read_text(encoding="utf-8-sig")
    # JSON doubles the backslashes; SARIF gives the name as a URI
    expected = {"json": shown.replace("\\", "\\\\"), "sarif": "%5Cxc4%EA%B1%A8%5Cn2023.txt"}.get(output, shown)
    assert expected in written, written[:2000]


# —— configuration discovery ——

def test_config_discovery_survives_loops_and_locked_folders(tmp_path, good, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.nianbao]\nignore = ["C404"]\n', encoding="utf-8")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    assert config.discover([str(tmp_path / "loop.txt")]).ignore == ("C404",)
    locked = tmp_path / "locked"
    (locked / "inner").mkdir(parents=True)
    (locked / "pyproject.toml").write_text('[tool.nianbao]\nignore = ["T2"]\n', encoding="utf-8")
    real_stat = os.stat

    def stat(path, *args, **kwargs):  # as root nothing is unreadable: a folder without permission, simulated
        if str(path).startswith(str(locked)) and str(path).endswith(".toml"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    assert config.discover([str(locked / "inner")]).ignore == ("C404",)
    run, files = check_json(tmp_path / "loop.txt", good)
    assert run["code"] == 2
    assert_refused(files, "loop.txt", "无法打开：符号链接循环", good)


# —— damaged, not our fault ——

def test_damaged_word_documents(tmp_path, good, docx_parts):
    numbering = docx_parts["word/numbering.xml"].replace(b'w:ilvl="0"', b'w:ilvl="x"', 1)
    (tmp_path / "level.docx").write_bytes(package(docx_parts, {"word/numbering.xml": numbering}))
    (tmp_path / "xml.docx").write_bytes(package(docx_parts, {"word/document.xml": docx_parts["word/document.xml"][:-40]}))
    run, files = check_json(tmp_path / "level.docx", tmp_path / "xml.docx", good)
    assert run["code"] == 2
    assert_refused(files, "level.docx", "Word 文档已损坏：列表编号中“x”处应为数字", good)
    assert_refused(files, "xml.docx", "Word 文档已损坏：XMLSyntaxError")


def test_absurdly_nested_web_page(tmp_path, good):
    report = "".join(f"<p>{line}</p>" for line in reportgen.build().splitlines())
    page = "<html><body>" + "<div><table><tr><td>" * 20_000 + report + "</td></tr></table></div>" * 20_000 + "</body></html>"
    (tmp_path / "deep.html").write_text(page, encoding="utf-8")
    run, files = check_json(tmp_path / "deep.html", good)
    assert files["deep.html"]["status"] in ("ok", "unreadable")
    assert "内部错误" not in (files["deep.html"]["error"] or "") and files[good.name]["status"] == "ok"
