"""Normalise a report's lines for matching, keeping the original for quoting.

- Traditional script, including Taiwan phrasing (入口網站 → 门户网站, 檔案 → 文件), is
  converted with OpenCC's tw2sp, but only when the text is Traditional: tw2sp also rewrites
  some mainland words, and must not touch a Simplified report.
- NFKC folds full-width letters, digits and punctuation to half-width, so （一） and (一)
  or ： and : compare equal.
The text is converted whole (one OpenCC call, one NFKC pass: per line, the calls cost more
than the conversion) and split again; no dictionary entry and no NFKC mapping spans or makes
a line break, so line numbers never move (and should a split not give the lines back, they
are converted one by one).
"""

import difflib
import importlib.util
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from linter.document import Document

# Share of CJK characters that OpenCC t2s changes, above which a text is Traditional.
# Simplified reports score under 1% (a stray 著 or 乾); Traditional ones 15% and more.
_TRADITIONAL_SHARE = 0.05


@dataclass(slots=True)  # not frozen: a frozen dataclass's __init__ costs 2x, for every line
class NormLine:
    number: int
    original: str
    text: str  # normalised

    def original_column(self, index: int) -> int:
        """1-based column in the original line of position `index` in the normalised one."""
        return original_offset(self.original, self.text, index) + 1


@lru_cache(maxsize=2)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


_CJK = re.compile(r"[\u4e00-\u9fff]+")
_IDEOGRAPHS = range(0x4E00, 0xA000)  # CJK Unified Ideographs: what _CJK matches


def is_traditional(text: str) -> bool:
    sample = "".join(_CJK.findall(text[:8000]))[:4000]  # a report keeps one script throughout
    if not sample:
        return False
    changed = sum(map(_t2s_changes().__contains__, sample))
    return changed / len(sample) >= _TRADITIONAL_SHARE


def simplified(text: str) -> str:
    """Traditional → Simplified (OpenCC t2s). Text with no character t2s changes is returned
    as it is, without loading OpenCC (a Simplified report never needs it)."""
    if not any(map(_t2s_changes().__contains__, text)):
        return text
    return _converter("t2s").convert(text)


@lru_cache(maxsize=1)
def _t2s_changes() -> frozenset[str]:
    """The ideographs OpenCC's t2s changes: computed from OpenCC once per installation of it
    and kept in the cache folder, so that telling the script of a text loads no dictionary."""
    from linter.resources import cache_dir, store

    stamp = _opencc_stamp()
    folder = cache_dir()
    path = folder / f"t2s-changes-{stamp}.txt" if folder is not None and stamp else None
    if path is not None:
        try:
            return frozenset(path.read_text(encoding="utf-8"))
        except OSError:
            pass
    ideographs = [chr(code) for code in _IDEOGRAPHS]
    # one character a line: no phrase of the dictionary spans a line break
    converted = _converter("t2s").convert("\n".join(ideographs)).split("\n")
    changes = "".join(c for c, s in zip(ideographs, converted) if c != s)
    if path is not None:
        store(path, changes.encode("utf-8"))
    return frozenset(changes)


def _opencc_stamp() -> str | None:
    """Names the installed OpenCC dictionaries (their size and time), without importing OpenCC."""
    spec = importlib.util.find_spec("opencc")
    if spec is None or spec.origin is None:
        return None
    try:
        stat = (Path(spec.origin).parent / "clib" / "share" / "opencc" / "TSCharacters.ocd2").stat()
    except OSError:
        return None
    return f"{stat.st_size}-{stat.st_mtime_ns}"


def normalise_text(text: str, traditional: bool) -> str:
    if traditional:
        text = _converter("tw2sp").convert(text)
    if unicodedata.is_normalized("NFKC", text):  # most lines: a cheap check, no copy
        return text
    return unicodedata.normalize("NFKC", text)


def normalise(document: Document) -> tuple[list[NormLine], bool]:
    whole = "\n".join(line.text for line in document.lines)
    traditional = is_traditional(whole)
    texts = normalise_text(whole, traditional).split("\n")
    if len(texts) != len(document.lines):  # a reader's line holding a line break
        texts = [normalise_text(line.text, traditional) for line in document.lines]
    lines = [NormLine(line.number, line.text, text) for line, text in zip(document.lines, texts)]
    return lines, traditional


def original_offset(original: str, normalised: str, index: int) -> int:
    """Map a position in the normalised text back to the original (lengths differ when
    OpenCC rewrites a phrase, e.g. 最佳化 → 优化, or NFKC expands ㈠)."""
    if len(original) == len(normalised):
        return index
    offsets = _offsets(original, normalised)
    return offsets[min(index, len(offsets) - 1)]


@lru_cache(maxsize=1024)
def _offsets(original: str, normalised: str) -> tuple[int, ...]:
    """For each position of the normalised line (and its end), the original position."""
    offsets = []
    matcher = difflib.SequenceMatcher(None, normalised, original, autojunk=False)
    for tag, n1, n2, o1, o2 in matcher.get_opcodes():
        for i in range(n2 - n1):
            offsets.append(o1 + i if tag == "equal" else o1 + min(i, max(o2 - o1 - 1, 0)))
    offsets.append(len(original))
    return tuple(offsets)
