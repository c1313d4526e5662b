"""Run a piece of work in a second process while this one does another.

Drafting a long readout reads its people (the longest part) and, quite
apart, its claims and themes. On a machine with two cores the second part
can run at the same time, in a copy of this process made by ``fork``: the
copy has the text, the dataset and every cache already, so nothing is
pickled on the way in and only the result comes back.

Forking is only safe in a process with one thread (a lock held by another
thread at the moment of the fork stays locked forever in the copy), so a
process with threads (a Jupyter kernel, a pytest-xdist worker) and a system
other than Linux run the work in this process instead, when its result is
asked for. Either way the result is the same object: a failure of the copy
(an exception, a result that cannot be pickled, a killed process) makes this
process do the work itself, which then raises what the work raises.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    """Whether a copy of this process can safely be made: on Linux, with only one thread running.

    (macOS has ``fork``, but its system libraries are not safe in a forked
    copy, which is why Python's multiprocessing does not fork there.)
    """
    return sys.platform.startswith("linux") and threading.active_count() == 1


@contextmanager
def beside(work: Callable[[], T], *, parallel: bool = True) -> Iterator[Callable[[], T]]:
    """Start ``work`` in a forked copy of this process; yield a function that returns its result.

    With ``parallel`` False, or where :func:`can_fork` says no, the yielded
    function runs ``work`` itself. A copy whose result was not asked for
    (the caller raised first) is stopped on the way out.
    """
    if not (parallel and can_fork()):
        yield work
        return
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the copy: do the work, send the pickled result, leave without running any exit handler
        os.close(read_end)
        status = 1
        try:
            payload = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    pipe = os.fdopen(read_end, "rb")
    reaped = False

    def result() -> T:
        nonlocal reaped
        payload = pipe.read()  # read before waiting: a large result fills the pipe
        try:
            _, status = os.waitpid(pid, 0)
        except ChildProcessError:  # already reaped by the system (SIGCHLD ignored): the payload tells
            status = 0
        reaped = True
        if status == 0 and payload:
            try:
                return pickle.loads(payload)
            except Exception:  # cut short: the copy was killed while writing
                pass
        return work()  # the copy failed: the work done here raises what it raises, or succeeds

    try:
        yield result
    finally:
        pipe.close()
        if not reaped:
            try:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):  # gone and reaped already
                pass
