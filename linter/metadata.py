"""Report year, agency and format version, read from the title and text."""

import re
from collections import Counter

from linter.normalize import NormLine

_TITLE = re.compile(r"(?P<agency>[\u4e00-\u9fff()]{0,30}?)(?P<year>(?:19|20)\d\d)年(?:度)?[^。]{0,30}?(?:政府信息公开|政务公开)[^。]{0,12}?年度?报告")
# (?<!\d) checked after the first two digits, not before them: a pattern that starts with a
# 1 or 2 lets the engine skip to those (4x faster over a whole report; same matches)
_YEAR = re.compile(r"((?:19|20)(?<!\d\d\d)\d\d)年")
_GOVERNMENT = re.compile(r"[\u4e00-\u9fff]{1,10}?[省市区县旗州盟](?:人民)?政府(?!办公|信息|网站|门户|工作|部门|各部门)")
_GOVERNMENT_SELF = re.compile(r"全[省市区县旗州]|我[省市区县旗州]|本[省市区县旗州](?!级)")
_SUBJECT = re.compile(r"(?:19|20)\d\d年(?:以来|度)?[,，]?(?P<name>[\u4e00-\u9fff]{2,8}?[省市区县旗州盟](?:人民)?政府)(?=信息公开|政务公开)")
_DEPARTMENT_SELF = re.compile(r"[我本](?:局|委|办|厅|署|中心|院|所|队|站|馆)(?![\u4e00-\u9fff]{0,1}长)")
_DEPARTMENT_NAME = re.compile(r"(?:局|委员会|委|办公室|办|厅|署|中心|院|所|队|站|馆|公司)$")


def _title(text: str):
    """_TITLE's match in text. The pattern starts with a lazy repeat, which a search tries at
    every character; text without the words every title holds is not searched."""
    if "报告" in text and ("政府信息公开" in text or "政务公开" in text):
        return _TITLE.search(text)
    return None


def report_year(lines: list[NormLine], overview_end: int) -> tuple[int | None, str]:
    """The year from the title (a short line naming the report), else the dominant 20XX年
    in the opening of the report, else in the whole text."""
    for line in lines[:8]:
        match = len(line.text.strip()) <= 60 and _title(line.text)
        if match:
            return int(match["year"]), "title"
    for scope, source in (([l for l in lines if l.number < overview_end]), "overview"), (lines, "text"):
        counts = Counter(int(y) for y in _YEAR.findall("\n".join(line.text for line in scope)))
        if counts:
            best = max(counts.values())
            # on a tie the later year: reports look back at last year more than forward
            return max(y for y, n in counts.items() if n == best), source
    return None, "none"


def agency(lines: list[NormLine]) -> tuple[str | None, str | None, str | None]:
    """(name, kind, source): kind is 'government' for a people's government, 'department'
    for one of its departments, None when the text does not tell; source is 'title' or
    'text' (where the name was read), None when no name was found."""
    head = "\n".join(line.text for line in lines[:8])
    title = _title(head)
    name = title["agency"].strip() if title and title["agency"] else None
    source = "title" if name else None
    if name and _DEPARTMENT_NAME.search(name):
        return name, "department", source
    government = _GOVERNMENT.search(head)
    if not name and government:
        name, source = re.sub(r"^.*?年度?", "", government.group(0)), "text"
    if not name:
        # the opening sentence's subject: 2023年以来，海沧区政府信息公开工作…
        subject = _SUBJECT.search(head)
        if subject:
            name, source = subject["name"], "text"
    text = "\n".join(line.text for line in lines)
    own_department = len(_DEPARTMENT_SELF.findall(text))
    own_government = len(_GOVERNMENT_SELF.findall(text))
    # 我局/本委… is how only a department speaks of itself; it may still say 全区 of its scope
    if own_department and own_department * 3 >= own_government:
        return name, "department", source
    if name or own_government:
        return name, "government", source
    return None, None, None


def format_for_year(year: int | None) -> str:
    if year is None or year >= 2021:
        return "2021"
    if year >= 2019:
        return "2019"
    return "legacy"


# ---- publication date: the page's PubDate, else the date line that ends the report ----
_DATE = re.compile(r"((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0, "Ｏ": 0, "O": 0}
_SIGNED = re.compile(
    r"^[\u4e00-\u9fff（）()\s]{0,30}?(?P<y>(?:19|20)\d\d|[〇○零Ｏ一二三四五六七八九]{4})\s*年\s*"
    r"(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日\s*$")
_SIGNATURE_LINES = 6  # the date line is among the last few lines of a report


def _cn_number(text: str) -> int:
    """二○一○ → 2010 (digit by digit); 二十一 → 21, 十 → 10 (a month or a day)."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    tens, _, units = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


def _valid(year: int, month: int, day: int):
    from datetime import date

    try:
        return date(year, month, day)
    except ValueError:
        return None


def publication_date(lines: list[NormLine], meta: dict):
    """(date, source, line): the page's PubDate ('meta', line None), else the date line that
    closes the report ('text', its line number); None when neither is found."""
    stated = _DATE.search(meta.get("date", ""))
    if stated:
        published = _valid(*map(int, stated.groups()))
        if published:
            return published, "meta", None
    tail = [line for line in lines if line.text.strip()][-_SIGNATURE_LINES:]
    for line in reversed(tail):
        match = _SIGNED.match(line.text.strip())
        if match:
            signed = _valid(*(_cn_number(match[k]) for k in ("y", "m", "d")))
            if signed:
                return signed, "text", line.number
    return None


# ---- agency names as groups of reports: one agency however its reports name it ----
_GOVERNMENT_SUFFIX = re.compile(r"(?:人民政府|政府|管理委员会|管委会)$")
_NOISE = re.compile(r"[\s()（）【】\[\]“”\"'·]")


def agency_key(name: str | None, aliases: dict[str, str] | None = None) -> str | None:
    """The key under which one agency's reports meet: a configured alias wins; otherwise
    某某区人民政府 = 某某区政府 = 某某区 and 平潭综合实验区管委会 = 平潭综合实验区 (a
    government's report is often titled by its place alone). Departments keep their name."""
    if not name:
        return None
    name = _NOISE.sub("", name)
    aliases = {_NOISE.sub("", k): _NOISE.sub("", v) for k, v in (aliases or {}).items()}
    name = aliases.get(name, name)
    return _GOVERNMENT_SUFFIX.sub("", name) or name
