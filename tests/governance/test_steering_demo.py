"""The steering circle's demo data: what the issue lists, and safe to seed twice."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from governance.models import (
    Ballot,
    BallotState,
    Meeting,
    MinutesState,
    RequestState,
    Resolution,
    SteeringRequest,
    SteeringSeat,
    User,
    Visibility,
)
from governance.selectors_steering import seat_people

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())


def test_demo_has_what_the_issue_lists_once(seeded, client):
    seats = SteeringSeat.objects.all()
    assert sorted(seats.values_list("partner__slug", flat=True)) == ["bw", "he", "mrn", "rp"]
    assert all(row.holder and row.deputy for row in seat_people(seats))
    past = Meeting.objects.past()
    assert past.filter(minutes__state=MinutesState.APPROVED).count() == 2
    assert Meeting.objects.upcoming().get().agenda_items.count() == 3
    numbered = Resolution.objects.numbered()
    assert numbered.count() == 4
    assert {Visibility.PUBLIC, Visibility.INTERNAL} <= set(numbered.values_list("visibility", flat=True))
    models = {r.subject_type.model for r in numbered.exclude(subject_type=None)}
    assert models == {"project", "sponsorship"}
    ballot = Ballot.objects.get(state=BallotState.OPEN)
    assert 0 < ballot.votes.count() < 4
    assert SteeringRequest.objects.get().state == RequestState.FILED

    client.force_login(User.objects.get(email="lenkungskreis.rp@example.org"))
    page = client.get(reverse("governance:steering-home")).content.decode()
    assert ballot.title in page and "1. Sitzung 2027" in page
