"""What can go wrong with the learner store, as exceptions a user can act on.

The UI translates by exception type; the English message is for logs, tests and
the command line. Each class says what happened and what to do next.

    StoreError
    ├── WrongPassphrase      the passphrase does not open this profile
    ├── WeakPassphrase       a new passphrase is refused (too short)
    ├── ProfileNotFound      no profile with this id in the store
    ├── ProfileLocked        the unlocked profile was locked; unlock again
    ├── ForeignFile          the file is not a Học Vụ Số learner store
    ├── StoreTooNew          written by a newer app; update the app
    ├── StatementRefused     a statement the store will not record (wrong actor, malformed)
    ├── NotFound             a certificate or statement that is not there
    └── StoreDamaged         the file is a store but part of it is damaged
        ├── ProfileDamaged   one profile's key record fails its check
        └── IntegrityError   one encrypted row fails authentication (altered or moved)
"""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Base class of every error the learner store raises on purpose."""


class WrongPassphrase(StoreError):
    def __init__(self, display_name: str) -> None:
        self.display_name = display_name
        super().__init__(
            f"The passphrase does not open the profile {display_name!r}. Check the keyboard "
            "layout and Caps Lock, then try again."
        )


class WeakPassphrase(StoreError):
    def __init__(self, minimum_length: int) -> None:
        self.minimum_length = minimum_length
        super().__init__(
            f"The passphrase is too short: use at least {minimum_length} characters. A few "
            "unrelated words are easy to remember and hard to guess."
        )


class ProfileNotFound(StoreError):
    def __init__(self, profile_id: str) -> None:
        self.profile_id = profile_id
        super().__init__(
            f"There is no profile {profile_id} on this computer; it may have been deleted. "
            "Choose a profile from the list."
        )


class ProfileLocked(StoreError):
    def __init__(self, display_name: str) -> None:
        self.display_name = display_name
        super().__init__(
            f"The profile {display_name!r} is locked. Unlock it again with its passphrase."
        )


class ForeignFile(StoreError):
    def __init__(self, path: Path | str, detail: str) -> None:
        self.path = Path(path)
        self.detail = detail
        super().__init__(
            f"{self.path} is not a Học Vụ Số learner store ({detail}). Move it away or choose "
            "another file; the app will then create a new, empty store."
        )


class StoreTooNew(StoreError):
    def __init__(self, path: Path | str, found: int, known: int) -> None:
        self.path = Path(path)
        self.found = found
        self.known = known
        super().__init__(
            f"{self.path} was written by a newer version of Học Vụ Số (schema {found}; this "
            f"version knows up to {known}). Update the app to open it; nothing was changed."
        )


class StatementRefused(StoreError):
    def __init__(self, statement_id: object, detail: str) -> None:
        self.statement_id = statement_id
        self.detail = detail
        super().__init__(f"Statement {statement_id} was not recorded: {detail}.")


class NotFound(StoreError):
    """A certificate or statement asked for by id is not in this profile."""


class StoreDamaged(StoreError):
    def __init__(self, path: Path | str, detail: str) -> None:
        self.path = Path(path)
        self.detail = detail
        super().__init__(
            f"The learner store {self.path} is damaged ({detail}). Restore it from a backup; "
            "statements already synced can be pulled again from the server."
        )


class ProfileDamaged(StoreDamaged):
    def __init__(self, path: Path | str, display_name: str) -> None:
        self.display_name = display_name
        super().__init__(
            path,
            f"the key record of the profile {display_name!r} does not match its check, so no "
            "passphrase can open it",
        )


class IntegrityError(StoreDamaged):
    """An encrypted row failed authentication: it was altered, or copied from another row
    or profile. The row's content is never returned."""

    def __init__(self, path: Path | str, table: str, row_id: str) -> None:
        self.table = table
        self.row_id = row_id
        super().__init__(
            path,
            f"the encrypted {table} row {row_id} failed its integrity check: it was altered or "
            "copied from elsewhere, so it is not shown",
        )
