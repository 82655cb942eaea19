"""A killed app loses nothing it reported as recorded, and leaves a sound file."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from desktop.store import Store
from tests.desktop.store.learner_logs import CHEAP_KDF, PASSPHRASE

REPO = Path(__file__).resolve().parents[3]
KILLS = 50

# Records statements as fast as it can; prints each id once record() has returned.
CHILD = textwrap.dedent(
    """
    import sys
    from desktop.store import KdfParams, Store

    path, profile_id, passphrase, out = sys.argv[1:5]
    store = Store.open(path, kdf_params=KdfParams(8, 1, 1))
    learner = store.unlock(profile_id, passphrase)
    pack = "vn.mofa.dl.l1"
    REGISTRATION = "00000000-0000-4000-8000-000000000001"  # a UUID, as xAPI requires
    with open(out, "a", encoding="utf-8") as done:
        n = 0
        while True:
            n += 1
            if n % 7 == 0:
                registration = learner.attempt_started(pack, 1, "l1-exam", kind="exam")
                statement = learner.exam_submitted(pack, 1, "l1-exam", registration, 60)
            elif n % 2:
                statement = learner.lesson_opened(pack, 1, f"lesson-{n}")
            else:
                statement = learner.item_answered(
                    pack, 1, "l1-a1-quiz", f"q{n}", "a[,]b", 1.0, True, REGISTRATION, 3
                )
            done.write(statement["id"] + "\\n")
            done.flush()
    """
)


def _wait_for_first_line(path: Path, before: int, child: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if path.exists() and path.read_text(encoding="utf-8").count("\n") > before:
            return
        if child.poll() is not None:
            raise AssertionError(f"the recording process ended early: {child.stderr.read()}")
        time.sleep(0.005)
    raise AssertionError("the recording process recorded nothing in 30 s")


@pytest.mark.slow
def test_statements_recorded_before_a_sigkill_survive_and_the_file_stays_sound(tmp_path):
    path = tmp_path / "learners.sqlite"
    with Store.open(path, kdf_params=CHEAP_KDF) as store:
        profile_id = store.create_profile("Lan", PASSPHRASE).profile_id
    script = tmp_path / "record_forever.py"
    script.write_text(CHILD, encoding="utf-8")
    out = tmp_path / "recorded.txt"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    rng = random.Random(20260302)
    seen_statements = 0

    for kill in range(KILLS):
        lines_before = out.read_text(encoding="utf-8").count("\n") if out.exists() else 0
        child = subprocess.Popen(
            [sys.executable, str(script), str(path), profile_id, PASSPHRASE, str(out)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            _wait_for_first_line(out, lines_before, child)
            time.sleep(rng.uniform(0, 0.12))
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait()
            child.stderr.close()
        assert child.returncode == -signal.SIGKILL

        with sqlite3.connect(path) as raw:
            assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)], kill
        raw.close()
        # Only complete lines: the last one may have been cut by the kill.
        text = out.read_text(encoding="utf-8")
        reported = text[: text.rfind("\n") + 1].split()
        with Store.open(path, kdf_params=CHEAP_KDF) as store:
            learner = store.unlock(profile_id, PASSPHRASE)
            statements = learner.statements()
            stored = {s["id"] for s in statements}
            missing = [sid for sid in reported if sid not in stored]
            assert not missing, f"kill {kill}: {len(missing)} recorded statements lost"
            # An exam submitted on the device makes no certificate: only the server's do.
            assert learner.certificates() == []
            assert len(learner.pending()) == len(statements)
        assert len(statements) >= seen_statements
        seen_statements = len(statements)

    assert seen_statements > KILLS
