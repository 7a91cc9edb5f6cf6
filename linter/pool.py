"""The worker processes behind `--jobs`: imported only when a run has more than one.

Only paths go to the workers and only FileResults (findings, no documents) come back, and
at most a few files per worker are in flight, so memory stays flat however many files a run
has. A worker that dies (a crash inside a native reader) costs that one file: it is reported
unreadable and the run goes on in a fresh pool.
"""

import multiprocessing
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from linter import formats, readers
from linter.engine import FileResult, lint_path
from linter.formats import VERSIONS

_IN_FLIGHT_PER_WORKER = 3  # batches queued per worker: none idles while the parent catches up
_BATCH = 4

_worker: tuple = (None, ())  # (what to do with a path, its options)


def _init(work, options):
    global _worker
    _worker = (work, options)


def _lint(path: Path):
    work, options = _worker
    return (work or lint_path)(path, *options)  # looked up here: tests replace lint_path


def _context():
    # fork shares the parsed grammars and rules with the workers for free; elsewhere, spawn
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _warm(paths: list[Path]) -> None:
    """Build the grammars and import the readers once, here, so that forked workers share
    them instead of each paying for them."""
    for version in VERSIONS:
        formats.load(version)
    readers.prepare({path.suffix.lower() for path in paths})


def _lint_batch(paths: list[Path]) -> list[FileResult]:
    return [_lint(path) for path in paths]


def _batches(paths: deque, size: int):
    while paths:
        yield [paths.popleft() for _ in range(min(size, len(paths)))]


def parallel(paths: list[Path], jobs: int, options: tuple, work=None):
    """work(path, *options) for each path, in order (default: lint it); work must be a
    module-level function, so that spawned workers can import it."""
    if _context().get_start_method() == "fork":
        _warm(paths)
    # a few files per task: fewer messages for the parent to handle, yet a short tail
    size = max(1, min(_BATCH, len(paths) // (jobs * 8)))
    remaining = deque(paths)
    while remaining:
        suspects = []
        with ProcessPoolExecutor(jobs, mp_context=_context(), initializer=_init, initargs=(work, options)) as pool:
            window = deque()
            batches = _batches(remaining, size)
            try:
                while True:
                    while len(window) < jobs * _IN_FLIGHT_PER_WORKER:
                        batch = next(batches, None)
                        if batch is None:
                            break
                        window.append((batch, pool.submit(_lint_batch, batch)))
                    if not window:
                        break
                    results = window[0][1].result()
                    window.popleft()
                    yield from results
            except BrokenProcessPool:
                suspects = [path for batch, _ in window for path in batch]
        # Any file in flight may have killed the pool: lint each alone to find which.
        for path in suspects:
            yield _alone(path, options, work)


def _alone(path: Path, options: tuple, work) -> FileResult:
    with ProcessPoolExecutor(1, mp_context=_context(), initializer=_init, initargs=(work, options)) as pool:
        try:
            return pool.submit(_lint, path).result()
        except BrokenProcessPool:
            return FileResult(path=str(path), status="unreadable",
                              error="the reader crashed on this file (its process died); please report it")
