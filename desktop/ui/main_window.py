"""The main window: navigation, and the wiring between screens and services.

Screens only show things and emit signals; this window turns those signals into
service calls run by `Tasks` (store access on its serial worker, the rest on the
pool) and shows the results. No store or library call runs on the UI thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, qVersion
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from content.forms import lesson_practice, new_seed
from content.localised import pick
from desktop.catalog import LessonRef
from desktop.tasks import Tasks
from desktop.ui.certificates import CertificatesScreen
from desktop.ui.home import HomeScreen
from desktop.ui.lesson import LessonScreen
from desktop.ui.library import LibraryScreen
from desktop.ui.messages import Messages
from desktop.ui.names import Names
from desktop.ui.practice import PracticeDialog
from desktop.ui.quiz import QuizScreen
from desktop.ui.search import SearchScreen
from desktop.ui.settings import SettingsScreen
from desktop.ui.sync_controller import SyncController
from desktop.ui.sync_panel import SyncStatusLine
from desktop.ui.unlock import NewProfileScreen, UnlockScreen
from desktop.ui.widgets import ask_to_confirm
from desktop.workspace import Workspace
from hocvu import APP_VERSION, PACK_FORMAT

NAV = ("home", "library", "search", "certificates", "import", "settings", "lock")


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, languages) -> None:
        super().__init__()
        self.workspace = workspace
        self.languages = languages
        self.tasks = Tasks()
        self.messages = Messages()
        self.names = Names()
        self.learner = None
        self.display_name = ""
        self.lesson_ref: LessonRef | None = None
        self._practised: dict[LessonRef, str] = {}
        self.lesson_started = 0.0
        self.lesson_lang = workspace.settings.language
        self.exam_box: QMessageBox | None = None
        self.setAcceptDrops(True)
        self.resize(1280, 760)
        self._painted = False
        self._after_paint: list[Callable[[], None]] = []

        self.unlock = UnlockScreen()
        self.new_profile = NewProfileScreen(_passphrase_hint)
        self.home = HomeScreen()
        self.library = LibraryScreen()
        self.lesson = LessonScreen()
        self.quiz = QuizScreen(lambda work, done=None: self.tasks.db(work, done, self.fail))
        self.search = SearchScreen()
        self.certificates = CertificatesScreen()
        self.settings = SettingsScreen()
        self.stack = QStackedWidget()
        for screen in (
            self.unlock,
            self.new_profile,
            self.home,
            self.library,
            self.lesson,
            self.quiz,
            self.search,
            self.certificates,
            self.settings,
        ):
            self.stack.addWidget(screen)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(210)
        for key in NAV:
            entry = QListWidgetItem()
            entry.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(entry)
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
        self.home.continue_requested.connect(self._continue)
        self.home.placement_requested.connect(self.start_placement)
        self.home.review_requested.connect(self.start_review)
        self.library.lesson_requested.connect(lambda p, m, s: self.open_lesson(LessonRef(p, m, s)))
        self.library.quiz_requested.connect(self.start_module_quiz)
        self.library.exam_requested.connect(self.start_exam)
        self.lesson.done_requested.connect(self._lesson_done)
        self.lesson.previous_requested.connect(lambda: self._step_lesson(-1))
        self.lesson.next_requested.connect(lambda: self._step_lesson(+1))
        self.lesson.language_changed.connect(self._lesson_language)
        self.lesson.font_size_changed.connect(self._font_size)
        self.lesson.practice_requested.connect(self._lesson_practice)
        self.quiz.closed.connect(lambda _finished: self.show_library())
        self.search.query_changed.connect(self._search)
        self.search.lesson_requested.connect(self._open_found)
        self.certificates.export_requested.connect(self._export_certificate)
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

        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(self.lock)
        QApplication.instance().installEventFilter(self)
        QShortcut(QKeySequence("Ctrl+L"), self, activated=self.lock)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=lambda: self.show_screen("search"))
        self.lesson.set_font_size(workspace.settings.font_size)
        self.retranslate()
        self.show_unlock()

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

    def _unlock(self, profile_id: str, passphrase: str) -> None:
        name = self.unlock.profile.currentText()
        self.tasks.db(
            lambda: self.workspace.store.unlock(profile_id, passphrase),
            lambda learner: self._unlocked(learner, name),
            self.fail_unlock,
        )

    def fail_unlock(self, error: BaseException) -> None:
        self.unlock.show_error(self.messages.error(error))

    def _create_profile(self, name: str, passphrase: str, placement: bool) -> None:
        def created(learner) -> None:
            self._unlocked(learner, name, then_placement=placement)

        self.tasks.db(
            lambda: self.workspace.store.create_profile(name, passphrase),
            created,
            lambda error: self.new_profile.show_error(self.messages.error(error)),
        )

    def _unlocked(self, learner, name: str, then_placement: bool = False) -> None:
        self.learner = learner
        self.display_name = name
        self.side.setVisible(True)
        self._reset_idle()
        self.sync.start(learner, self.workspace.library, self.workspace.folder)
        self._ensure_packs(
            lambda: self.start_placement() if then_placement else self.show_screen("home")
        )

    def lock(self) -> None:
        if self.learner is None:
            return
        learner, self.learner = self.learner, None
        self.sync.stop()
        self.quiz.stop()
        self.tasks.db(learner.lock)
        self.show_unlock()

    # --- idle lock --------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type()
            in (
                QEvent.Type.KeyPress,
                QEvent.Type.MouseButtonPress,
                QEvent.Type.MouseMove,
                QEvent.Type.Wheel,
            )
            and self.learner
        ):
            self._reset_idle()
        return False

    def _reset_idle(self) -> None:
        self.idle.start(self.workspace.settings.idle_lock_minutes * 60_000)

    # --- packs ------------------------------------------------------------------------

    def _ensure_packs(self, then) -> None:
        """Install the bundled starter packs if needed and index the lessons, off the UI."""
        dialog = self._progress(self.tr("Preparing the lessons…"))

        def work():
            self.workspace.install_bundled(
                lambda done, total: self.tasks.on_ui(
                    lambda: dialog.setValue(int(done * 100 / max(total, 1)))
                )
            )
            self.workspace.reindex()
            return self.workspace.catalog

        def done(_catalog) -> None:
            dialog.close()
            then()

        def failed(error: BaseException) -> None:
            dialog.close()
            self.fail(error)
            then()

        self.tasks.background(work, done, failed)

    def _progress(self, text: str) -> QProgressDialog:
        dialog = QProgressDialog(text, "", 0, 100, self)
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(500)  # only for work that takes a noticeable time
        dialog.setAutoClose(False)
        return dialog

    def import_pack(self, path: Path | None = None) -> None:
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self,
                self.tr("Import a content pack"),
                str(Path.home()),
                self.tr("Content packs (*.hvpack)"),
            )
            if not chosen:
                return
            path = Path(chosen)
        dialog = self._progress(self.tr("Checking and installing %1…").replace("%1", path.name))

        def work():
            installed = self.workspace.import_pack(
                path,
                lambda done, total: self.tasks.on_ui(
                    lambda: dialog.setValue(int(done * 100 / max(total, 1)))
                ),
            )
            self.workspace.reindex()
            return installed

        def done(installed) -> None:
            dialog.close()
            self.information(
                self.tr("Installed “%1”, version %2.")
                .replace("%1", pick(installed.manifest["title"], self.lesson_lang))
                .replace("%2", str(installed.version))
            )
            self.show_library()

        def failed(error: BaseException) -> None:
            dialog.close()
            self.fail(error)

        self.tasks.background(work, done, failed)

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
            self.tasks.background(self._about_facts, self.settings.show_about, self.fail)

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

    def _about_facts(self) -> dict:
        listed = self.workspace.library.trust()
        now = datetime.now(UTC)
        from desktop.store.migrations import CURRENT_VERSION

        facts = {
            "app": APP_VERSION,
            "format": PACK_FORMAT,
            "schema": CURRENT_VERSION,
            "qt": qVersion(),
            "packs": len(self.workspace.library.installed()),
            "data_dir": str(self.workspace.folder),
            "development_root": any("DEVELOPMENT" in p.name for p in _root_files()),
        }
        if listed is not None:
            facts.update(
                trust_version=listed.version,
                trust_issued=listed.issued.date().isoformat(),
                trust_age_days=(now - listed.issued).days,
                trust_expires=listed.expires.date().isoformat(),
            )
        return facts

    # --- lessons ----------------------------------------------------------------------

    def _continue(self) -> None:
        data = self.home._data
        if data is not None and data.continue_ref is not None:
            self.open_lesson(data.continue_ref)

    def _open_found(self, pack_id: str, slug: str) -> None:
        module = self.workspace.catalog.find_module_of(pack_id, slug)
        if module is not None:
            self.open_lesson(LessonRef(pack_id, module.module_id, slug))

    def open_lesson(self, ref: LessonRef, lang: str | None = None) -> None:
        learner = self.learner
        catalog = self.workspace.catalog
        pack = catalog.packs.get(ref.pack_id)
        if learner is None or pack is None:
            return
        lang = lang or self.lesson_lang
        rendered = pack.lesson(ref.slug, lang)
        shown_lang = (
            lang if lang in pack.lesson_languages(ref.slug) else pack.lesson_languages(ref.slug)[0]
        )
        previous, following = catalog.neighbours(ref)
        module = catalog.module(ref.pack_id, ref.module_id)
        self.lesson_ref, self.lesson_started = ref, time.monotonic()
        self.lesson.show_lesson(
            pack.path,
            rendered,
            shown_lang,
            False,
            previous is not None,
            following is not None,
            module.quiz is not None,
            next_is_quiz=_leads_to_quiz(module, ref),
        )
        self.stack.setCurrentWidget(self.lesson)

        def state(progress) -> None:
            entry = progress.lessons.get((ref.pack_id, ref.slug))
            if entry is not None and entry.state.value == "done" and self.lesson_ref == ref:
                self.lesson.mark_done()

        self.tasks.db(lambda: learner.lesson_opened(pack.pack_id, pack.version, ref.slug))
        self.tasks.db(lambda: learner.progress(catalog.course_map()), state, self.fail)

    def _lesson_done(self) -> None:
        ref, learner = self.lesson_ref, self.learner
        pack = self.workspace.catalog.packs[ref.pack_id]
        spent = time.monotonic() - self.lesson_started
        self.lesson.mark_done()
        self.tasks.db(
            lambda: learner.lesson_completed(pack.pack_id, pack.version, ref.slug, spent),
            None,
            self.fail,
        )

    def _lesson_practice(self) -> None:
        """The question the lesson ends with (desktop/ui/practice.py): drawn afresh from
        the module quiz's pool each time, not the one shown last."""
        ref, catalog = self.lesson_ref, self.workspace.catalog
        slug = catalog.module(ref.pack_id, ref.module_id).quiz
        if slug is None:
            return
        quiz = catalog.quiz(ref.pack_id, slug)
        rendered = catalog.packs[ref.pack_id].lesson(ref.slug, self.lesson_lang)
        avoid = [self._practised[ref]] if ref in self._practised else []
        drawn = lesson_practice(quiz, rendered.meta.competences, new_seed(), avoid)
        if drawn is None:
            return
        self._practised[ref] = drawn.item_id
        item = next(i for i in quiz.items if i.id == drawn.item_id)
        PracticeDialog(item, drawn, self.lesson.language.currentData(), self).exec()

    def _step_lesson(self, step: int) -> None:
        ref, catalog = self.lesson_ref, self.workspace.catalog
        if step > 0 and _leads_to_quiz(catalog.module(ref.pack_id, ref.module_id), ref):
            self.start_module_quiz(ref.pack_id, ref.module_id)
            return
        previous, following = catalog.neighbours(ref)
        target = previous if step < 0 else following
        if target is not None:
            self.open_lesson(target)

    def _lesson_language(self, lang: str) -> None:
        self.lesson_lang = lang
        if self.lesson_ref is not None:
            self.open_lesson(self.lesson_ref, lang)

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
        """After a sync: new packs join the library and search; home shows assignments."""

        def shown() -> None:
            if self.learner is None:
                return
            current = self.stack.currentWidget()
            if current is self.home:
                self.refresh_home()
            elif current is self.library and packs_installed:
                self.show_library()

        if packs_installed:
            self.tasks.background(self.workspace.reindex, lambda _n: shown(), self.fail)
        else:
            shown()

    # --- quizzes ----------------------------------------------------------------------

    def _start_run(self, make, title: str) -> None:
        def started(run) -> None:
            self.stack.setCurrentWidget(self.quiz)
            self.quiz.start(run, title, self.lesson_lang)

        self.tasks.db(make, started, self.fail)

    def start_module_quiz(self, pack_id: str, module_id: str) -> None:
        from desktop.quiz_run import QuizRun

        catalog, learner = self.workspace.catalog, self.learner
        module = catalog.module(pack_id, module_id)
        pack = catalog.packs[pack_id]
        quiz = catalog.quiz(pack_id, module.quiz)
        self._start_run(
            lambda: QuizRun.start(learner, pack, [quiz], "quiz", practice=True),
            pick(module.title, self.lesson_lang),
        )

    def start_exam(self, pack_id: str) -> None:
        """Resume an open attempt; else say why a new one cannot start (cooldown, no
        attempts left), or ask first: a timed exam never starts on a stray double-click."""
        from desktop.quiz_run import QuizRun, exam_preflight

        catalog, learner = self.workspace.catalog, self.learner
        pack = catalog.packs[pack_id]
        exam = pack.manifest["exam"]
        quiz = catalog.quiz(pack_id, exam["quiz"])
        limit = exam.get("time_limit_minutes")
        extra = {"level": exam.get("level"), "time_limit_s": limit * 60 if limit else None}
        title = self.names.level(exam.get("level") or 0) + " — " + self.tr("Level exam")

        def start() -> None:
            self._start_run(
                lambda: QuizRun.start(learner, pack, [quiz], "exam", practice=False, **extra),
                title,
            )

        def checked(preflight) -> None:
            if preflight.resumable:
                self._start_run(
                    lambda: QuizRun.start_or_resume(learner, pack, [quiz], "exam", **extra),
                    title,
                )
            elif not preflight.gate.open:
                self.information(self.names.exam_gate(preflight.gate))
            else:
                self._confirm_exam(preflight, start)

        self.tasks.db(lambda: exam_preflight(learner, pack, quiz), checked, self.fail)

    def _confirm_exam(self, preflight, start) -> None:
        gate = preflight.gate
        text = self.tr("Start the level exam now?") + "\n\n"
        text += self.tr("%n question(s).", "", preflight.items)
        if preflight.time_limit_minutes:
            text += " " + self.tr(
                "Time limit: %n minute(s); the clock keeps running if you close the app.",
                "",
                preflight.time_limit_minutes,
            )
        text += "\n" + (
            self.tr("Attempts left at this version of the exam: %1 of %2.")
            .replace("%1", str(gate.attempts_left))
            .replace("%2", str(gate.attempts_allowed))
        )
        text += "\n\n" + self.tr(
            "The ministry grades the exam after you submit it; the result arrives with the "
            "next sync."
        )

        def closed() -> None:
            self.exam_box = None

        self.exam_box = ask_to_confirm(
            self,
            name="start-exam",
            icon=QMessageBox.Icon.Question,
            title=self.tr("Level exam"),
            text=text,
            act=self.tr("&Start the exam"),
            keep=self.tr("&Not now"),
            on_act=start,
            on_close=closed,
        )

    def start_placement(self) -> None:
        from desktop.quiz_run import QuizRun

        catalog, learner = self.workspace.catalog, self.learner
        pack = catalog.placement
        if pack is None or learner is None:
            self.show_screen("home")
            return
        quizzes = [
            catalog.quiz(pack.pack_id, slug) for slug in pack.manifest["placement"]["quizzes"]
        ]

        self._start_run(
            lambda: QuizRun.start_or_resume(learner, pack, quizzes, "placement"),
            self.tr("Placement test"),
        )

    def start_review(self) -> None:
        from desktop.quiz_run import QuizRun

        """Practise the due review items, grouped as one practice quiz per pack."""
        catalog, learner = self.workspace.catalog, self.learner

        def make() -> QuizRun:
            from content.quiz import Quiz
            from desktop.home_data import end_of_today

            due = learner.review_queue(end_of_today())
            if not due:
                raise LookupError("nothing to review")
            pack = catalog.packs[due[0].pack_id]
            by_quiz: dict[str, list] = {}
            for entry in due:
                if entry.pack_id == pack.pack_id:
                    quiz = catalog.quiz(pack.pack_id, entry.quiz_slug)
                    try:
                        item = quiz.item(entry.item_id)
                    except KeyError:
                        continue  # no longer in the installed pack
                    if item.sealed is None:  # a sealed item's key is the server's
                        by_quiz.setdefault(quiz.slug, []).append(item)
            if not by_quiz:
                raise LookupError("nothing to review")
            quizzes = [
                Quiz(
                    slug,
                    catalog.quiz(pack.pack_id, slug).title,
                    catalog.quiz(pack.pack_id, slug).pass_mark,
                    True,
                    tuple(items),
                )
                for slug, items in by_quiz.items()
            ]
            return QuizRun.start(learner, pack, quizzes, "quiz", practice=True, review=True)

        self._start_run(make, self.tr("Review"))

    # --- search and certificates ------------------------------------------------------

    def _search(self, query: str) -> None:
        index = self.workspace.search
        self.tasks.background(lambda: index.search(query), self.search.show_hits, self.fail)

    def _export_certificate(self, certificate) -> None:
        from desktop.certificate_pdf import write_certificate_pdf

        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export certificate"),
            str(Path.home() / f"hocvu-certificate-level{certificate.level}.pdf"),
            self.tr("PDF documents (*.pdf)"),
        )
        if not chosen:
            return
        texts = {
            "title": self.tr("Certificate of digital competence"),
            "name": self.display_name,
            "level": self.names.level(certificate.level or 0),
            "date": self.tr("Passed on %1").replace("%1", certificate.passed_at[:10]),
            "status": self.tr("Signed by the ministry server")
            if certificate.signed
            else self.tr("Provisional: not yet signed by the ministry server"),
            "note": self.tr(
                "The QR code holds this record; a signed record can be checked "
                "offline with the ministry's public key."
            ),
        }
        try:
            write_certificate_pdf(Path(chosen), certificate, texts)
        except OSError as error:
            self.fail(error)
            return
        self.information(self.tr("Saved %1.").replace("%1", chosen))

    # --- messages ---------------------------------------------------------------------

    def fail(self, error: BaseException) -> None:
        if isinstance(error, LookupError) and str(error) == "'nothing to review'":
            return
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
        QApplication.instance().removeEventFilter(self)
        self.quiz.stop()
        self.sync.stop()
        self.tasks.shutdown()
        if self.learner is not None:
            self.learner.lock()
        self.workspace.close()
        super().closeEvent(event)


def _leads_to_quiz(module, ref: LessonRef) -> bool:
    """Whether Next on this lesson opens its module's quiz: it is the module's last."""
    return module.quiz is not None and module.lessons[-1]["slug"] == ref.slug


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


def _passphrase_hint(text: str):
    from desktop.store import passphrase_hint

    return passphrase_hint(text)


def _root_files():
    from hocvu.paths import root_key_files

    return root_key_files()
