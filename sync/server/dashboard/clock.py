"""The time zone the dashboard shows times in: the server's setting (`--time-zone`,
env HOCVU_TIME_ZONE), else the zone of the machine it runs on.

The database keeps UTC only; admins read local times (a ministry in Hà Nội reads
Asia/Ho_Chi_Minh), and every page says which zone its times are in.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sync.server.db import aware

ZONEINFO = Path("/usr/share/zoneinfo")
# Names of UTC itself: shown as "UTC" (a machine set to UTC links Etc/UTC).
UTC_NAMES = {"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Universal", "Universal", "Etc/Zulu", "Zulu"}


class UnknownTimeZone(ValueError):
    """A zone name the time zone database does not know."""


@dataclass(frozen=True)
class DisplayZone:
    """A zone to show times in, with the name the page prints beside them."""

    name: str
    zone: tzinfo

    def label(self, at: datetime | None = None) -> str:
        """ "Asia/Ho_Chi_Minh (UTC+07:00)": the name and today's offset."""
        moment = (at or datetime.now(UTC)).astimezone(self.zone)
        if self.name in UTC_NAMES or (self.name == moment.tzname() and not moment.utcoffset()):
            return "UTC"
        offset = moment.strftime("%z")
        return f"{self.name} (UTC{offset[:3]}:{offset[3:]})"

    def when(self, value: datetime | None) -> str:
        """A time to the minute in this zone; "–" when there is none."""
        if value is None:
            return "–"
        if not isinstance(value, datetime):
            return str(value)
        return aware(value).astimezone(self.zone).strftime("%Y-%m-%d %H:%M")


def named_zone(name: str) -> DisplayZone:
    try:
        return DisplayZone(name, ZoneInfo(name))
    except (ZoneInfoNotFoundError, ValueError):
        raise UnknownTimeZone(
            f"unknown time zone {name!r}: give an IANA name such as Asia/Ho_Chi_Minh"
        ) from None


def _machine_zone_name() -> str | None:
    """The machine's zone by name: TZ, else where /etc/localtime points."""
    name = os.environ.get("TZ", "").lstrip(":")
    if name and not name.startswith("/"):
        return name
    try:
        target = Path("/etc/localtime").resolve()
        return str(target.relative_to(ZONEINFO.resolve()))
    except (OSError, ValueError):
        return None


def display_zone(setting: str | None) -> DisplayZone:
    """The configured zone (an unknown name raises `UnknownTimeZone`), else the machine's."""
    if setting:
        return named_zone(setting)
    name = _machine_zone_name()
    if name:
        try:
            return named_zone(name)
        except UnknownTimeZone:
            pass
    local = datetime.now().astimezone().tzinfo or UTC
    return DisplayZone(datetime.now(local).tzname() or "UTC", local)
