"""The screen of a pattern (linter/checks/_screen.py) never misses a match that a piece of the
text holds: checked on random texts for every pattern the rules search with, and for patterns
built to look beyond their piece, which must get no screen."""

import re
import re._parser as sre

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.checks._screen import _led_by_characters, may_occur, screen
from linter.rules import select

CLAUSE_CUTS = "。;!?\n"


def _rule_patterns() -> list[tuple[str, str]]:
    """(pattern, cuts) of every regex the rules' checks search line by line or clause by clause."""
    found = []

    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key in ("regex", "pattern") and isinstance(item, str):
                    found.append(item)
                elif key == "patterns" and isinstance(item, list):
                    found.extend(p for p in item if isinstance(p, str))
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for rule in select():
        walk(rule.params)
    from linter.checks.applicant_names import _cue

    names = next(rule for rule in select() if rule.id == "C405").params["names"]
    return [(p, "\n") for p in dict.fromkeys(found)] + [(_cue(names), CLAUSE_CUTS)]


PATTERNS = _rule_patterns()
# Words the patterns are about, the cuts and a few others: random texts of them hold matches.
WORDS = ["申请人", "贾友宝", "曹代云", "王", "等", "人", "3", "等人", "申请", "提出", "来信", "邮寄", "由", "其中", "另有",
         "收到", "新收", "受理", "办结", "结转", "下一年度", "上年度", "率", "予以公开", "部分公开", "不予公开", "无法提供",
         "行政复议", "诉讼", "件", "12", "0", "XX", "xx", "×", "某某", "年", "月", "日", "至", "自", "从", "此处填写",
         "请填写", "【", "】", "单号:", "EMS", "1067967970825", "13812345678", "110101199001011234", "区", "局",
         " ", ",", ";", ":", "、", "(", "“", "。", "!", "?", "\n"]
# Patterns whose match depends on what lies beyond their piece, with the cuts that break them.
BEYOND = [(r"abc(?!\s)", "\n"), (r"abc(?![^x])", "\n"), (r"\Aabc", "\n"), (r"abc\Z", "\n"), (r"a(?!.)", "\n"),
          (r"abc$", CLAUSE_CUTS), (r"x(?![。])", CLAUSE_CUTS), (r"a(?![^\S])", "\n"), (r"\bx", "a\n")]


def test_the_rules_patterns_are_screened_by_their_first_characters():
    """Every pattern of the rules gets a screen that scans for the characters a match begins
    with (a wrapped copy, or the pattern itself when the regex engine does that scan for it),
    but for C405's cue, which may begin with any of 270 surnames: a pattern edited so that it
    gets none is slow on every report."""
    unscreened = [p for p, cuts in PATTERNS if screen(p, cuts) is None]
    slow = [p[:20] for p, cuts in PATTERNS if screen(p, cuts) is not None
            and not screen(p, cuts).pattern.startswith("[")
            and not (screen(p, cuts).pattern == p and _led_by_characters(sre.parse(p)))]
    assert unscreened == [] and slow == [PATTERNS[-1][0][:20]]


@pytest.mark.parametrize("pattern,cuts", BEYOND)
def test_patterns_that_look_beyond_their_piece_get_no_screen(pattern, cuts):
    assert screen(pattern, cuts) is None
    assert may_occur("", pattern, cuts)  # no screen: the caller must search piece by piece


@settings(derandomize=True, deadline=None, max_examples=1500, database=None)
@given(words=st.lists(st.sampled_from(WORDS), max_size=24), pick=st.integers(min_value=0))
def test_a_screen_finds_whatever_a_piece_holds(words, pick):
    text = "".join(words)
    pattern, cuts = PATTERNS[pick % len(PATTERNS)]
    pieces = re.split(f"[{re.escape(cuts)}]", text)
    in_a_piece = any(re.search(pattern, piece) for piece in pieces)
    if in_a_piece:
        assert may_occur(text, pattern, cuts), (pattern, text)


@settings(derandomize=True, deadline=None, max_examples=300, database=None)
@given(text=st.text(alphabet="abcx。 \n\t", max_size=30), pick=st.integers(min_value=0))
def test_a_screen_of_a_lookaround_pattern_finds_whatever_a_piece_holds(text, pick):
    """Patterns at the edge of what may be screened: negative lookarounds that cannot match a cut,
    ^ and $ at line breaks."""
    pattern, cuts = [(r"abc(?![x])", CLAUSE_CUTS), (r"(?<![a])bc", CLAUSE_CUTS), (r"^ab", "\n"), (r"bc$", "\n"),
                     (r"a(?![\S])", "\n"), (r"(?:^|(?<=[x]))ab", "\n")][pick % 6]
    pieces = re.split(f"[{re.escape(cuts)}]", text)
    if any(re.search(pattern, piece) for piece in pieces):
        assert may_occur(text, pattern, cuts), (pattern, text)
