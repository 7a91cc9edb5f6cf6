"""Readers turn a file into a Document, or raise UnreadableFile with the reason.

Readers are imported when first needed: linting text must not pay for python-docx,
lxml and pdfplumber at start-up.
"""

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


def prepare(suffixes) -> None:
    """Import the readers these suffixes need, ahead of time (before worker processes fork)."""
    for suffix in suffixes:
        if suffix in READERS:
            import_module(f"linter.readers.{READERS[suffix][0]}")


def _reader(name: str):
    suffix = Path(name).suffix.lower()
    if suffix not in READERS:
        raise UnreadableFile(f"unsupported file type '{Path(name).suffix or '(none)'}'; supported: {', '.join(SUPPORTED_SUFFIXES)}")
    return READERS[suffix]


def _limit_message(size: int, limit: int) -> str:
    return f"file is {size / 1024 / 1024:.1f} MB, over the {limit // 1024 // 1024} MB limit for a report"


def read(path: Path) -> Document:
    _, kind = _reader(path.name)
    limit = MAX_BYTES[kind]
    try:
        size = path.stat().st_size
        if size > limit:
            raise UnreadableFile(_limit_message(size, limit))
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"cannot open: {exc.strerror or exc}") from exc
    return read_bytes(str(path), data)


def read_bytes(name: str, data: bytes) -> Document:
    """A report that is not a file on disk (standard input, an upload): its name gives the type."""
    module, kind = _reader(name)
    if len(data) > MAX_BYTES[kind]:
        raise UnreadableFile(_limit_message(len(data), MAX_BYTES[kind]))
    if not data.strip():
        raise UnreadableFile("file is empty")
    return import_module(f"linter.readers.{module}").read(name, data)
