"""text_reuse: a section repeats at least `share` of last year's same section, measured on
characters once figures, dates and mandated boilerplate are dropped (text.py)."""

from linter.crossreport import CrossHit
from linter.crossreport._common import named
from linter.crossreport.text import cleaned, shared

SCOPE = "pair"


def check(current, previous, params):
    for number in params["sections"]:
        before = cleaned(previous.summary.texts.get(number, ""), params)
        now = cleaned(current.summary.texts.get(number, ""), params)
        if len(before.text) < params["min_chars"] or len(now.text) < params["min_chars"]:
            continue
        share, passage = shared(before, now, params["min_run"])
        if share >= params["share"]:
            yield CrossHit(f"section.{number}", {
                "heading": current.summary.headings.get(number, ""), "percent": round(share * 100),
                "passage": passage, **named(previous),
            })
