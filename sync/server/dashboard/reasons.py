"""Why something was refused, in the admin's language.

The verifier, the bundle import, the admin functions and the certificate check
refuse in English, for the command line and the logs. The dashboard shows each
refusal as a message of its catalog (`i18n.MESSAGES`), keeping the English text as
a secondary line for whoever has to look into it:

- a pack refusal (`PackRefused`) by its rule (`pack_rule.<rule>`);
- a bundle refusal (`BundleRefused`), an admin error (`AdminError`), an enrolment
  refusal inside a bundle and a certificate that does not verify
  (`CertificateInvalid`) by their English text, matched against the patterns below;
  the named groups become the message's values. A text no pattern knows gets a
  generic message and its English line (the catalog test checks every message the
  dashboard can meet has a pattern).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from content.errors import PackRefused
from sync.bundle import BundleRefused
from sync.certificates import CertificateInvalid
from sync.server.admin import AdminError


@dataclass(frozen=True)
class Reason:
    """A refusal as the dashboard shows it: `t(message_id, **values)`, after `where`
    (the file) when there is one, with the English text below."""

    message_id: str
    values: dict[str, str] = field(default_factory=dict)
    english: str = ""
    where: str | None = None


_Patterns = list[tuple[str, re.Pattern[str]]]


def _compile(pairs: list[tuple[str, str]]) -> _Patterns:
    return [(message_id, re.compile(pattern, re.S)) for message_id, pattern in pairs]


# An enrolment refused inside a bundle (sync.server.enrolment.EnrolmentRefused).
_ENROLMENT = [
    ("reason.code_unknown", r"unknown enrolment code; check it with your administrator"),
    ("reason.code_used", r"this enrolment code was already used; ask for a new one"),
    ("reason.code_expired", r"this enrolment code has expired; ask for a new one"),
    (
        "reason.code_rate",
        r"too many failed enrolment attempts; wait a quarter of an hour and check the code "
        r"with your administrator",
    ),
    ("reason.profile_taken", r"this profile is already enrolled for another learner"),
    ("reason.bundle_header", r"\w+ '.*' is not a UUID"),
    ("reason.bundle_header", r"device_public_key is not a base64 Ed25519 public key"),
]

# Statement bundles (sync.bundle: open_sealed, decrypt; sync.server.bundles: import).
BUNDLE: _Patterns = _compile(
    [
        (
            "reason.bundle_other_server",
            r"it is encrypted to server key .*, not to this server's key .*: it was made for "
            r"another server",
        ),
        ("reason.bundle_header", r"the header's .* is not base64"),
        ("reason.bundle_header", r"the header is not JSON"),
        ("reason.bundle_header", r"the header is not a JSON object"),
        ("reason.bundle_header", r"the header's device or profile id is not a UUID"),
        ("reason.bundle_header", r"the header's device key is not valid"),
        (
            "reason.bundle_cannot_decrypt",
            r"the contents cannot be decrypted: the bundle is damaged or was altered",
        ),
        ("reason.bundle_contents", r"the decrypted contents are not JSON"),
        ("reason.bundle_contents", r"the contents hold no list of statements"),
        (
            "reason.bundle_return",
            r"this is a return bundle from the server; open it in the app, not here",
        ),
        ("reason.bundle_not_bundle", r"not a Học Vụ Số sync bundle \(\.hvsync\)"),
        ("reason.bundle_truncated", r"the file is truncated or damaged"),
        ("reason.bundle_format", r"unknown bundle format .*"),
        ("reason.bundle_revoked", r"device (?P<device>\S+) was revoked; nothing imported"),
        (
            "reason.bundle_signature_device",
            r"the signature does not verify with device (?P<device>\S+)'s registered key: the "
            r"bundle was changed after export, or another device made it",
        ),
        (
            "reason.bundle_not_enrolled",
            r"device (?P<device>\S+) is not enrolled and the bundle carries no enrolment code; "
            r"export it again after entering the code in the app",
        ),
        (
            "reason.bundle_signature",
            r"the signature does not verify: the bundle was changed after export",
        ),
        ("reason.bundle_enrolment_key", r"the enrolment inside names another device key"),
        (
            "reason.bundle_foreign",
            r"(?P<count>\d+) statement\(s\) are for a learner other than this device's \(.*\); "
            r"nothing in the batch was stored",
        ),
        *((mid, f"the enrolment was refused: {pattern}") for mid, pattern in _ENROLMENT),
    ]
)

# sync.server.admin.AdminError, from the functions the dashboard calls.
ADMIN: _Patterns = _compile(
    [
        (
            "reason.pack_exists",
            r"(?P<pack>\S+) version (?P<version>\S+) is already on the server",
        ),
        (
            "reason.no_pack",
            r"no pack (?P<pack>\S+) on the server; add it with `hocvu admin add-pack`",
        ),
        ("reason.no_unit", r"no unit (?P<unit>\S+); see `hocvu admin list-units`"),
        (
            "reason.no_assignment",
            r"no assignment (?P<assignment>\S+); it may have been removed already",
        ),
        ("reason.no_device", r"no device (?P<device>\S+); see `hocvu admin list-devices`"),
        (
            "reason.no_certificate",
            r"no certificate (?P<certificate>\S+); the id is the UUID printed on the certificate",
        ),
        (
            "reason.certificate_revoked",
            r"certificate (?P<certificate>\S+) was revoked already on .*",
        ),
        ("reason.revocation_reason", r"give the reason for the revocation \(--reason TEXT\)"),
        ("reason.revocation_reason", r"the reason is longer than \d+ characters"),
    ]
)

# sync.certificates.CertificateInvalid
CERTIFICATE: _Patterns = _compile(
    [
        ("reason.cert_not_json", r"the certificate is not JSON"),
        ("reason.cert_shape", r"a certificate is a JSON object"),
        ("reason.cert_shape", r"a certificate has 'certificate' and 'signature' parts"),
        ("reason.cert_format", r"unknown certificate format .*"),
        ("reason.cert_other_key", r"signed by key .*, not by this server's key (?P<key>\S+)"),
        (
            "reason.cert_changed",
            r"the signature does not verify: the certificate was changed",
        ),
    ]
)


def _match(patterns: _Patterns, text: str, fallback: str) -> tuple[str, dict[str, str]]:
    for message_id, pattern in patterns:
        found = pattern.fullmatch(text.strip())
        if found:
            return message_id, found.groupdict()
    return fallback, {}


def of_pack(error: PackRefused) -> Reason:
    return Reason(f"pack_rule.{error.rule.name.lower()}", {}, str(error), error.path)


def of_bundle(error: BundleRefused) -> Reason:
    message_id, values = _match(BUNDLE, error.detail, "reason.bundle_other")
    return Reason(message_id, values, str(error), error.where)


def of_admin_error(error: AdminError) -> Reason:
    message_id, values = _match(ADMIN, str(error), "reason.other")
    return Reason(message_id, values, str(error))


def of_certificate(error: CertificateInvalid) -> Reason:
    message_id, values = _match(CERTIFICATE, str(error), "reason.other")
    return Reason(message_id, values, str(error))


def of_error(error: Exception) -> Reason:
    """Any refusal the dashboard shows."""
    if isinstance(error, PackRefused):
        return of_pack(error)
    if isinstance(error, BundleRefused):
        return of_bundle(error)
    if isinstance(error, AdminError):
        return of_admin_error(error)
    if isinstance(error, CertificateInvalid):
        return of_certificate(error)
    return Reason("reason.other", {}, str(error))
