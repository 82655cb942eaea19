"""How review times are said, on Home and on the review screen: a wait as the grade
buttons show it ("10 min", "3 days"), and a due date ("today at 15:14")."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QDate, QLocale, QObject

from desktop.review_queue import interval_parts


class ReviewTimes(QObject):
    def interval(self, wait: timedelta) -> str:
        count, unit = interval_parts(wait)
        if unit == "minute":
            return self.tr("%n min", "", count)
        if unit == "hour":
            return self.tr("%n hour(s)", "", count)
        if unit == "day":
            return self.tr("%n day(s)", "", count)
        if unit == "month":
            return self.tr("%n month(s)", "", count)
        return self.tr("%n year(s)", "", count)

    def when(self, moment: datetime) -> str:
        """Today or tomorrow with the time, else the date in the interface's language."""
        local = moment.astimezone()
        today = datetime.now().astimezone().date()
        clock = local.strftime("%H:%M")
        if local.date() == today:
            return self.tr("today at %1").replace("%1", clock)
        if local.date() == today + timedelta(days=1):
            return self.tr("tomorrow at %1").replace("%1", clock)
        # The interface's locale (desktop.i18n sets it with the language).
        date = QDate(local.year, local.month, local.day)
        return QLocale().toString(date, QLocale.FormatType.LongFormat)
