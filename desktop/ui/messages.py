"""What to tell the learner when something is refused or fails, in their language.

Errors from the plain-Python layers carry English messages for logs and the command
line; here each kind gets a sentence that says what is wrong and what to do.
"""

from __future__ import annotations

import errno
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
            return self.file_error(error)
        return self.tr("Something went wrong (%1). Nothing was lost; please try again.").replace(
            "%1", type(error).__name__
        )

    def file_error(self, error: OSError) -> str:
        """A disk or file failure in words, for the causes a learner can fix; the
        operating system's own text is in the system's language, not the app's."""
        texts = {
            errno.ENOSPC: self.tr(
                "The disk or USB stick is full. Free some space or choose another "
                "place, then try again. Nothing already saved was changed."
            ),
            errno.EROFS: self.tr(
                "This disk or USB stick is read-only (it may have a lock switch). "
                "Choose another place, then try again."
            ),
            errno.EACCES: self.tr(
                "Học Vụ Số may not write or read there. Choose a folder of your own, "
                "such as Documents, then try again."
            ),
            errno.ENOENT: self.tr(
                "The file or folder is no longer there (was a USB stick removed?). "
                "Check it, then try again."
            ),
        }
        texts[errno.EPERM] = texts[errno.EACCES]
        known = texts.get(error.errno or 0)
        if known:
            return known
        return self.tr(
            "The file could not be read or written (error %1). Check the disk and try again."
        ).replace("%1", str(error.errno) if error.errno else type(error).__name__)

    def sync_error(self, error: BaseException) -> str | None:
        """The learner's sentence for an error of sync (connecting, syncing, offline
        files), or None when `error` is not one."""
        # Sync's modules load requests; an error of theirs can only exist once they are
        # loaded, so look them up instead of importing them at start-up.
        engine = sys.modules.get("sync.engine")
        if engine is None or not isinstance(error, engine.SYNC_ERRORS):
            return None
        problem = engine.problem_of(error)
        return self.sync_problem(problem.kind, problem.values)

    def sync_problem(self, kind: str, values: dict[str, str] | None = None) -> str:
        """What a failed sync step or offline file means, and what to do, for each
        kind the engine reports (docs/server.md, "What a failed sync says"). The
        engine's English message never reaches the screen: it is for logs."""
        values = values or {}
        texts = {
            # Connecting
            "not_connected": self.tr(
                "Not connected to the ministry server yet: enter its address and your "
                "enrolment code above, then press Connect."
            ),
            "bad_address": self.tr(
                "This is not a server address. It starts with https://, as on the sheet "
                "from your administrator."
            ),
            "insecure_address": self.tr(
                "This address uses plain http, which anyone on the network could read "
                "or change. Use the https:// address your ministry gave you."
            ),
            "code_unknown": self.tr(
                "The server does not know this enrolment code. Check it letter by letter "
                "against the one from your administrator (it looks like ABCD-EFGH-JKMN)."
            ),
            "code_used": self.tr(
                "This enrolment code has already been used; each code works once. Ask "
                "your unit's administrator for a new one."
            ),
            "code_expired": self.tr(
                "This enrolment code has expired. Ask your unit's administrator for a new one."
            ),
            "too_many_attempts": self.tr(
                "Too many wrong enrolment codes were tried. Wait %1, check the code with "
                "your administrator, then try again."
            ).replace("%1", self._wait(values.get("retry_after_s"))),
            "profile_taken": self.tr(
                "This profile is already enrolled for another learner. Each learner needs "
                "their own profile: create yours on the unlock screen, then connect it."
            ),
            # The network and the server
            "unreachable": self.tr(
                "The ministry server cannot be reached. Check the address and the "
                "network connection; nothing was lost, and sync will try again later."
            ),
            "tls": self.tr(
                "The connection to the server is not secure: its certificate could not "
                "be checked, so nothing was sent. Check the server address; on a ministry "
                "or embassy network, ask your IT officer."
            ),
            "tls_clock": self.tr(
                "The server's certificate is not valid at this computer's date and time, "
                "so the connection was stopped. Check that the date, time and time zone "
                "of this computer are right, then sync again. Nothing was lost."
            ),
            "bad_answer": self.tr(
                "The answer did not come from the ministry server. A hotel or public "
                "network may be asking you to sign in first: open a web browser, sign in, "
                "then sync again."
            ),
            "busy": self.tr(
                "The ministry server is busy. Nothing was lost; sync will try again in a "
                "few minutes."
            ),
            "server_error": self.tr(
                "The ministry server has a fault (error %1). Nothing was lost; sync will "
                "try again later. If this lasts more than a day, tell your administrator."
            ),
            "refused": self.tr(
                "The server refused the request (error %1). Nothing was lost. If this "
                "keeps happening, tell your administrator."
            ),
            # This computer's enrolment
            "revoked": self.tr(
                "This laptop was disconnected by the ministry: an administrator withdrew "
                "its access. Your results on it are kept. Ask your unit's administrator for "
                "a new enrolment code, then press Connect again."
            ),
            "not_enrolled": self.tr(
                "The server no longer knows this computer. Your results on it are kept. "
                "Ask your unit's administrator for a new enrolment code, then press "
                "Connect again."
            ),
            # Results, certificates and packs
            "stored_none": self.tr(
                "The server did not store the results sent. Nothing was lost; sync will "
                "try again later."
            ),
            "foreign_statements": self.tr(
                "The server refused results recorded under another learner's profile; "
                "none were stored, and nothing was lost here. Tell your administrator."
            ),
            "certificate_refused": self.tr(
                "A certificate from the server did not verify and was not kept. Your "
                "results are safe; tell your administrator."
            ),
            "certificate_unmatched": self.tr(
                "A certificate from the server belongs to an exam this computer has not "
                "received yet; it is attached at a later sync."
            ),
            "pack_not_assigned": self.tr(
                "A content pack is no longer assigned to your unit, so it was not "
                "downloaded. Nothing else is affected."
            ),
            "download_cut": self.tr(
                "The download of a content pack was interrupted. It resumes where it "
                "stopped at the next sync."
            ),
            "download_damaged": self.tr(
                "A downloaded content pack arrived damaged; it was discarded and is "
                "downloaded again at the next sync."
            ),
            # This computer
            "disk_full": self.tr(
                "The disk of this computer is full, so sync could not save what it "
                "received. Free some space, then sync again. Nothing was lost."
            ),
            "disk": self.tr(
                "A file could not be read or written during sync. Check the disk, then "
                "sync again. Nothing was lost."
            ),
            # Offline files
            "keys_needed": self.tr(
                "First open the server key file your administrator gave you (or connect "
                "once): the file for the ministry is encrypted with it."
            ),
            "needs_code": self.tr(
                "This computer is not enrolled yet: enter the enrolment code from your "
                "administrator, then save the file again."
            ),
            "server_keys": self.tr(
                "This is not the server key file from your administrator, or it is "
                "damaged. Ask for a fresh copy."
            ),
            "statements_bundle": self.tr(
                "This is a file of your results for the ministry, not a file from the "
                "ministry. Open the file your administrator sent back."
            ),
            "not_bundle": self.tr(
                "This is not a file from the ministry server, or it is damaged or "
                "incomplete. Nothing was changed. Ask your administrator for a fresh copy."
            ),
            "altered": self.tr(
                "This file was changed after the ministry server made it, so it was "
                "refused. Nothing was changed. Ask your administrator for a fresh copy."
            ),
            "other_server": self.tr(
                "This file comes from another server than the one this profile uses. "
                "Nothing was changed. Ask your administrator for the file from your "
                "ministry's server."
            ),
            "other_learner": self.tr(
                "This file is for another learner. Nothing was changed. Ask your "
                "administrator for the file made for you."
            ),
            "unknown_format": self.tr(
                "This file was made for a newer version of Học Vụ Số. Install the newer "
                "version, then open it again. Nothing was changed."
            ),
            "unreadable": self.tr(
                "This file could not be read. Check the disk or USB stick, then try again."
            ),
        }
        texts["damaged"] = texts["not_bundle"]
        if kind == "pack_refused":
            try:
                reason = self.pack_reasons()[Rule(values.get("rule", ""))]
            except (ValueError, KeyError):
                reason = self.tr("it did not pass the checks")
            return self.tr(
                "A content pack from the server was refused: %1. Your library was not "
                "changed. Tell your administrator."
            ).replace("%1", reason)
        text = texts.get(kind)
        if text is None:
            return self.tr("Sync could not finish. Nothing was lost; it will try again later.")
        return text.replace("%1", values.get("status", "?"))

    def _wait(self, seconds: str | None) -> str:
        """How long the server asks to wait (its `retry_after_s`), in minutes; a quarter
        of an hour when an older server does not say."""
        try:
            minutes = max(1, round(int(seconds or 900) / 60))
        except ValueError:
            minutes = 15
        return self.tr("%n minute(s)", "", minutes)

    def clock_offset(self, seconds: float) -> str:
        """Sync found this computer's clock far from the server's."""
        minutes = round(abs(seconds) / 60)
        if minutes < 120:
            amount = self.tr("%n minute(s)", "", minutes)
        elif minutes < 48 * 60:
            amount = self.tr("%n hour(s)", "", round(minutes / 60))
        else:
            amount = self.tr("%n day(s)", "", round(minutes / 1440))
        return self.tr(
            "This computer's clock is %1 off the ministry server's. Set the right date, "
            "time and time zone in the system settings: your results are dated by this clock."
        ).replace("%1", amount)

    def pack_refused(self, error: PackRefused) -> str:
        return (
            self.tr(
                "The pack was refused: %1 (%2). Your library was not changed. "
                "Ask the sender for a fresh copy of the pack."
            )
            .replace("%1", self.pack_reasons().get(error.rule, error.rule.value))
            .replace("%2", error.path)
        )

    def pack_reasons(self) -> dict[Rule, str]:
        return {
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
