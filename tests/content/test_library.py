"""Installing packs: atomic replacement, crash recovery, listing and reading lessons."""

from __future__ import annotations

import pytest

from content import library as library_module
from content.errors import PackRefused
from content.library import Library
from tests.content.conftest import make_pack, snapshot


def test_new_version_replaces_old_and_old_files_are_gone(library, dev, tmp_path):
    old = library.get("vn.mofa.dl.demo")
    new = library.install(make_pack(dev, tmp_path / "v2.hvpack", version=2))
    assert new.version == 2 and library.get("vn.mofa.dl.demo").version == 2
    assert not old.path.exists()
    assert [p.pack_id for p in library.installed()] == ["vn.mofa.dl.demo"]


def test_crash_between_extraction_and_switch_leaves_previous_version(
    library, dev, tmp_path, monkeypatch
):
    pack = make_pack(dev, tmp_path / "v2.hvpack", version=2)

    def power_cut(path, data):
        raise KeyboardInterrupt("simulated crash before the pointer is switched")

    monkeypatch.setattr(library_module, "write_atomic", power_cut)  # the pointer switch
    with pytest.raises(KeyboardInterrupt):
        library.install(pack)
    monkeypatch.undo()

    # The app starts again: the old version is what it sees, intact.
    reopened = Library(library.root, dev.roots, [dev.trust_bytes])
    current = reopened.get("vn.mofa.dl.demo")
    assert current.version == 1
    assert "Mật khẩu mạnh" in current.lesson("strong-passwords", "vi").html
    assert current.quiz("demo-quiz").items
    # Leftovers of the cut-short install are cleared, and installing again works.
    names = set(snapshot(reopened.root))
    assert not any(n.startswith(".staging") for n in names)
    assert len([n for n in names if n.count("/") == 2 and n.split("/")[2].startswith("v")]) == 1
    assert reopened.install(pack).version == 2


def test_crash_during_extraction_leaves_previous_version(library, dev, tmp_path, monkeypatch):
    pack = make_pack(dev, tmp_path / "v2.hvpack", version=2)
    before = snapshot(library.root)

    def die(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(library_module.PackReader, "check_files", die)
    with pytest.raises(OSError):
        library.install(pack)
    assert snapshot(library.root) == before


def test_first_install_into_missing_folder_that_fails_leaves_nothing(dev, tmp_path):
    root = tmp_path / "fresh"
    lib = Library(root, dev.roots, [dev.trust_bytes])
    bad = tmp_path / "bad.hvpack"
    bad.write_bytes(make_pack(dev, tmp_path / "ok.hvpack").read_bytes()[:-40])
    with pytest.raises(PackRefused):
        lib.install(bad)
    assert not root.exists()


def test_installed_lesson_renders_with_pack_media_only(library):
    pack = library.get("vn.mofa.dl.demo")
    lesson = pack.lesson("strong-passwords", "en")
    assert lesson.meta.title == "Strong passwords" and lesson.meta.minutes == 5
    assert 'src="media/example.svg"' in lesson.html
    assert (pack.path / "media" / "example.svg").exists()
    assert pack.lesson("strong-passwords", "fr").meta.title == "Mật khẩu mạnh"


def test_install_reports_progress_up_to_the_total(dev, tmp_path):
    lib = Library(tmp_path / "lib", dev.roots, [dev.trust_bytes])
    seen = []
    lib.install(make_pack(dev, tmp_path / "p.hvpack"), progress=lambda d, t: seen.append((d, t)))
    assert seen and seen[-1][0] == seen[-1][1]
