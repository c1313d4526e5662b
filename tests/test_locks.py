"""One build at a time: tools/locked.py serialises the builders (make html / make pdf)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_two_locked_commands_never_overlap(tmp_path):
    log = tmp_path / "log"
    step = (
        "import sys, time; log = open(sys.argv[1], 'a'); log.write('start\\n'); log.flush(); "
        "time.sleep(0.6); log.write('end\\n')"
    )
    runs = [
        subprocess.Popen(
            [sys.executable, str(ROOT / "tools" / "locked.py"), sys.executable, "-c", step, str(log)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    waited = [run.communicate(timeout=30)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0]
    assert log.read_text().split() == ["start", "end", "start", "end"]
    assert any("waiting for another build" in message for message in waited)


def test_the_exit_status_is_the_commands(tmp_path):
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "locked.py"), sys.executable, "-c", "raise SystemExit(3)"]
    )
    assert done.returncode == 3
