"""A file that cannot be written or read is explained in the learner's language, by
cause, instead of the operating system's text (which follows the system's language)."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from desktop.ui.messages import Messages


def test_a_removed_usb_stick_is_named_as_such(vietnamese: Messages, tmp_path: Path) -> None:
    with pytest.raises(OSError) as caught:
        (tmp_path / "removed-stick" / "results.hvsync").write_bytes(b"x")
    message = vietnamese.error(caught.value)
    assert "USB đã bị rút ra" in message
    assert "No such file" not in message


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "đã đầy"),
        (errno.EROFS, "chỉ cho phép đọc"),
        (errno.EACCES, "không được phép"),
        (errno.EPERM, "không được phép"),
        (errno.EIO, "lỗi 5"),
    ],
)
def test_each_cause_has_its_sentence(vietnamese: Messages, code: int, words: str) -> None:
    message = vietnamese.error(OSError(code, "system text in another language"))
    assert words in message
    assert "system text" not in message
