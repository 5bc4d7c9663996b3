"""Report kinds and their periods: parsing `2026-W48`, `2026-11`, `2026`, and what is due when.

A period is a half-open interval [start, end) of Berlin days; `start_at`/`end_at` are the same
instants, aware, so that a decision at 23:30 on 30 November belongs to November.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays
from django.utils import timezone
from django.utils.translation import gettext as _

from reports.models import ReportKind, period_label

BERLIN = ZoneInfo("Europe/Berlin")
# The member Länder: a day is a working day only if it is one in all three.
MEMBER_LAENDER = ("BW", "HE", "RP")


class PeriodError(ValueError):
    """Bad input for a report: the message is German and meant for the person who typed it."""


@dataclass(frozen=True)
class Period:
    kind: str
    key: str
    start: date  # first day
    end: date  # day after the last

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    @property
    def start_at(self) -> datetime:
        return datetime.combine(self.start, time.min, tzinfo=BERLIN)

    @property
    def end_at(self) -> datetime:
        return datetime.combine(self.end, time.min, tzinfo=BERLIN)

    @property
    def as_of(self) -> date:
        """The day the figures are taken on: the brief's Monday, the day after a month or year."""
        return self.start if self.kind == ReportKind.WEEKLY else self.end

    def previous(self) -> "Period":
        return period_containing(self.kind, self.start - timedelta(days=1))

    def label(self) -> str:
        return str(period_label(self.kind, self.key))


PATTERNS = {
    ReportKind.WEEKLY: (re.compile(r"^(\d{4})-W(\d{2})$"), "2026-W48"),
    ReportKind.MONTHLY: (re.compile(r"^(\d{4})-(\d{2})$"), "2026-11"),
    ReportKind.ANNUAL: (re.compile(r"^(\d{4})$"), "2026"),
    ReportKind.MINUTES: (re.compile(r"^(\d+)$"), "12"),
}


def parse_kind(text: str) -> str:
    if text not in ReportKind.values:
        raise PeriodError(
            _("Unbekannte Berichtsart „%(kind)s“. Möglich sind: %(kinds)s.")
            % {"kind": text, "kinds": ", ".join(k for k in ReportKind.values if k != ReportKind.MINUTES)}
        )
    return text


def parse_period(kind: str, text: str, *, today: date | None = None) -> Period:
    """The period `text` names for `kind`; PeriodError if malformed or not yet reportable."""
    kind = parse_kind(kind)
    pattern, example = PATTERNS[kind]
    match = pattern.match(text.strip())
    if not match:
        raise PeriodError(
            _("Der Zeitraum „%(period)s“ passt nicht zur Berichtsart (Beispiel: %(example)s).")
            % {"period": text, "example": example}
        )
    try:
        if kind == ReportKind.WEEKLY:
            start = date.fromisocalendar(int(match[1]), int(match[2]), 1)
            period = Period(kind, f"{match[1]}-W{match[2]}", start, start + timedelta(days=7))
        elif kind == ReportKind.MONTHLY:
            start = date(int(match[1]), int(match[2]), 1)
            period = Period(kind, f"{start:%Y-%m}", start, _next_month(start))
        elif kind == ReportKind.ANNUAL:
            start = date(int(match[1]), 1, 1)
            period = Period(kind, match[1], start, date(start.year + 1, 1, 1))
        else:
            raise PeriodError(_("Protokolle entstehen aus einer Sitzung, nicht aus einem Zeitraum."))
    except ValueError as error:
        if isinstance(error, PeriodError):
            raise
        raise PeriodError(_("Den Zeitraum „%(period)s“ gibt es nicht.") % {"period": text}) from error
    if not is_reportable(period, today=today):
        raise PeriodError(
            _("Der Zeitraum „%(period)s“ liegt in der Zukunft oder ist noch nicht abgeschlossen.") % {"period": text}
        )
    return period


def is_reportable(period: Period, *, today: date | None = None) -> bool:
    """The weekly brief exists from its Monday on; a month once it is over; the annual report
    (a draft the secretariat reviews before publishing) from the year's first day on."""
    today = today or timezone.localdate()
    if period.kind == ReportKind.MONTHLY:
        return period.end <= today
    return period.start <= today


def period_containing(kind: str, day: date) -> Period:
    if kind == ReportKind.WEEKLY:
        year, week, _weekday = day.isocalendar()
        start = day - timedelta(days=day.weekday())
        return Period(kind, f"{year}-W{week:02d}", start, start + timedelta(days=7))
    if kind == ReportKind.MONTHLY:
        start = day.replace(day=1)
        return Period(kind, f"{start:%Y-%m}", start, _next_month(start))
    return Period(kind, str(day.year), date(day.year, 1, 1), date(day.year + 1, 1, 1))


def _next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


@cache
def _holidays(year: int) -> frozenset[date]:
    days: set[date] = set()
    for land in MEMBER_LAENDER:
        days |= set(holidays.Germany(subdiv=land, years=year, language="de").keys())
    return frozenset(days)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def first_working_day(year: int, month: int) -> date:
    day = date(year, month, 1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def due_period(kind: str, *, today: date) -> Period | None:
    """What the schedule produces today: this week's brief on its Monday, last month's pack on
    this month's first working day (holidays of BW, HE and RP respected); otherwise nothing."""
    if kind == ReportKind.WEEKLY:
        return period_containing(kind, today) if today.weekday() == 0 else None
    if kind == ReportKind.MONTHLY and today == first_working_day(today.year, today.month):
        return period_containing(kind, today.replace(day=1) - timedelta(days=1))
    return None
