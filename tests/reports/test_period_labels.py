"""Periods as people name them on the report pages ("KW 48/2026", "10/2026"), the key only in addresses."""

from datetime import date

import pytest

from reports.models import ReportKind, period_label
from reports.periods import period_containing


@pytest.mark.parametrize(
    ("kind", "key", "label"),
    [
        (ReportKind.WEEKLY, "2026-W48", "KW 48/2026"),
        (ReportKind.WEEKLY, "2027-W01", "KW 01/2027"),
        (ReportKind.MONTHLY, "2026-10", "10/2026"),
        (ReportKind.ANNUAL, "2025", "2025"),
    ],
)
def test_period_label(kind, key, label):
    assert period_label(kind, key) == label


def test_a_period_and_its_stored_run_share_the_label():
    period = period_containing(ReportKind.WEEKLY, date(2026, 11, 25))
    assert period.label() == period_label(period.kind, period.key) == "KW 48/2026"
