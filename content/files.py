"""Writing files so that a crash leaves the old content or the new, never half of one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace a small file so that readers see the old or the new content, never half."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


PRIVATE_DIR, PRIVATE_FILE = 0o700, 0o600


def make_private(folder: Path, database: str | None = None) -> list[str]:
    """Create `folder` if needed and give it, and the SQLite `database` in it with its
    -wal and -shm files, owner-only permissions, so that other accounts on the machine
    cannot read a learner's store or the server's database. The database file is
    created empty if missing: SQLite then makes its -wal and -shm files with the same
    permissions. Returns the paths that were wider than owner-only, for a warning.
    Does nothing on Windows, whose ACLs differ."""
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)  # (mode is masked by umask)
    if os.name != "posix":
        return []
    paths = [(folder, PRIVATE_DIR)]
    if database:
        db = folder / database
        if not db.exists():
            db.touch(mode=PRIVATE_FILE)
        for suffix in ("", "-wal", "-shm", "-journal"):
            if (folder / f"{database}{suffix}").is_file():
                paths.append((folder / f"{database}{suffix}", PRIVATE_FILE))
    wider = []
    for path, mode in paths:
        current = path.stat().st_mode & 0o777
        if current & 0o077:
            wider.append(f"{path} ({current:o})")
            # Only takes rights away: a folder its owner made read-only stays so.
            path.chmod(current & mode)
    return wider
