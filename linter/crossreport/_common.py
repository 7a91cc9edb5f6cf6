"""What the cross-report kinds share: how a report is named in a message."""

from pathlib import Path


def named(result) -> dict:
    """The values a message uses to name the other report: its file and year."""
    return {"other": Path(result.path).name, "other_year": result.year if result.year is not None else "?"}
