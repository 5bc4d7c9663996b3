"""Written procedures: opening, who votes for a seat, closing once, reminders, minutes."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from governance.models import (
    AuditEvent,
    AuditVerb,
    Ballot,
    BallotOutcome,
    BallotState,
    BallotVote,
    Notification,
    NotificationKind,
    ResolutionResult,
    Role,
    SteeringCircle,
    SteeringSeat,
)
from governance.services.steering import ballots, seats
from governance.tasks import close_due_ballots, remind_open_ballots
from tests.conftest import require_service
from tests.factories import ProjectFactory
from tests.governance.steering import build_circle, plan_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def c():
    return build_circle()


def open_ballot(c, **kwargs):
    return ballots.ballot_open(
        circle=c.circle,
        title=kwargs.pop("title", "Beitritt der Stadt Beispiel"),
        motion=kwargs.pop("motion", "Der Lenkungskreis stimmt zu."),
        actor=kwargs.pop("actor", c.secretariat),
        **kwargs,
    )


def vote(c, ballot, slug, choice="yes", who="holders"):
    return ballots.ballot_vote(ballot=ballot, seat=c.seats[slug], choice=choice, actor=getattr(c, who)[slug])


def past_deadline(ballot):
    Ballot.objects.filter(pk=ballot.pk).update(
        opened_at=timezone.now() - timedelta(days=20), deadline=timezone.now() - timedelta(minutes=1)
    )


def test_default_deadline_and_notification_to_all(c, django_capture_on_commit_callbacks):
    ballot = open_ballot(c)
    assert timedelta(days=13, hours=23) < ballot.deadline - ballot.opened_at <= timedelta(days=14)
    assert Notification.objects.filter(kind=NotificationKind.BALLOT_OPENED).count() == 8
    assert AuditEvent.objects.filter(verb=AuditVerb.BALLOT_OPENED).count() == 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"deadline": "soon"}, "mindestens 3 Tage"),
        ({"motion": "  "}, "Beschlussvorschlag"),
    ],
)
def test_bad_ballots_are_refused(c, kwargs, message):
    if kwargs.get("deadline") == "soon":
        kwargs["deadline"] = timezone.now() + timedelta(days=2)
    with pytest.raises(ValidationError) as error:
        open_ballot(c, **kwargs)
    assert message in str(error.value)
    assert not Ballot.objects.exists()


def test_only_the_secretariat_opens(c):
    with pytest.raises(PermissionDenied):
        open_ballot(c, actor=c.holders["bw"])


def test_holder_votes_once(c):
    ballot = open_ballot(c)
    vote(c, ballot, "bw")
    with pytest.raises(ValidationError) as error:
        vote(c, ballot, "bw", "no")
    assert "bereits abgestimmt" in str(error.value)
    assert BallotVote.objects.count() == 1
    assert AuditEvent.objects.filter(verb=AuditVerb.VOTE_CAST).count() == 1


def test_member_of_another_seat_is_refused(c):
    ballot = open_ballot(c)
    with pytest.raises(PermissionDenied):
        ballots.ballot_vote(ballot=ballot, seat=c.seats["bw"], choice="yes", actor=c.holders["he"])
    assert not BallotVote.objects.exists()


def test_deputy_votes_only_when_delegated_or_the_seat_is_vacant(c):
    ballot = open_ballot(c)
    with pytest.raises(PermissionDenied):
        vote(c, ballot, "bw", who="deputies")
    seats.vote_delegate(seat=c.seats["bw"], ballot=ballot, actor=c.holders["bw"])
    with pytest.raises(PermissionDenied):
        vote(c, ballot, "bw")  # the holder gave the vote away
    assert vote(c, ballot, "bw", who="deputies").capacity == "deputy"
    # a gap in the holder's term: the deputy stands in without a delegation
    c.holders["he"].role_assignments.filter(role=Role.STEERING_MEMBER).update(
        valid_until=timezone.localdate() - timedelta(days=1)
    )
    assert vote(c, ballot, "he", who="deputies").capacity == "deputy"


def test_former_member_is_refused(c):
    ballot = open_ballot(c)
    c.holders["rp"].role_assignments.filter(role=Role.STEERING_MEMBER).update(
        valid_until=timezone.localdate() - timedelta(days=1)
    )
    with pytest.raises(PermissionDenied):
        vote(c, ballot, "rp")


def test_vote_on_a_ballot_of_another_body_is_refused(c):
    other = SteeringCircle.objects.create(name="Lenkungskreis Rheinland", slug="rheinland")
    seat = SteeringSeat.objects.create(circle=other, partner=c.seats["bw"].partner)
    ballot = open_ballot(c)
    with pytest.raises(PermissionDenied) as error:
        ballots.ballot_vote(ballot=ballot, seat=seat, choice="yes", actor=c.holders["bw"])
    assert "anderen Gremium" in str(error.value)


def test_vote_after_the_deadline_is_refused(c):
    ballot = open_ballot(c)
    past_deadline(ballot)
    with pytest.raises(ValidationError) as error:
        vote(c, ballot, "bw")
    assert "Frist" in str(error.value)


def test_closes_early_once_the_result_is_settled_and_records_a_numbered_resolution(
    c, django_capture_on_commit_callbacks
):
    c.rules.objection_refers = False
    c.rules.save()
    ballot = open_ballot(c)
    meeting = plan_meeting(c)
    for slug in ("bw", "he"):
        vote(c, ballot, slug)
    ballot.refresh_from_db()
    assert ballot.state == BallotState.OPEN
    vote(c, ballot, "rp")  # three of four yes: the fourth cannot turn a simple majority
    ballot.refresh_from_db()
    assert ballot.state == BallotState.CLOSED and ballot.outcome == BallotOutcome.ADOPTED
    assert ballot.resolution.number.startswith("LK-") and ballot.resolution.result == ResolutionResult.ADOPTED
    assert ballot.reported_in == meeting  # enters the next meeting's minutes
    assert Notification.objects.filter(kind=NotificationKind.BALLOT_RESULT).count() == 8
    with pytest.raises(ValidationError):
        vote(c, ballot, "mrn")


def test_objection_sends_the_matter_to_the_next_meeting(c):
    ballot = open_ballot(c)
    vote(c, ballot, "bw", "objection")
    ballot.refresh_from_db()
    assert ballot.outcome == BallotOutcome.REFERRED
    assert ballot.resolution.result == ResolutionResult.POSTPONED and ballot.resolution.number == ""


def test_closing_task_twice_closes_once_and_sends_once(c):
    ballot = open_ballot(c)
    vote(c, ballot, "bw")
    vote(c, ballot, "he")
    past_deadline(ballot)
    assert close_due_ballots.delay().get() == 1
    assert close_due_ballots.delay().get() == 0
    assert ballots.ballot_close(ballot_id=ballot.pk) is False
    assert Notification.objects.filter(kind=NotificationKind.BALLOT_RESULT).count() == 8
    assert AuditEvent.objects.filter(verb=AuditVerb.BALLOT_CLOSED).count() == 1


def test_gate_ballot_moves_the_project(c):
    from projects.models import Phase

    project = ProjectFactory(phase=Phase.IDEA)
    ballot = open_ballot(c, subject=project)
    for slug in ("bw", "he", "rp", "mrn"):
        vote(c, ballot, slug)
    project.refresh_from_db()
    assert project.phase == Phase.CONCEPT


def test_reminders_three_days_and_one_day_before_to_seats_without_a_vote(c):
    ballot = open_ballot(c)
    vote(c, ballot, "bw")
    reminders = Notification.objects.filter(kind=NotificationKind.BALLOT_REMINDER)
    assert remind_open_ballots.delay().get() == 0
    Ballot.objects.filter(pk=ballot.pk).update(
        opened_at=timezone.now() - timedelta(days=11), deadline=timezone.now() + timedelta(days=2, hours=12)
    )
    assert remind_open_ballots.delay().get() == 3  # the holders of he, rp, mrn
    assert remind_open_ballots.delay().get() == 0
    assert not reminders.filter(recipient=c.holders["bw"]).exists()
    Ballot.objects.filter(pk=ballot.pk).update(deadline=timezone.now() + timedelta(hours=20))
    assert remind_open_ballots.delay().get() == 3
    assert reminders.count() == 6


def test_a_short_ballot_skips_the_reminder_it_would_get_at_once(c):
    ballot = open_ballot(c, deadline=timezone.now() + timedelta(days=3, hours=1))
    Ballot.objects.filter(pk=ballot.pk).update(deadline=timezone.now() + timedelta(days=2, hours=23))
    assert remind_open_ballots.delay().get() == 0


@pytest.mark.backing_services
@pytest.mark.django_db(transaction=True)
def test_two_workers_closing_at_once_close_once(monkeypatch):
    require_service(connection.vendor == "postgresql", "PostgreSQL (set DATABASE_URL)")
    c = build_circle()
    ballot = open_ballot(c)
    past_deadline(ballot)
    original = ballots._close
    start = threading.Barrier(2, timeout=10)

    def slow_close(*args, **kwargs):
        closed = original(*args, **kwargs)
        threading.Event().wait(0.5)
        return closed

    monkeypatch.setattr(ballots, "_close", slow_close)
    results = []

    def close():
        try:
            start.wait()
            results.append(ballots.ballot_close(ballot_id=ballot.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=close) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert sorted(results) == [False, True]
    assert Notification.objects.filter(kind=NotificationKind.BALLOT_RESULT).count() == 8


def test_result_closed_without_a_planned_meeting_goes_to_the_next_meeting_created(c):
    ballot = open_ballot(c)
    vote(c, ballot, "bw", "objection")
    ballot.refresh_from_db()
    assert ballot.state == BallotState.CLOSED and ballot.reported_in is None
    meeting = plan_meeting(c)
    ballot.refresh_from_db()
    assert ballot.reported_in == meeting


def test_adopted_ballot_on_a_theme_request_creates_the_focus_area(c):
    from governance.models import FocusArea, RequestKind, SteeringRequest
    from governance.services.steering.requests import steering_request_file

    request = steering_request_file(
        steering_request=SteeringRequest(
            circle=c.circle, kind=RequestKind.FOCUS_AREA, focus_area_name="Künstliche Intelligenz", description="Neu."
        ),
        actor=c.secretariat,
    )
    ballot = open_ballot(c, steering_request=request)
    for slug in ("bw", "he", "rp", "mrn"):
        vote(c, ballot, slug)
    assert FocusArea.objects.filter(name="Künstliche Intelligenz").exists()
    assert ballot.__class__.objects.get(pk=ballot.pk).resolution.request == request


def test_a_gate_that_closed_meanwhile_postpones_instead_of_failing_the_close(c):
    from projects.models import Phase, Project

    project = ProjectFactory(phase=Phase.IDEA)
    ballot = open_ballot(c, subject=project)
    Project.objects.filter(pk=project.pk).update(phase=Phase.STOPPED)
    for slug in ("bw", "he", "rp", "mrn"):
        vote(c, ballot, slug)
    ballot.refresh_from_db()
    assert ballot.outcome == BallotOutcome.ADOPTED
    assert ballot.resolution.result == ResolutionResult.POSTPONED
