"""xAPI 1.0.3 Agents and Groups (Data section 2.4.2): parsing, checking, identity.

An Agent is identified by exactly one inverse functional identifier (IFI): `mbox`
(a `mailto:` IRI), `mbox_sha1sum` (40 hex digits), `openid` (a URI) or `account`
(`homePage` IRL and `name`). A Group is anonymous (members only, no IFI) or
identified (one IFI, members optional); members are Agents, never Groups.

`parse_actor` checks one such JSON object and returns an `Actor`; `Actor.key` is the
text two actors are equal by (the same objectType and the same IFI, as the
specification's `agent` filter compares them), `Actor.digest` its 16-byte hash, the
form the statement index stores. The statements resource, the document resources
(State, Agent Profile) and the Agents resource all use these, so that an agent given
as a query parameter matches the one stored in a statement.

This module imports nothing of the server (the app's store and the client may use it).
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from sync.xapi_errors import StatementError, clipped

IFIS = ("mbox", "mbox_sha1sum", "openid", "account")
_AGENT_KEYS = {"objectType", "name", *IFIS}
_GROUP_KEYS = _AGENT_KEYS | {"member"}
_SHA1 = re.compile(r"^[0-9a-fA-F]{40}$")
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+\Z")
_SPACE = re.compile(r"\s")


def is_iri(value: Any) -> bool:
    """An absolute IRI: a scheme, then something. Spaces are not allowed in an IRI."""
    return isinstance(value, str) and _known_iri(value)


# Statements repeat the same few IRIs (verbs, extension keys, parents): remembered.
@functools.lru_cache(maxsize=4096)
def _known_iri(value: str) -> bool:
    return bool(_IRI.match(value))


def is_irl(value: Any) -> bool:
    """An IRL: an IRI that can be looked up (here: one with an authority, http(s) or
    another scheme with `//`, or a `urn:`, which the ministry's own accounts use)."""
    if not is_iri(value):
        return False
    parts = urlsplit(value)
    return bool(parts.netloc) or parts.scheme.lower() == "urn"


@dataclass(frozen=True)
class Actor:
    """A checked Agent or Group. `ifi` is (kind, value) or None for an anonymous
    Group; `account` values are (homePage, name)."""

    object_type: str  # "Agent" or "Group"
    ifi: tuple[str, Any] | None
    name: str | None = None
    members: tuple[Actor, ...] = field(default=())

    @property
    def key(self) -> str | None:
        """What two actors are compared by; None for an anonymous Group (it has no
        identity of its own)."""
        if self.ifi is None:
            return None
        kind, value = self.ifi
        if kind == "account":
            value = f"{value[0]}\x1f{value[1]}"
        return f"{self.object_type}\x1e{kind}\x1e{value}"

    @property
    def digest(self) -> bytes | None:
        key = self.key
        return None if key is None else agent_digest(key)

    def ids(self) -> dict[str, Any]:
        """The actor as the `ids` format of a statement query shows it: objectType and
        the IFI only (an anonymous Group: its members' ids)."""
        out: dict[str, Any] = {"objectType": self.object_type}
        if self.ifi is not None:
            kind, value = self.ifi
            out[kind] = {"homePage": value[0], "name": value[1]} if kind == "account" else value
        if self.object_type == "Group" and self.ifi is None:
            out["member"] = [m.ids() for m in self.members]
        return out

    def to_json(self) -> dict[str, Any]:
        out = self.ids()
        if self.name is not None:
            out["name"] = self.name
        if self.members:
            out["member"] = [m.to_json() for m in self.members]
        return out


@functools.lru_cache(maxsize=4096)
def agent_digest(key: str) -> bytes:
    return hashlib.sha256(key.encode()).digest()[:16]


def checked_digest(raw: dict[str, Any]) -> bytes | None:
    """`parse_actor(raw).digest` for an actor already checked (inside a stored
    statement), without checking it again: ingest indexes every statement."""
    for kind in IFIS:
        if kind in raw:
            value = raw[kind]
            if kind == "mbox":
                value = "mailto:" + value[len("mailto:") :]
            elif kind == "mbox_sha1sum":
                value = value.lower()
            elif kind == "account":
                value = f"{value['homePage']}\x1f{value['name']}"
            return agent_digest(f"{raw.get('objectType', 'Agent')}\x1e{kind}\x1e{value}")
    return None


def _ifi(raw: dict[str, Any], where: str) -> tuple[str, Any] | None:
    present = [k for k in IFIS if k in raw]
    if len(present) > 1:
        raise StatementError(f"{where} has more than one identifier ({', '.join(present)})")
    if not present:
        return None
    kind = present[0]
    value = raw[kind]
    if kind == "mbox":
        if (
            not isinstance(value, str)
            or not value.lower().startswith("mailto:")
            or "@" not in value
        ):
            raise StatementError(f"{where}.mbox {clipped(value)} is not a mailto: IRI")
        if _SPACE.search(value):
            raise StatementError(f"{where}.mbox {clipped(value)} contains spaces")
        return kind, "mailto:" + value[len("mailto:") :]
    if kind == "mbox_sha1sum":
        if not isinstance(value, str) or not _SHA1.match(value):
            raise StatementError(f"{where}.mbox_sha1sum must be 40 hexadecimal digits")
        return kind, value.lower()
    if kind == "openid":
        if not is_iri(value):
            raise StatementError(f"{where}.openid {clipped(value)} is not a URI")
        return kind, value
    if not isinstance(value, dict):
        raise StatementError(f"{where}.account must be an object")
    extra = set(value) - {"homePage", "name"}
    if extra:
        raise StatementError(f"{where}.account has unknown properties: {', '.join(sorted(extra))}")
    home, name = value.get("homePage"), value.get("name")
    if not is_irl(home):
        raise StatementError(f"{where}.account.homePage {clipped(home)} is not an IRL")
    if not isinstance(name, str) or not name:
        raise StatementError(f"{where}.account.name must be a non-empty string")
    return kind, (home, name)


def parse_actor(
    raw: Any, where: str = "actor", *, default_type: str = "Agent", agent_only: bool = False
) -> Actor:
    """Check an Agent or Group object; raise StatementError naming `where` and the
    fault. `default_type` is the objectType assumed when it is absent (Agent for an
    actor; a statement's object must say it). `agent_only` refuses Groups (a Group's
    members, the `agent` of the State and Agent Profile resources)."""
    if not isinstance(raw, dict):
        raise StatementError(f"{where} must be an object")
    object_type = raw.get("objectType", default_type)
    if object_type not in ("Agent", "Group") or (agent_only and object_type != "Agent"):
        allowed = "Agent" if agent_only else "Agent or Group"
        raise StatementError(f"{where}.objectType {clipped(object_type)} is not {allowed}")
    extra = set(raw) - (_GROUP_KEYS if object_type == "Group" else _AGENT_KEYS)
    if extra:
        raise StatementError(f"{where} has unknown properties: {', '.join(sorted(extra))}")
    name = raw.get("name")
    if name is not None and not isinstance(name, str):
        raise StatementError(f"{where}.name must be a string")
    ifi = _ifi(raw, where)
    members: tuple[Actor, ...] = ()
    if object_type == "Group":
        if "member" in raw or ifi is None:
            member = raw.get("member")
            if not isinstance(member, list):
                raise StatementError(f"{where}.member must be a list of Agents")
            if ifi is None and not member:
                raise StatementError(f"{where}: an anonymous Group must list its members")
            members = tuple(
                parse_actor(m, f"{where}.member[{i}]", agent_only=True)
                for i, m in enumerate(member)
            )
    elif ifi is None:
        raise StatementError(f"{where} has no identifier (mbox, mbox_sha1sum, openid or account)")
    return Actor(object_type, ifi, name, members)
