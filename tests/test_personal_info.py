"""C405 (personal data) and C404 (placeholders) on the real reports that taught them, and the
cost rules of the name recogniser: jieba is loaded only when a cue says a name may be there,
prints nothing, and caches its dictionary in the user's cache folder."""

import os
import subprocess
import sys
import textwrap
import time

import reportgen
from conftest import ROOT
from linter.engine import lint_path
from linter.rules import select

REAL = ROOT / "tests" / "corpus" / "real"


def _found(name: str, rule: str) -> list[tuple[int, str]]:
    return [(f.line, f.message) for f in lint_path(REAL / name, select((rule,))).findings]


def test_applicants_and_tracking_number_named_officials_and_offices_not():
    # the page also lists the 领导小组 (组长:施 强 党组书记、局长 … 主任由黄勤铭兼任), offices and places
    assert _found("103_pingtan-jfj_2017.html", "C405") == [
        (355, "报告公开了个人信息（申请人姓名“曹*云”）"),
        (355, "报告公开了个人信息（申请人姓名“曹*耀”）"),
        (355, "报告公开了个人信息（邮件单号“106*******825”）"),
    ]


def test_office_contacts_are_not_personal_data():
    for name in ("101_pingtan-gwhbgs_2025.html", "105_pingtan-gaj_2024.html", "108_pingtan-jjpq_2021.html",
                 "109_pingtan-jtj_2015.html", "011_pingtan-gwh_2020.txt"):
        assert _found(name, "C405") == [], name


def test_xx_in_an_office_mailbox_is_not_a_placeholder():
    # 电子邮箱:pzxxgkb@163.com (full-width ＠ in 013), where xxgk is 信息公开
    assert _found("011_pingtan-gwh_2020.txt", "C404") == []
    assert _found("013_pingtan-gwh_2017.txt", "C404") == []


def test_an_empty_statistics_period_is_a_placeholder():
    assert _found("017_pingtan-pingtanxian_2013.txt", "C404") == [(1, "残留空白日期“自至”")]


_PROBE = textwrap.dedent("""
    import sys
    from pathlib import Path
    from linter.engine import lint_path
    from linter.rules import select
    plain = lint_path(Path(sys.argv[1]), select())
    loaded_for_plain = "jieba" in sys.modules
    named = lint_path(Path(sys.argv[2]), select(("C405",)))
    print(loaded_for_plain, "jieba" in sys.modules, [f.message for f in named.findings])
""")


def test_segmenter_loads_only_on_a_cue_quietly_and_caches_in_the_user_cache_folder(tmp_path):
    text = reportgen.build()
    plain, named = tmp_path / "plain.txt", tmp_path / "named.txt"
    plain.write_text(text, encoding="utf-8")
    named.write_text(text.replace("2023年,我区未收取信息处理费。", "张伟来信要求公开拆迁补偿信息。"), encoding="utf-8")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-c", _PROBE, str(plain), str(named)], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "False True ['报告公开了个人信息（申请人姓名“张*”）']"
    assert run.stderr == ""  # jieba logs each dictionary load unless told not to
    assert (tmp_path / "cache" / "nianbao-lint" / "jieba.cache").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "named.txt", "plain.txt"]


def test_hostile_repetition_stays_bounded(lint):
    # every clause a cue: the segmenter reads a bounded number of windows, the cue scan is linear
    text = reportgen.build().replace("2023年,我区未收取信息处理费。", "曹代云等人申请," * 20000 + "曹代云、" * 20000)
    started = time.monotonic()
    result = lint(text)
    assert time.monotonic() - started < 60  # minutes if every window were segmented
    assert [f.message for f in result.findings if f.rule == "C405"] == ["报告公开了个人信息（申请人姓名“曹*云”）"]
