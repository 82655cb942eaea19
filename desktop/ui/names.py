"""Names of areas, levels and states in the current language."""

from __future__ import annotations

from PySide6.QtCore import QObject


class Names(QObject):
    def area(self, number: int) -> str:
        names = {
            1: self.tr("Data and information"),
            2: self.tr("Communication and collaboration"),
            3: self.tr("Digital content creation"),
            4: self.tr("Safety"),
            5: self.tr("Problem solving"),
            6: self.tr("Applying AI"),
        }
        return names.get(number, str(number))

    def level(self, number: int) -> str:
        names = {
            1: self.tr("Level 1 — Basic"),
            2: self.tr("Level 2 — Intermediate"),
            3: self.tr("Level 3 — Advanced"),
            4: self.tr("Level 4 — Specialised"),
        }
        return names.get(number, str(number))

    def lesson_state(self, state: str) -> str:
        names = {
            "not_started": self.tr("not started"),
            "in_progress": self.tr("in progress"),
            "done": self.tr("done"),
        }
        return names.get(state, state)

    def module_state(self, mastered: bool, skipped: bool, fraction: float) -> str:
        if skipped:
            return self.tr("skipped by placement")
        if mastered:
            return self.tr("mastered")
        if fraction > 0:
            return self.tr("in progress")
        return self.tr("not started")

    # --- level exams (graded by the server) ----------------------------------------

    def when(self, moment) -> str:
        """A date and time as the learner reads it (local time)."""
        return moment.astimezone().strftime("%d/%m/%Y %H:%M")

    def competence(self, code: str) -> str:
        """A competence to revisit: its code with its area's name (the app has no
        names for single competences)."""
        area = code.split(".", 1)[0]
        return f"{code} ({self.area(int(area))})" if area.isdigit() else code

    def exam_status(self, status: str) -> str:
        """What the server's `status` means for the learner, when it is not `graded`."""
        texts = {
            "cooldown": self.tr(
                "This attempt was submitted before the waiting time after the previous one "
                "had passed. It was scored but does not count."
            ),
            "attempt_limit": self.tr(
                "This attempt was beyond the number of attempts allowed for this version of "
                "the exam. It was scored but does not count."
            ),
            "rejected": self.tr(
                "This attempt was reviewed and rejected by the ministry. It does not count."
            ),
            "invalid": self.tr(
                "This attempt could not be graded: its questions do not match the exam. It "
                "does not count; please take the exam again."
            ),
        }
        return texts.get(status, self.tr("The ministry's result could not be read."))

    def exam_gate(self, gate) -> str:
        """Why a new attempt cannot start now (empty when it can)."""
        if gate.reason == "cooldown" and gate.reopens_at is not None:
            return self.tr("The next attempt opens on %1.").replace(
                "%1", self.when(gate.reopens_at)
            )
        if gate.reason == "attempt_limit":
            return self.tr(
                "All %1 attempts at this version of the exam are used; no further attempt "
                "is possible."
            ).replace("%1", str(gate.attempts_allowed))
        return ""

    def exam_state(self, line) -> str:
        """One short phrase for the library's state column."""
        latest = line.standing.latest
        if line.standing.passed:
            return self.tr("passed")
        if latest is not None and latest.awaiting:
            return self.tr("submitted, awaiting result")
        if line.gate.reason == "cooldown" and line.gate.reopens_at is not None:
            return self.tr("opens %1").replace("%1", self.when(line.gate.reopens_at))
        if line.gate.reason == "attempt_limit":
            return self.tr("no attempts left")
        if latest is not None and latest.result is not None:
            return self.tr("not passed")
        return ""

    def exam_report(self, line) -> str:
        """Home's account of a level exam: the latest submission and its result by
        area, the competences to revisit, and when a retake opens. Never the
        questions or their keys."""
        latest = line.standing.latest
        level = self.level(line.level)
        if latest is None:
            return ""
        if latest.result is None:
            return (
                self.tr("%1: submitted on %2, awaiting result.")
                .replace("%1", level)
                .replace("%2", self.when(latest.submitted_at))
                + " "
                + self.tr(
                    "The result arrives with the next sync, or with the next file from the "
                    "ministry."
                )
            )
        result = latest.result
        percent = "" if result.score is None else str(round(result.score * 100))
        lines = []
        if result.status == "graded" and result.passed:
            lines.append(self.tr("%1: passed, %2%.").replace("%1", level).replace("%2", percent))
        elif result.status == "graded":
            lines.append(
                self.tr("%1: not passed, %2%.").replace("%1", level).replace("%2", percent)
            )
        else:
            lines.append(f"{level}: {self.exam_status(result.status)}")
        if result.per_area:
            areas = " · ".join(
                f"{self.area(area)} {round(score * 100)}%"
                for area, score in sorted(result.per_area.items())
            )
            lines.append(self.tr("By area: %1").replace("%1", areas))
        if result.revisit:
            lines.append(
                self.tr("To revisit: %1").replace(
                    "%1", ", ".join(self.competence(c) for c in result.revisit)
                )
            )
        gate = self.exam_gate(line.gate)
        if gate and not line.standing.passed:
            lines.append(gate)
        return "\n".join(lines)
