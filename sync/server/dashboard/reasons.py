"""Why something was refused, in the admin's language.

The verifier, the bundle import, the admin functions and the certificate check
refuse with a code (`sync.problems.Problem`, or a pack's `Rule`) and an English
detail for the command line and the logs. The dashboard shows each refusal as the
message of its code (`problem.<code>` and `pack_rule.<rule>` in `i18n.MESSAGES`),
keeping the English detail as a secondary line for whoever has to look into it. The
English is never read to find the message: rewording it changes nothing here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from content.errors import PackRefused
from sync.bundle import BundleRefused
from sync.problems import Refusal


@dataclass(frozen=True)
class Reason:
    """A refusal as the dashboard shows it: `t(message_id, **values)`, after `where`
    (the file) when there is one, with the English text below."""

    message_id: str
    values: dict[str, str] = field(default_factory=dict)
    english: str = ""
    where: str | None = None


def values_of(refusal: Refusal) -> dict[str, str]:
    """The values a code's message may show: every value its code names (a "?" when a
    refusal left one out, so a sentence never fails), and minutes for a wait."""
    values = {name: "?" for name in refusal.problem.value_names}
    values |= {name: str(value) for name, value in refusal.values.items()}
    seconds = refusal.values.get("retry_after_s")
    if isinstance(seconds, int):
        values["retry_after_min"] = str(max(1, round(seconds / 60)))
    elif "retry_after_s" in refusal.problem.value_names:
        values["retry_after_min"] = "?"
    return values


def of_refusal(error: Refusal, where: str | None = None) -> Reason:
    return Reason(f"problem.{error.code}", values_of(error), str(error), where)


def of_pack(error: PackRefused) -> Reason:
    return Reason(f"pack_rule.{error.rule.name.lower()}", {}, str(error), error.path)


def of_bundle(error: BundleRefused) -> Reason:
    return of_refusal(error, error.where)


# The admin functions' and the certificate check's refusals are Refusals too.
of_admin_error = of_certificate = of_refusal


def of_error(error: Exception) -> Reason:
    """Any refusal the dashboard shows."""
    if isinstance(error, PackRefused):
        return of_pack(error)
    if isinstance(error, BundleRefused):
        return of_bundle(error)
    if isinstance(error, Refusal):
        return of_refusal(error)
    return Reason("reason.other", {}, str(error))
