"""Zip packages (.docx) checked before their parts are parsed.

A few KB of zip can unpack to gigabytes (a decompression bomb). So every member is checked
first: its declared size and ratio, then its actual size, counted while it is decompressed
in chunks and stopped at the limit (zipfile also stops a member at its declared size, so a
header that understates it reads as damaged, never as more data). The XML parts the check
unpacked are kept for the reader, which so unpacks no part twice.
"""

import io
import zipfile
import zlib

from linter.errors import UnreadableFile

MAX_MEMBERS = 10_000  # a long report with its images has a few hundred
MAX_MEMBER = 64 * 1024 * 1024  # the XML of the longest real report is a few MB
MAX_TOTAL = 256 * 1024 * 1024
MAX_RATIO = 200  # Word's XML deflates 5–30×; a bomb a million times
_RATIO_FROM = 4 * 1024 * 1024  # small parts of repeated markup may deflate far: harmless
_CHUNK = 1024 * 1024
_KEPT = (".xml", ".rels")  # the parts a reader parses; images and fonts are only checked


def _bomb(name: str, what_en: str, what_zh: str) -> UnreadableFile:
    return UnreadableFile(f"the Word document unpacks to too much data (a decompression bomb?): {name} {what_en}",
                          f"Word 文件解压后过大（疑似压缩炸弹）：{name} {what_zh}")


def _damaged(exc: Exception) -> UnreadableFile:
    return UnreadableFile(f"not a readable Word document (.docx): damaged zip package: {exc}",
                          f"无法读取的 Word 文档（.docx）：zip 包已损坏：{exc}")


def _check_declared(members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_MEMBERS:
        raise _bomb("", f"has {len(members)} parts, over {MAX_MEMBERS}", f"包含 {len(members)} 个部件，超过 {MAX_MEMBERS} 个")
    total = 0
    for member in members:
        total += member.file_size
        _check_size(member, member.file_size, total)


def _check_size(member: zipfile.ZipInfo, size: int, total: int) -> None:
    mb = MAX_MEMBER // 1024 // 1024
    if size > MAX_MEMBER:
        raise _bomb(member.filename, f"unpacks to over {mb} MB", f"解压后超过 {mb} MB")
    if total > MAX_TOTAL:
        mb = MAX_TOTAL // 1024 // 1024
        raise _bomb("", f"the parts unpack to over {mb} MB in all", f"各部件解压后合计超过 {mb} MB")
    if size > _RATIO_FROM and size > MAX_RATIO * max(member.compress_size, 1):
        raise _bomb(member.filename, f"unpacks {size // max(member.compress_size, 1)} times its packed size",
                    f"解压后是压缩大小的 {size // max(member.compress_size, 1)} 倍")


def _check_actual(package: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> dict[str, bytes]:
    """Unpack every member within the limits; return the XML parts' bytes by name (the last
    member of a name, as zipfile reads a name)."""
    total = 0
    kept = {}
    for member in members:
        size = 0
        chunks = []
        with package.open(member) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                total += len(chunk)
                _check_size(member, size, total)
                chunks.append(chunk)
        if member.filename.endswith(_KEPT):
            kept[member.filename] = b"".join(chunks)
    return kept


class Checked:
    """A package whose members all unpack within the limits: read(name) gives a part's
    bytes, from those the check kept, else (a part not named as XML) unpacked anew."""

    def __init__(self, package: zipfile.ZipFile, kept: dict[str, bytes]):
        self.package, self.kept = package, kept

    def __contains__(self, name: str) -> bool:
        return name in self.package.NameToInfo

    def read(self, name: str) -> bytes:
        """KeyError when the package has no such part, as zipfile."""
        found = self.kept.get(name)
        return self.package.read(name) if found is None else found


def check(data: bytes) -> Checked:
    """Raise UnreadableFile unless data is a zip package every member of which unpacks
    within the limits."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        members = package.infolist()
        _check_declared(members)
        return Checked(package, _check_actual(package, members))
    except UnreadableFile:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError, OSError) as exc:
        # RuntimeError: an encrypted member; NotImplementedError: a compression zipfile lacks
        raise _damaged(exc) from exc
