"""prose_claim_vs_table: the prose makes a claim the table figures deny.

Each claim (rules' data) is a pattern, the table cells whose sum the claim says is zero, and
`not_in_clause`: words that, in the same clause before the claim, make it about something
else (上年结转的申请均已办结 speaks of last year's applications, not of this year's carry-over).
A cell that was not read as a number makes the claim unjudgeable: no finding.
"""

from linter.checks._common import compiled, column_of, search_paragraphs, table_sum
from linter.findings import Hit

_CLAUSE_END = "。；;！!？?\n"


def check(report, params):
    for claim in params["claims"]:
        figure = table_sum(report, claim["cells"])
        if not figure:  # unreadable, or zero: the claim holds
            continue
        exclude = compiled(claim["not_in_clause"]) if claim.get("not_in_clause") else None
        for paragraph, match in search_paragraphs(report, claim["pattern"], params.get("sections")):
            text = paragraph.text
            start = max(text.rfind(ch, 0, match.start()) for ch in _CLAUSE_END) + 1
            if exclude and exclude.search(text[start:match.start()]):
                continue
            yield Hit(paragraph.line, column_of(report, paragraph.line, match.start()), {
                "claim": match.group(0), "figure": figure, "row": claim["label"]["zh"],
                "row_en": claim["label"]["en"]})
            break  # one finding per claim is enough to send the author to the table
