"""The worker processes behind `--jobs` and `--timeout`: imported only when a run uses them.

Each file is linted in a worker process under a time limit and a memory ceiling, so a file
that hangs a reader (inside C code too, where no signal handler in the same process could
interrupt it), eats memory or crashes its process costs that file only: it is reported
unreadable with the reason, the worker is replaced and the run goes on. A worker runs in its
own process group, so that a timeout also ends what it started (LibreOffice).

A run of one file whose reader runs Python code (text: a signal interrupts it) is linted in
this process instead, under the same limits (`here`): starting a worker would cost a one-file
check more than the linting.

Only jobs (paths) go to the workers and only FileResults (findings, no documents) come back;
a worker has at most two files in hand, and the parent holds at most a few results ahead of
the one it waits for, so memory stays flat however many files a run has. Results keep the
input order.
"""

import os
import signal
import threading
import time
from collections import deque
from pathlib import Path

from linter import formats, readers
from linter.engine import FileResult, lint_job, unreadable
from linter.errors import UnreadableFile
from linter.formats import VERSIONS

MEMORY_LIMIT = 3 * 1024 ** 3  # bytes of address space per worker: ~20× what the largest real report needs
_AHEAD_PER_WORKER = 8  # results held ahead of the one the output waits for
_QUEUED = 2  # jobs given to a worker at a time: it need not wait for the parent between files
_INTERRUPTIBLE = {".txt", ".md"}  # suffixes whose reader and checks a signal can interrupt (Python code)

_worker: tuple = (None, ())  # (what to do with a job, its options)


def _context():
    import multiprocessing  # here: a one-file run (`here`) does without it

    # fork shares the parsed grammars and rules with the workers for free; elsewhere, spawn
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _warm(jobs: list) -> None:
    """Build the grammars and import the readers once, here, so that forked workers share
    them instead of each paying for them."""
    for version in VERSIONS:
        formats.load(version)
    readers.prepare({Path(job[0] if isinstance(job, tuple) else job).suffix.lower() for job in jobs})


def limit_memory(limit: int) -> None:
    """Cap this process's address space (the soft limit: a child may lift it again)."""
    try:
        import resource
    except ImportError:  # not POSIX: no ceiling
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard == resource.RLIM_INFINITY or limit < hard:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _serve(connection, work, options: tuple, memory_limit: int) -> None:
    global _worker
    _worker = (work, options)
    if hasattr(os, "setpgid"):
        os.setpgid(0, 0)
    limit_memory(memory_limit)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    while (job := connection.recv()) is not None:
        work, options = _worker
        connection.send((work or lint_job)(job, *options))  # looked up here: tests replace lint_job


class _Worker:
    """A worker process and the jobs given to it, in order; the first is running."""

    def __init__(self, context, work, options: tuple):
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, work, options, MEMORY_LIMIT), daemon=True)
        self.process.start()
        child.close()
        self.queue: deque = deque()  # (index, job)
        self.deadline = None  # of the running job

    def give(self, index: int, job, timeout: float | None) -> None:
        self.queue.append((index, job))
        if len(self.queue) == 1:
            self._started(timeout)
        self.connection.send(job)

    def _started(self, timeout: float | None) -> None:
        # the next job starts when the last result is sent: timing it from now is generous
        self.deadline = time.monotonic() + timeout if timeout and self.queue else None

    def take(self, timeout: float | None):
        """(index, result) of the running job, or None when the worker died."""
        try:
            result = self.connection.recv()
        except (EOFError, OSError):
            return None
        index, _ = self.queue.popleft()
        self._started(timeout)
        return index, result

    def stop(self) -> list:
        """End the worker and whatever it started; the jobs it had not begun."""
        if self.process.is_alive():
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except (AttributeError, OSError):  # no process groups, or it has just exited
                self.process.kill()
        self.process.join()
        self.connection.close()
        return list(self.queue)[1:]


