"""The cross-report pass holds a run's results on disk (linter/crossreport/spill.py): memory
must not grow with the number of reports, and what comes back is what went in, in order."""

import pickle
import tracemalloc

from conftest import ROOT
from linter import crossreport
from linter.crossreport.spill import Spill
from linter.engine import lint_path
from linter.rules import select

SEED = ROOT / "seeds" / "002_08e398edbd93b538.txt"  # the largest summary of the seeds


def _arriving(blob: bytes, count: int, year_of=lambda i: 2020):
    """count results as the workers send them: unpickled one at a time, each its own agency."""
    for index in range(count):
        result = pickle.loads(blob)
        result.path, result.agency, result.year = f"r{index}.txt", f"第{index}号局", year_of(index)
        yield result


def _peak(blob: bytes, count: int, rules) -> int:
    tracemalloc.start()
    try:
        for _ in crossreport.attached(_arriving(blob, count, year_of=lambda i: 1000 + i), rules):
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_holding_the_set_for_the_cross_report_pass_costs_a_few_hundred_bytes_a_report():
    rules = select()
    template = lint_path(SEED, rules)
    blob = pickle.dumps(template)
    assert len(blob) > 8000  # held in memory, 500 of these would be tens of megabytes
    small, large = _peak(blob, 50, rules), _peak(blob, 550, rules)
    assert (large - small) / 500 < 1000


def test_results_come_back_in_order_with_their_summaries_and_the_cross_findings():
    rules = select()
    blob = pickle.dumps(lint_path(SEED, rules))
    back = list(crossreport.attached(_arriving(blob, 30), rules))
    assert [result.path for result in back] == [f"r{i}.txt" for i in range(30)]
    original = pickle.loads(blob)
    assert all(result.summary == original.summary for result in back)
    # one year, thirty agencies, one 五 between them: each report names the other 29
    y504 = [f.message for result in back for f in result.findings if f.rule == "Y504"]
    assert len(y504) == 30 and all("共与 29 份其他机关的报告雷同" in message for message in y504)


def test_a_summary_is_read_back_from_the_spill_when_a_rule_asks():
    spill = Spill()
    results = [lint_path(SEED, select()) for _ in range(3)]
    summary = results[1].summary
    held = [spill.add(result) for result in results]
    assert results[1].summary is None  # handed over: the spill holds it now
    assert held[1].summary.texts == summary.texts and held[1].summary.places == summary.places
    spill.close()
