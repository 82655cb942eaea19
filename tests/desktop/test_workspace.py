"""The app's files on one computer: quick profile list, settings, bundled packs."""

from __future__ import annotations

from desktop import store
from desktop.app_settings import AppSettings
from desktop.workspace import STORE_FILE, Workspace
from tests.desktop.app_driver import CHEAP_KDF


def test_quick_profile_names_match_the_store(tmp_path, starter_packs):
    assert STORE_FILE == store.STORE_FILE_NAME
    workspace = Workspace(tmp_path, kdf_params=CHEAP_KDF, bundled=starter_packs)
    assert workspace.quick_profile_names() == []
    workspace.store.create_profile("Zoë", "first passphrase 123").lock()
    workspace.store.create_profile("Ánh", "second passphrase 456").lock()
    expected = [(p.profile_id, p.display_name) for p in workspace.store.profiles()]
    assert workspace.quick_profile_names() == expected
    workspace.close()
    reopened = Workspace(tmp_path, kdf_params=CHEAP_KDF, bundled=starter_packs)
    assert reopened.quick_profile_names() == expected


def test_quick_profile_names_give_way_on_a_foreign_file(tmp_path):
    (tmp_path / STORE_FILE).write_bytes(b"not a database at all" * 100)
    assert Workspace(tmp_path).quick_profile_names() is None


def test_bundled_packs_install_once_and_index(tmp_path, starter_packs):
    workspace = Workspace(tmp_path, kdf_params=CHEAP_KDF, bundled=starter_packs)
    assert workspace.install_bundled() == 5
    assert workspace.install_bundled() == 0
    assert workspace.reindex() > 0
    assert workspace.reindex() == 0
    assert {p.pack_id for p in workspace.library.installed()} >= {
        "vn.mofa.dl.l1",
        "vn.mofa.dl.placement",
    }


def test_settings_survive_and_bad_values_are_clamped(tmp_path):
    path = tmp_path / "settings.json"
    AppSettings(language="en", font_size=99, idle_lock_minutes=0).save(path)
    loaded = AppSettings.load(path)
    assert (loaded.language, loaded.font_size, loaded.idle_lock_minutes) == ("en", 32, 1)
    path.write_text("{broken", encoding="utf-8")
    assert AppSettings.load(path) == AppSettings()
