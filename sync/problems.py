"""Every refusal the ministry server and the sync layers can give, as a code.

A refusal travels as data (DESIGN section 6): a code from `Problem`, its HTTP status,
an English `detail` for logs and the command line, and `values` (the few facts a
sentence may show). The server answers RFC 9457 problem+json (`problem_bytes`); the
sync client turns the code into the failure kind the app words (`Problem.kind`,
desktop/ui/messages.py); the dashboard words the code itself (`problem.<code>` in
sync/server/dashboard/i18n.py). No program ever reads the English detail: reword it
freely. The table of codes is in docs/server.md, "Refusals".

This module imports nothing of the server or of Qt: the client, the bundle layer and
the server all use it.
"""

from __future__ import annotations

import json
from enum import Enum
from typing import Any

TYPE_PREFIX = "urn:hocvu:problem:"


class Problem(Enum):
    """(code, HTTP status, English title, the names of its values, the app's failure
    kind or None when only an administrator meets it)."""

    def __init__(
        self, code: str, status: int, title: str, values: tuple[str, ...], kind: str | None
    ) -> None:
        self.code = code
        self.status = status
        self.title = title
        self.value_names = values
        self.kind = kind

    # Any request
    REQUEST_TOO_LARGE = ("request.too_large", 413, "Request too large", ("limit_bytes",), "refused")
    REQUEST_INVALID = ("request.invalid", 422, "Invalid request", ("errors",), "refused")
    REQUEST_MALFORMED = ("request.malformed", 400, "Malformed request", (), "refused")
    REQUEST_NOT_JSON = ("request.not_json", 400, "Body is not JSON", (), "refused")
    REQUEST_NUMBER_TOO_LARGE = (
        "request.number_too_large",
        400,
        "Number out of range",
        (),
        "refused",
    )
    REQUEST_VALUE_NOT_STORABLE = (
        "request.value_not_storable",
        400,
        "Value cannot be stored",
        (),
        "refused",
    )
    REQUEST_NOT_FOUND = ("request.not_found", 404, "No such resource", (), "refused")
    REQUEST_METHOD = ("request.method_not_allowed", 405, "Method not allowed", (), "refused")
    SERVER_STORAGE = (
        "server.storage_unavailable",
        503,
        "Storage unavailable",
        ("retry_after_s",),
        "busy",
    )
    SERVER_BUSY = ("server.busy", 503, "Server busy", ("retry_after_s",), "busy")
    # Who is calling
    AUTH_TOKEN_MISSING = ("auth.token_missing", 401, "No device token", (), "not_enrolled")
    AUTH_TOKEN_UNKNOWN = ("auth.token_unknown", 401, "Unknown device token", (), "not_enrolled")
    AUTH_DEVICE_REVOKED = ("auth.device_revoked", 401, "Device revoked", (), "revoked")
    AUTH_CLIENT_MISSING = ("auth.client_missing", 401, "No xAPI credentials", (), None)
    AUTH_CLIENT_UNKNOWN = ("auth.client_unknown", 401, "Unknown xAPI credentials", (), None)
    # Enrolment (online, or inside a statement bundle)
    ENROL_CODE_UNKNOWN = ("enrol.code_unknown", 403, "Unknown enrolment code", (), "code_unknown")
    ENROL_CODE_USED = ("enrol.code_used", 403, "Enrolment code used", (), "code_used")
    ENROL_CODE_EXPIRED = ("enrol.code_expired", 403, "Enrolment code expired", (), "code_expired")
    ENROL_TOO_MANY_ATTEMPTS = (
        "enrol.too_many_attempts",
        429,
        "Too many failed enrolments",
        ("retry_after_s",),
        "too_many_attempts",
    )
    ENROL_PROFILE_TAKEN = (
        "enrol.profile_taken",
        409,
        "Profile of another learner",
        (),
        "profile_taken",
    )
    ENROL_ID_INVALID = ("enrol.id_invalid", 400, "Id is not a UUID", ("field",), "refused")
    ENROL_KEY_INVALID = ("enrol.key_invalid", 400, "Device key not valid", (), "refused")
    # Statements, one at a time (the `errors` of a push) or a whole request
    STATEMENT_INVALID = ("statement.invalid", 400, "Malformed statement", ("id",), None)
    STATEMENT_SERVER_ONLY = (
        "statement.server_only",
        400,
        "Statement only the server writes",
        ("id",),
        None,
    )
    STATEMENT_TOO_LARGE = (
        "statement.too_large",
        400,
        "Statement too large",
        ("id", "size_bytes", "limit_bytes"),
        None,
    )
    STATEMENT_FOREIGN_ACTOR = (
        "statement.foreign_actor",
        403,
        "Statements of another learner",
        ("count",),
        "foreign_statements",
    )
    STATEMENT_OUTSIDE_UNIT = (
        "statement.outside_unit",
        403,
        "Learner outside your unit",
        ("count",),
        None,
    )
    STATEMENT_NOT_VOIDABLE = (
        "statement.not_voidable",
        403,
        "Statement of a device or the server",
        ("count",),
        None,
    )
    STATEMENT_CONFLICT = (
        "statement.conflict",
        409,
        "Id stored with other content",
        ("count",),
        None,
    )
    STATEMENT_NOT_FOUND = ("statement.not_found", 404, "No such statement", (), None)
    STATEMENT_ID_INVALID = ("statement.id_invalid", 400, "Statement id not a UUID", (), None)
    STATEMENT_ID_MISMATCH = ("statement.id_mismatch", 400, "Statement id differs", (), None)
    BATCH_TOO_LARGE = ("batch.too_large", 413, "Too many statements", ("count", "limit"), "refused")
    BATCH_STATEMENTS_REFUSED = (
        "batch.statements_refused",
        400,
        "Some statements refused",
        ("count",),
        "refused",
    )
    BATCH_CONFLICTS = ("batch.conflicts", 409, "Some ids conflict", ("count",), "refused")
    # The xAPI resource
    XAPI_VERSION_MISSING = ("xapi.version_missing", 400, "xAPI version header missing", (), None)
    XAPI_VERSION_UNSUPPORTED = (
        "xapi.version_unsupported",
        400,
        "xAPI version not supported",
        ("version",),
        None,
    )
    XAPI_PUT_ONE = ("xapi.put_one_statement", 400, "PUT takes one statement", (), None)
    XAPI_SINCE_INVALID = ("xapi.since_invalid", 400, "since is not a timestamp", (), None)
    XAPI_ALTERNATE_SYNTAX = (
        "xapi.alternate_syntax",
        400,
        "Alternate request syntax misused",
        (),
        None,
    )
    XAPI_PARAMETER_UNKNOWN = (
        "xapi.parameter_unknown",
        400,
        "Unknown parameter",
        ("parameter",),
        None,
    )
    XAPI_PARAMETER_INVALID = (
        "xapi.parameter_invalid",
        400,
        "Parameter not valid",
        ("parameter",),
        None,
    )
    XAPI_VOIDS_VOIDING = ("xapi.voids_voiding", 400, "Voiding a voiding statement", (), None)
    XAPI_MULTIPART = ("xapi.multipart_invalid", 400, "Multipart body not valid", (), None)
    XAPI_ATTACHMENT_MISSING = (
        "xapi.attachment_missing",
        400,
        "Attachment part missing",
        ("sha2",),
        None,
    )
    XAPI_ATTACHMENT_UNUSED = (
        "xapi.attachment_unused",
        400,
        "Attachment part not referenced",
        ("sha2",),
        None,
    )
    XAPI_SIGNATURE = ("xapi.signature_invalid", 400, "Signature not valid", (), None)
    XAPI_CONTENT_TYPE = ("xapi.content_type", 400, "Content type not accepted", (), None)
    # xAPI documents (State, Activity Profile, Agent Profile)
    DOCUMENT_NOT_FOUND = ("document.not_found", 404, "No such document", (), None)
    DOCUMENT_EXISTS = ("document.exists", 409, "Document exists", (), None)
    DOCUMENT_PRECONDITION = (
        "document.precondition_failed",
        412,
        "Precondition failed",
        (),
        None,
    )
    DOCUMENT_NOT_MERGEABLE = (
        "document.not_mergeable",
        400,
        "Documents cannot be merged",
        (),
        None,
    )
    # Packs and trust
    PACK_NOT_ASSIGNED = (
        "pack.not_assigned",
        404,
        "Pack not assigned",
        ("pack", "version"),
        "pack_not_assigned",
    )
    TRUST_NONE = ("trust.none", 404, "No trust list yet", (), None)
    # Statement bundles an administrator imports (and the export of return bundles)
    BUNDLE_RETURN_BUNDLE = ("bundle.return_bundle", 422, "A return bundle", (), None)
    BUNDLE_NOT_BUNDLE = ("bundle.not_bundle", 422, "Not a sync bundle", (), "not_bundle")
    BUNDLE_TRUNCATED = ("bundle.truncated", 422, "Bundle truncated", (), "damaged")
    BUNDLE_HEADER = ("bundle.header_invalid", 422, "Bundle header not valid", (), None)
    BUNDLE_UNKNOWN_FORMAT = (
        "bundle.unknown_format",
        422,
        "Unknown bundle format",
        (),
        "unknown_format",
    )
    BUNDLE_OTHER_SERVER = ("bundle.other_server", 422, "For another server", (), "other_server")
    BUNDLE_CANNOT_DECRYPT = ("bundle.cannot_decrypt", 422, "Bundle cannot be decrypted", (), None)
    BUNDLE_CONTENTS = ("bundle.contents_invalid", 422, "Bundle contents not valid", (), None)
    BUNDLE_DEVICE_REVOKED = ("bundle.device_revoked", 422, "Device revoked", ("device",), None)
    BUNDLE_SIGNATURE_DEVICE = (
        "bundle.signature_device",
        422,
        "Not signed by the device",
        ("device",),
        None,
    )
    BUNDLE_NOT_ENROLLED = ("bundle.not_enrolled", 422, "Device not enrolled", ("device",), None)
    BUNDLE_SIGNATURE = ("bundle.signature", 422, "Signature does not verify", (), None)
    BUNDLE_ENROLMENT_KEY = ("bundle.enrolment_key", 422, "Enrolment of another key", (), None)
    BUNDLE_NO_LEARNER = ("bundle.no_learner", 404, "No such learner", ("learner",), None)
    # Return bundles the app opens
    BUNDLE_STATEMENTS_BUNDLE = (
        "bundle.statements_bundle",
        422,
        "A statement bundle",
        (),
        "statements_bundle",
    )
    BUNDLE_DAMAGED = ("bundle.damaged", 422, "Bundle damaged", (), "damaged")
    BUNDLE_ALTERED = ("bundle.altered", 422, "Bundle altered", (), "altered")
    BUNDLE_OTHER_LEARNER = ("bundle.other_learner", 422, "For another learner", (), "other_learner")
    BUNDLE_UNREADABLE = ("bundle.unreadable", 422, "Bundle unreadable", (), "unreadable")
    # Certificates and revocation lists
    CERTIFICATE_NOT_JSON = ("certificate.not_json", 422, "Not JSON", (), "certificate_refused")
    CERTIFICATE_SHAPE = ("certificate.shape", 422, "Not a certificate", (), "certificate_refused")
    CERTIFICATE_FORMAT = (
        "certificate.unknown_format",
        422,
        "Unknown certificate format",
        (),
        "certificate_refused",
    )
    CERTIFICATE_OTHER_KEY = (
        "certificate.other_key",
        422,
        "Signed by another key",
        ("key",),
        "certificate_refused",
    )
    CERTIFICATE_ALTERED = (
        "certificate.altered",
        422,
        "Certificate altered",
        (),
        "certificate_refused",
    )
    REVOCATIONS_INVALID = (
        "revocations.invalid",
        422,
        "Revocation list not valid",
        (),
        "certificate_refused",
    )
    # Held exam attempts an administrator releases or rejects (sync.server.grading)
    ATTEMPT_NOT_FOUND = ("attempt.not_found", 404, "No such exam attempt", (), None)
    ATTEMPT_NOT_HELD = ("attempt.not_held", 409, "Attempt decided already", (), None)
    ATTEMPT_REASON_NEEDED = ("attempt.reason_needed", 400, "Reason needed", (), None)
    ATTEMPT_NO_PACK = ("attempt.no_pack", 409, "Pack version missing", (), None)
    ATTEMPT_NO_KEY = ("attempt.no_key", 409, "Grading key missing", (), None)
    ATTEMPT_TOO_FAST = ("attempt.too_fast", 409, "Attempt too fast", (), None)
    ATTEMPT_SEED = ("attempt.seed", 409, "Form does not match its seed", (), None)
    # The admin layer (command line and dashboard)
    ADMIN_UNIT_KIND = ("admin.unit_kind", 400, "Unknown unit kind", ("kind",), None)
    ADMIN_PARENT_NEEDED = ("admin.parent_needed", 400, "Parent unit needed", (), None)
    ADMIN_UNIT_NEEDED = ("admin.unit_needed", 400, "Unit needed", (), None)
    ADMIN_OUTPUT_NEEDED = ("admin.output_needed", 400, "Output file needed", ("table",), None)
    ADMIN_NO_UNIT = ("admin.no_unit", 404, "No such unit", ("unit",), None)
    ADMIN_NO_LEARNER = ("admin.no_learner", 404, "No such learner", ("learner",), None)
    ADMIN_NO_DEVICE = ("admin.no_device", 404, "No such device", ("device",), None)
    ADMIN_NO_PACK = ("admin.no_pack", 404, "No such pack", ("pack",), None)
    ADMIN_NO_ASSIGNMENT = ("admin.no_assignment", 404, "No such assignment", ("assignment",), None)
    ADMIN_NO_CERTIFICATE = (
        "admin.no_certificate",
        404,
        "No such certificate",
        ("certificate",),
        None,
    )
    ADMIN_CODE_DAYS = ("admin.code_days", 400, "Validity out of range", (), None)
    ADMIN_ROLE = ("admin.role_unknown", 400, "Unknown role", ("role",), None)
    ADMIN_PASSWORD_SHORT = ("admin.password_short", 400, "Password too short", (), None)
    ADMIN_EXISTS = ("admin.admin_exists", 409, "Admin exists", ("name",), None)
    ADMIN_CLIENT_EXISTS = ("admin.client_exists", 409, "xAPI client exists", ("name",), None)
    ADMIN_PACK_EXISTS = ("admin.pack_exists", 409, "Pack version exists", ("pack", "version"), None)
    ADMIN_TRUST_OLDER = ("admin.trust_older", 409, "Trust list older", ("version", "current"), None)
    ADMIN_CSV_INVALID = ("admin.csv_invalid", 400, "Enrolment CSV has faults", (), None)
    ADMIN_REASON_NEEDED = ("admin.reason_needed", 400, "Reason needed", (), None)
    ADMIN_REASON_TOO_LONG = ("admin.reason_too_long", 400, "Reason too long", ("limit",), None)
    ADMIN_CERTIFICATE_REVOKED = (
        "admin.certificate_revoked",
        409,
        "Certificate revoked already",
        ("certificate",),
        None,
    )


