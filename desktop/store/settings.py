"""Encrypted per-profile values: the device id made at creation, the device token
from enrolment, and whatever preferences the app keeps for the learner. Values
are JSON; each row is bound to its profile and name."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from sqlalchemy import delete
from sqlalchemy.orm import Session

from .crypto import RowCipher
from .errors import IntegrityError
from .schema import SettingRow

TABLE = "profile_settings"
DEVICE_ID = "device_id"
CREATED_AT = "created_at"
DEVICE_TOKEN = "device_token"


class ProfileSettings:
    def __init__(self, path: Path, cipher: RowCipher) -> None:
        self._path = path
        self._cipher = cipher

    def get(self, session: Session, name: str, default: Any = None) -> Any:
        row = session.get(SettingRow, (self._cipher.profile_id, name))
        if row is None:
            return default
        try:
            return json.loads(self._cipher.decrypt(TABLE, name, row.body))
        except InvalidTag:
            raise IntegrityError(self._path, TABLE, name) from None

    def put(self, session: Session, name: str, value: Any) -> None:
        body = self._cipher.encrypt(TABLE, name, json.dumps(value).encode())
        session.merge(SettingRow(profile_id=self._cipher.profile_id, name=name, body=body))

    def remove(self, session: Session, name: str) -> None:
        session.execute(
            delete(SettingRow).where(
                SettingRow.profile_id == self._cipher.profile_id, SettingRow.name == name
            )
        )
