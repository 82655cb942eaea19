"""The tables of the learner store, as SQLAlchemy 2.0 models.

One SQLite file per computer holds every profile. Columns in plain text are
only those that are not personal: row ids, the profile id (a UUID), the
statement id (a UUID, needed so that a pulled statement is stored once), the
`synced` mark and the insertion sequence; plus the display name, which the
unlock screen lists before any key exists (the learner is told it is not
secret and may use a nickname). Every `body` column holds AES-256-GCM
ciphertext bound to its profile, table and row (see `crypto.RowCipher`).

The models describe the current schema; the file itself is built and upgraded
by `migrations`, and a test checks that both agree.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

UUID_LENGTH = 36


class Base(DeclarativeBase):
    pass


class ProfileRow(Base):
    """A profile's key record: how to turn its passphrase into the key that unwraps its
    data key."""

    __tablename__ = "profiles"

    id: Mapped[str] = mapped_column(String(UUID_LENGTH), primary_key=True)
    display_name: Mapped[str] = mapped_column(Text)
    kdf_salt: Mapped[bytes] = mapped_column(LargeBinary)
    kdf_memory_kib: Mapped[int] = mapped_column(Integer)
    kdf_iterations: Mapped[int] = mapped_column(Integer)
    kdf_lanes: Mapped[int] = mapped_column(Integer)
    wrapped_key: Mapped[bytes] = mapped_column(LargeBinary)
    key_check: Mapped[bytes] = mapped_column(LargeBinary)


class SettingRow(Base):
    """One encrypted value of a profile: its device id, device token, preferences."""

    __tablename__ = "profile_settings"

    profile_id: Mapped[str] = mapped_column(
        String(UUID_LENGTH), ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    body: Mapped[bytes] = mapped_column(LargeBinary)


class StatementRow(Base):
    """One encrypted xAPI statement. Append-only: only `synced` is ever updated."""

    __tablename__ = "statements"
    __table_args__ = (
        UniqueConstraint("profile_id", "id", name="uq_statements_profile_statement"),
        Index("ix_statements_profile_seq", "profile_id", "seq"),
        Index("ix_statements_pending", "profile_id", "synced", "seq"),
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    profile_id: Mapped[str] = mapped_column(
        String(UUID_LENGTH), ForeignKey("profiles.id", ondelete="CASCADE")
    )
    id: Mapped[str] = mapped_column(String(UUID_LENGTH))
    synced: Mapped[bool] = mapped_column(Boolean, server_default=text("0"))
    body: Mapped[bytes] = mapped_column(LargeBinary)


class CertificateRow(Base):
    """A certificate for a passed level exam, keyed by the exam statement's id:
    provisional when recorded, later replaced by the server's signed record."""

    __tablename__ = "certificates"

    profile_id: Mapped[str] = mapped_column(
        String(UUID_LENGTH), ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True
    )
    statement_id: Mapped[str] = mapped_column(String(UUID_LENGTH), primary_key=True)
    body: Mapped[bytes] = mapped_column(LargeBinary)