BY_CODE: dict[str, Problem] = {problem.code: problem for problem in Problem}


class Refusal(Exception):
    """A refusal with its code: `problem`, the English `detail` (also `str(self)`, for
    logs), `values` for the words, and `headers` for an HTTP answer (WWW-Authenticate,
    Retry-After)."""

    def __init__(
        self,
        problem: Problem,
        detail: str,
        *,
        headers: dict[str, str] | None = None,
        **values: Any,
    ) -> None:
        super().__init__(detail)
        self.problem = problem
        self.detail = detail
        self.values = values
        self.headers = headers or {}

    @property
    def code(self) -> str:
        return self.problem.code

    @property
    def status(self) -> int:
        return self.problem.status

    def body(self, **members: Any) -> bytes:
        return problem_bytes(self.problem, self.detail, members, **self.values)


def problem_bytes(
    problem: Problem,
    detail: str,
    members: dict[str, Any] | None = None,
    *,
    status: int | None = None,
    **values: Any,
) -> bytes:
    """An RFC 9457 problem+json body. `members`: extension members beside the standard
    ones (a push's per-statement report); `status` only when an answer's status is not
    the code's own (another layer chose it)."""
    body: dict[str, Any] = dict(members or {})
    body |= {
        "type": TYPE_PREFIX + problem.code,
        "status": status or problem.status,
        "code": problem.code,
        "title": problem.title,
        "detail": detail,
        "values": values,
    }
    # A detail may quote what the client sent, lone surrogates included ("\ud800" in
    # its JSON): those go back as the same JSON escape rather than failing the answer.
    return json.dumps(body, ensure_ascii=False, default=str).encode("utf-8", "backslashreplace")


def problem_of(body: Any) -> tuple[Problem, dict[str, Any]] | None:
    """The code and values of a problem+json body already decoded, or None when it is
    not one of ours (a proxy's page, another server)."""
    if not isinstance(body, dict):
        return None
    problem = BY_CODE.get(str(body.get("code")))
    if problem is None:
        return None
    values = body.get("values")
    return problem, values if isinstance(values, dict) else {}
