"""Text compared across reports: cleaned of figures, dates and mandated boilerplate, then
measured with RapidFuzz's alignment (matching blocks), not a hand-written diff."""

from array import array
from dataclasses import dataclass

from linter.checks._common import compiled


@dataclass(frozen=True, slots=True)
class Cleaned:
    text: str  # what is compared
    original: str  # what is quoted
    positions: array  # index in original of each character of text (4 bytes each, not an int object)

    def quote(self, start: int, end: int, limit: int = 60) -> str:
        """The original text (punctuation and figures back in) of text[start:end]."""
        passage = " ".join(self.original[self.positions[start]:self.positions[end - 1] + 1].split())
        return passage if len(passage) <= limit else passage[:limit] + "…"


def cleaned(text: str, params: dict) -> Cleaned:
    dropped = bytearray(len(text))
    for pattern in [*params.get("boilerplate", ()), params["drop"]]:
        for match in compiled(pattern).finditer(text):
            dropped[match.start():match.end()] = b"\1" * (match.end() - match.start())
    positions = array("I", (i for i, gone in enumerate(dropped) if not gone))
    return Cleaned("".join(text[i] for i in positions), text, positions)


def shared(base: Cleaned, other: Cleaned, min_run: int) -> tuple[float, str]:
    """(share of `base` that `other` repeats, the longest passage they share, quoted from
    base). Only runs of at least `min_run` characters count: common words are not reuse."""
    from rapidfuzz.distance import Indel

    if not base.text or not other.text:
        return 0.0, ""
    runs = [(block.src_start, block.src_end) for block in Indel.opcodes(base.text, other.text)
            if block.tag == "equal" and block.src_end - block.src_start >= min_run]
    if not runs:
        return 0.0, ""
    longest = max(runs, key=lambda run: run[1] - run[0])
    return sum(end - start for start, end in runs) / len(base.text), base.quote(*longest)
