"""year_consistency: the title names one year while the overview speaks of another throughout.

Only a title year counts as the claim (a year read from the text is the text's own majority).
Years written as comparisons (较2023年, 与2023年相比) are set aside: a 2024 report compares
with 2023. The report is flagged when the overview never names the title's year and names a
single other year at least `min_mentions` times.
"""

from collections import Counter

from linter.checks._common import compiled
from linter.findings import Hit


def check(report, params):
    if report.year_source != "title":
        return
    section = report.section(params["section"])
    if section is None:
        return
    year_at = compiled(params["year"])
    comparison = compiled(params["comparison"])
    mentions = []
    for paragraph in section.paragraphs:
        for match in year_at.finditer(paragraph.text):
            if not comparison.search(paragraph.text[max(0, match.start() - 4):match.start()]):
                mentions.append((int(match[1]), paragraph.line))
    years = Counter(year for year, _ in mentions)
    if not years or report.year in years:
        return
    (stated, count), = years.most_common(1)
    if count < params["min_mentions"] or len(years) > 1:
        return
    first_line = next(line for year, line in mentions if year == stated)
    yield Hit(first_line, 1, {"title_year": report.year, "stated": stated, "count": count,
                              "heading": section.heading})
