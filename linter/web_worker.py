"""The web page's checks, each in its own worker process with a time limit and a memory ceiling.

An upload is untrusted and the readers run native code (PDFium is not thread-safe: two PDFs
checked at once in the threaded server's threads crash the whole process). So each check runs
in a fresh process forked from a forkserver that has already imported the linter and built its
grammars, and never from the threaded server itself, which `fork` would copy with its locks
held. A worker that crashes, outlives its time or exceeds its memory costs that one check; the
server goes on.

A worker still starts by running the server's main module again (Python 3.11's forkserver
ignores "__main__" in its preload list), which costs from a few to a few hundred milliseconds
depending on what that module imports. So a spare worker is started after each check and waits,
ready, for the next: a check then costs about 10 ms more than in-process.
"""

import multiprocessing
import os
import queue
import signal
import threading
from dataclasses import dataclass

from linter.engine import OUT_OF_MEMORY, FileResult, lint_bytes
from linter.pool import limit_memory
from linter.rules import select

TIME_LIMIT = 60.0  # seconds: the largest real reports take well under two
MEMORY_LIMIT = 1024 * 1024 * 1024  # bytes a check may allocate beyond the warm worker's own


@dataclass
class Outcome:
    """What became of a check: `result` when it ran to the end, else why not (`timeout`,
    `memory` or `crashed`)."""

    result: FileResult | None = None
    failure: str | None = None


def _address_space() -> int:
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmSize:"))
    return int(line.split()[1]) * 1024


def _work(connection, memory_limit: int) -> None:
    """In the worker: cap the address space, wait for an upload, send back its result."""
    os.setpgid(0, 0)  # a group of its own, so that a kill also takes LibreOffice, which .doc runs
    limit_memory(_address_space() + memory_limit)
    try:
        name, lang = connection.recv()
        data = connection.recv_bytes()
    except EOFError:  # the server stopped before it needed this spare
        return
    try:
        result = lint_bytes(name, data, select(), lang=lang)
    except MemoryError:
        connection.send(Outcome(failure="memory"))
        return
    # the engine reports a MemoryError as the file's reason (OUT_OF_MEMORY): here it is the ceiling's
    if result.status != "ok" and result.error in (OUT_OF_MEMORY.zh, OUT_OF_MEMORY.en):
        connection.send(Outcome(failure="memory"))
    else:
        connection.send(Outcome(result=result))


def _kill(worker) -> None:
    """The worker and anything it started; nothing when it has finished."""
    try:
        if os.getpgid(worker.pid) == worker.pid:
            os.killpg(worker.pid, signal.SIGKILL)
            return
    except ProcessLookupError:
        return
    worker.kill()


class Checker:
    """Runs checks in worker processes, at most `workers` at a time (the others wait)."""

    def __init__(self, time_limit: float = TIME_LIMIT, memory_limit: int = MEMORY_LIMIT, workers: int = 2):
        self.time_limit, self.memory_limit = time_limit, memory_limit
        self._slots = threading.BoundedSemaphore(workers)
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(["linter.web_preload"])
        self._spares = queue.SimpleQueue()

    def _start(self):
        receiver, sender = self._context.Pipe()
        worker = self._context.Process(target=_work, args=(sender, self.memory_limit), daemon=True)
        worker.start()
        sender.close()  # the worker holds its end: a dead worker reads as EOF here
        return worker, receiver

    def check(self, name: str, data: bytes, lang: str) -> Outcome:
        with self._slots:
            try:
                worker, receiver = self._spares.get_nowait()
            except queue.Empty:
                worker, receiver = self._start()
            if not worker.is_alive():  # a spare that died waiting (the system's OOM killer, say)
                receiver.close()
                worker, receiver = self._start()
            try:
                receiver.send((name, lang))
                receiver.send_bytes(data)
                if not receiver.poll(self.time_limit):
                    return Outcome(failure="timeout")
                return receiver.recv()
            except (EOFError, BrokenPipeError, ConnectionResetError):
                return Outcome(failure="crashed")
            finally:
                _kill(worker)
                worker.join()
                receiver.close()
                self._spares.put(self._start())  # after the check, so that it does not compete with it
