"""The audit document as one self-contained HTML page: CSS and the chart (SVG) inline, no
scripts, fonts or links to fetch, so it opens offline and prints with a page per report."""

from functools import lru_cache

import jinja2

from linter import __version__, audit

_BAR = {"label": 215, "width": 440, "height": 22, "gap": 6, "count": 60}


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("linter", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("audit.html.j2")


def bar_chart(rules: list) -> dict:
    """Geometry of a horizontal bar chart of findings per rule."""
    peak = max((row.findings for row in rules), default=1)
    step = _BAR["height"] + _BAR["gap"]
    bars = [
        {"y": index * step, "width": max(2, round(_BAR["width"] * row.findings / peak)), "row": row}
        for index, row in enumerate(rules)
    ]
    return {"bars": bars, "height": max(step * len(bars), step), "width": _BAR["label"] + _BAR["width"] + _BAR["count"],
            "label": _BAR["label"], "bar_height": _BAR["height"]}


def render(results, run):
    document = audit.build(list(results), run)
    yield _template().render(audit=document, L=document.labels, lang=run.lang,
                             chart=bar_chart(document.rules), version=__version__)
