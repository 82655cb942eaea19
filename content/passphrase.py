"""Asking for a key's passphrase at the command line, or reading it from the environment."""

from __future__ import annotations

import getpass
import os
import sys

from content.errors import KeyFileError


def ask(env: str | None, prompt: str, *, confirm: bool = False) -> str:
    """From the variable named by `--passphrase-env`, else typed at the terminal."""
    if env:
        value = os.environ.get(env)
        if not value:
            raise KeyFileError(f"the environment variable {env} is empty or not set")
        return value
    if not sys.stdin.isatty():
        raise KeyFileError(
            "a passphrase is needed but there is no terminal to type it; "
            "use --passphrase-env VARIABLE"
        )
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Repeat it: ") != first:
        raise KeyFileError("the two passphrases differ; nothing was written")
    return first
