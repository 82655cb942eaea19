"""Why a pack, a source folder or a trust list was refused.

Every refusal names the file and the rule, so a trainer or an admin can act on it
without reading code: `PackRefused("lessons/../x.md", Rule.PATH_TRAVERSAL, "…")`.
"""

from __future__ import annotations

from enum import Enum


class Rule(Enum):
    """The refusal rules of DESIGN section 3, each with the sentence a user reads."""

    NOT_A_ZIP = "the file is not a readable ZIP archive"
    PATH_TRAVERSAL = "entry name escapes the pack (path traversal)"
    SYMLINK = "entry is a symbolic link"
    DUPLICATE_NAME = "entry name appears twice"
    CASE_COLLISION = "entry names differ only in letter case"
    TOO_MANY_ENTRIES = "too many entries"
    ENTRY_TOO_LARGE = "entry is too large"
    COMPRESSION_RATIO = "entry compresses suspiciously well (zip bomb)"
    UNLISTED_FILE = "entry is not listed in manifest.json"
    MISSING_FILE = "file listed in manifest.json is missing"
    SIZE_MISMATCH = "size differs from manifest.json"
    HASH_MISMATCH = "SHA-256 differs from manifest.json"
    BAD_SIGNATURE = "manifest signature does not verify"
    UNTRUSTED_TRUST_LIST = "trust list is not signed by a trusted root"
    TRUST_LIST_EXPIRED = "trust list has expired"
    UNKNOWN_KEY = "signing key is not in the trust list"
    KEY_NOT_VALID = "signing key was not valid when the pack was created"
    KEY_REVOKED = "signing key has been revoked"
    ID_OUTSIDE_PREFIXES = "pack id is outside the signing key's allowed prefixes"
    VERSION_NOT_NEWER = "pack version is not newer than the installed one"
    UNKNOWN_FORMAT = "unknown pack format"
    MALFORMED = "file is malformed"
    UNSAFE_MEDIA = "media file is not a safe PNG, JPEG or SVG"
    APP_TOO_OLD = "pack needs a newer version of the app"

    @property
    def code(self) -> str:
        return self.name.lower().replace("_", "-")


class PackRefused(Exception):
    """A pack that must not be installed. Nothing in the library has been changed."""

    def __init__(self, path: str, rule: Rule, detail: str = "") -> None:
        self.path = path
        self.rule = rule
        self.detail = detail
        text = f"{path}: {rule.value} [{rule.code}]"
        super().__init__(f"{text}: {detail}" if detail else text)


class SourceError(Exception):
    """An authoring source that cannot be built; names the file (and line where known)."""

    def __init__(self, path: str, detail: str) -> None:
        self.path = path
        self.detail = detail
        super().__init__(f"{path}: {detail}")


class KeyFileError(Exception):
    """A key file that cannot be read or used (wrong passphrase, wrong kind of key)."""
