"""Profiles: create, unlock, lock, change passphrase, delete; and what the learner is
told when a passphrase is wrong, a profile is damaged or the file is not ours."""

from __future__ import annotations

import sqlite3
import unicodedata
from pathlib import Path

import pytest

from desktop.store import (
    MINIMUM_KDF,
    ForeignFile,
    ProfileDamaged,
    ProfileLocked,
    ProfileNotFound,
    Store,
    StoreDamaged,
    StoreTooNew,
    Strength,
    WeakPassphrase,
    WrongPassphrase,
    passphrase_hint,
)
from desktop.store.crypto import KdfParams, time_kdf, tune_kdf
from tests.desktop.store.learner_logs import CHEAP_KDF, L1, PASSPHRASE


def test_created_profile_is_listed_by_display_name_and_unlocks_with_its_passphrase(store):
    created = store.create_profile("  Nguyễn   Thị Lan ", PASSPHRASE)
    created.lesson_opened(L1, 1, "l1-a1-one")

    [info] = store.profiles()
    assert info.display_name == "Nguyễn Thị Lan"
    assert info.profile_id == created.profile_id

    again = store.unlock(created.profile_id, PASSPHRASE)
    assert [s["id"] for s in again.statements()] == [s["id"] for s in created.statements()]
    assert again.device_id == created.device_id


def test_statements_name_the_profile_uuid_and_device_never_the_display_name(learner):
    statement = learner.lesson_opened(L1, 1, "l1-a1-one")
    assert statement["actor"]["account"]["name"] == learner.profile_id
    assert "Lan" not in str(statement)
    device = statement["context"]["extensions"]["urn:hocvu:ext:device-id"]
    assert device == learner.device_id != learner.profile_id


def test_wrong_passphrase_is_reported_as_such(store, learner):
    with pytest.raises(WrongPassphrase) as caught:
        store.unlock(learner.profile_id, PASSPHRASE + "!")
    assert not isinstance(caught.value, StoreDamaged)
    assert "passphrase does not open the profile 'Lan'" in str(caught.value)
    assert "Caps Lock" in str(caught.value)


def test_passphrase_typed_with_decomposed_vietnamese_marks_still_unlocks(store, learner):
    decomposed = unicodedata.normalize("NFD", PASSPHRASE)
    assert decomposed != PASSPHRASE
    assert store.unlock(learner.profile_id, decomposed).profile_id == learner.profile_id


@pytest.mark.parametrize("column", ["wrapped_key", "kdf_salt", "key_check"])
def test_damaged_key_record_is_reported_as_damage_not_as_a_wrong_passphrase(
    store, learner, store_path, column
):
    with sqlite3.connect(store_path) as raw:
        value = raw.execute(f"SELECT {column} FROM profiles").fetchone()[0]
        flipped = bytes([value[0] ^ 0x01]) + value[1:]
        raw.execute(f"UPDATE profiles SET {column} = ?", (flipped,))
    for passphrase in (PASSPHRASE, "some other passphrase"):
        with pytest.raises(ProfileDamaged) as caught:
            store.unlock(learner.profile_id, passphrase)
        assert "key record of the profile 'Lan'" in str(caught.value)
        assert "Restore it from a backup" in str(caught.value)


def test_damaged_kdf_parameters_are_reported_as_damage(store, learner, store_path):
    with sqlite3.connect(store_path) as raw:
        raw.execute("UPDATE profiles SET kdf_iterations = kdf_iterations + 1")
    with pytest.raises(ProfileDamaged):
        store.unlock(learner.profile_id, PASSPHRASE)


def test_locked_profile_refuses_every_call_until_unlocked_again(store, learner):
    learner.lesson_opened(L1, 1, "l1-a1-one")
    learner.lock()
    assert learner.locked
    for call in (
        learner.statements,
        learner.pending,
        learner.certificates,
        learner.open_attempts,
        lambda: learner.lesson_opened(L1, 1, "l1-a1-two"),
    ):
        with pytest.raises(ProfileLocked, match=r"locked\. Unlock it again"):
            call()
    assert len(store.unlock(learner.profile_id, PASSPHRASE).statements()) == 1


