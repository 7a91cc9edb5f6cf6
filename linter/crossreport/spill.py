"""A run's results held on disk while the cross-report pass waits for the last report.

Every output shows a cross-report finding with its report, so no result can be written
before the last report is linted; held in memory, the results (findings and summaries:
10–40 KB a report) made the parent grow with the run. Each result is pickled to an unnamed
temporary file as it arrives; memory keeps a `Held` per report (a few hundred bytes: what
grouping reads), whose summary is read back from the file when a rule asks for it. When the
pass is done the results are read back in order, one at a time.
"""

import pickle
import sys
import tempfile
from array import array
from dataclasses import dataclass
from functools import lru_cache

_CACHED = 32  # summaries kept read back: a pair's two reports, and the last of a year's pass


class LazySummary:
    """A report's ReportSummary, read back from the spill when an attribute is asked for."""

    __slots__ = ("_spill", "_index")

    def __init__(self, spill: "Spill", index: int):
        self._spill, self._index = spill, index

    def __getattr__(self, name: str):
        return getattr(self._spill.summary(self._index), name)


@dataclass(slots=True, eq=False)
class Held:
    """What the cross-report pass reads of a report besides its summary (FileResult's names)."""

    index: int
    path: str
    status: str
    format: str | None
    year: int | None
    agency: str | None
    agency_source: str | None
    summary: LazySummary | None


class Spill:
    """Results written once, in order; summaries read back at random, results in order."""

    def __init__(self):
        self._file = tempfile.TemporaryFile()  # unnamed: it goes when closed, or with the process
        self._starts = array("q")  # offset of each report's record: its summary, then the rest
        self.summary = lru_cache(maxsize=_CACHED)(self._summary)

    def add(self, result) -> Held:
        index, summary = len(self._starts), result.summary
        self._starts.append(self._file.seek(0, 2))
        pickle.dump(summary, self._file, pickle.HIGHEST_PROTOCOL)
        result.summary = None  # written once, beside it
        pickle.dump(result, self._file, pickle.HIGHEST_PROTOCOL)
        intern = sys.intern  # the few formats and sources, shared instead of one copy a report
        return Held(index, result.path, intern(result.status), result.format and intern(result.format),
                    result.year, result.agency, result.agency_source and intern(result.agency_source),
                    None if summary is None else LazySummary(self, index))

    def _summary(self, index: int):
        self._file.seek(self._starts[index])
        return pickle.load(self._file)

    def results(self):
        """The results in the order they were added, each with its summary."""
        self._file.seek(0)
        for _ in range(len(self._starts)):
            summary = pickle.load(self._file)
            result = pickle.load(self._file)
            result.summary = summary
            yield result

    def close(self) -> None:
        self._file.close()
