"""The trainer's commands, run as a trainer would type them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from hocvu.paths import development_dir
from tests.content.conftest import rewrite_zip

DEV_KEY = development_dir() / "DEVELOPMENT-ONLY-trainer.key"


def hocvu(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "hocvu", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


SUBCOMMANDS = [
    ["pack"],
    ["pack", "new"],
    ["pack", "build"],
    ["pack", "verify"],
    ["pack", "info"],
    ["pack", "install"],
    ["pack", "import-gift"],
    ["keys"],
    ["keys", "init-root"],
    ["keys", "new-trainer"],
    ["keys", "add-trainer"],
    ["keys", "revoke"],
    ["keys", "new-grading-key"],
    ["keys", "add-grading-key"],
    ["keys", "show"],
]


@pytest.mark.parametrize("command", SUBCOMMANDS, ids=" ".join)
def test_every_subcommand_explains_itself(command, tmp_path):
    result = hocvu(*command, "--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "usage: hocvu" in result.stdout
    assert len(result.stdout.splitlines()) >= 4


def test_top_level_help_and_version(tmp_path):
    assert "pack" in hocvu("--help", cwd=tmp_path).stdout
    assert hocvu("--version", cwd=tmp_path).stdout.startswith("hocvu 0.")


def test_trainer_workflow_new_build_verify_info(tmp_path):
    assert hocvu("pack", "new", "demo", cwd=tmp_path).returncode == 0
    built = hocvu(
        "pack",
        "build",
        "demo",
        "--key",
        str(DEV_KEY),
        "-o",
        "demo.hvpack",
        "--strict",
        cwd=tmp_path,
    )
    assert built.returncode == 0, built.stderr
    assert "Built demo.hvpack" in built.stdout and built.stderr == ""
    verified = hocvu("pack", "verify", "demo.hvpack", cwd=tmp_path)
    assert verified.returncode == 0 and verified.stdout.startswith("OK: vn.mofa.dl.demo")
    info = json.loads(hocvu("pack", "info", "demo.hvpack", "--json", cwd=tmp_path).stdout)
    assert info["modules"][0]["lessons"] == ["strong-passwords"]
    human = hocvu("pack", "info", "demo.hvpack", "--lang", "en", cwd=tmp_path).stdout
    assert "Strong passwords" in human


def test_verify_of_a_tampered_pack_fails_with_the_reason(tmp_path):
    hocvu("pack", "new", "demo", cwd=tmp_path)
    hocvu("pack", "build", "demo", "--key", str(DEV_KEY), "-o", "demo.hvpack", cwd=tmp_path)
    rewrite_zip(
        tmp_path / "demo.hvpack",
        tmp_path / "bad.hvpack",
        lambda items: [
            (i, d.replace(b"Strong", b"Strung") if i.filename.endswith(".en.md") else d)
            for i, d in items
        ],
    )
    result = hocvu("pack", "verify", "bad.hvpack", cwd=tmp_path)
    assert result.returncode == 1
    assert "lessons/strong-passwords.en.md" in result.stderr
    assert "Traceback" not in result.stderr


def test_build_error_names_file_without_traceback(tmp_path):
    hocvu("pack", "new", "demo", cwd=tmp_path)
    (tmp_path / "demo" / "course.yaml").write_text("id: [broken\n", encoding="utf-8")
    result = hocvu("pack", "build", "demo", "--key", str(DEV_KEY), cwd=tmp_path)
    assert result.returncode == 1
    assert "course.yaml" in result.stderr and "line" in result.stderr
    assert "Traceback" not in result.stderr


def test_keys_workflow_root_trainer_add_revoke(tmp_path):
    env = {"ROOT_PASS": "correct horse battery staple", "TRAINER_PASS": "trainer secret 1"}
    assert (
        hocvu(
            "keys",
            "init-root",
            "--out-dir",
            "root",
            "--passphrase-env",
            "ROOT_PASS",
            cwd=tmp_path,
            env=env,
        ).returncode
        == 0
    )
    assert b"ENCRYPTED" in (tmp_path / "root" / "root.key").read_bytes()
    made = hocvu(
        "keys",
        "new-trainer",
        "--name",
        "Trainer A",
        "-o",
        "a",
        "--passphrase-env",
        "TRAINER_PASS",
        cwd=tmp_path,
        env=env,
    )
    assert made.returncode == 0, made.stderr
    added = hocvu(
        "keys",
        "add-trainer",
        "--root",
        "root/root.key",
        "--trust",
        "root/trust.json",
        "--trainer",
        "a.pub.json",
        "--prefix",
        "vn.mofa.dl",
        "-o",
        "trust2.json",
        "--passphrase-env",
        "ROOT_PASS",
        cwd=tmp_path,
        env=env,
    )
    assert added.returncode == 0, added.stderr
    second = json.loads((tmp_path / "trust2.json").read_text())["trust"]
    key_id = json.loads((tmp_path / "a.pub.json").read_text())["key_id"]
    assert second["version"] == 2 and second["trainers"][0]["key_id"] == key_id
    revoked = hocvu(
        "keys",
        "revoke",
        "--root",
        "root/root.key",
        "--trust",
        "trust2.json",
        key_id,
        "-o",
        "trust3.json",
        "--passphrase-env",
        "ROOT_PASS",
        cwd=tmp_path,
        env=env,
    )
    assert revoked.returncode == 0, revoked.stderr
    third = json.loads((tmp_path / "trust3.json").read_text())["trust"]
    assert third["version"] == 3 and third["revoked"] == [key_id] and third["trainers"] == []


def test_grading_key_workflow_new_publish_and_a_second_never_overwrites(tmp_path):
    env = {"ROOT_PASS": "development-only", "GRADING_PASS": "grading secret 2027"}
    made = hocvu(
        "keys",
        "new-grading-key",
        "-o",
        "g",
        "--passphrase-env",
        "GRADING_PASS",
        cwd=tmp_path,
        env=env,
    )
    assert made.returncode == 0, made.stderr
    assert b"ENCRYPTED" in (tmp_path / "g.key").read_bytes()
    again = hocvu("keys", "new-grading-key", "-o", "g", "--no-passphrase", cwd=tmp_path)
    assert again.returncode == 1 and "never overwritten" in again.stderr
    root = development_dir()
    added = hocvu(
        "keys",
        "add-grading-key",
        "--root",
        str(root / "DEVELOPMENT-ONLY-root.key"),
        "--trust",
        str(root / "trust.json"),
        "--grading",
        "g.pub.json",
        "-o",
        "trust.json",
        "--passphrase-env",
        "ROOT_PASS",
        cwd=tmp_path,
        env=env,
    )
    assert added.returncode == 0, added.stderr
    key_id = json.loads((tmp_path / "g.pub.json").read_text())["key_id"]
    shown = hocvu("keys", "show", "trust.json", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert f"{key_id}  grading key" in shown.stdout
    wrong = hocvu(
        "keys",
        "add-grading-key",
        "--root",
        str(root / "DEVELOPMENT-ONLY-root.key"),
        "--trust",
        "trust.json",
        "--grading",
        "g.key",  # the private half is not a public key file
        "-o",
        "trust2.json",
        "--passphrase-env",
        "ROOT_PASS",
        cwd=tmp_path,
        env=env,
    )
    assert wrong.returncode == 1 and "not a grading public key file" in wrong.stderr


def test_wrong_root_passphrase_is_reported(tmp_path):
    env = {"ROOT_PASS": "correct horse battery staple", "WRONG": "not the passphrase"}
    hocvu(
        "keys",
        "init-root",
        "--out-dir",
        "root",
        "--passphrase-env",
        "ROOT_PASS",
        cwd=tmp_path,
        env=env,
    )
    hocvu("keys", "new-trainer", "--name", "B", "-o", "b", "--no-passphrase", cwd=tmp_path)
    result = hocvu(
        "keys",
        "add-trainer",
        "--root",
        "root/root.key",
        "--trust",
        "root/trust.json",
        "--trainer",
        "b.pub.json",
        "--prefix",
        "vn.mofa",
        "-o",
        "t.json",
        "--passphrase-env",
        "WRONG",
        cwd=tmp_path,
        env=env,
    )
    assert result.returncode == 1 and "wrong passphrase" in result.stderr
    assert not (tmp_path / "t.json").exists()
