"""Readers turn a file into a Document, or raise UnreadableFile with the reason.

Readers are imported when first needed: linting text must not pay for python-docx,
lxml and pdfplumber at start-up.
"""

import errno
import os
import stat
from importlib import import_module
from pathlib import Path

from linter.document import Document
from linter.errors import UnreadableFile

# 20 MB of text is several hundred times the largest real report; beyond it is not a report.
# Containers carry images and fonts, so they may be larger.
MAX_BYTES = {"text": 20 * 1024 * 1024, "container": 50 * 1024 * 1024}

READERS = {
    ".txt": ("text", "text"),
    ".md": ("text", "text"),
    ".markdown": ("text", "text"),
    ".html": ("html", "text"),
    ".htm": ("html", "text"),
    ".docx": ("docx", "container"),
    ".pdf": ("pdf", "container"),
    ".doc": ("office", "container"),
    ".wps": ("office", "container"),
}
SUPPORTED_SUFFIXES = tuple(READERS)

# What a path that is not a regular file is, for the reason (reading a FIFO blocks for ever,
# a device such as /dev/zero never ends).
_NOT_REGULAR = ((stat.S_ISDIR, "a folder", "文件夹"), (stat.S_ISFIFO, "a FIFO (named pipe)", "命名管道（FIFO）"),
                (stat.S_ISCHR, "a character device", "字符设备"), (stat.S_ISBLK, "a block device", "块设备"),
                (stat.S_ISSOCK, "a socket", "套接字"))
_OPEN_ERRORS = {errno.ENOENT: "文件不存在", errno.EACCES: "没有读取权限", errno.EPERM: "没有读取权限",
                errno.ELOOP: "符号链接循环", errno.EISDIR: "这是一个文件夹", errno.ENOTDIR: "路径中有一项不是文件夹",
                errno.ENAMETOOLONG: "文件名过长"}


def prepare(suffixes) -> None:
    """Import the readers these suffixes need, ahead of time (before worker processes fork)."""
    for suffix in suffixes:
        if suffix in READERS:
            import_module(f"linter.readers.{READERS[suffix][0]}")


def _reader(name: str):
    suffix = Path(name).suffix.lower()
    if suffix not in READERS:
        shown = Path(name).suffix or "(none)"
        raise UnreadableFile(f"unsupported file type '{shown}'; supported: {', '.join(SUPPORTED_SUFFIXES)}",
                             f"不支持的文件类型“{shown}”；支持：{'、'.join(SUPPORTED_SUFFIXES)}")
    return READERS[suffix]


def limit_for(name: str) -> int:
    """The most bytes a report of this name may have (the larger limit when the type is unknown)."""
    suffix = Path(name).suffix.lower()
    return MAX_BYTES[READERS[suffix][1]] if suffix in READERS else max(MAX_BYTES.values())


def _too_large(limit: int) -> UnreadableFile:
    megabytes = limit // 1024 // 1024
    return UnreadableFile(f"file is over the {megabytes} MB limit for a report",
                          f"文件超过 {megabytes} MB，超出报告的大小上限")


def cannot_open(exc: OSError, what: str = "cannot open", what_zh: str = "无法打开") -> UnreadableFile:
    reason = exc.strerror or str(exc)
    return UnreadableFile(f"{what}: {reason}", f"{what_zh}：{_OPEN_ERRORS.get(exc.errno, reason)}")


def not_regular(mode: int) -> UnreadableFile | None:
    """Why a file of this mode (os.stat) cannot be read as a report; None for a regular file."""
    for is_kind, en, zh in _NOT_REGULAR:
        if is_kind(mode):
            return UnreadableFile(f"not a regular file: {en}", f"不是普通文件：{zh}")
    return None


def read_limited(handle, limit: int) -> bytes:
    """At most limit bytes from handle; more is refused. The size is what is read, not what
    the file system states: /proc files and devices state 0."""
    data = handle.read(limit + 1)
    if len(data) > limit:
        raise _too_large(limit)
    return data


def _read_regular(path: Path, limit: int) -> bytes:
    try:
        # O_NONBLOCK: opening a FIFO would wait for a writer for ever; a regular file ignores it
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise cannot_open(exc) from exc
    with open(fd, "rb") as handle:
        try:
            status = os.fstat(fd)
            refusal = not_regular(status.st_mode)
            if refusal is not None:
                raise refusal
            if status.st_size > limit:  # a cheap early refusal; read_limited has the last word
                raise _too_large(limit)
            return read_limited(handle, limit)
        except OSError as exc:
            raise cannot_open(exc) from exc


def read(path: Path) -> Document:
    _, kind = _reader(path.name)
    return read_bytes(str(path), _read_regular(path, MAX_BYTES[kind]))


def read_bytes(name: str, data: bytes) -> Document:
    """A report that is not a file on disk (standard input, an upload): its name gives the type."""
    module, kind = _reader(name)
    if len(data) > MAX_BYTES[kind]:
        raise _too_large(MAX_BYTES[kind])
    if not data.strip():
        raise UnreadableFile("file is empty", "文件为空")
    return import_module(f"linter.readers.{module}").read(name, data)
