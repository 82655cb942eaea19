"""Real things for the desktop tests: the starter packs built once, a fresh data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from content import keys
from content.build import build_pack
from hocvu.paths import development_dir

COURSES = Path(__file__).resolve().parents[2] / "content" / "courses"


@pytest.fixture(scope="session")
def starter_packs(tmp_path_factory) -> Path:
    """The five starter packs, built from the sources with the development key."""
    out = tmp_path_factory.mktemp("packs")
    trainer = keys.load_private(development_dir() / "DEVELOPMENT-ONLY-trainer.key", None)
    trust_bytes = (development_dir() / "trust.json").read_bytes()
    for course in sorted(COURSES.glob("*/course.yaml")):
        build_pack(course.parent, trainer, trust_bytes, out / f"{course.parent.name}.hvpack")
    return out


@pytest.fixture
def vietnamese(qapp):
    """The learner's messages with the Vietnamese translation installed."""
    from desktop.i18n import Languages
    from desktop.ui.messages import Messages

    languages = Languages(qapp)
    assert languages.use("vi")
    yield Messages()
    if languages.translator is not None:
        qapp.removeTranslator(languages.translator)
