"""Legacy Word (.doc) and WPS Office (.wps) reports: converted to .docx by LibreOffice.

The import filter is chosen from the file's header (OLE2 → Word 97–2003, the binary format
WPS Office also writes; RTF → RTF); a .docx saved under the old name is read directly.
Naming the filter matters: left to guess, LibreOffice imports a damaged file as plain text.
LibreOffice is optional: without `soffice` on the PATH the file gets a clear error saying
how to enable it. Each conversion uses its own LibreOffice profile, so parallel runs do not
collide on the shared one.
"""

import shutil
import subprocess
import tempfile
from pathlib import Path

from linter.document import Document
from linter.errors import UnreadableFile
from linter.readers import MAX_BYTES, docx, read_limited

TIMEOUT = 180  # seconds; a first start of LibreOffice builds its profile
_FILTERS = {b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "MS Word 97", b"{\\rtf": "Rich Text Format"}


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read(path: str, data: bytes) -> Document:
    suffix = Path(path).suffix.lower()
    if data.startswith(b"PK\x03\x04"):
        return docx.read(path, data)
    infilter = next((name for magic, name in _FILTERS.items() if data.startswith(magic)), None)
    if infilter is None:
        raise UnreadableFile(f"not a Word or WPS document: a {suffix} file starts with an OLE2, zip or RTF header",
                             f"不是 Word 或 WPS 文档：{suffix} 文件应以 OLE2、zip 或 RTF 文件头开始")
    program = soffice()
    if program is None:
        raise UnreadableFile(
            f"reading {suffix} needs LibreOffice, which is not installed: install it "
            "(Debian/Ubuntu: apt-get install libreoffice-writer) or save the report as .docx",
            f"读取 {suffix} 文件需要 LibreOffice，但本机未安装：请安装（Debian/Ubuntu：apt-get install "
            "libreoffice-writer），或将报告另存为 .docx",
        )
    with tempfile.TemporaryDirectory(prefix="nianbao-") as folder:
        work = Path(folder)
        source = work / f"report{suffix}"
        source.write_bytes(data)
        command = [program, f"-env:UserInstallation=file://{work / 'profile'}", "--headless",
                   f"--infilter={infilter}", "--convert-to", "docx", "--outdir", str(work / "out"), str(source)]
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired as exc:
            raise UnreadableFile(f"LibreOffice did not convert the file within {TIMEOUT} s",
                                 f"LibreOffice 未能在 {TIMEOUT} 秒内转换该文件") from exc
        converted = work / "out" / "report.docx"
        if not converted.exists():
            raise UnreadableFile(f"LibreOffice could not convert this {suffix} file (damaged, or not a {suffix} document)",
                                 f"LibreOffice 无法转换该 {suffix} 文件（文件已损坏，或不是 {suffix} 文档）")
        with open(converted, "rb") as handle:
            document = docx.read(path, read_limited(handle, MAX_BYTES["container"]))
    document.encoding = suffix.lstrip(".")
    return document
