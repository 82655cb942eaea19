"""What every operation works with: the workspace, the task runner, the change
signal, the window to parent dialogs, and how to tell the learner something."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from desktop.operations import Changes
from desktop.tasks import Tasks
from desktop.workspace import Workspace


@dataclass
class Context:
    workspace: Workspace
    tasks: Tasks
    changes: Changes
    parent: QWidget
    fail: Callable[[BaseException], None]  # an error, worded for the learner
    inform: Callable[[str], None]
    lang: Callable[[], str]  # the language lessons and quizzes are shown in
