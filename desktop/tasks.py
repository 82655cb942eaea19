"""Running work off the UI thread and getting the result back on it.

Two executors, as in Anki's task manager: one serial worker for everything that
touches the learner store (SQLite never sees two writers from the app), and a
small pool for the rest (pack import, search indexing, sync). Results and errors
come back to the UI thread through a queued Qt signal; callbacks given here are
the only code that may touch widgets.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)


class _Relay(QObject):
    deliver = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.deliver.connect(self._run)

    @Slot(object)
    def _run(self, call: Callable[[], None]) -> None:
        app = QApplication.instance()
        assert app is None or QThread.currentThread() is app.thread(), "UI code off the UI thread"
        call()


class Tasks:
    def __init__(self) -> None:
        self._relay = _Relay()
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hocvu-db")
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="hocvu-bg")
        self.running = 0
        self.closed = False

    def on_ui(self, call: Callable[[], None]) -> None:
        """Run `call` on the UI thread (safe to call from any thread)."""
        self._relay.deliver.emit(call)

    def _submit(
        self,
        executor: ThreadPoolExecutor,
        work: Callable[[], Any],
        done: Callable[[Any], None] | None,
        failed: Callable[[BaseException], None] | None,
    ) -> Future:
        if self.closed:
            # The window is closing (a late timer, say): there is nobody to answer.
            future: Future = Future()
            future.cancel()
            return future
        self.running += 1

        def finished(future: Future) -> None:
            def back() -> None:
                self.running -= 1
                error = future.exception()
                if error is None:
                    if done:
                        done(future.result())
                elif failed:
                    failed(error)
                else:
                    log.error("background task failed: %s", type(error).__name__)

            self.on_ui(back)

        future = executor.submit(work)
        future.add_done_callback(finished)
        return future

    def db(self, work, done=None, failed=None) -> Future:
        """Store access, strictly one at a time, in order."""
        return self._submit(self._db, work, done, failed)

    def db_wait(self, work: Callable[[], Any]) -> Any:
        """Run `work` on the store's worker and wait for its result. Only for long jobs
        already on the pool (sync) that need the store now and then: never call it from
        the UI thread or from the store's worker, which would wait for itself."""
        assert threading.current_thread().name.startswith("hocvu-bg"), "db_wait off the pool"
        return self._db.submit(work).result()

    def background(self, work, done=None, failed=None) -> Future:
        return self._submit(self._pool, work, done, failed)

    def shutdown(self) -> None:
        self.closed = True
        self._db.shutdown(wait=True)
        self._pool.shutdown(wait=True, cancel_futures=True)
