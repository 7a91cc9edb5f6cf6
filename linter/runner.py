"""Lint many files, yielding results in input order: in this process, or in worker
processes (linter/pool.py) when there are several files and cores."""

import os
import sys
from pathlib import Path

from linter.engine import lint_path
from linter.rules import Rule


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def lint_all(paths: list[Path], rules: list[Rule], force_version: str | None = None,
             lang: str = "zh", jobs: int | None = None):
    """FileResults for paths, in order. jobs=1 lints in this process."""
    return run_all(paths, (rules, force_version, lang), jobs)


def run_all(paths: list[Path], options: tuple, jobs: int | None = None, work=None):
    """work(path, *options) for each path, in order (work=None: lint_path), here when
    jobs=1, else in worker processes (work must then be a module-level function)."""
    jobs = max(1, min(jobs or default_jobs(), len(paths) or 1))
    if jobs == 1:
        for path in paths:
            yield (work or lint_path)(path, *options)
    else:
        from linter import pool  # a one-file run does not pay for multiprocessing

        yield from pool.parallel(paths, jobs, options, work)


def with_progress(results, total: int, stream=None):
    """Pass results through, drawing a progress bar (counts, findings, ETA) on stream when
    it is a terminal; otherwise add nothing."""
    stream = stream or sys.stderr
    if not (hasattr(stream, "isatty") and stream.isatty()) or total < 2:
        yield from results
        return
    from tqdm import tqdm  # only a terminal pays for it

    errors = 0
    with tqdm(total=total, unit="file", file=stream, dynamic_ncols=True, leave=False) as bar:
        for result in results:
            errors += result.count("error")
            bar.set_postfix_str(f"errors {errors}", refresh=False)
            bar.update(1)
            yield result
