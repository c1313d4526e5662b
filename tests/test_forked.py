"""Work run beside in a forked copy of the process gives what it gives when run here.

A pytest-xdist worker runs threads, where forking is refused: each case runs
in a new single-threaded Python process.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

from helpers import forked


def run_alone(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_the_copy_returns_the_result_and_a_failed_copy_leaves_the_work_to_this_process():
    out = run_alone(
        """
        import os
        from helpers import forked

        here = os.getpid()
        assert forked.can_fork()

        def where():
            return {"pid": os.getpid(), "data": list(range(100_000))}  # larger than a pipe's buffer

        with forked.beside(where) as result:
            got = result()
        assert got["pid"] != here and got["data"] == list(range(100_000))

        def fails_in_the_copy():
            if os.getpid() != here:
                raise RuntimeError("in the copy")
            return "done here"

        with forked.beside(fails_in_the_copy) as result:
            assert result() == "done here"

        def always_fails():
            raise ValueError("the work's own error")

        try:
            with forked.beside(always_fails) as result:
                result()
        except ValueError as error:
            assert str(error) == "the work's own error"
        else:
            raise AssertionError("the error was lost")

        # Where the system reaps children itself (SIGCHLD ignored), the result still comes through the pipe.
        import signal
        signal.signal(signal.SIGCHLD, signal.SIG_IGN)
        with forked.beside(where) as result:
            assert result()["pid"] != here
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)

        # The caller fails before asking: the copy is stopped and reaped, no process is left behind.
        try:
            with forked.beside(lambda: __import__("time").sleep(60)):
                raise KeyError("caller")
        except KeyError:
            pass
        try:
            os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            print("no child left")
        """
    )
    assert "no child left" in out


def test_with_threads_or_when_asked_the_work_runs_here():
    import os
    import threading

    here = os.getpid()
    with forked.beside(os.getpid, parallel=False) as result:
        assert result() == here
    stop = threading.Event()
    helper = threading.Thread(target=stop.wait)
    helper.start()
    try:
        assert not forked.can_fork()
        with forked.beside(os.getpid) as result:
            assert result() == here
    finally:
        stop.set()
        helper.join()


def test_a_draft_read_in_two_processes_is_the_draft_read_in_one():
    out = run_alone(
        """
        import json
        from helpers import ingest, load_dataset, paths

        ds = load_dataset()
        texts = sorted((paths.data_dir() / "raw").glob("0*"))[:6]
        drafts = {}
        for threshold in (10**12, 0):  # never beside, always beside
            ingest.PARALLEL_FROM = threshold
            drafts[threshold] = json.dumps([ingest.draft(t, ds=ds) for t in texts], sort_keys=True, default=str)
        assert drafts[0] == drafts[10**12]
        print(len(texts), "drafts the same")
        """
    )
    assert "6 drafts the same" in out
