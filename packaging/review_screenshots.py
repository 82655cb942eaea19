"""Screenshots of the review screens, in Vietnamese and English, at 1366x768.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/review_screenshots.py [OUT_DIR]

A throw-away profile that missed questions of two packs an hour ago: Home with its
count, a card asked, a card checked with the grade buttons, the done card. Writes
{lang}-review-*.png (default: build/screenshots/), next to packaging/screenshots.py's.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _screenshots_module():
    # packaging/ is no package (the name is PyPI's `packaging`): load the sibling by path.
    path = Path(__file__).with_name("screenshots.py")
    spec = importlib.util.spec_from_file_location("hocvu_screenshots", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


settle = _screenshots_module().settle


def missed_an_hour_ago(window, count_per_pack: int, skip: int) -> None:
    """The learner answered items of two level packs wrong an hour ago."""
    from content.grading import encode_response
    from sync.xapi import make_statement

    learner, catalog = window.learner, window.workspace.catalog
    at = datetime.now(UTC) - timedelta(hours=1)
    statements = []
    for pack in catalog.level_packs[:2]:
        module = next(m for m in catalog.modules() if m.pack_id == pack.pack_id and m.quiz)
        quiz = catalog.quiz(pack.pack_id, module.quiz)
        items = [i for i in quiz.items if i.sealed is None][skip : skip + count_per_pack]
        for item in items:
            at += timedelta(seconds=1)
            statements.append(
                make_statement(
                    profile_id=learner.profile_id,
                    verb="answered",
                    pack_id=pack.pack_id,
                    kind="item",
                    local_id=f"{quiz.slug}/{item.id}",
                    pack_version=pack.version,
                    app_version="screenshots",
                    device_id="screenshots",
                    score=0.0,
                    success=False,
                    response=encode_response(item, first_choice(item)),
                    timestamp=at.isoformat().replace("+00:00", "Z"),
                )
            )
    window.tasks.db(lambda: [learner.record(s) for s in statements]).result()


def first_choice(item):
    if item.type == "single":
        return item.options[-1].id
    if item.type == "multiple":
        return {item.options[-1].id}
    if item.type == "true_false":
        return not item.answer
    if item.type in ("short_answer", "numeric"):
        return "0"
    if item.type == "ordering":
        return [s.id for s in reversed(item.steps)]
    return {p.id: item.right_choices()[0] for p in item.pairs}


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from desktop.app import build_window

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "build/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    window = build_window(app, Path(tempfile.mkdtemp(prefix="hocvu-review-shots-")))
    window.resize(1366, 768)
    settle(app, window)

    def shot(name: str, lang: str) -> None:
        settle(app, window)
        window.grab().save(str(out / f"{lang}-{name}.png"))

    window.new_profile.name.setText("Nguyễn Thị Minh Hằng")
    window.new_profile.passphrase.setText("sông núi mây trời 2026")
    window.new_profile.repeat.setText("sông núi mây trời 2026")
    window.new_profile.placement.setChecked(False)
    window.new_profile.create_button.click()
    settle(app, window, 300)
    screen = window.review
    for n, lang in enumerate(("vi", "en")):
        window.set_language(lang)
        missed_an_hour_ago(window, 3, skip=3 * n)
        window.show_screen("home")
        shot("review-home", lang)
        window.home.review_button.click()
        settle(app, window)
        shot("review-question", lang)
        session = window.reviews.session
        screen.widget.set_response(first_choice(session.current.item))
        screen.check.click()
        shot("review-graded", lang)
        while screen.pages.currentIndex() == 0:
            if screen.bars.currentWidget() is screen.check_bar:
                screen.reveal.click()
                settle(app, window)
            screen.grades[3].click()
            settle(app, window)
        shot("review-done", lang)
        screen.home_button.click()
        shot("review-home-after", lang)
    window.close()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
