"""Review sessions: starting one from Home, checking and grading each card, taking one
up again after a lock, leaving one. The session (`desktop.review_session`) runs on the
store's worker; only the callbacks here touch the review screen. When a session ends
it reports `Change.REVIEW | Change.PROGRESS`, so Home counts what is left."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from content.localised import pick
from desktop.operations import Change
from desktop.operations.context import Context
from desktop.ui.review import ReviewScreen


class Reviews(QObject):
    def __init__(
        self,
        context: Context,
        screen: ReviewScreen,
        learner: Callable[[], object],
        show: Callable[[], None],
    ) -> None:
        super().__init__(context.parent)
        self.context = context
        self.screen = screen
        self.learner = learner  # the unlocked profile now (None once locked)
        self.show = show  # bring the review screen forward
        self.session = None  # the desktop.review_session.ReviewSession shown
        screen.check_requested.connect(self._check)
        screen.rate_requested.connect(self._rate)

    def start(self) -> None:
        """A session of every card due now, across the installed packs."""
        from desktop.review_session import ReviewSession

        catalog, learner = self.context.workspace.catalog, self.learner()
        if learner is None:
            return

        def made(session) -> None:
            if session is None:
                self.context.inform(self.tr("Nothing to review now."))
                self.context.changes.emit(Change.REVIEW)
                return
            self._present(session)

        self.context.tasks.db(
            lambda: ReviewSession.start(learner, catalog), made, self.context.fail
        )

    def resume(self, otherwise: Callable[[], None]) -> None:
        """Take up the session a lock interrupted, at its card; else `otherwise()`."""
        from desktop.review_session import ReviewSession

        catalog, learner, lang = self.context.workspace.catalog, self.learner(), self.context.lang()
        if learner is None:
            return

        def found(session) -> None:
            if session is None:
                otherwise()
            else:
                self._present(session)

        def failed(error: BaseException) -> None:
            self.context.fail(error)
            otherwise()

        self.context.tasks.db(lambda: ReviewSession.resume(learner, catalog, lang), found, failed)

    def forget(self) -> None:
        """The profile locked: the session stays in the store for `resume`."""
        self.session = None

    def leave(self) -> None:
        """The learner went to another screen: the session ends where it was."""
        session, self.session = self.session, None
        if session is not None and not session.finished:
            self.context.tasks.db(session.abandon, None, self.context.fail)
            self.context.changes.emit(Change.REVIEW | Change.PROGRESS)

    # --- one card ---------------------------------------------------------------------

    def _present(self, session) -> None:
        self.session = session
        card = session.current
        if card is None:
            self._finished(session)
            return
        lang = self.context.lang()
        context = " · ".join(pick(title, lang) for title in card.where)
        self.show()
        self.screen.show_card(
            card.item, session.order(card), session.done, session.total, context, lang
        )
        if session.pending is not None:
            response = session.pending[0]
            self.context.tasks.db(
                lambda: (session.pending[1], session.previews(), session.suggested),
                lambda shown: self._checked(session, shown, response),
                self.context.fail,
            )
        else:
            self.context.tasks.db(session.shown)

    def _check(self, response) -> None:
        session, lang = self.session, self.context.lang()
        if session is None:
            return

        def work():
            checked = session.answer(response, lang)
            return checked, session.previews(), session.suggested

        self.context.tasks.db(work, lambda shown: self._checked(session, shown), self.context.fail)

    def _checked(self, session, shown, response=None) -> None:
        if session is not self.session:
            return  # locked or left meanwhile
        checked, previews, suggested = shown
        self.screen.show_checked(checked, previews, suggested, response)

    def _rate(self, rating: int) -> None:
        session = self.session
        if session is None:
            return

        def rated(_none) -> None:
            if session is not self.session:
                return
            if session.finished:
                self._finished(session)
            else:
                self._present(session)

        self.context.tasks.db(lambda: session.rate(rating), rated, self.context.fail)

    def _finished(self, session) -> None:
        def summed(summary) -> None:
            self.session = None
            self.show()
            self.screen.show_summary(summary)
            self.context.changes.emit(Change.REVIEW | Change.PROGRESS)

        self.context.tasks.db(session.summary, summed, self.context.fail)
