"""Real stores on disk in a temporary folder, the test curriculum and a log builder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.store import CourseMap, Store, UnlockedProfile
from tests.desktop.store.learner_logs import CHEAP_KDF, PASSPHRASE, LogBuilder, make_course


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "learners.sqlite"


@pytest.fixture
def store(store_path: Path) -> Iterator[Store]:
    opened = Store.open(store_path, kdf_params=CHEAP_KDF)
    yield opened
    opened.close()


@pytest.fixture
def learner(store: Store) -> UnlockedProfile:
    return store.create_profile("Lan", PASSPHRASE)


@pytest.fixture
def course() -> CourseMap:
    return make_course()


@pytest.fixture
def log() -> LogBuilder:
    return LogBuilder()
