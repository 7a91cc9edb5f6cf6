"""Lint many files, yielding results in input order: in this process, or in worker
processes (linter/pool.py) when there are several files and cores, or a time limit (one
text file: in this process under that limit)."""

import os
import sys

from linter.engine import lint_job
from linter.rules import Rule

DEFAULT_TIMEOUT = 60.0  # seconds per file: the slowest real report takes a few


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def lint_all(paths: list, rules: list[Rule], force_version: str | None = None,
             lang: str = "zh", jobs: int | None = None, timeout: float | None = None):
    """FileResults for paths (or a (name, bytes) pair read from standard input), in order."""
    return run_all(paths, (rules, force_version, lang), jobs, timeout, lang=lang)


def run_all(jobs_list: list, options: tuple, jobs: int | None = None, timeout: float | None = None,
            work=None, lang: str = "zh"):
    """work(job, *options) for each job, in order (work=None: lint it). With a timeout
    (seconds) each job runs in a worker process, which also holds the memory ceiling (a lone
    job a signal can stop runs here under both); jobs=1 without one runs here. `work` must be
    a module-level function (workers import it) whose result has `status` and `error` as a
    FileResult has: a job that overruns or crashes its worker comes back as an unreadable
    FileResult, in `lang`."""
    jobs = max(1, min(jobs or default_jobs(), len(jobs_list) or 1))
    if jobs == 1 and not timeout:
        for job in jobs_list:
            yield (work or lint_job)(job, *options)
    else:
        from linter import pool

        if len(jobs_list) == 1 and pool.can_run_here(jobs_list[0]):
            yield pool.here(jobs_list[0], options, timeout, work, lang)
        else:
            yield from pool.parallel(jobs_list, jobs, options, timeout, work, lang)


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
