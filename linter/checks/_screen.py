"""Whether a pattern can match in any piece of a text, by one fast search of the whole.

Checks search a report piece by piece (a line, a clause of a line); most patterns match in no
piece of most reports, and a search call per piece costs more than the search itself. The
screen of a pattern searches the pieces joined together once, and finds something whenever a
piece holds a match. It is built from the stdlib's own parse of the pattern:

- MULTILINE, so that ^ and $ hold at each line;
- it scans only for the characters a match can begin with and tries the pattern there,
  `[F](?<=(?=(?:P))[F])`: a pattern led by an anchor, a lookbehind or an alternative that is
  not a character otherwise makes the regex engine try every position, ten times slower on a
  report. A pattern led by characters is scanned so by the engine itself: it is its own screen.

A pattern that looks beyond its piece gets no screen (None), and the caller searches piece by
piece: \\A, \\Z, $ at a cut that is not a line break, \\b at a cut that is a word character,
or a negative lookaround that could match a cut character (alone a piece ends in nothing;
joined, in the cut).
"""

import re
import re._parser as sre  # the stdlib's own reading of a pattern
from functools import lru_cache

# the class escapes, to test a cut character against
_CATEGORIES = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D", sre.CATEGORY_SPACE: r"\s",
               sre.CATEGORY_NOT_SPACE: r"\S", sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W"}
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_LARGEST_RANGE = 256  # a wider range in a leading class: no screen by first characters
# More first characters than this (C405's cue begins with any of 270 surnames): the screen is the
# pattern alone. A match is then tried at so many places that the scan gains little, while
# compiling the pattern inside a lookbehind costs twice as long (20 ms for the cue, at every start).
_MOST_FIRST = 64


def _nested(arg):
    """The parsed elements inside an element's argument: those of the subpatterns it holds
    (groups, alternatives, repeats, lookarounds). A class's items hold none."""
    if isinstance(arg, sre.SubPattern):
        yield from arg
    elif isinstance(arg, (tuple, list)):
        for part in arg:
            yield from _nested(part)


def _in_class(items, char: str) -> bool:
    hit = False
    for kind, value in items:
        if kind is sre.LITERAL:
            hit = hit or chr(value) == char
        elif kind is sre.RANGE:
            hit = hit or value[0] <= ord(char) <= value[1]
        elif kind is sre.CATEGORY:
            escape = _CATEGORIES.get(value)
            hit = hit or escape is None or re.fullmatch(escape, char) is not None
    return hit != any(kind is sre.NEGATE for kind, _ in items)


def _may_match(node, cuts: str) -> bool:
    """Whether a parsed element could match one of the cut characters (when unsure: yes)."""
    op, arg = node
    if op is sre.LITERAL:
        return chr(arg) in cuts
    if op is sre.NOT_LITERAL:
        return any(chr(arg) != cut for cut in cuts)
    if op is sre.IN:
        return any(_in_class(arg, cut) for cut in cuts)
    if op in (sre.ANY, sre.CATEGORY):
        return True
    return any(_may_match(child, cuts) for child in _nested(arg))


def _beyond_piece(node, cuts: str) -> bool:
    op, arg = node
    if op is sre.AT:
        if arg in (sre.AT_BEGINNING_STRING, sre.AT_END_STRING):
            return True
        if arg in (sre.AT_END, sre.AT_END_LINE):
            return cuts != "\n"
        if arg in (sre.AT_BOUNDARY, sre.AT_NON_BOUNDARY):
            return any(re.fullmatch(r"\w", cut) for cut in cuts)
        return False
    if op is sre.ASSERT_NOT:
        return any(_may_match(child, cuts) for child in arg[1])
    return any(_beyond_piece(child, cuts) for child in _nested(arg))


def _first(elements) -> tuple[set[str] | None, bool]:
    """(the characters a match of the elements can begin with, whether it can be empty);
    None when any character could."""
    chars: set[str] = set()
    for op, arg in elements:
        first, empty = _first_of(op, arg)
        if first is None:
            return None, False
        chars |= first
        if not empty:
            return chars, False
    return chars, True


def _first_of(op, arg) -> tuple[set[str] | None, bool]:
    if op is sre.LITERAL:
        return {chr(arg)}, False
    if op is sre.IN:
        chars = set()
        for kind, value in arg:
            if kind is sre.LITERAL:
                chars.add(chr(value))
            elif kind is sre.RANGE and value[1] - value[0] < _LARGEST_RANGE:
                chars.update(map(chr, range(value[0], value[1] + 1)))
            else:  # a negated class, \d, a wide range
                return None, False
        return chars, False
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):  # zero-width: the next element begins the match
        return set(), True
    if op is sre.SUBPATTERN:
        return (None, False) if arg[1] & re.IGNORECASE else _first(arg[3])
    if op is sre.ATOMIC_GROUP:
        return _first(arg)
    if op is sre.BRANCH:
        chars, empty = set(), False
        for alternative in arg[1]:
            first, can_be_empty = _first(alternative)
            if first is None:
                return None, False
            chars, empty = chars | first, empty or can_be_empty
        return chars, empty
    if op in _REPEATS:
        first, empty = _first(arg[2])
        return first, first is not None and (empty or arg[0] == 0)
    return None, False


def _led_by_characters(elements) -> bool:
    """Whether the regex engine scans for the pattern's first characters itself: a pattern led
    by a character, a class, or alternatives each led by a character (新收|收到|受理). Such a
    pattern is its own screen, compiled once (MULTILINE) for the screen and the search line by
    line alike; a wrapped copy would cost a second compile at every start for no faster scan."""
    op, arg = elements[0] if len(elements) else (None, None)
    if op is sre.SUBPATTERN:
        return _led_by_characters(arg[3])
    if op is sre.BRANCH:
        return all(len(alternative) and alternative[0][0] is sre.LITERAL for alternative in arg[1])
    return op in (sre.LITERAL, sre.IN)


@lru_cache(maxsize=512)
def screen(pattern: str, cuts: str = "\n") -> re.Pattern | None:
    """The screen of pattern for pieces cut at `cuts` characters, or None (see the module)."""
    parsed = sre.parse(pattern)
    if any(_beyond_piece(node, cuts) for node in parsed):
        return None
    first, empty = _first(parsed)
    if (first is None or empty or len(first) > _MOST_FIRST or parsed.state.flags & re.IGNORECASE
            or _led_by_characters(parsed)):
        return re.compile(pattern, re.MULTILINE)
    leading = "[" + "".join(re.escape(char) for char in sorted(first)) + "]"
    try:
        return re.compile(f"{leading}(?<=(?=(?:{pattern})){leading})", re.MULTILINE)
    except re.error:  # global flags such as (?x) must lead the whole expression
        return re.compile(pattern, re.MULTILINE)


def may_occur(text: str, pattern: str, cuts: str = "\n") -> bool:
    """False only when no piece of text (cut at `cuts`) can hold a match of pattern."""
    found = screen(pattern, cuts)
    return found is None or found.search(text) is not None
