"""Reading lessons: opening one (recorded as opened), marking it done with the time
spent, the question a lesson ends with, Previous and Next (Next on a module's last
lesson leads to its quiz), and the lesson language. Rendering is the pack's; the
store calls run on its worker."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from content.forms import lesson_practice, new_seed
from desktop.catalog import LessonRef
from desktop.operations import Change
from desktop.operations.context import Context
from desktop.ui.lesson import LessonScreen
from desktop.ui.practice import PracticeDialog


def leads_to_quiz(module, ref: LessonRef) -> bool:
    """Whether Next on this lesson opens its module's quiz: it is the module's last."""
    return module.quiz is not None and module.lessons[-1]["slug"] == ref.slug


class Lessons(QObject):
    language_chosen = Signal(str)  # the learner switched the lesson's language

    def __init__(
        self,
        context: Context,
        screen: LessonScreen,
        learner: Callable[[], object],
        show: Callable[[], None],
        module_quiz: Callable[[str, str], None],
    ) -> None:
        super().__init__(context.parent)
        self.context = context
        self.screen = screen
        self.learner = learner
        self.show = show  # bring the lesson screen forward
        self.module_quiz = module_quiz
        self.ref: LessonRef | None = None
        self.started = 0.0
        self._practised: dict[LessonRef, str] = {}
        self.dialog: PracticeDialog | None = None
        screen.done_requested.connect(self.done)
        screen.previous_requested.connect(lambda: self.step(-1))
        screen.next_requested.connect(lambda: self.step(+1))
        screen.language_changed.connect(self._language)
        screen.practice_requested.connect(self.practice)

    def open_found(self, pack_id: str, slug: str) -> None:
        """A lesson found by search (which knows its pack and slug, not its module)."""
        module = self.context.workspace.catalog.find_module_of(pack_id, slug)
        if module is not None:
            self.open(LessonRef(pack_id, module.module_id, slug))

    def open(self, ref: LessonRef, lang: str | None = None) -> None:
        learner, catalog = self.learner(), self.context.workspace.catalog
        pack = catalog.packs.get(ref.pack_id)
        if learner is None or pack is None:
            return
        lang = lang or self.context.lang()
        rendered = pack.lesson(ref.slug, lang)
        languages = pack.lesson_languages(ref.slug)
        previous, following = catalog.neighbours(ref)
        module = catalog.module(ref.pack_id, ref.module_id)
        self.ref, self.started = ref, time.monotonic()
        self.screen.show_lesson(
            pack.path,
            rendered,
            lang if lang in languages else languages[0],
            False,
            previous is not None,
            following is not None,
            module.quiz is not None,
            next_is_quiz=leads_to_quiz(module, ref),
        )
        self.show()

        def state(progress) -> None:
            entry = progress.lessons.get((ref.pack_id, ref.slug))
            if entry is not None and entry.state.value == "done" and self.ref == ref:
                self.screen.mark_done()

        tasks = self.context.tasks
        tasks.db(lambda: learner.lesson_opened(pack.pack_id, pack.version, ref.slug))
        tasks.db(lambda: learner.progress(catalog.course_map()), state, self.context.fail)

    def done(self) -> None:
        ref, learner = self.ref, self.learner()
        if ref is None or learner is None:
            return
        pack = self.context.workspace.catalog.packs[ref.pack_id]
        spent = time.monotonic() - self.started
        self.screen.mark_done()
        self.context.tasks.db(
            lambda: learner.lesson_completed(pack.pack_id, pack.version, ref.slug, spent),
            lambda _statement: self.context.changes.emit(Change.PROGRESS),
            self.context.fail,
        )

    def practice(self) -> None:
        """The question the lesson ends with (desktop/ui/practice.py): drawn afresh from
        the module quiz's pool each time, not the one shown last."""
        ref, catalog = self.ref, self.context.workspace.catalog
        slug = catalog.module(ref.pack_id, ref.module_id).quiz
        if slug is None:
            return
        quiz = catalog.quiz(ref.pack_id, slug)
        rendered = catalog.packs[ref.pack_id].lesson(ref.slug, self.context.lang())
        avoid = [self._practised[ref]] if ref in self._practised else []
        drawn = lesson_practice(quiz, rendered.meta.competences, new_seed(), avoid)
        if drawn is None:
            return
        self._practised[ref] = drawn.item_id
        item = next(i for i in quiz.items if i.id == drawn.item_id)
        language = self.screen.language.currentData()
        self.dialog = PracticeDialog(item, drawn, language, self.context.parent)
        try:
            self.dialog.exec()
        finally:
            self.dialog = None

    def suspend(self) -> None:
        """The screen locks: the question a lesson ends with does not stay over it."""
        if self.dialog is not None:
            self.dialog.reject()

    def step(self, step: int) -> None:
        ref, catalog = self.ref, self.context.workspace.catalog
        if ref is None:
            return
        if step > 0 and leads_to_quiz(catalog.module(ref.pack_id, ref.module_id), ref):
            self.module_quiz(ref.pack_id, ref.module_id)
            return
        previous, following = catalog.neighbours(ref)
        target = previous if step < 0 else following
        if target is not None:
            self.open(target)

    def _language(self, lang: str) -> None:
        self.language_chosen.emit(lang)
        if self.ref is not None:
            self.open(self.ref, lang)
