"""One test per refusal rule of DESIGN section 3: the message names the file and the rule,
and the library is byte-for-byte unchanged afterwards."""

from __future__ import annotations

import json
import stat
import struct
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest

from content import keys, trust
from content.errors import PackRefused, Rule
from content.library import Library
from tests.content.conftest import make_pack, resign, rewrite_zip, snapshot


def refused(library: Library, pack: Path, rule: Rule, names: str) -> PackRefused:
    before = snapshot(library.root)
    with pytest.raises(PackRefused) as caught:
        library.install(pack)
    after = snapshot(library.root)
    assert after == before, "a refused pack changed the library"
    message = str(caught.value)
    assert caught.value.rule is rule, message
    assert rule.code in message and rule.value in message
    assert names in message, f"{names!r} not named in {message!r}"
    # The previous version is still there and readable.
    installed = library.get("vn.mofa.dl.demo")
    assert installed is not None and installed.version == 1
    assert "Mật khẩu mạnh" in installed.lesson("strong-passwords", "vi").html
    return caught.value


@pytest.fixture
def v2(dev, tmp_path) -> Path:
    return make_pack(dev, tmp_path / "v2.hvpack", version=2)


def add_entry(name: str, data: bytes = b"x", attr: int | None = None):
    def change(items):
        info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
        if attr is not None:
            info.create_system = 3
            info.external_attr = attr << 16
        return [*items, (info, data)]

    return change


@pytest.mark.parametrize(
    "name",
    [
        "../evil.md",
        "lessons/../../evil.md",
        "/etc/evil",
        "C:/evil.md",
        "c:evil.md",
        "lessons\\evil.md",
        "lessons/./x.md",
        "lessons//x.md",
    ],
)
def test_pack_with_traversal_entry_is_refused_and_library_unchanged(library, v2, tmp_path, name):
    bad = rewrite_zip(v2, tmp_path / "bad.hvpack", add_entry(name))
    refused(library, bad, Rule.PATH_TRAVERSAL, name)


def test_pack_with_traversal_path_in_manifest_is_refused(library, v2, tmp_path, dev):
    bad = resign(
        dev,
        v2,
        tmp_path / "bad.hvpack",
        lambda m, e: e.__setitem__("media/../../x.svg", b"<svg></svg>"),
    )
    refused(library, bad, Rule.PATH_TRAVERSAL, "media/../../x.svg")


def test_pack_with_symlink_entry_is_refused(library, v2, tmp_path):
    bad = rewrite_zip(
        v2,
        tmp_path / "bad.hvpack",
        add_entry("media/link.svg", b"/etc/passwd", stat.S_IFLNK | 0o777),
    )
    refused(library, bad, Rule.SYMLINK, "media/link.svg")


def test_pack_with_duplicate_entry_is_refused(library, v2, tmp_path):
    def duplicate(items):
        info, data = next((i, d) for i, d in items if i.filename.startswith("lessons/"))
        return [*items, (info, data)]

    with pytest.warns(UserWarning):
        bad = rewrite_zip(v2, tmp_path / "bad.hvpack", duplicate)
    refused(library, bad, Rule.DUPLICATE_NAME, "lessons/strong-passwords")


def test_pack_with_case_colliding_names_is_refused(library, v2, tmp_path):
    bad = rewrite_zip(v2, tmp_path / "bad.hvpack", add_entry("lessons/Strong-Passwords.en.md"))
    refused(library, bad, Rule.CASE_COLLISION, "lessons/")


def test_pack_with_too_many_entries_is_refused(library, v2, tmp_path):
    def many(items):
        extra = [(zipfile.ZipInfo(f"media/{n}.svg"), b"") for n in range(10_001)]
        return items + extra

    bad = rewrite_zip(v2, tmp_path / "bad.hvpack", many)
    refused(library, bad, Rule.TOO_MANY_ENTRIES, "bad.hvpack")


def test_pack_with_oversize_entry_is_refused(library, v2, tmp_path):
    bad = rewrite_zip(v2, tmp_path / "bad.hvpack", add_entry("media/huge.png", b"\x89PNG" * 4))
    # Claim 300 MB in the central directory, as a crafted archive would.
    raw = bytearray(bad.read_bytes())
    name = b"media/huge.png"
    at = next(
        i
        for i in range(len(raw))
        if raw.startswith(b"PK\x01\x02", i) and raw[i + 46 : i + 46 + len(name)] == name
    )
    struct.pack_into("<I", raw, at + 24, 300 * 1024 * 1024)
    bad.write_bytes(bytes(raw))
    refused(library, bad, Rule.ENTRY_TOO_LARGE, "media/huge.png")


