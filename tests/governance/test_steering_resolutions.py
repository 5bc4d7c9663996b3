"""Resolutions: numbers per year, quorum, gates, sponsorship confirmation, requests, minutes."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from governance.models import (
    AgendaItem,
    AuditEvent,
    AuditVerb,
    FocusArea,
    Meeting,
    MinutesState,
    NetworkMembership,
    RequestKind,
    RequestState,
    Resolution,
    ResolutionResult,
    SteeringRequest,
    Visibility,
)
from governance.services.steering import minutes, resolutions
from governance.services.steering import requests as steering_requests
from projects.models import Phase, SponsorshipState
from tests.conftest import require_service
from tests.factories import NetworkFactory, PartnerFactory, ProjectFactory, SponsorshipFactory
from tests.governance.steering import build_circle, decision_item, held_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def c():
    return build_circle()


def record(c, item, result=ResolutionResult.ADOPTED, **kwargs):
    return resolutions.resolution_record(
        agenda_item=item,
        title=kwargs.pop("title", ""),
        text=kwargs.pop("text", "Der Lenkungskreis beschließt."),
        result=result,
        visibility=kwargs.pop("visibility", Visibility.PUBLIC),
        actor=kwargs.pop("actor", c.secretariat),
        **kwargs,
    )


def test_numbers_per_year_gap_free_and_only_for_adopted_and_rejected(c):
    meeting = held_meeting(c)
    year = timezone.localtime(meeting.starts_at).year
    first = record(c, decision_item(c, meeting, title="A"))
    postponed = record(c, decision_item(c, meeting, title="B"), result=ResolutionResult.POSTPONED)
    second = record(c, decision_item(c, meeting, title="C"), result=ResolutionResult.REJECTED)
    assert (first.number, postponed.number, second.number) == (f"LK-{year}-01", "", f"LK-{year}-02")
    assert AuditEvent.objects.filter(verb=AuditVerb.RESOLUTION_ADOPTED).count() == 1
    assert AuditEvent.objects.filter(verb=AuditVerb.RESOLUTION_RECORDED).count() == 2


def test_a_refused_resolution_leaves_no_gap(c):
    meeting = held_meeting(c)
    with pytest.raises(ValidationError):
        record(c, decision_item(c, meeting), text="  ")
    assert record(c, decision_item(c, meeting, title="B")).number.endswith("-01")


def test_only_the_secretariat_records(c):
    item = decision_item(c, held_meeting(c))
    with pytest.raises(PermissionDenied):
        record(c, item, actor=c.holders["bw"])
    assert not Resolution.objects.exists()


def test_no_adoption_without_quorum(c):
    item = decision_item(c, held_meeting(c, attend=("bw",)))
    with pytest.raises(ValidationError) as error:
        record(c, item)
    assert "nicht beschlussfähig" in str(error.value)
    assert record(c, item, result=ResolutionResult.POSTPONED).number == ""


def test_votes_per_seat_are_kept(c):
    item = decision_item(c, held_meeting(c))
    votes = {c.seats["bw"].pk: "yes", c.seats["he"].pk: "no", c.seats["rp"].pk: "yes"}
    resolution = record(c, item, votes=votes)
    assert dict(resolution.votes.values_list("seat__partner__slug", "choice")) == {"bw": "yes", "he": "no", "rp": "yes"}


def test_gate_resolution_moves_the_project_and_the_history_names_it(c):
    project = ProjectFactory(phase=Phase.CONCEPT)
    item = decision_item(c, held_meeting(c), subject=project)
    resolution = record(c, item)
    project.refresh_from_db()
    assert project.phase == Phase.PILOT
    event = AuditEvent.objects.get(verb=AuditVerb.PROJECT_PHASE_CHANGED, target_id=str(project.pk))
    assert event.payload["resolution"] == resolution.number
    assert event.payload["resolution_id"] == resolution.pk
    assert "Erprobung" in resolution.effect


def test_project_history_links_to_the_gate_resolution(c, client):
    project = ProjectFactory(phase=Phase.CONCEPT)
    resolution = record(c, decision_item(c, held_meeting(c), subject=project))
    client.force_login(c.secretariat)
    page = client.get(project.get_absolute_url()).content.decode()
    link = reverse("governance:steering-resolution-detail", args=[resolution.pk])
    assert f'<a href="{link}">Beschluss {resolution.number}</a>' in page


def test_implementation_gate_still_needs_an_approved_sponsorship(c):
    project = ProjectFactory(phase=Phase.PILOT)
    item = decision_item(c, held_meeting(c), subject=project)
    with pytest.raises(ValidationError) as error:
        record(c, item)
    assert "CIO-Patenschaft" in str(error.value)
    project.refresh_from_db()
    assert project.phase == Phase.PILOT and not Resolution.objects.exists()
    SponsorshipFactory(project=project, state=SponsorshipState.APPROVED)
    record(c, item)
    project.refresh_from_db()
    assert project.phase == Phase.IMPLEMENTATION


def test_confirming_a_sponsorship(c, client):
    from projects.steering import confirming_resolution

    sponsorship = SponsorshipFactory(state=SponsorshipState.APPROVED)
    resolution = record(c, decision_item(c, held_meeting(c), subject=sponsorship))
    assert confirming_resolution(sponsorship) == resolution
    client.force_login(c.secretariat)
    page = client.get(sponsorship.get_absolute_url())
    assert f"bestätigt durch Beschluss {resolution.number}" in page.content.decode()


def test_only_an_approved_sponsorship_can_be_confirmed(c):
    sponsorship = SponsorshipFactory(state=SponsorshipState.REQUESTED)
    with pytest.raises(ValidationError):
        record(c, decision_item(c, held_meeting(c), subject=sponsorship))


def test_adopted_membership_request_creates_the_dated_membership(c):
    network = NetworkFactory()
    partner = PartnerFactory()
    join_on = timezone.localdate() + timedelta(days=30)
    request = steering_requests.steering_request_file(
        steering_request=SteeringRequest(
            circle=c.circle,
            kind=RequestKind.MEMBERSHIP,
            network=network,
            partner=partner,
            description="Wir wollen mitmachen.",
            join_on=join_on,
        ),
        actor=c.secretariat,
    )
    record(c, decision_item(c, held_meeting(c), steering_request=request))
    membership = NetworkMembership.objects.get(network=network, partner=partner)
    assert membership.joined_on == join_on
    request.refresh_from_db()
    assert request.state == RequestState.ADOPTED and request.created_membership == membership
    assert AuditEvent.objects.filter(verb=AuditVerb.MEMBERSHIP_ADDED).exists()


def test_adopted_theme_request_creates_the_focus_area_rejected_one_does_not(c):
    def theme(name):
        return steering_requests.steering_request_file(
            steering_request=SteeringRequest(
                circle=c.circle, kind=RequestKind.FOCUS_AREA, focus_area_name=name, description="Neues Thema."
            ),
            actor=c.secretariat,
        )

    meeting = held_meeting(c)
    record(c, decision_item(c, meeting, steering_request=theme("Künstliche Intelligenz")))
    record(c, decision_item(c, meeting, steering_request=theme("Blockchain")), result=ResolutionResult.REJECTED)
    assert FocusArea.objects.filter(name="Künstliche Intelligenz").exists()
    assert not FocusArea.objects.filter(name="Blockchain").exists()
    assert SteeringRequest.objects.get(focus_area_name="Blockchain").state == RequestState.REJECTED


def test_request_filing_is_for_the_secretariat(c):
    with pytest.raises(PermissionDenied):
        steering_requests.steering_request_file(
            steering_request=SteeringRequest(
                circle=c.circle, kind=RequestKind.FOCUS_AREA, focus_area_name="X", description="Y"
            ),
            actor=c.holders["bw"],
        )


# --- minutes ------------------------------------------------------------------------------------


def test_minutes_circulated_approved_by_a_later_meeting_then_locked(c):
    earlier = held_meeting(c, days_ago=30)
    item = decision_item(c, earlier)
    minutes.minutes_save(meeting=earlier, notes="", summaries={item.pk: "Aussprache"}, actor=c.secretariat)
    with pytest.raises(ValidationError):
        minutes.minutes_approve(meeting=earlier, approved_in=held_meeting(c), actor=c.secretariat)
    minutes.minutes_circulate(meeting=earlier, actor=c.secretariat)
    later = Meeting.objects.exclude(pk=earlier.pk).get()
    with pytest.raises(PermissionDenied):
        minutes.minutes_approve(meeting=earlier, approved_in=later, actor=c.holders["bw"])
    approved = minutes.minutes_approve(meeting=earlier, approved_in=later, actor=c.secretariat)
    assert approved.state == MinutesState.APPROVED
    with pytest.raises(ValidationError) as error:
        minutes.minutes_save(meeting=earlier, notes="geändert", summaries={}, actor=c.secretariat)
    assert "genehmigt" in str(error.value)
    with pytest.raises(ValidationError):
        record(c, item)
    item.refresh_from_db()
    assert item.discussion_summary == "Aussprache"


def test_minutes_cannot_be_approved_by_an_earlier_meeting(c):
    earlier = held_meeting(c, days_ago=30)
    later = held_meeting(c, days_ago=1)
    minutes.minutes_circulate(meeting=later, actor=c.secretariat)
    with pytest.raises(ValidationError):
        minutes.minutes_approve(meeting=later, approved_in=earlier, actor=c.secretariat)


# --- two at once ----------------------------------------------------------------------------------


@pytest.mark.backing_services
@pytest.mark.django_db(transaction=True)
def test_two_resolutions_recorded_at_the_same_moment_get_different_numbers(monkeypatch):
    """Two real PostgreSQL connections take a number at once; the counter row lock orders them."""
    require_service(connection.vendor == "postgresql", "PostgreSQL (set DATABASE_URL)")
    from governance.services.steering import common

    c = build_circle()
    meeting = held_meeting(c)
    items = [decision_item(c, meeting, title=f"TOP {n}") for n in range(2)]
    original = common.take_number
    start = threading.Barrier(2, timeout=10)

    def slow_take_number(*args, **kwargs):
        taken = original(*args, **kwargs)
        threading.Event().wait(0.5)  # keep the lock so the other one surely waits for it
        return taken

    monkeypatch.setattr(resolutions, "take_number", slow_take_number)
    numbers, errors = [], []

    def record_one(item):
        try:
            start.wait()
            numbers.append(record(c, AgendaItem.objects.get(pk=item.pk)).number)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=record_one, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    year = timezone.localtime(meeting.starts_at).year
    assert errors == []
    assert sorted(numbers) == [f"LK-{year}-01", f"LK-{year}-02"]
