"""B306 on the real reports that taught it: result categories (同意公开 = 予以公开, 区分处理后公开 =
部分公开), percentages that are not counts, and 受理 that may mean 新收 or 新收 + 上年结转."""

from conftest import ROOT
from linter.analyze import analyze
from linter.checks import prose_figures
from linter.engine import lint_path
from linter.readers import read
from linter.rules import catalogue, select

REAL = ROOT / "tests" / "corpus" / "real"
FIGURES = next(rule for rule in catalogue() if rule.id == "B306").params["figures"]


def _figures(name: str) -> list[tuple[str, int]]:
    return [(f.name, int(f.value)) for f in prose_figures.find(analyze(read(REAL / name)), FIGURES)]


def _b306(name: str) -> list[tuple[int, str]]:
    return [(f.line, f.message) for f in lint_path(REAL / name, select(("B306",))).findings]


def test_result_figures_read_and_consistent():
    # "同意公开3件，占比37.5%；无法提供4件，占比50%；区分处理后公开1件，占比12.5%" against 3 / 1 / 4
    assert _figures("105_pingtan-gaj_2024.html") == [("予以公开", 3), ("部分公开", 1), ("无法提供", 4)]
    assert _b306("105_pingtan-gaj_2024.html") == []


def test_accepted_matching_neither_new_nor_new_plus_carried():
    # "共受理公开申请34件": 新收 32, 上年结转 0
    assert _b306("101_pingtan-gwhbgs_2025.html") == [
        (355, "正文中“新收”为34件，与表格“一、本年新收政府信息公开申请数量·总计”的32不一致"),
    ]
