"""The built desktop bundle works on its own and carries nothing it must not.

Runs only against a bundle that exists: `packaging/check` builds one and runs these with
HOCVU_TEST_BUNDLE=dist/hocvu; without that variable every test here is skipped.
"""

from __future__ import annotations

import os
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from hocvu import APP_VERSION, PACK_FORMAT
from hocvu.paths import development_dir

BUNDLE = os.environ.get("HOCVU_TEST_BUNDLE")

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.skipif(not BUNDLE, reason="set HOCVU_TEST_BUNDLE=dist/hocvu (packaging/check)"),
]

PEM_PRIVATE = re.compile(rb"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----\s+[A-Za-z0-9+/=]{16}")
EXCLUDED_PARTS = re.compile(
    r"Qt6?(WebEngine|Qml|Quick|3D|Multimedia|Designer|VirtualKeyboard)|"
    r"(^|/)(qml|fastapi|uvicorn|alembic|starlette|pydantic\w*|pytest|_pytest|hypothesis|"
    r"playwright|tkinter)(/|$)"
)


@pytest.fixture(scope="module")
def bundle() -> Path:
    folder = Path(BUNDLE).resolve()
    assert (folder / "hocvu").is_file(), f"{folder} holds no hocvu executable"
    return folder


def run(bundle: Path, *args: str, data: Path | None = None) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        # The bundle must find everything inside itself, never in this checkout or venv.
        if not key.startswith(("HOCVU_", "PYTHON", "VIRTUAL_ENV", "QT_PLUGIN"))
    }
    env["QT_QPA_PLATFORM"] = "offscreen"
    if data is not None:
        env["HOME"] = str(data / "home")
    return subprocess.run(
        [str(bundle / "hocvu"), *args],
        cwd=data or bundle,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_bundled_app_creates_a_profile_and_opens_a_bundled_lesson(bundle, tmp_path):
    data = tmp_path / "data"
    result = run(bundle, "--smoke-test", "--data-dir", str(data), data=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "smoke test ok" in result.stdout
    assert (data / "learners.sqlite").exists()


def test_bundled_version_names_app_pack_format_and_store_schema(bundle, tmp_path):
    result = run(bundle, "--version", data=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"hocvu {APP_VERSION} (pack format {PACK_FORMAT}, ")
    assert "store schema " in result.stdout


def test_server_commands_point_to_the_separate_install(bundle, tmp_path):
    result = run(bundle, "server", data=tmp_path)
    assert result.returncode == 2
    assert "hocvu[server]" in result.stderr


def test_no_private_key_is_in_the_bundle(bundle):
    dev_key_bodies = [
        line
        for key in sorted(development_dir().glob("*.key"))
        for line in key.read_bytes().splitlines()
        if line and not line.startswith(b"-----")
    ]
    found = []
    for path in sorted(bundle.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        data = path.read_bytes()
        if path.suffix == ".key" or PEM_PRIVATE.search(data):
            found.append(str(path))
        if any(body in data for body in dev_key_bodies):
            found.append(f"{path} (development key material)")
        if path.suffix == ".hvpack":
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    if name.endswith(".key") or PEM_PRIVATE.search(archive.read(name)):
                        found.append(f"{path}!{name}")
    assert found == []


def test_trust_roots_match_the_flavour_the_build_wrote(bundle):
    flavour = (bundle / "BUNDLE-FLAVOUR").read_text(encoding="utf-8").split()[0]
    trust = bundle / "_internal" / "resources" / "trust"
    development = trust / "development"
    if flavour == "production":
        assert not development.exists()
        assert list((trust / "roots").glob("*.pub.json"))
    else:
        assert flavour == "development"
        assert sorted(p.name for p in development.iterdir()) == [
            "DEVELOPMENT-ONLY-root.pub.json",
            "trust.json",
        ]


def test_bundle_carries_packs_and_translations(bundle):
    resources = bundle / "_internal" / "resources"
    assert len(list((resources / "packs").glob("*.hvpack"))) >= 2
    assert {p.name for p in (resources / "translations").glob("*.qm")} >= {
        "hocvu_vi.qm",
        "hocvu_en.qm",
    }
    assert not list((resources / "translations").glob("*.ts"))


def test_bundle_leaves_out_server_test_tools_and_unused_qt(bundle):
    present = [
        path.relative_to(bundle).as_posix()
        for path in bundle.rglob("*")
        if EXCLUDED_PARTS.search(path.relative_to(bundle).as_posix())
    ]
    assert present == []
