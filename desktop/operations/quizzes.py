"""Starting quizzes: a module quiz, a level exam, the placement test, Retry, and taking
a run up again after a lock (a review session is `desktop.operations.review`).

A launch first shows its introduction (`desktop.quiz_launch`), computed on the
store's worker without starting any attempt; the quiz screen's Start (confirmed
once more for a timed exam) makes the run. What to resume the services decide; this
module only wires them to the screen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from content.localised import pick
from desktop.operations import Change
from desktop.operations.context import Context
from desktop.ui.names import Names
from desktop.ui.quiz import QuizScreen


class QuizLauncher(QObject):
    def __init__(
        self,
        context: Context,
        screen: QuizScreen,
        learner: Callable[[], object],
        show: Callable[[], None],
    ) -> None:
        super().__init__(context.parent)
        self.context = context
        self.screen = screen
        self.learner = learner  # the unlocked profile now (None once locked)
        self.show = show  # bring the quiz screen forward
        self.names = Names()
        self.titles: dict[tuple[str, tuple[str, ...]], str] = {}
        screen.start_requested.connect(self._start)
        screen.retry_requested.connect(self.retry)
        screen.finished.connect(self._finished)
        screen.left.connect(lambda: self.context.changes.emit(Change.PROGRESS))

    # --- introductions ----------------------------------------------------------------

    def _intro(self, make, title: str) -> None:
        def shown(intro) -> None:
            if intro.gate is not None and not intro.can_start:
                # Cooldown or no attempts left: say when, start nothing.
                self.context.inform(self.names.exam_gate(intro.gate))
                return
            self.titles[(intro.launch.kind, intro.launch.quiz_slugs)] = title
            self.show()
            self.screen.show_intro(intro, title, self.context.lang())

        self.context.tasks.db(make, shown, self.context.fail)

    def module_quiz(self, pack_id: str, module_id: str) -> None:
        from desktop.quiz_launch import module_quiz_intro

        catalog = self.context.workspace.catalog
        module = catalog.module(pack_id, module_id)
        quiz = catalog.quiz(pack_id, module.quiz)
        pack = catalog.packs[pack_id]
        self._intro(
            lambda: module_quiz_intro(pack, quiz, module_id),
            pick(module.title, self.context.lang()),
        )

    def exam(self, pack_id: str) -> None:
        """An open attempt is offered to continue; else the introduction of a new one,
        or why none can start now (cooldown, no attempts left)."""
        from desktop.quiz_launch import exam_intro

        catalog, learner = self.context.workspace.catalog, self.learner()
        pack = catalog.packs[pack_id]
        quiz = catalog.quiz(pack_id, pack.manifest["exam"]["quiz"])
        level = pack.manifest["exam"].get("level") or 0
        title = self.names.level(level) + " — " + self.tr("Level exam")
        self._intro(lambda: exam_intro(learner, pack, quiz), title)

    def placement(self) -> bool:
        """The placement test's introduction; False when no placement pack is installed."""
        from desktop.quiz_launch import placement_intro

        catalog, learner = self.context.workspace.catalog, self.learner()
        pack = catalog.placement
        if pack is None or learner is None:
            return False
        quizzes = [catalog.quiz(pack.pack_id, s) for s in pack.manifest["placement"]["quizzes"]]
        self._intro(lambda: placement_intro(learner, pack, quizzes), self.tr("Placement test"))
        return True

    # --- runs -------------------------------------------------------------------------

    def _title(self, launch) -> str:
        known = self.titles.get((launch.kind, launch.quiz_slugs))
        if known is not None:
            return known
        catalog = self.context.workspace.catalog
        if launch.kind == "placement":
            return self.tr("Placement test")
        if launch.kind == "exam":
            level = catalog.packs[launch.pack_id].manifest["exam"].get("level") or 0
            return self.names.level(level) + " — " + self.tr("Level exam")
        module = catalog.module(launch.pack_id, launch.module_id)
        return pick(module.title, self.context.lang())

    def _start(self, launch) -> None:
        """Make the run a launch stands for (resumed or new) and show it."""
        from desktop.quiz_launch import make_run

        catalog, learner = self.context.workspace.catalog, self.learner()
        if learner is None:
            return
        title = self._title(launch)

        def started(run) -> None:
            self.show()
            self.screen.start(run, title, self.context.lang(), launch)

        self.context.tasks.db(
            lambda: make_run(learner, catalog, launch), started, self.context.fail
        )

    def resume(self, launch) -> None:
        """Take up a run interrupted by a lock, at the question it showed."""
        self._start(launch)

    def retry(self) -> None:
        """A new set of questions for the practice quiz just finished."""
        from dataclasses import replace

        launch = self.screen.launch
        if launch is not None and launch.kind == "quiz":
            self._start(replace(launch, registrations=(), index=0))

    def _finished(self, result) -> None:
        run = self.screen.run
        change = Change.REVIEW | Change.PROGRESS
        if result.submitted:
            change |= Change.EXAMS
        self.context.changes.emit(change)
        if run is not None and run.kind == "placement":
            from desktop.quiz_launch import placement_summary

            catalog, learner = self.context.workspace.catalog, self.learner()
            self.context.tasks.db(
                lambda: placement_summary(learner, catalog),
                self.screen.show_placement,
                self.context.fail,
            )
