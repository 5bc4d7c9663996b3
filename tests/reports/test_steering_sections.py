"""The steering circle's sections of the reports: resolutions of the month for the members, open
written procedures, procedures closing this week, waiting requests, and in the public annual
report only the public resolutions."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from governance.models import Ballot, BallotState, RequestKind, SteeringRequest
from reports.periods import period_containing
from reports.selectors import steering
from tests.governance.register_data import build_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    return build_register()


def test_monthly_pack_lists_the_months_resolutions_internal_ones_included(register):
    march = period_containing("monthly", date(2026, 3, 15))
    lines = steering.resolutions_of_period(march)
    assert any(line.startswith("LK-2026-01: Verstetigung der Kfz-Zulassung (angenommen") for line in lines)
    assert any(line.startswith("LK-2026-02: Vertraulicher Haushaltsbeschluss") for line in lines)
    assert not steering.resolutions_of_period(period_containing("monthly", date(2026, 4, 15)))


def test_annual_report_lists_public_resolutions_only(register):
    lines = steering.public_resolutions_of_year(period_containing("annual", date(2026, 6, 1)))
    numbers = [line.split(":")[0] for line in lines]
    assert numbers == ["LK-2026-01", "LK-2026-04"]


def test_open_and_closing_written_procedures(register):
    now = timezone.now()
    Ballot.objects.create(
        circle=register.circle,
        title="Beitritt der Stadt Bonn",
        motion="Aufnahme.",
        rules=register.circle.rules.first(),
        opened_at=now - timedelta(days=2),
        deadline=now + timedelta(hours=1),
        opened_by=register.secretary,
    )
    this_week = period_containing("weekly", timezone.localdate())
    closing = steering.written_procedures_closing(this_week)
    assert len(closing) == 1 and closing[0].startswith("Beitritt der Stadt Bonn: Frist")
    assert "0 von 2 Sitzen haben abgestimmt" in closing[0]
    this_month = period_containing("monthly", timezone.localdate())
    assert [line.split(":")[0] for line in steering.open_written_procedures(this_month)] == ["Beitritt der Stadt Bonn"]
    assert Ballot.objects.filter(state=BallotState.CLOSED).exists()  # the closed one is not listed


def test_waiting_membership_requests(register):
    SteeringRequest.objects.create(
        circle=register.circle, kind=RequestKind.FOCUS_AREA, focus_area_name="Telemedizin", description="Thema."
    )
    lines = steering.membership_requests_waiting(period_containing("weekly", timezone.localdate()))
    assert len(lines) == 1 and "Telemedizin" in lines[0]