def test_changing_the_passphrase_rewraps_the_key_and_leaves_every_row_alone(
    store, learner, store_path
):
    learner.lesson_opened(L1, 1, "l1-a1-one")
    learner.set_device_token("token-123")
    with sqlite3.connect(store_path) as raw:
        rows_before = raw.execute("SELECT seq, body FROM statements ORDER BY seq").fetchall()
        settings_before = raw.execute("SELECT name, body FROM profile_settings").fetchall()
        key_before = raw.execute("SELECT wrapped_key, kdf_salt FROM profiles").fetchone()

    store.change_passphrase(learner.profile_id, PASSPHRASE, "a brand new passphrase")

    with sqlite3.connect(store_path) as raw:
        assert raw.execute("SELECT seq, body FROM statements ORDER BY seq").fetchall() == (
            rows_before
        )
        assert sorted(raw.execute("SELECT name, body FROM profile_settings")) == sorted(
            settings_before
        )
        assert raw.execute("SELECT wrapped_key, kdf_salt FROM profiles").fetchone() != key_before
    with pytest.raises(WrongPassphrase):
        store.unlock(learner.profile_id, PASSPHRASE)
    again = store.unlock(learner.profile_id, "a brand new passphrase")
    assert again.device_token == "token-123"
    assert len(again.statements()) == 1


def test_changing_the_passphrase_needs_the_old_one(store, learner):
    with pytest.raises(WrongPassphrase):
        store.change_passphrase(learner.profile_id, "not the passphrase", "a brand new one")
    assert store.unlock(learner.profile_id, PASSPHRASE)


def test_too_short_passphrase_is_refused_with_advice(store, learner):
    with pytest.raises(WeakPassphrase, match="at least 8 characters"):
        store.create_profile("Minh", "short")
    with pytest.raises(WeakPassphrase):
        store.change_passphrase(learner.profile_id, PASSPHRASE, "1234567")
    assert [p.display_name for p in store.profiles()] == ["Lan"]


def test_passphrase_hint_grows_with_length_and_variety():
    assert passphrase_hint("abc").strength is Strength.TOO_SHORT
    assert passphrase_hint("matkhau123").strength is Strength.WEAK
    assert passphrase_hint("aaaaaaaaaaaa").strength <= Strength.FAIR
    assert passphrase_hint("Hanoi2024").strength <= Strength.FAIR
    assert passphrase_hint(PASSPHRASE).strength >= Strength.GOOD
    assert passphrase_hint("ngựa đỏ ăn cỏ dưới trăng xanh").strength is Strength.STRONG


