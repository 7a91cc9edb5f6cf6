"""Plain-text and Markdown reports, in UTF-8 or GB18030/GBK."""

from linter.document import Document, Line
from linter.errors import UnreadableFile

_GB_FAMILY = {"gb18030", "gbk", "gb2312", "hz"}


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding). UTF-8 first (cheap, and most reports); GB18030 only when
    charset detection agrees, since GB18030 also 'decodes' Big5 and Latin-1 into nonsense."""
    if b"\x00" in data[:8192]:
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            raise UnreadableFile("file is UTF-16; save it as UTF-8 or GB18030",
                                 "文件是 UTF-16 编码；请另存为 UTF-8 或 GB18030")
        raise UnreadableFile("file is binary, not text", "文件是二进制文件，不是文本")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    import charset_normalizer  # only for the rare non-UTF-8 file: keeps start-up fast

    guess = charset_normalizer.from_bytes(data).best()
    if guess is not None and guess.encoding.replace("_", "").lower() in _GB_FAMILY:
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            pass
    named = f" (it looks like {guess.encoding})" if guess is not None else ""
    named_zh = f"（看起来是 {guess.encoding}）" if guess is not None else ""
    raise UnreadableFile(f"file is neither UTF-8 nor GB18030/GBK{named}", f"文件既不是 UTF-8 也不是 GB18030/GBK 编码{named_zh}")


def read(path: str, data: bytes) -> Document:
    text, encoding = decode(data)
    lines = [Line(number, content) for number, content in enumerate(text.splitlines(), start=1)]
    return Document(path=path, lines=lines, encoding=encoding)