def test_pack_with_compression_bomb_is_refused(library, v2, tmp_path):
    def bomb(items):
        info = zipfile.ZipInfo("media/bomb.svg")
        info.compress_type = zipfile.ZIP_DEFLATED
        return [*items, (info, b"\0" * (20 * 1024 * 1024))]

    bad = rewrite_zip(v2, tmp_path / "bad.hvpack", bomb)
    refused(library, bad, Rule.COMPRESSION_RATIO, "media/bomb.svg")


def test_pack_with_unlisted_file_is_refused(library, v2, tmp_path):
    bad = rewrite_zip(
        v2, tmp_path / "bad.hvpack", add_entry("media/extra.png", b"\x89PNG\r\n\x1a\n")
    )
    refused(library, bad, Rule.UNLISTED_FILE, "media/extra.png")


def test_pack_with_missing_file_is_refused(library, v2, tmp_path):
    bad = rewrite_zip(
        v2,
        tmp_path / "bad.hvpack",
        lambda items: [(i, d) for i, d in items if i.filename != "media/example.svg"],
    )
    refused(library, bad, Rule.MISSING_FILE, "media/example.svg")


def test_pack_with_size_mismatch_is_refused(library, v2, tmp_path):
    def grow(items):
        return [(i, d + b"\nextra" if i.filename.endswith(".en.md") else d) for i, d in items]

    bad = rewrite_zip(v2, tmp_path / "bad.hvpack", grow)
    refused(library, bad, Rule.SIZE_MISMATCH, "lessons/strong-passwords.en.md")


def test_pack_with_changed_file_is_refused_by_hash(library, v2, tmp_path):
    def flip(items):
        return [
            (i, d.replace(b"Strong", b"Strung") if i.filename.endswith(".en.md") else d)
            for i, d in items
        ]

    bad = rewrite_zip(v2, tmp_path / "bad.hvpack", flip)
    refused(library, bad, Rule.HASH_MISMATCH, "lessons/strong-passwords.en.md")


def test_pack_with_changed_manifest_fails_signature(library, v2, tmp_path):
    def edit(items):
        return [
            (i, d.replace(b'"version": 2', b'"version": 9') if i.filename == "manifest.json" else d)
            for i, d in items
        ]

    bad = rewrite_zip(v2, tmp_path / "bad.hvpack", edit)
    refused(library, bad, Rule.BAD_SIGNATURE, "manifest.json")


def test_trust_list_signed_by_unknown_root_is_refused(library, dev, tmp_path):
    stranger = keys.new_key()
    body = json.loads(dev.trust_bytes)["trust"]
    body["version"] = 5
    pack = make_pack(
        dev, tmp_path / "bad.hvpack", version=2, trust_bytes=trust.sign_body(body, stranger)
    )
    refused(library, pack, Rule.UNTRUSTED_TRUST_LIST, "trust.json")


def _with_trainer(dev, **changes):
    def mutate(body):
        body["trainers"][0].update(changes)

    return dev.trust_with(mutate)


def test_expired_trainer_key_is_refused(library, dev, tmp_path):
    trust_bytes = _with_trainer(dev, not_after="2026-06-01T00:00:00Z")
    pack = make_pack(dev, tmp_path / "bad.hvpack", version=2, trust_bytes=trust_bytes)
    refused(library, pack, Rule.KEY_NOT_VALID, "signature.json")


def test_revoked_trainer_key_is_refused(library, dev, tmp_path):
    key_id = keys.key_id(dev.trainer.public_key())
    trust_bytes = dev.trust_with(lambda body: trust.revoke(body, key_id))
    pack = make_pack(dev, tmp_path / "bad.hvpack", version=2, trust_bytes=trust_bytes)
    error = refused(library, pack, Rule.KEY_REVOKED, "signature.json")
    assert key_id in str(error)


