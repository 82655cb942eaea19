"""Hostile bundles, in both directions: refused from their sizes and shapes before any
entry is read, with the app's or the server's own words, never a crash."""

from __future__ import annotations

import json
import resource
import struct
import zipfile
from pathlib import Path

import pytest

from sync.bundle import MAGIC, BundleRefused, open_sealed, read_return_bundle
from sync.server.keys import load_or_create

GIB = 1024 * 1024 * 1024


@pytest.fixture(scope="module")
def server_keys(tmp_path_factory):
    return load_or_create(tmp_path_factory.mktemp("keys")).public_keys()


def zip_with(path: Path, entries: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def refused(path: Path, server_keys, tmp_path: Path) -> BundleRefused:
    with pytest.raises(BundleRefused) as caught:
        read_return_bundle(path, server_keys, tmp_path / "out")
    return caught.value


def test_a_bundle_json_bomb_is_refused_before_it_is_unpacked(server_keys, tmp_path):
    bomb = tmp_path / "bomb.hvsync"
    zeros = bytes(1 << 20)
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("bundle.json", "w", force_zip64=True) as entry:
            for _ in range(1024):  # 1 GiB of zeros, about 1 MB on disk
                entry.write(zeros)
        archive.writestr("bundle.sig", b"{}")
    assert bomb.stat().st_size < 2 * 1024 * 1024
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    error = refused(bomb, server_keys, tmp_path)
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert "bundle.json" in str(error) and str(GIB) in str(error)
    assert error.kind == "damaged"
    # Refused from the central directory: nowhere near a GiB read or held (the time it
    # takes is bench/hostile_bench.py's to print).
    assert grown_kib < 100 * 1024


def test_too_many_entries_or_an_escaping_name_are_refused(server_keys, tmp_path):
    many = zip_with(tmp_path / "many.hvsync", {f"f{n}": b"" for n in range(10_001)})
    assert "10001 entries" in str(refused(many, server_keys, tmp_path))
    escaping = zip_with(tmp_path / "up.hvsync", {"../../evil.sh": b"x", "bundle.json": b"{}"})
    assert "evil.sh" in str(refused(escaping, server_keys, tmp_path))


@pytest.mark.parametrize(
    "index",
    [b"[]", b'"text"', b"1e999999", b"{" * 100_000, b"\xff\xfe"],
    ids=["list", "string", "huge-number", "deep", "not-utf8"],
)
def test_a_malformed_index_or_signature_is_refused_not_a_crash(server_keys, tmp_path, index):
    path = zip_with(tmp_path / "odd.hvsync", {"bundle.json": index, "bundle.sig": index})
    error = refused(path, server_keys, tmp_path)
    assert error.kind == "damaged"


def test_a_truncated_or_lying_archive_is_refused(server_keys, tmp_path):
    good = zip_with(tmp_path / "ok.hvsync", {"bundle.json": b"{}" * 1000, "bundle.sig": b"{}"})
    data = good.read_bytes()
    cut = tmp_path / "cut.hvsync"
    cut.write_bytes(data[: len(data) // 2])
    assert refused(cut, server_keys, tmp_path).kind == "not_bundle"
    # The local header says one size and the data another: zipfile's CRC check trips.
    lying = tmp_path / "lying.hvsync"
    lying.write_bytes(data.replace(b"{}{}{}", b"{}{]{}", 1))
    assert refused(lying, server_keys, tmp_path).kind in ("damaged", "not_bundle")


@pytest.mark.parametrize(
    "header",
    [b"[1, 2]", b'"format"', b"null", b"{" * 10_000],
    ids=["list", "string", "null", "deep"],
)
def test_a_statements_bundle_with_a_header_that_is_not_an_object_is_refused(header):
    data = MAGIC + struct.pack(">I", len(header)) + header + struct.pack(">Q", 0) + bytes(64)
    with pytest.raises(BundleRefused, match="header"):
        open_sealed(data)


def test_a_statements_bundle_with_a_huge_declared_length_is_refused_at_once():
    header = json.dumps({"format": 1}).encode()
    data = MAGIC + struct.pack(">I", len(header)) + header + struct.pack(">Q", 2**63) + bytes(64)
    with pytest.raises(BundleRefused, match="truncated"):
        open_sealed(data)
