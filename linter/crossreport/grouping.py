"""Which reports belong together: by agency (normalised, or as configured) and year."""

from collections import defaultdict

from linter.metadata import agency_key


def agency_of(result, aliases: dict | None = None) -> str | None:
    """The agency key a report is grouped under; None when it cannot be grouped."""
    # A report that does not name its agency has only its file name: it meets no other.
    if result.status != "ok" or result.year is None or result.agency_source == "filename":
        return None
    return agency_key(result.agency, aliases)


def pairs(results, aliases: dict | None = None):
    """(current, previous) for every report whose agency has a report of the year before:
    the first of that year in input order stands for it (duplicates of one report, e.g. its
    .html and .pdf, must not multiply the findings)."""
    years: dict[str, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    for result in results:
        key = agency_of(result, aliases)
        if key is not None:
            years[key][result.year].append(result)
    for by_year in years.values():
        for year, reports in by_year.items():
            previous = by_year.get(year - 1)
            if previous:
                for current in reports:
                    yield current, previous[0]


def by_year(results, aliases: dict | None = None) -> dict[int, list]:
    """Reports of named agencies by report year."""
    years = defaultdict(list)
    for result in results:
        if agency_of(result, aliases) is not None:
            years[result.year].append(result)
    return years