def _crashed(worker: _Worker, lang: str) -> FileResult:
    worker.process.join()
    code = worker.process.exitcode
    how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
    return unreadable(worker.queue[0][1], UnreadableFile(
        f"the reader crashed on this file (its process died: {how}); please report it",
        f"读取程序在此文件上崩溃（进程意外退出：{how}），请报告此问题"), lang)


def _timed_out(job, timeout: float, lang: str) -> FileResult:
    return unreadable(job, UnreadableFile(
        f"reading and checking the file took longer than the {timeout:g} s limit (--timeout)",
        f"读取超时：读取和检查该文件超过了 {timeout:g} 秒的时限（--timeout）"), lang)


def parallel(jobs: list, workers: int, options: tuple, timeout: float | None = None, work=None, lang: str = "zh"):
    """work(job, *options) for jobs (paths, or (name, bytes) pairs; work=None: lint them), in
    order, from `workers` worker processes; a job running longer than timeout seconds is
    stopped and, like one that crashes its worker, comes back as an unreadable FileResult."""
    from multiprocessing.connection import wait

    context = _context()
    if context.get_start_method() == "fork" and workers > 1:
        _warm(jobs)
    pending = deque(enumerate(jobs))
    done: dict[int, FileResult] = {}
    running: list[_Worker] = []
    emitted = 0  # results yielded so far: the next one the output waits for
    try:
        while emitted < len(jobs):
            while pending and pending[0][0] < emitted + workers * _AHEAD_PER_WORKER:
                if len(running) < workers:
                    running.append(_Worker(context, work, options))
                worker = min(running, key=lambda w: len(w.queue))
                if len(worker.queue) >= _QUEUED:
                    break
                worker.give(*pending.popleft(), timeout)
            busy = [w for w in running if w.queue]
            deadlines = [w.deadline for w in busy if w.deadline is not None]
            wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
            ready = wait([w.connection for w in busy], wait_for)
            now = time.monotonic()
            for worker in busy:
                if worker.connection in ready:
                    taken = worker.take(timeout)
                    if taken is not None:
                        done[taken[0]] = taken[1]
                        continue
                    done[worker.queue[0][0]] = _crashed(worker, lang)
                elif worker.deadline is not None and now >= worker.deadline:
                    done[worker.queue[0][0]] = _timed_out(worker.queue[0][1], timeout, lang)
                else:
                    continue
                # died or overran: its other jobs go back in line, and a fresh worker will start
                pending.extendleft(reversed(worker.stop()))
                running.remove(worker)
            while emitted in done:
                yield done.pop(emitted)
                emitted += 1
    finally:
        for worker in running:
            worker.stop()


class _Overran(BaseException):
    """Raised by SIGALRM in `here`; not an Exception, so that no handler of the linter takes it."""


def _overran(signum, frame):
    raise _Overran


def can_run_here(job) -> bool:
    """Whether `here` can hold this job to the limits: a reader a signal interrupts, on a
    system with interval timers (POSIX), in the main thread (the one signals reach)."""
    suffix = Path(job[0] if isinstance(job, tuple) else job).suffix.lower()
    return (suffix in _INTERRUPTIBLE and hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread())


def here(job, options: tuple, timeout: float, work=None, lang: str = "zh"):
    """work(job, *options) in this process, under a worker's limits: SIGALRM past `timeout`
    seconds ends it (an unreadable result, as a worker's timeout), and the memory ceiling
    holds while it runs. Only for a job `can_run_here`."""
    import resource

    handler = signal.signal(signal.SIGALRM, _overran)
    ceiling = resource.getrlimit(resource.RLIMIT_AS)
    limit_memory(MEMORY_LIMIT)
    try:
        try:
            signal.setitimer(signal.ITIMER_REAL, timeout)
            return (work or lint_job)(job, *options)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Overran:  # also when the alarm rang as the job returned: it did reach the limit
        return _timed_out(job, timeout, lang)
    finally:
        signal.signal(signal.SIGALRM, signal.SIG_DFL if handler is None else handler)  # None: set outside Python
        resource.setrlimit(resource.RLIMIT_AS, ceiling)
