"""The mandated table labels, and the one a cell's text most likely stands for.

Published reports number and punctuate labels their own way (1、 or （1） for 1., a stray
comma) and sometimes word them differently (规范性文件 for 行政规范性文件) or with a typo
(其他法律行政止公开). Such a cell is still that row: its values are read and checked, and
the wording, when it really differs, is reported once (T205). A label's canonical text is
derived from the grammar's own terminal (its shortest full form), so labels stay spelled
once, in the .lark files.
"""

import difflib
import re
import re._parser as sre  # the stdlib's own regex parser: the one exact reading of a pattern
from functools import lru_cache

# Numbering in any of the styles reports use, possibly two levels (三、(一)); then punctuation.
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.,]|\([一二三四五六七八九十\d]+\)|\d+[.、,]|[①-⑳])+")
_PUNCTUATION = re.compile(r"[\s、,.:;!?\"'“”‘’()\[\]【】《》<>·…—-]")
_SIMILAR = 0.8  # SequenceMatcher ratio from which a wording is taken for the label
_MARGIN = 0.1  # …and by which it must beat the next label, or the cell is not guessed
_SHORTEST = 4  # shorter texts are taken only when they match a label exactly
_ARABIC_ITEM = re.compile(r"^(?:\((\d+)\)|(\d+)[、,])")  # (1) or 1、 for the format's 1.


def bare(text: str) -> str:
    """A label without its numbering and punctuation: what wording deviations are judged on."""
    return _PUNCTUATION.sub("", _NUMBERING.sub("", text.strip()))


def _shortest(items) -> list[str]:
    """Every shortest string the parsed pattern matches in full (one per top-level branch)."""
    out = [""]
    for op, arg in items:
        if op is sre.LITERAL:
            out = [s + chr(arg) for s in out]
        elif op is sre.IN:  # a class such as [件档]: its first literal
            first = next((chr(value) for kind, value in arg if kind is sre.LITERAL), "")
            out = [s + first for s in out]
        elif op is sre.SUBPATTERN:
            inner = _shortest(arg[-1])
            out = [s + i for s in out for i in inner]
        elif op is sre.BRANCH:
            alternatives = [a for branch in arg[1] for a in _shortest(branch)]
            out = [s + a for s in out for a in alternatives]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, _, body = arg
            if low:
                inner = _shortest(body)
                out = [s + i * low for s in out for i in inner]
        # anchors, lookarounds and `[^)]*`-style tails add nothing to the shortest form
    return out


def canonical_forms(regex: str) -> list[str]:
    return [form for form in _shortest(sre.parse(regex)) if form]


def matcher(terminals) -> "LabelMatcher":
    """The LabelMatcher of a grammar's terminals, built once for the lexer and the format
    alike (its alternation and canonical forms are a tenth of a cold start)."""
    labels = tuple((t.name, t.pattern.to_regexp()) for t in terminals
                   if getattr(t.pattern, "to_regexp", None) and t.pattern.to_regexp())
    return _matcher(labels)


@lru_cache(maxsize=None)
def _matcher(labels: tuple[tuple[str, str], ...]) -> "LabelMatcher":
    return LabelMatcher(labels)


class LabelMatcher:
    """Finds the mandated label a cell's text (white space removed) stands for."""

    def __init__(self, labels: tuple[tuple[str, str], ...]):
        """`labels`: (terminal name, its regular expression), in the grammar's order."""
        # One alternation, in the grammar's order: fullmatch tries the labels in turn.
        self._pattern = re.compile("|".join(f"(?P<{name}>{regex})" for name, regex in labels) or "(?!)")
        self.canonical: dict[str, str] = {}  # terminal -> the label as the format prints it
        self._bare: list[tuple[str, str]] = []  # (bare form, terminal)
        for name, regex in labels:
            forms = canonical_forms(regex)
            if forms:
                self.canonical[name] = forms[0]
            self._bare += [(bare(form), name) for form in forms]
        self._by_bare = {}
        for form, name in self._bare:
            self._by_bare.setdefault(form, name)
        # reports repeat their labels: each text is looked up once
        self.label_of = lru_cache(maxsize=4096)(self._label_of)
        self.deviates = lru_cache(maxsize=4096)(self._deviates)

    def exact(self, key: str) -> str | None:
        """The terminal whose pattern `key` matches in full, numbering restyled as the format's."""
        match = self._pattern.fullmatch(key) or self._pattern.fullmatch(_ARABIC_ITEM.sub(r"\1\2.", key))
        return match.lastgroup if match else None

    def _label_of(self, key: str) -> str | None:
        """The terminal `key` stands for, or None when no label is close enough to be sure."""
        return self.exact(key) or self._closest(key)

    def _closest(self, text: str) -> str | None:
        key = bare(text)
        if key in self._by_bare:
            return self._by_bare[key]
        if len(key) < _SHORTEST or not re.search(r"[\u4e00-\u9fff]", key):
            return None
        scores = {}
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(key)
        for form, name in self._bare:
            if len(form) < _SHORTEST:
                continue
            matcher.set_seq1(form)
            if matcher.real_quick_ratio() >= _SIMILAR and matcher.quick_ratio() >= _SIMILAR:
                scores[name] = max(scores.get(name, 0.0), matcher.ratio())
        ranked = sorted(scores.values(), reverse=True)
        if not ranked or ranked[0] < _SIMILAR or (len(ranked) > 1 and ranked[0] - ranked[1] < _MARGIN):
            return None
        return max(scores, key=scores.get)

    def _deviates(self, terminal: str, key: str) -> bool:
        """Is `key` worded unlike the label (numbering style and punctuation aside)?"""
        if self.exact(key) == terminal:
            return False
        return bare(key) not in {form for form, name in self._bare if name == terminal}