def test_revocation_reaches_packs_that_carry_an_older_trust_list(library, dev, tmp_path):
    key_id = keys.key_id(dev.trainer.public_key())
    library.adopt_trust(dev.trust_with(lambda body: trust.revoke(body, key_id)))
    pack = make_pack(dev, tmp_path / "old-trust.hvpack", version=2)  # carries trust v1
    refused(library, pack, Rule.KEY_REVOKED, "signature.json")


def test_pack_id_outside_key_prefixes_is_refused(library, dev, tmp_path):
    trust_bytes = _with_trainer(dev, prefixes=["org.other"])
    pack = make_pack(dev, tmp_path / "bad.hvpack", version=2, trust_bytes=trust_bytes)
    refused(library, pack, Rule.ID_OUTSIDE_PREFIXES, "vn.mofa.dl.demo")


def test_lower_or_equal_version_is_refused_unless_forced(library, dev, tmp_path):
    v1_again = make_pack(dev, tmp_path / "v1b.hvpack", version=1)
    refused(library, v1_again, Rule.VERSION_NOT_NEWER, "v1b.hvpack")
    forced = library.install(v1_again, force=True)
    assert forced.version == 1


def test_unknown_format_is_refused(library, dev, v2, tmp_path):
    bad = resign(dev, v2, tmp_path / "bad.hvpack", lambda m, e: m.__setitem__("format", 2))
    refused(library, bad, Rule.UNKNOWN_FORMAT, "manifest.json")


def test_malformed_manifest_json_is_refused(library, v2, tmp_path):
    def garble(items):
        return [(i, b"{not json" if i.filename == "manifest.json" else d) for i, d in items]

    bad = rewrite_zip(v2, tmp_path / "bad.hvpack", garble)
    refused(library, bad, Rule.MALFORMED, "manifest.json")


def test_malformed_quiz_json_is_refused(library, dev, v2, tmp_path):
    bad = resign(
        dev,
        v2,
        tmp_path / "bad.hvpack",
        lambda m, e: e.__setitem__("quizzes/demo-quiz.json", b'{"items": ['),
    )
    refused(library, bad, Rule.MALFORMED, "quizzes/demo-quiz.json")


def test_malformed_lesson_front_matter_is_refused(library, dev, v2, tmp_path):
    def change(manifest, entries):
        entries["lessons/strong-passwords.en.md"] = b"---\ntitle: [unclosed\n---\nBody\n"

    bad = resign(dev, v2, tmp_path / "bad.hvpack", change)
    refused(library, bad, Rule.MALFORMED, "lessons/strong-passwords.en.md")


def test_svg_with_script_is_refused(library, dev, v2, tmp_path):
    def change(manifest, entries):
        entries["media/example.svg"] = b'<svg xmlns="x"><script>alert(1)</script></svg>'

    bad = resign(dev, v2, tmp_path / "bad.hvpack", change)
    refused(library, bad, Rule.UNSAFE_MEDIA, "media/example.svg")


def test_not_a_zip_is_refused(library, tmp_path):
    bad = tmp_path / "bad.hvpack"
    bad.write_bytes(b"this is not a pack")
    refused(library, bad, Rule.NOT_A_ZIP, "bad.hvpack")


def test_truncated_pack_is_refused(library, v2, tmp_path):
    bad = tmp_path / "bad.hvpack"
    bad.write_bytes(v2.read_bytes()[: v2.stat().st_size // 2])
    refused(library, bad, Rule.NOT_A_ZIP, "bad.hvpack")


def test_expired_trust_list_is_refused_after_grace_and_warned_within(library, dev, tmp_path):
    pack = make_pack(dev, tmp_path / "v2.hvpack", version=2)
    listed = trust.parse(dev.trust_bytes, dev.roots)
    within = listed.expires + timedelta(days=listed.grace_days - 1)
    assert any("expired" in w for w in library.verify(pack, now=within).warnings)
    before = snapshot(library.root)
    with pytest.raises(PackRefused) as caught:
        library.install(pack, now=listed.expires + timedelta(days=listed.grace_days + 1))
    assert caught.value.rule is Rule.TRUST_LIST_EXPIRED and "trust.json" in str(caught.value)
    assert snapshot(library.root) == before


def test_trust_list_never_goes_back(library, dev):
    newer = dev.trust_with(lambda body: None, version=7)
    assert library.adopt_trust(newer).version == 7
    assert library.adopt_trust(dev.trust_bytes).version == 7
    assert library.trust().version == 7