def test_deleting_a_profile_needs_its_passphrase_and_removes_all_its_rows(store, store_path):
    lan = store.create_profile("Lan", PASSPHRASE)
    minh = store.create_profile("Minh", "another long passphrase")
    for who in (lan, minh):
        who.lesson_opened(L1, 1, "l1-a1-one")
        who.set_setting("language", "vi")

    with pytest.raises(WrongPassphrase):
        store.delete_profile(lan.profile_id, "another long passphrase")
    store.delete_profile(lan.profile_id, PASSPHRASE)

    assert [p.display_name for p in store.profiles()] == ["Minh"]
    with pytest.raises(ProfileNotFound, match="no profile"):
        store.unlock(lan.profile_id, PASSPHRASE)
    with sqlite3.connect(store_path) as raw:
        for table in ("statements", "profile_settings", "certificates"):
            ids = {r[0] for r in raw.execute(f"SELECT DISTINCT profile_id FROM {table}")}
            assert lan.profile_id not in ids
    assert len(store.unlock(minh.profile_id, "another long passphrase").statements()) == 1
    wal = store_path.with_name(store_path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_deleted_profile_leaves_no_trace_of_its_name_in_the_file(store, store_path):
    doomed = store.create_profile("Xuân-Trường-Độc-Nhất", PASSPHRASE)
    doomed.lesson_opened(L1, 1, "l1-a1-one")
    store.delete_profile(doomed.profile_id, PASSPHRASE)
    store.close()
    data = store_path.read_bytes()
    assert "Xuân-Trường-Độc-Nhất".encode() not in data
    assert doomed.profile_id.encode() not in data


def test_file_that_is_not_sqlite_is_reported_as_foreign_and_left_untouched(tmp_path):
    path = tmp_path / "learners.sqlite"
    path.write_bytes(b"%PDF-1.7 not a database at all" * 50)
    with pytest.raises(ForeignFile, match="is not a Học Vụ Số learner store") as caught:
        Store.open(path)
    assert not isinstance(caught.value, StoreDamaged)
    assert path.read_bytes() == b"%PDF-1.7 not a database at all" * 50


def test_another_programs_sqlite_database_is_reported_as_foreign(tmp_path):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE contacts (name TEXT)")
    with pytest.raises(ForeignFile, match="another program's database"):
        Store.open(path)
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 0


def test_a_folder_in_place_of_the_store_is_reported_as_foreign(tmp_path):
    folder = tmp_path / "learners.sqlite"
    folder.mkdir()
    with pytest.raises(ForeignFile, match="folder"):
        Store.open(folder)


def test_store_from_a_newer_app_is_refused_without_change(store, learner, store_path):
    store.close()
    with sqlite3.connect(store_path) as raw:
        raw.execute("PRAGMA user_version = 99")
    with pytest.raises(StoreTooNew, match="newer version of Học Vụ Số") as caught:
        Store.open(store_path)
    assert (caught.value.found, caught.value.known) == (99, 1)


def test_corrupted_pages_are_reported_as_a_damaged_store(store, learner, store_path: Path):
    for n in range(300):
        learner.lesson_opened(L1, 1, f"lesson-{n}")
    store.close()
    data = bytearray(store_path.read_bytes())
    page = 4096
    data[page:] = b"\xff" * (len(data) - page)
    store_path.write_bytes(bytes(data))
    with pytest.raises(StoreDamaged, match="is damaged"):
        reopened = Store.open(store_path, kdf_params=CHEAP_KDF)
        reopened.unlock(learner.profile_id, PASSPHRASE).statements()


def test_default_key_derivation_is_at_least_rfc9106_second_recommendation(tmp_path):
    with Store.open(tmp_path / "learners.sqlite") as tuned:
        tuned.create_profile("Lan", PASSPHRASE)
        [info] = tuned.profiles()
    assert info.kdf.memory_kib >= MINIMUM_KDF.memory_kib == 64 * 1024
    assert info.kdf.iterations >= MINIMUM_KDF.iterations == 3
    assert info.kdf.lanes >= MINIMUM_KDF.lanes == 1


def test_tuning_raises_iterations_until_the_target_time_without_passing_the_limit():
    base = KdfParams(memory_kib=1024, iterations=1, lanes=1)
    one = time_kdf(base)
    tuned = tune_kdf(base, target_s=one * 4, limit_s=one * 40)
    assert tuned.memory_kib == base.memory_kib
    assert tuned.iterations > base.iterations
    assert tune_kdf(base, target_s=0.0, limit_s=1.0) == base


def test_parameters_are_stored_per_profile(tmp_path):
    path = tmp_path / "learners.sqlite"
    with Store.open(path, kdf_params=CHEAP_KDF) as first:
        cheap = first.create_profile("Lan", PASSPHRASE)
    dearer = KdfParams(memory_kib=16, iterations=2, lanes=1)
    with Store.open(path, kdf_params=dearer) as second:
        other = second.create_profile("Minh", PASSPHRASE)
        kdfs = {p.profile_id: p.kdf for p in second.profiles()}
        assert kdfs == {cheap.profile_id: CHEAP_KDF, other.profile_id: dearer}
        assert second.unlock(cheap.profile_id, PASSPHRASE)


def test_closing_the_store_locks_every_profile_unlocked_from_it(store, learner):
    other = store.unlock(learner.profile_id, PASSPHRASE)
    store.close()
    assert learner.locked and other.locked
    with pytest.raises(ProfileLocked):
        other.statements()
