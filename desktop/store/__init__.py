"""The encrypted learner store (DESIGN sections 4 and 5); progress is derived by the
rule the server applies too (`sync.progress`).

Plain Python, no Qt: the app calls it from its database worker thread.

    from desktop.store import Store, CourseMap, PackMap, ModuleMap, ExamMap

    store = Store.open(data_dir / STORE_FILE_NAME)    # ForeignFile, StoreDamaged, StoreTooNew
    store.profiles()                                  # [ProfileInfo(profile_id, display_name)]
    passphrase_hint(text)                             # PassphraseHint(strength, advice, bits)
    learner = store.create_profile(name, passphrase)  # WeakPassphrase
    learner = store.unlock(profile_id, passphrase)    # WrongPassphrase, ProfileDamaged
    store.change_passphrase(profile_id, old, new)
    store.delete_profile(profile_id, passphrase)

    learner.lesson_opened(pack_id, pack_version, slug)
    learner.lesson_completed(pack_id, pack_version, slug, duration_s)
    registration = learner.attempt_started(pack_id, pack_version, quiz_slug, kind="exam",
                                           form=form.to_json())
    learner.item_answered(pack_id, pack_version, quiz_slug, item_id, response, score,
                          success, registration, duration_s)   # score None: sealed item
    learner.quiz_finished(pack_id, pack_version, quiz_slug, score, passed, registration,
                          duration_s, kind="quiz")              # quiz or placement
    learner.exam_submitted(pack_id, pack_version, exam_slug, registration, duration_s)
    learner.record(statement)                            # any sync.xapi statement

    learner.pending(limit) / mark_synced(ids) / insert_pulled(statements)   # sync client
    learner.progress(course_map)     # Progress: lessons, modules, areas, levels,
                                     #   placement, continue_at
    learner.review_queue(now)        # [ReviewItem] due, soonest first (FSRS)
    learner.open_attempts()          # [OpenAttempt] to resume after a restart (with form)
    learner.previous_items(pack_id, kind, quiz_slug)   # items a new draw takes last
    learner.exam_standing(pack_id, exam_slug)  # ExamStanding: submissions, server results
    learner.certificates() / attach_signed_certificate(statement_id, signed)
    learner.lock()

Errors are `errors.StoreError` subclasses with messages a user can act on.
"""

from sync.progress import (
    AreaProgress,
    ContinuePoint,
    CourseMap,
    ExamMap,
    LessonProgress,
    LessonState,
    LevelProgress,
    ModuleMap,
    ModuleProgress,
    PackMap,
    PlacementResult,
    Progress,
)

from .certificates import Certificate, CertificateStatus
from .crypto import MINIMUM_KDF, KdfParams
from .engine import AnsweredItem, OpenAttempt
from .errors import (
    ForeignFile,
    IntegrityError,
    NotFound,
    ProfileDamaged,
    ProfileLocked,
    ProfileNotFound,
    StatementRefused,
    StoreDamaged,
    StoreError,
    StoreTooNew,
    WeakPassphrase,
    WrongPassphrase,
)
from .passphrase import PassphraseHint, Strength, passphrase_hint
from .profiles import STORE_FILE_NAME, ProfileInfo, Store
from .review import ReviewItem
from .unlocked import UnlockedProfile

__all__ = [
    "MINIMUM_KDF",
    "STORE_FILE_NAME",
    "AnsweredItem",
    "AreaProgress",
    "Certificate",
    "CertificateStatus",
    "ContinuePoint",
    "CourseMap",
    "ExamMap",
    "ForeignFile",
    "IntegrityError",
    "KdfParams",
    "LessonProgress",
    "LessonState",
    "LevelProgress",
    "ModuleMap",
    "ModuleProgress",
    "NotFound",
    "OpenAttempt",
    "PackMap",
    "PassphraseHint",
    "PlacementResult",
    "ProfileDamaged",
    "ProfileInfo",
    "ProfileLocked",
    "ProfileNotFound",
    "Progress",
    "ReviewItem",
    "StatementRefused",
    "Store",
    "StoreDamaged",
    "StoreError",
    "StoreTooNew",
    "Strength",
    "UnlockedProfile",
    "WeakPassphrase",
    "WrongPassphrase",
    "passphrase_hint",
]
