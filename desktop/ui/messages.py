"""What to tell the learner when something is refused or fails, in their language.

Errors from the plain-Python layers carry English messages for logs and the command
line; here each kind gets a sentence that says what is wrong and what to do.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject

from content.errors import PackRefused, Rule


class Messages(QObject):
    def error(self, error: BaseException) -> str:
        from desktop import store  # loaded by then: errors come from the store's calls

        if isinstance(error, store.WrongPassphrase):
            return self.tr(
                "Wrong passphrase. Check Caps Lock and the keyboard layout, then try again."
            )
        if isinstance(error, store.ProfileDamaged):
            return self.tr(
                "This profile's record on this computer is damaged, so it cannot "
                "be unlocked. Your synced results are safe on the ministry server; "
                "ask your IT officer to restore the profile."
            )
        if isinstance(error, store.ForeignFile | store.StoreDamaged):
            return self.tr(
                "The learner data file is damaged or is not a Học Vụ Số file. "
                "Nothing was changed. Ask your IT officer for help."
            )
        if isinstance(error, store.StoreTooNew):
            return self.tr(
                "Your data was saved by a newer version of Học Vụ Số. "
                "Install the newer version to open it."
            )
        if isinstance(error, store.WeakPassphrase):
            return self.tr(
                "This passphrase is too short or too common. Use at least 8 "
                "characters; four random words are best."
            )
        if isinstance(error, PackRefused):
            return self.pack_refused(error)
        sync_message = self.sync_error(error)
        if sync_message:
            return sync_message
        if isinstance(error, OSError):
            return self.tr(
                "The file could not be read or written (%1). Check the disk and try again."
            ).replace("%1", error.strerror or type(error).__name__)
        return self.tr("Something went wrong (%1). Nothing was lost; please try again.").replace(
            "%1", type(error).__name__
        )

    def sync_error(self, error: BaseException) -> str | None:
        # Sync's modules load requests; an error of theirs can only exist once they are
        # loaded, so look them up instead of importing them at start-up.
        client = sys.modules.get("sync.client")
        bundle = sys.modules.get("sync.bundle")
        server_keys = sys.modules.get("sync.server_keys")
        if client is not None:
            if isinstance(error, client.InsecureServerAddress):
                return self.tr(
                    "This address uses plain http, which anyone on the network could read "
                    "or change. Use the https:// address your ministry gave you."
                )
            if isinstance(error, client.ServerUnreachable):
                return self.tr(
                    "The ministry server cannot be reached. Check the address and the "
                    "network connection; nothing was lost, and sync will try again later."
                )
            if isinstance(error, client.NotEnrolled):
                return self.tr(
                    "The server no longer accepts this computer. Ask your administrator "
                    "for a new enrolment code and connect again in Settings."
                )
            if isinstance(error, client.ServerRefused):
                return self.tr(
                    "The server refused the request (%1). If you were connecting, check "
                    "the enrolment code: each code works once and expires; your "
                    "administrator can give you a new one."
                ).replace("%1", error.detail)
            if isinstance(error, client.SyncError):
                return self.tr("Sync could not finish (%1). Nothing was lost.").replace(
                    "%1", str(error)
                )
        if (bundle is not None and isinstance(error, bundle.BundleRefused)) or (
            server_keys is not None and isinstance(error, server_keys.ServerKeyError)
        ):
            return self.tr(
                "This file was refused (%1). Nothing was changed. Ask your administrator "
                "for a fresh copy."
            ).replace("%1", str(error))
        return None

    def pack_refused(self, error: PackRefused) -> str:
        reasons = {
            Rule.NOT_A_ZIP: self.tr("it is not a content pack, or it is damaged or incomplete"),
            Rule.PATH_TRAVERSAL: self.tr("a file name in it tries to escape the pack"),
            Rule.SYMLINK: self.tr("it contains a link instead of a file"),
            Rule.DUPLICATE_NAME: self.tr("a file appears twice in it"),
            Rule.CASE_COLLISION: self.tr("two file names differ only in letter case"),
            Rule.TOO_MANY_ENTRIES: self.tr("it holds far too many files"),
            Rule.ENTRY_TOO_LARGE: self.tr("a file in it is far too large"),
            Rule.COMPRESSION_RATIO: self.tr("a file in it would unpack to a huge size"),
            Rule.UNLISTED_FILE: self.tr("it holds a file that its signed list does not mention"),
            Rule.MISSING_FILE: self.tr("a file of its signed list is missing"),
            Rule.SIZE_MISMATCH: self.tr("a file was changed after the pack was signed"),
            Rule.HASH_MISMATCH: self.tr("a file was changed after the pack was signed"),
            Rule.BAD_SIGNATURE: self.tr("its signature does not match its content"),
            Rule.UNTRUSTED_TRUST_LIST: self.tr("it is not signed under the ministry's keys"),
            Rule.TRUST_LIST_EXPIRED: self.tr(
                "its list of trusted keys has expired; sync or get a newer pack"
            ),
            Rule.UNKNOWN_KEY: self.tr("it is signed by a key the ministry does not list"),
            Rule.KEY_NOT_VALID: self.tr("its signing key was not valid when it was made"),
            Rule.KEY_REVOKED: self.tr("its signing key has been revoked"),
            Rule.ID_OUTSIDE_PREFIXES: self.tr("its signer may not publish this kind of pack"),
            Rule.VERSION_NOT_NEWER: self.tr("the same or a newer version is already installed"),
            Rule.UNKNOWN_FORMAT: self.tr("it was made for a newer version of the app"),
            Rule.MALFORMED: self.tr("a file in it is malformed"),
            Rule.UNSAFE_MEDIA: self.tr("an image in it is not a safe picture"),
            Rule.APP_TOO_OLD: self.tr("it needs a newer version of the app"),
        }
        return (
            self.tr(
                "The pack was refused: %1 (%2). Your library was not changed. "
                "Ask the sender for a fresh copy of the pack."
            )
            .replace("%1", reasons.get(error.rule, error.rule.value))
            .replace("%2", error.path)
        )
