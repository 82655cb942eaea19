"""Sync as the desktop app runs it.

The engine (`sync.engine.SyncEngine`) talks to the network for seconds or minutes on
a slow line, so it runs on a pool thread; the learner store, though, has exactly one
worker that may touch it (`desktop.tasks.Tasks.db`). `StoreOnWorker` bridges the two:
every store call the engine makes is queued on that worker and the sync thread waits
for its answer, so lessons and quizzes keep writing in order while a sync is under way.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

T = TypeVar("T")
RunOnStore = Callable[[Callable[[], T]], T]

# How often the app syncs when it can (seconds); failures back off to the longest.
if TYPE_CHECKING:
    from sync.client import SyncClient
    from sync.engine import SyncEngine

SYNC_EVERY = 300.0
SYNC_LONGEST = 1800.0


class StoreOnWorker:
    """The unlocked profile as seen from a sync thread: attribute reads and method
    calls run on the store's serial worker, through `run`."""

    def __init__(self, learner: Any, run: RunOnStore) -> None:
        self._learner = learner
        self._run = run

    def __getattr__(self, name: str) -> Any:
        value = self._run(lambda: getattr(self._learner, name))
        if callable(value):
            return lambda *args, **kwargs: self._run(lambda: value(*args, **kwargs))
        return value


def sync_engine(
    learner: Any,
    library: Any,
    data_dir: Path,
    run_on_store: RunOnStore,
    client_factory: Callable[..., SyncClient] | None = None,
) -> SyncEngine:
    """The engine for one unlocked learner on this computer."""
    # Here, not at the top: the sync client (requests) loads after the unlock screen.
    from sync.client import SyncClient
    from sync.engine import SyncEngine

    return SyncEngine(
        StoreOnWorker(learner, run_on_store),
        library,
        work_dir=data_dir / "sync",
        client_factory=client_factory or SyncClient,
    )
