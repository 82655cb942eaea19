"""Everything personal is encrypted at rest, and each ciphertext is bound to its row:
moved elsewhere it fails loudly instead of showing the wrong data."""

from __future__ import annotations

import os
import sqlite3
import stat
import uuid
from pathlib import Path

import pytest

from desktop.store import IntegrityError, Store, StoreDamaged
from tests.desktop.store.learner_logs import CHEAP_KDF, L1, PASSPHRASE

MARKER = "Câu-trả-lời-bí-mật-7f3a9c"


def _files(path: Path) -> list[Path]:
    return [p for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists()]


def _encodings(text: str) -> list[bytes]:
    return [text.encode(e) for e in ("utf-8", "utf-16-le", "utf-16-be")]


def _assert_nowhere(path: Path, text: str) -> None:
    files = _files(path)
    assert path in files
    for file in files:
        data = file.read_bytes()
        for needle in _encodings(text):
            assert needle not in data, f"{text!r} found in {file.name}"


def test_answers_are_found_nowhere_in_the_database_wal_or_shm(store_path):
    store = Store.open(store_path, kdf_params=CHEAP_KDF)
    learner = store.create_profile("Lan", PASSPHRASE)
    registration = learner.attempt_started(L1, 1, "l1-a4-quiz")
    for n in range(40):
        learner.item_answered(
            L1, 1, "l1-a4-quiz", f"q{n}", f"{MARKER} {n}", 0.0, False, registration, 12
        )
    learner.exam_submitted(L1, 1, "l1-exam", registration, 1800)
    learner.set_setting("notes", f"my own {MARKER}")
    learner.set_device_token(f"token-{MARKER}")
    # While open the WAL holds the latest pages; they must be ciphertext already.
    assert Path(f"{store_path}-wal").exists()
    _assert_nowhere(store_path, MARKER)
    _assert_nowhere(store_path, registration)
    device_id = learner.device_id
    store.close()

    _assert_nowhere(store_path, MARKER)
    _assert_nowhere(store_path, registration)
    _assert_nowhere(store_path, device_id)
    reopened = Store.open(store_path, kdf_params=CHEAP_KDF)
    again = reopened.unlock(learner.profile_id, PASSPHRASE)
    responses = [s["result"].get("response", "") for s in again.statements() if "result" in s]
    assert sum(MARKER in r for r in responses) == 40
    reopened.close()


def test_a_ciphertext_copied_into_another_row_fails_with_an_integrity_error(
    store, learner, store_path
):
    first = learner.lesson_opened(L1, 1, "l1-a1-one")
    second = learner.lesson_completed(L1, 1, "l1-a1-one", 300)
    with sqlite3.connect(store_path) as raw:
        raw.execute(
            "UPDATE statements SET body = (SELECT body FROM statements WHERE id = ?) WHERE id = ?",
            (first["id"], second["id"]),
        )

    again = store.unlock(learner.profile_id, PASSPHRASE)
    with pytest.raises(IntegrityError) as caught:
        again.statements()
    error = caught.value
    assert isinstance(error, StoreDamaged)
    assert error.table == "statements"
    assert error.row_id == second["id"]
    assert f"statements row {second['id']} failed its integrity check" in str(error)
    with pytest.raises(IntegrityError):
        again.pending()
    with pytest.raises(IntegrityError):
        again.open_attempts()


def test_a_statement_id_rewritten_in_plain_text_no_longer_decrypts(store, learner, store_path):
    statement = learner.lesson_opened(L1, 1, "l1-a1-one")
    with sqlite3.connect(store_path) as raw:
        raw.execute(
            "UPDATE statements SET id = ? WHERE id = ?", (str(uuid.uuid4()), statement["id"])
        )
    with pytest.raises(IntegrityError):
        store.unlock(learner.profile_id, PASSPHRASE).statements()


def test_a_setting_copied_over_another_fails_with_an_integrity_error(store, learner, store_path):
    learner.set_setting("language", "vi")
    with sqlite3.connect(store_path) as raw:
        raw.execute(
            "UPDATE profile_settings SET body = (SELECT body FROM profile_settings "
            "WHERE name = 'language') WHERE name = 'device_id'"
        )
    again = store.unlock(learner.profile_id, PASSPHRASE)
    assert again.setting("language") == "vi"
    with pytest.raises(IntegrityError, match="profile_settings row device_id"):
        _ = again.device_id


def test_two_profiles_on_one_store_cannot_read_each_others_rows(store, store_path):
    lan = store.create_profile("Lan", PASSPHRASE)
    minh = store.create_profile("Minh", "mật khẩu của Minh dài")
    lan_statement = lan.lesson_opened(L1, 1, "l1-a1-one")
    minh_statement = minh.lesson_opened(L1, 1, "l1-a2-one")

    # Each sees only its own log.
    assert [s["id"] for s in lan.statements()] == [lan_statement["id"]]
    assert [s["id"] for s in minh.statements()] == [minh_statement["id"]]

    # Hand each profile the other's row: its own key cannot open it.
    with sqlite3.connect(store_path) as raw:
        raw.execute(
            "UPDATE statements SET profile_id = CASE profile_id WHEN ? THEN ? ELSE ? END",
            (lan.profile_id, minh.profile_id, lan.profile_id),
        )
    for who, passphrase, stolen in (
        (lan, PASSPHRASE, minh_statement),
        (minh, "mật khẩu của Minh dài", lan_statement),
    ):
        fresh = store.unlock(who.profile_id, passphrase)
        with pytest.raises(IntegrityError) as caught:
            fresh.statements()
        assert caught.value.row_id == stolen["id"]


def test_each_profile_has_its_own_data_key_even_with_the_same_passphrase(store, store_path):
    one = store.create_profile("Lan", PASSPHRASE)
    two = store.create_profile("Lan (2)", PASSPHRASE)
    with sqlite3.connect(store_path) as raw:
        row = raw.execute(
            "SELECT body FROM profile_settings WHERE profile_id = ? AND name = 'device_id'",
            (two.profile_id,),
        ).fetchone()[0]
        raw.execute(
            "UPDATE profile_settings SET body = ? WHERE profile_id = ? AND name = 'device_id'",
            (row, one.profile_id),
        )
    with pytest.raises(IntegrityError):
        _ = store.unlock(one.profile_id, PASSPHRASE).device_id


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_store_and_its_wal_and_shm_are_readable_by_their_owner_only(tmp_path):
    folder = tmp_path / "hocvu"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    store_path = folder / "learners.sqlite"
    store = Store.open(store_path, kdf_params=CHEAP_KDF)
    store.create_profile("Lan", PASSPHRASE).set_setting("notes", "x")
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in _files(store_path)}
    store.close()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert set(modes) >= {store_path.name, f"{store_path.name}-wal", f"{store_path.name}-shm"}
    assert set(modes.values()) == {0o600}, modes
