"""The main window: navigation between the screens.

Screens only show things and emit signals. What the learner does is an operation
(`desktop/operations/`: the session, quiz launchers, packs, certificates) that runs
its service calls through `Tasks` (store access on its serial worker, the rest on
the pool) and reports what it changed on one signal (`Changes`); this window shows
the screen asked for and refreshes the one shown when something changed. No store or
library call runs on the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.catalog import LessonRef
from desktop.operations import Change, Changes
from desktop.operations.context import Context
from desktop.operations.session import Session
from desktop.tasks import Tasks
from desktop.ui.messages import Messages
from desktop.ui.names import Names
from desktop.ui.sync_panel import SyncStatusLine
from desktop.ui.unlock import NewProfileScreen, UnlockScreen
from desktop.ui.widgets import IconsWhenShown
from desktop.workspace import Workspace

if TYPE_CHECKING:
    from desktop.quiz_launch import Launch

# Built while the passphrase is checked (Argon2id on the store's worker leaves the UI
# thread idle for most of a second), or when first asked for: the screens behind the
# unlock screen and the operations that drive them, with their imports.
_LATER = frozenset(
    {
        "home",
        "library",
        "lesson",
        "quiz",
        "review",
        "search",
        "certificates",
        "settings",
        "packs",
        "certificate_export",
        "quizzes",
        "lessons",
        "reviews",
        "sync",
    }
)

NAV = ("home", "library", "search", "certificates", "import", "settings", "lock")


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, languages) -> None:
        super().__init__()
        self.workspace = workspace
        self.languages = languages
        self.tasks = Tasks()
        self.messages = Messages()
        self.names = Names()
        self.changes = Changes()
        self.context = Context(
            workspace, self.tasks, self.changes, self, self.fail, self.information, self._lang
        )
        self.session = Session(self.context)
        self.idle = self.session.idle
        self.suspended: tuple[str | None, Launch] | None = None  # (profile, run) a lock interrupted
        self.lesson_lang = workspace.settings.language
        self.setAcceptDrops(True)
        self.resize(1280, 760)
        self._painted = False
        self._after_paint: list[Callable[[], None]] = []

        self.unlock = UnlockScreen()
        self.new_profile = NewProfileScreen(_passphrase_hint)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.unlock)
        self.stack.addWidget(self.new_profile)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(210)
        self.nav.setIconSize(QSize(20, 20))
        for key in NAV:
            entry = QListWidgetItem()
            entry.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(entry)
        IconsWhenShown(self.nav, lambda entry: f"nav-{entry.data(Qt.ItemDataRole.UserRole)}")
        self.nav.itemActivated.connect(self._nav)
        self.nav.itemClicked.connect(self._nav)
        self.sync_line = SyncStatusLine()
        self.sync_line.setFixedWidth(210)
        # The navigation and the sync status line form one column that unlock hides.
        self.side = QWidget()
        column = QVBoxLayout(self.side)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.nav, 1)
        column.addWidget(self.sync_line)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.side)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.unlock.unlock_requested.connect(self._unlock)
        self.unlock.new_profile_requested.connect(lambda: self._show_new_profile(True))
        self.new_profile.create_requested.connect(self._create_profile)
        self.new_profile.language_chosen.connect(self.set_language)
        self.new_profile.cancelled.connect(self.show_unlock)
        self.session.unlocked.connect(self._unlocked)
        self.session.locking.connect(self._locking)
        self.session.locked.connect(self._locked)
        self.changes.changed.connect(self._changed)

        QShortcut(QKeySequence("Ctrl+L"), self, activated=self.lock)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=lambda: self.show_screen("search"))
        self.retranslate()
        self._built = False
        self.show_unlock()

    def __getattr__(self, name: str):
        # Only reached for attributes not set yet: a screen asked for before the
        # after-paint build (a signal, a test) builds them all now.
        if name in _LATER and not self.__dict__.get("_building"):
            self._build_later()
            return self.__dict__[name]
        raise AttributeError(name)

    def _build_later(self) -> None:
        """The screens behind the unlock screen and their operations, wired."""
        if self._built:
            return
        self._building = True
        from desktop.operations.certificates import CertificateExport
        from desktop.operations.lessons import Lessons
        from desktop.operations.packs import Packs
        from desktop.operations.quizzes import QuizLauncher
        from desktop.operations.review import Reviews
        from desktop.ui.certificates import CertificatesScreen
        from desktop.ui.home import HomeScreen
        from desktop.ui.lesson import LessonScreen
        from desktop.ui.library import LibraryScreen
        from desktop.ui.quiz import QuizScreen
        from desktop.ui.review import ReviewScreen
        from desktop.ui.search import SearchScreen
        from desktop.ui.settings import SettingsScreen
        from desktop.ui.sync_controller import SyncController

        workspace = self.workspace
        self.packs = Packs(self.context)
        self.certificate_export = CertificateExport(self.context, lambda: self.display_name)
        self.home = HomeScreen()
        self.library = LibraryScreen()
        self.lesson = LessonScreen()
        self.quiz = QuizScreen(lambda work, done=None: self.tasks.db(work, done, self.fail))
        self.search = SearchScreen()
        self.certificates = CertificatesScreen()
        self.settings = SettingsScreen()
        self.quizzes = QuizLauncher(
            self.context,
            self.quiz,
            lambda: self.session.learner,
            lambda: self.stack.setCurrentWidget(self.quiz),
        )
        self.lessons = Lessons(
            self.context,
            self.lesson,
            lambda: self.session.learner,
            lambda: self.stack.setCurrentWidget(self.lesson),
            self.start_module_quiz,
        )
        self.lessons.language_chosen.connect(self._lesson_language)
        self.review = ReviewScreen()
        self.reviews = Reviews(
            self.context,
            self.review,
            lambda: self.session.learner,
            lambda: self.stack.setCurrentWidget(self.review),
        )
        for screen in (
            self.home,
            self.library,
            self.lesson,
            self.quiz,
            self.review,
            self.search,
            self.certificates,
            self.settings,
        ):
            self.stack.addWidget(screen)
        self.home.continue_requested.connect(self._continue)
        self.home.placement_requested.connect(self.start_placement)
        self.home.review_requested.connect(self.start_review)
        self.home.import_requested.connect(lambda: self.import_pack())
        self.review.home_requested.connect(lambda: self.show_screen("home"))
        # Any other screen ends a review session (a lock first keeps it: `_locked`).
        self.stack.currentChanged.connect(
            lambda _n: self.stack.currentWidget() is not self.review and self.reviews.leave()
        )
        self.review.library_requested.connect(lambda: self.show_screen("library"))
        self.library.lesson_requested.connect(lambda p, m, s: self.open_lesson(LessonRef(p, m, s)))
        self.library.quiz_requested.connect(self.start_module_quiz)
        self.library.exam_requested.connect(self.start_exam)
        self.library.import_requested.connect(lambda: self.import_pack())
        self.lesson.font_size_changed.connect(self._font_size)
        self.quiz.closed.connect(self._quiz_closed)
        self.quiz.left.connect(lambda: self.show_screen("home"))
        self.search.query_changed.connect(self._search)
        self.search.lesson_requested.connect(self.lessons.open_found)
        self.certificates.export_requested.connect(self.certificate_export.export)
        self.certificates.library_requested.connect(lambda: self.show_screen("library"))
        self.settings.language_changed.connect(self.set_language)
        self.settings.font_size_changed.connect(self._font_size)
        self.settings.idle_lock_changed.connect(self._idle_minutes)
        self.settings.server_changed.connect(self._server)
        self.settings.high_contrast_changed.connect(self._high_contrast)
        self.sync = SyncController(
            self, self.tasks, self.sync_line, self.settings.sync, self.fail, self.information
        )
        self.sync.content_changed.connect(self._synced_content)
        self.settings.sync.connect_requested.connect(lambda url, *_: self._server(url))

        self.lesson.set_font_size(workspace.settings.font_size)
        self._built = True
        self._building = False

    # --- language ---------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Học Vụ Số"))
        labels = {
            "home": self.tr("Home"),
            "library": self.tr("Library"),
            "search": self.tr("Search"),
            "certificates": self.tr("Certificates"),
            "import": self.tr("Import a pack…"),
            "settings": self.tr("Settings"),
            "lock": self.tr("Lock"),
        }
        for n in range(self.nav.count()):
            entry = self.nav.item(n)
            entry.setText(labels[entry.data(Qt.ItemDataRole.UserRole)])
        self.nav.setAccessibleName(self.tr("Navigation"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_language(self, lang: str) -> None:
        self.languages.use(lang)
        # Qt delivers LanguageChange on the next turn of the event loop; retranslate now so
        # the switch is visible at once (the later event only repeats it).
        self.retranslate()
        for n in range(self.stack.count()):
            self.stack.widget(n).retranslate()
        self.workspace.settings.language = lang
        self.lesson_lang = lang
        self.workspace.save_settings()
        if self.learner is not None and self.stack.currentWidget() is self.home:
            self.refresh_home()

    # --- unlocking --------------------------------------------------------------------

    def show_unlock(self) -> None:
        self.side.setVisible(False)
        self.stack.setCurrentWidget(self.unlock)

        def listed(profiles: list[tuple[str, str]]) -> None:
            if not profiles:
                self._show_new_profile(False)
                return
            self.unlock.set_profiles(profiles)
            self.stack.setCurrentWidget(self.unlock)

        quick = self.workspace.quick_profile_names()
        if quick is not None:
            listed(quick)

        def open_store() -> None:
            # Opening the store loads SQLAlchemy and the crypto stack; do it on the store's
            # worker while the learner types the passphrase. The store's own list is the
            # authority whenever the quick read could not answer.
            self.tasks.db(
                lambda: [(p.profile_id, p.display_name) for p in self.workspace.store.profiles()],
                None if quick is not None else listed,
                self.fail_unlock,
            )
            self.tasks.background(_warm_up)

        # Not before the screen is painted: worker threads importing would take the
        # interpreter from the first paint.
        self._after_first_paint(open_store)

    def _after_first_paint(self, work: Callable[[], None]) -> None:
        if self._painted:
            work()
        else:
            self._after_paint.append(work)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            pending, self._after_paint = self._after_paint, []
            for work in pending:
                QTimer.singleShot(0, work)

    def _show_new_profile(self, can_cancel: bool) -> None:
        self.side.setVisible(False)
        self.new_profile.reset(self.workspace.settings.language, can_cancel)
        self.stack.setCurrentWidget(self.new_profile)

    @property
    def learner(self):
        """The unlocked profile (None while locked)."""
        return self.session.learner

    @property
    def display_name(self) -> str:
        return self.session.display_name

    def _lang(self) -> str:
        return self.lesson_lang

    def _unlock(self, profile_id: str, passphrase: str) -> None:
        name = self.unlock.profile.currentText()
        self.session.unlock(profile_id, passphrase, name, self.fail_unlock)
        self._build_soon()

    def fail_unlock(self, error: BaseException) -> None:
        self.unlock.show_error(self.messages.error(error))

    def _create_profile(self, name: str, passphrase: str, placement: bool) -> None:
        self.session.create(
            name,
            passphrase,
            placement,
            lambda error: self.new_profile.show_error(self.messages.error(error)),
        )
        self._build_soon()

    def _build_soon(self) -> None:
        # After the form's "Unlocking…" has been painted, not before.
        if not self._built:
            QTimer.singleShot(20, self._build_later)

    def _unlocked(self, then_placement: bool) -> None:
        self.side.setVisible(True)
        self.sync.start(self.learner, self.workspace.library, self.workspace.folder)
        suspended, self.suspended = self.suspended, None
        if suspended is not None and suspended[0] != self.session.profile_id:
            suspended = None  # another profile's run is not this one's to see

        def then() -> None:
            if suspended is not None:
                self.quizzes.resume(suspended[1])
            elif then_placement:
                self.start_placement()
            else:
                # A review session a lock interrupted is taken up where it was.
                self.reviews.resume(lambda: self.show_screen("home"))

        self.packs.ensure_installed(then)

    def lock(self) -> None:
        self.session.lock()

    def _locking(self) -> None:
        """A run on the quiz screen is taken up again after the next unlock."""
        self.lessons.suspend()
        launch = self.quiz.suspend()
        if self.stack.currentWidget() is not self.quiz:
            launch = None
        self.suspended = (self.session.profile_id, launch) if launch is not None else None

    def _locked(self) -> None:
        self.sync.stop()
        self.quiz.stop()
        self.reviews.forget()
        self.show_unlock()

    def _reset_idle(self) -> None:
        self.session.reset_idle()

    # --- packs ------------------------------------------------------------------------

    def import_pack(self, path: Path | None = None) -> None:
        if path is None:
            self.packs.choose_and_import(self.show_library)
        else:
            self.packs.import_pack(path, self.show_library)

    def dragEnterEvent(self, event) -> None:
        urls = event.mimeData().urls()
        if self.learner and urls and urls[0].toLocalFile().endswith(".hvpack"):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        for url in event.mimeData().urls():
            if url.toLocalFile().endswith(".hvpack"):
                self.import_pack(Path(url.toLocalFile()))
                break

    # --- navigation -------------------------------------------------------------------

    def _nav(self, entry: QListWidgetItem) -> None:
        key = entry.data(Qt.ItemDataRole.UserRole)
        if key == "import":
            self.import_pack()
        elif key == "lock":
            self.lock()
        else:
            self.show_screen(key)

    def show_screen(self, key: str) -> None:
        if self.learner is None:
            return
        self.quiz.stop()
        for n in range(self.nav.count()):
            if self.nav.item(n).data(Qt.ItemDataRole.UserRole) == key:
                self.nav.setCurrentRow(n)
        if key == "home":
            self.stack.setCurrentWidget(self.home)
            self.refresh_home()
        elif key == "library":
            self.show_library()
        elif key == "search":
            self.stack.setCurrentWidget(self.search)
            self.search.field.setFocus()
        elif key == "certificates":
            self.stack.setCurrentWidget(self.certificates)
            learner = self.learner
            self.tasks.db(learner.certificates, self.certificates.show_certificates, self.fail)
        elif key == "settings":
            self.settings.show_settings(self.workspace.settings)
            self.stack.setCurrentWidget(self.settings)
            self.sync.refresh()
            workspace = self.workspace
            self.tasks.background(
                lambda: _about_facts(workspace), self.settings.show_about, self.fail
            )

    def refresh_home(self) -> None:
        from desktop.home_data import home_data

        learner, catalog, lang = self.learner, self.workspace.catalog, self.lesson_lang
        name = self.display_name
        self.tasks.db(
            lambda: home_data(learner, name, catalog, lang), self.home.show_data, self.fail
        )

    def show_library(self) -> None:
        self.stack.setCurrentWidget(self.library)
        learner, catalog, lang = self.learner, self.workspace.catalog, self.lesson_lang
        if learner is None:
            return
        from desktop.home_data import exam_lines

        self.tasks.db(
            lambda: (learner.progress(catalog.course_map()), exam_lines(learner, catalog)),
            lambda found: self.library.show_data(catalog, found[0], lang, found[1]),
            self.fail,
        )

    # --- lessons ----------------------------------------------------------------------

    @property
    def lesson_ref(self) -> LessonRef | None:
        """The lesson shown last."""
        return self.lessons.ref

    def _continue(self) -> None:
        data = self.home._data
        if data is not None and data.continue_ref is not None:
            self.open_lesson(data.continue_ref)

    def open_lesson(self, ref: LessonRef, lang: str | None = None) -> None:
        self.lessons.open(ref, lang)

    def _lesson_language(self, lang: str) -> None:
        self.lesson_lang = lang

    def _font_size(self, size: int) -> None:
        self.workspace.settings.font_size = size
        self.workspace.save_settings()
        self.lesson.set_font_size(size)

    def _idle_minutes(self, minutes: int) -> None:
        self.workspace.settings.idle_lock_minutes = minutes
        self.workspace.save_settings()
        self._reset_idle()

    def _high_contrast(self, on: bool) -> None:
        from desktop.theme import apply_theme

        self.workspace.settings.high_contrast = on
        self.workspace.save_settings()
        apply_theme(QApplication.instance(), on)

    def _server(self, url: str) -> None:
        self.workspace.settings.server_url = url
        self.workspace.save_settings()

    def _synced_content(self, packs_installed: bool) -> None:
        """After a sync: new packs join the library and search; results, certificates and
        assignments arrived. The screen shown refreshes from the change signal."""
        change = Change.PROGRESS | Change.EXAMS | Change.CERTIFICATES | Change.REVIEW
        if packs_installed:
            self.tasks.background(
                self.workspace.reindex,
                lambda _n: self.changes.emit(change | Change.PACKS),
                self.fail,
            )
        else:
            self.changes.emit(change)

    # --- quizzes ----------------------------------------------------------------------

    def start_module_quiz(self, pack_id: str, module_id: str) -> None:
        self.quizzes.module_quiz(pack_id, module_id)

    def start_exam(self, pack_id: str) -> None:
        self.quizzes.exam(pack_id)

    def start_placement(self) -> None:
        if not self.quizzes.placement():
            self.show_screen("home")

    def start_review(self) -> None:
        self.reviews.start()

    def _quiz_closed(self, _finished: bool) -> None:
        """Back where the run was asked for: Home for the placement test and review."""
        launch = self.quiz.launch
        self.quiz.stop()
        if launch is not None and launch.kind in ("placement", "review"):
            self.show_screen("home")
        else:
            self.show_screen("library")

    def _changed(self, change: Change) -> None:
        """Refresh the screen shown from what an operation changed."""
        if self.learner is None:
            return
        current = self.stack.currentWidget()
        if current is self.home:
            self.refresh_home()
        elif current is self.library and change & (Change.PACKS | Change.PROGRESS | Change.EXAMS):
            self.show_library()
        elif current is self.certificates and change & Change.CERTIFICATES:
            self.show_screen("certificates")

    # --- search and certificates ------------------------------------------------------

    def _search(self, query: str) -> None:
        index, catalog, lang = self.workspace.search, self.workspace.catalog, self.lesson_lang
        self.tasks.background(
            lambda: index.search(query),
            lambda hits: self.search.show_hits(hits, query, catalog, lang),
            self.fail,
        )

    # --- messages ---------------------------------------------------------------------

    def fail(self, error: BaseException) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Học Vụ Số"),
            self.messages.error(error),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("error-box")
        box.open()
        self.last_message = box.text()

    def information(self, text: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Học Vụ Số"),
            text,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.open()
        self.last_message = text

    def closeEvent(self, event) -> None:
        self.quiz.stop()
        self.sync.stop()
        self.tasks.shutdown()
        self.session.close()
        self.workspace.close()
        super().closeEvent(event)


def _warm_up() -> None:
    """Import what the screens after unlock need, off the UI thread."""
    import importlib

    for name in (
        "content.library",
        "desktop.catalog",
        "desktop.home_data",
        "desktop.quiz_run",
        "desktop.search",
        "sync.client",
        "sync.engine",
    ):
        importlib.import_module(name)
    from content.render import render_markdown

    # Markdown loads its extensions (and Pygments' lexers, ~50 ms) on first use: not
    # when the learner opens the first lesson.
    render_markdown("", ())


def _about_facts(workspace: Workspace):
    from desktop.about import about_facts

    return about_facts(workspace)


def _passphrase_hint(text: str):
    from desktop.store import passphrase_hint

    return passphrase_hint(text)
