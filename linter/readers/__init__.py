"""Readers turn a file into a Document, or raise UnreadableFile with the reason."""

from pathlib import Path

from linter.document import Document
from linter.errors import UnreadableFile
from linter.readers import text

# 20 MB of text is several hundred times the largest real report; beyond it is not a report.
MAX_BYTES = 20 * 1024 * 1024

READERS = {
    ".txt": text.read,
    ".md": text.read,
    ".markdown": text.read,
}
SUPPORTED_SUFFIXES = tuple(READERS)


def read(path: Path) -> Document:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise UnreadableFile(f"unsupported file type '{path.suffix or '(none)'}'; supported: {', '.join(SUPPORTED_SUFFIXES)}")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UnreadableFile(f"file is {size / 1024 / 1024:.1f} MB, over the {MAX_BYTES // 1024 // 1024} MB limit for a report")
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"cannot open: {exc.strerror or exc}") from exc
    return reader(str(path), data)
