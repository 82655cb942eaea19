"""Run one sync in a process of its own (the fault tests kill it with SIGKILL).

python -m tests.sync.client_process STORE WORK_DIR BATCH
"""

from __future__ import annotations

import sys
from pathlib import Path

from sync.engine import SyncEngine
from tests.sync.stores import TestStore


def main() -> int:
    store = TestStore(Path(sys.argv[1]))
    engine = SyncEngine(store, work_dir=Path(sys.argv[2]), batch_size=int(sys.argv[3]))
    report = engine.sync_once()
    print(report.summary())
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
