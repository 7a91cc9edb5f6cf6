"""Parsing never fails on a report that deviates from the format: mangled reports —
lines dropped, duplicated, shuffled, cells split and merged — always lint."""

import random

import pytest

import reportgen
from conftest import SEEDS
from linter.analyze import analyze
from linter.document import Document, Line
from linter.engine import lint_document
from linter.rules import select


def _sources():
    yield from (p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    for style in ("rows", "cells", "markdown"):
        yield reportgen.build(reportgen.ReportSpec(), style)
        yield reportgen.build(reportgen.ReportSpec(version="2019", year=2020), style)


def _mangle(lines: list[str], rng: random.Random) -> list[str]:
    lines = list(lines)
    for _ in range(rng.randint(1, 12)):
        if not lines:
            break
        i = rng.randrange(len(lines))
        action = rng.choice(["drop", "dup", "swap", "split", "merge", "pipes", "truncate"])
        if action == "drop":
            del lines[i]
        elif action == "dup":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "split":
            lines[i:i + 1] = [part + " |" for part in lines[i].split("|")]
        elif action == "merge" and i + 1 < len(lines):
            lines[i:i + 2] = [lines[i] + " | " + lines[i + 1]]
        elif action == "pipes":
            lines.insert(i, rng.choice(["|", "||||", "| | |", "|---|---|", " | 0 | | x |"]))
        else:
            lines[i] = lines[i][: rng.randint(0, len(lines[i]))]
    return lines


@pytest.mark.parametrize("seed", range(15))
def test_mangled_reports_always_lint(seed):
    rng = random.Random(seed)
    for source in _sources():
        lines = _mangle(source.splitlines(), rng)
        document = Document("mangled.txt", [Line(n, t) for n, t in enumerate(lines, start=1)])
        for version in (None, "2021", "2019", "legacy"):
            report, findings = lint_document(document, select(), version)
            assert all(1 <= f.line <= max(len(lines), 1) for f in findings)


def test_empty_document_parses():
    report = analyze(Document("x.txt", [Line(1, "   ")]))
    assert report.sections == [] and report.year is None
