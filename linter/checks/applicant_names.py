"""Private persons named in the prose (申请人 贾友宝, 曹代云、曹德耀等人通过邮寄…申请).

A regex cannot tell 曹代云 from 猴屿 or 周边, so names are recognised by jieba's
part-of-speech tagger (tag `nr`, person name; its dictionary and HMM ship inside the package).
jieba costs one to two seconds to load, so it is loaded only when a clause has a cheap cue
(`cue` in rules/C405.yaml: a surname-led run of 2–3 characters after 申请人/由…, or before 等人,
来信 or an application verb), and only a window around the cue is segmented. A recognised name
counts only in an application context (after 申请人…, or with an application verb close after it
in its clause) and not beside an official's title (局长、组长、同志…: the staff list of a 领导小组
names officials, which is fine). Each name is reported once.
"""

import logging
import re
import warnings
from functools import lru_cache

from linter.checks._common import compiled
from linter.checks._screen import may_occur
from linter.normalize import original_offset
from linter.resources import cache_dir

_CLAUSE_BREAKS = "。;!?\n"
_CLAUSE = re.compile(f"[^{_CLAUSE_BREAKS}]+")
_WINDOW = 24  # characters segmented on each side of a cue: a name's tag depends on its neighbours only
# Windows segmented per report at most (5–20 ms each). A real report has a handful of cues;
# hostile text repeating one thousands of times must not cost minutes.
_MAX_WINDOWS = 50


@lru_cache(maxsize=1)
def _tagger():
    with warnings.catch_warnings():  # jieba imports pkg_resources, deprecated in new setuptools
        warnings.simplefilter("ignore")
        import jieba
        import jieba.posseg
    jieba.setLogLevel(logging.CRITICAL)  # it logs every dictionary load to stderr
    # The parsed dictionary is cached on first use, by default in the temporary folder shared by
    # every user; keep it in this user's cache folder (without one, jieba's default stands).
    folder = cache_dir()
    if folder is not None:
        jieba.dt.tmp_dir = str(folder)
    return jieba.posseg.dt


def _cue(params) -> str:
    return params["cue"].replace("<name>", f"[{params['surnames']}][\\u4e00-\\u9fff]{{1,2}}")


def _tokens(text: str, params) -> list[tuple[int, str, str]]:
    """(offset, word, tag) for each word of text. jieba sometimes tags a surname and a given
    name apart (王/nr 秀英/nr): those are joined."""
    tokens, offset = [], 0
    for pair in _tagger().cut(text):
        word, tag = pair.word, pair.flag
        if tokens and tag in params["tags"] and len(word) <= 2:
            last_offset, last_word, last_tag = tokens[-1]
            if len(last_word) == 1 and last_word in params["surnames"] and last_tag in params["tags"]:
                tokens[-1] = (last_offset, last_word + word, tag)
                offset += len(word)
                continue
        tokens.append((offset, word, tag))
        offset += len(word)
    return tokens


def _in_dictionary(word: str) -> bool:
    """jieba's dictionary tags many two-character words nr (陈述, 祝贺, 申请人 too); a private
    person's two-character name is one it does not hold, found by its HMM."""
    return _tagger().tokenizer.FREQ.get(word, 0) > 0


def _neighbour(tokens, index: int, step: int) -> str:
    """The nearest word before (step -1) or after (step 1) tokens[index], spaces skipped."""
    index += step
    while 0 <= index < len(tokens) and not tokens[index][1].strip():
        index += step
    return tokens[index][1] if 0 <= index < len(tokens) else ""


def _names_in(clause: str, params) -> list[tuple[int, str]]:
    """(offset, name) of each private person named in an application context in clause."""
    tokens = _tokens(clause, params)
    titles, prefixes = compiled(params["titles"]), compiled(params["prefixes"])
    verbs = compiled(params["verbs"])
    found = []
    for index, (offset, word, tag) in enumerate(tokens):
        if tag not in params["tags"] or word[0] not in params["surnames"] or not 2 <= len(word) <= 3:
            continue
        if prefixes.fullmatch(word) or (len(word) == 2 and _in_dictionary(word)):
            continue
        before, after = _neighbour(tokens, index, -1), _neighbour(tokens, index, 1)
        if titles.search(before) or titles.search(after):
            continue  # 组长 周玮, 黄勤铭同志: an official
        if prefixes.fullmatch(before) or verbs.search(clause, offset + len(word)):
            found.append((offset, word))
    return found


def find(report, params):
    """(line, column, name) of each private person named, first mention only. Every line is
    read, table cells too: a page's layout table may hold the whole report."""
    regex = _cue(params)
    if not may_occur(report.text, regex, _CLAUSE_BREAKS):
        return  # most reports name nobody: one search of the whole text says so
    cue = compiled(regex, re.MULTILINE)  # as its screen has it (one compile, 12 ms): ^ means the same in one line
    seen = set()
    windows = 0
    for line, text in report.norm.items():
        for clause in _CLAUSE.finditer(text):
            clause_start, clause_end = clause.span()
            segmented = clause_start  # where the last window ended: a cue inside it was already read
            for match in cue.finditer(text, clause_start, clause_end):
                if match.end() <= segmented:
                    continue
                windows += 1
                if windows > _MAX_WINDOWS:
                    return
                start = max(segmented, clause_start, match.start() - _WINDOW)
                segmented = min(clause_end, match.end() + _WINDOW)
                for offset, name in _names_in(text[start:segmented], params):
                    at = start + offset
                    if name not in seen and at < match.end() and match.start() < at + len(name):
                        seen.add(name)
                        yield line, original_offset(report.lines.get(line, ""), text, at) + 1, name
