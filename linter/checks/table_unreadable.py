"""table_unreadable: a table the reader could not line up (linter/unreadable.py), said once.

Its cells are not judged (no blank, text or missing-row findings, no 勾稽关系 arithmetic,
no comparison with the prose): what could not be read is our doubt, not the author's defect.
"""

from linter.findings import Hit


def check(report, params):
    for table in report.tables.values():
        problem = table.unreadable
        if problem is not None:
            yield Hit(problem.line, problem.column, {"variant": problem.reason, "table": table.spec.name, "example": problem.example})
