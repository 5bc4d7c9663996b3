from datetime import date

import pytest

from reports.periods import PeriodError, due_period, first_working_day, parse_period

TODAY = date(2026, 12, 1)


def test_periods_and_their_boundaries():
    week = parse_period("weekly", "2026-W48", today=TODAY)
    assert (week.start, week.end) == (date(2026, 11, 23), date(2026, 11, 30))
    month = parse_period("monthly", "2026-11", today=TODAY)
    assert (month.start, month.last_day) == (date(2026, 11, 1), date(2026, 11, 30))
    assert month.end_at.isoformat() == "2026-12-01T00:00:00+01:00"
    assert parse_period("annual", "2026", today=TODAY).end == date(2027, 1, 1)


@pytest.mark.parametrize(
    ("kind", "period", "message"),
    [
        ("monthly", "2026-12", "liegt in der Zukunft"),
        ("weekly", "2026-W50", "liegt in der Zukunft"),
        ("annual", "2027", "liegt in der Zukunft"),
        ("monthly", "2026-13", "gibt es nicht"),
        ("weekly", "2026-W54", "gibt es nicht"),
        ("monthly", "November", "passt nicht zur Berichtsart"),
        ("weekly", "2026-11", "passt nicht zur Berichtsart"),
        ("daily", "2026-11-30", "Unbekannte Berichtsart"),
    ],
)
def test_bad_periods_say_why_in_german(kind, period, message):
    with pytest.raises(PeriodError, match=message):
        parse_period(kind, period, today=TODAY)


def test_first_working_day_respects_holidays_of_all_three_laender():
    assert first_working_day(2026, 12) == date(2026, 12, 1)
    assert first_working_day(2027, 1) == date(2027, 1, 4)  # New Year on Friday, then the weekend
    assert first_working_day(2026, 5) == date(2026, 5, 4)  # Labour Day on Friday
    # All Saints (1 Nov 2027, a Monday) is a holiday in BW and RP, not in HE: nobody gets the pack.
    assert first_working_day(2027, 11) == date(2027, 11, 2)


def test_due_periods():
    assert due_period("monthly", today=date(2027, 1, 4)).key == "2026-12"
    assert due_period("monthly", today=date(2027, 1, 5)) is None
    assert due_period("weekly", today=date(2026, 11, 30)).key == "2026-W49"
    assert due_period("weekly", today=date(2026, 12, 1)) is None
