"""Every process docschema starts: a pool that maps a function over many items, and forked
jobs that run beside the run. No state travels through module globals: a pool's items are
pickled, a fork inherits the job it is given."""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    import multiprocessing.process
    from multiprocessing.context import ForkContext

T = TypeVar("T")
R = TypeVar("R")


def workers(jobs: int) -> int:
    """Processes a run may use: ``jobs``, or with 0 the CPUs this process may run on."""
    if jobs > 0:
        return jobs
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def pool_map(function: Callable[[T], R], items: Sequence[T], processes: int,
             chunk: int) -> Iterator[R]:
    """``map(function, items)`` in order, over ``processes`` processes when more than one."""
    if processes < 2 or len(items) < 2:
        yield from map(function, items)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=min(processes, len(items))) as pool:
        # map() yields in submission order, so results do not depend on which worker is first.
        yield from pool.map(function, items, chunksize=chunk)


def fork_context() -> ForkContext | None:
    """fork, where it is the safe and cheap way to hand a process the run's state (Linux)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import multiprocessing

        return multiprocessing.get_context("fork")
    except ValueError:
        return None


class Background:
    """Jobs (cache writes) that a forked process does while the run goes on; ``finish`` waits
    and says which failed. Without fork, or when told not to fork, a job runs at once."""

    def __init__(self, fork: bool) -> None:
        self.context = fork_context() if fork else None
        self.processes: list[multiprocessing.process.BaseProcess] = []

    def run(self, job: Callable[[], bool]) -> None:
        """``job`` returns whether it succeeded (its process's exit code says so)."""
        if self.context is None:
            job()
            return
        process = self.context.Process(target=_exit_with, args=(job,))
        process.start()
        self.processes.append(process)

    def finish(self) -> list[int]:
        """The exit codes of the jobs that failed."""
        failed = []
        for process in self.processes:
            process.join()
            if process.exitcode != 0:
                failed.append(process.exitcode or -1)
        self.processes.clear()
        return failed


def _exit_with(job: Callable[[], bool]) -> None:
    os._exit(0 if job() else 3)


def in_fork(job: Callable[[], R]) -> Callable[[], R]:
    """Start ``job`` in a forked process, which inherits all it reads (only its result is
    pickled, back through a pipe); the function returned waits for the result. Where there
    is no fork, ``job`` runs here and now."""
    if fork_context() is None:
        result = job()
        return lambda: result
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's coverage is not collected
        os.close(reader)
        try:
            payload = pickle.dumps((True, job()), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException as error:  # the parent raises it
            payload = pickle.dumps((False, f"{type(error).__name__}: {error}"))
        with os.fdopen(writer, "wb") as stream:
            stream.write(payload)
        os._exit(0)
    os.close(writer)

    def wait() -> R:
        with os.fdopen(reader, "rb") as stream:
            payload = stream.read()
        os.waitpid(pid, 0)
        if not payload:
            raise RuntimeError("a forked job died")
        done, value = pickle.loads(payload)
        if not done:
            raise RuntimeError(f"a forked job failed: {value}")
        result: R = value
        return result

    return wait
