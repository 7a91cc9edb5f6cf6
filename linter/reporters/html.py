"""The audit document as one self-contained HTML page: CSS and the chart (SVG) inline, no
scripts, fonts or links to fetch, so it opens offline and prints with a page per report."""

import unicodedata
from functools import lru_cache

import jinja2

from linter import __version__, audit, ruledoc

_BAR = {"width": 440, "height": 22, "gap": 6, "count": 60, "font": 13, "pad": 10}


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("linter", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("audit.html.j2")


def text_width(text: str, font_size: float) -> float:
    """An upper bound of the width of text in a sans-serif font: a CJK character takes one em,
    anything else at most 0.62 em (so that labels fit without measuring them in a browser)."""
    return font_size * sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.62 for c in text)


def bar_chart(rules: list, titles: dict[str, str]) -> dict:
    """Geometry of a horizontal bar chart of findings per rule, the label column as wide as
    its longest label."""
    label = max((text_width(titles[row.rule.id], _BAR["font"]) for row in rules), default=0) + _BAR["pad"]
    peak = max((row.findings for row in rules), default=1)
    step = _BAR["height"] + _BAR["gap"]
    bars = [
        {"y": index * step, "width": max(2, round(_BAR["width"] * row.findings / peak)), "row": row}
        for index, row in enumerate(rules)
    ]
    return {"bars": bars, "height": max(step * len(bars), step), "width": round(label) + _BAR["width"] + _BAR["count"],
            "label": round(label), "bar_height": _BAR["height"], "font": _BAR["font"]}


def render(results, run):
    document = audit.build(list(results), run)
    yield _template().render(audit=document, L=document.labels, lang=run.lang, C=ruledoc.colon(run.lang),
                             format_name=audit.format_name, chart=bar_chart(document.rules, document.titles),
                             version=__version__)
