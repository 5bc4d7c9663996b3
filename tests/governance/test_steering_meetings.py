"""Seats, delegation, meetings with ICS invitations, agenda, attendance and quorum."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from icalendar import Calendar

from governance.models import (
    AgendaItem,
    AuditEvent,
    AuditVerb,
    Capacity,
    Meeting,
    MeetingState,
    Notification,
    NotificationKind,
    Role,
    SteeringDocument,
    VoteDelegation,
)
from governance.selectors_steering import seat_people
from governance.services.steering import meetings, seats
from tests.factories import RoleAssignmentFactory, UserFactory
from tests.governance.steering import build_circle, held_meeting, plan_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def c():
    return build_circle()


def test_holder_and_deputy_come_from_the_role_records(c):
    rows = {row.seat.partner.slug: row for row in seat_people(c.seats.values())}
    assert rows["bw"].holder == c.holders["bw"] and rows["bw"].deputy == c.deputies["bw"]
    # The holder's term ends: the seat is vacant from the next day, without touching the seat.
    assignment = c.holders["bw"].role_assignments.get(role=Role.STEERING_MEMBER)
    assignment.valid_until = timezone.localdate() - timedelta(days=1)
    assignment.save()
    assert seat_people([c.seats["bw"]])[0].holder is None


def test_holder_delegates_to_the_deputy_for_one_meeting(c):
    meeting = plan_meeting(c)
    delegation = seats.vote_delegate(seat=c.seats["bw"], meeting=meeting, actor=c.holders["bw"])
    assert delegation.deputy == c.deputies["bw"]
    assert AuditEvent.objects.filter(verb=AuditVerb.VOTE_DELEGATED).count() == 1


@pytest.mark.parametrize("who", ["deputy", "other_holder", "secretariat"])
def test_only_the_seats_holder_delegates(c, who):
    meeting = plan_meeting(c)
    actor = {"deputy": c.deputies["bw"], "other_holder": c.holders["he"], "secretariat": c.secretariat}[who]
    with pytest.raises(PermissionDenied):
        seats.vote_delegate(seat=c.seats["bw"], meeting=meeting, actor=actor)
    assert not VoteDelegation.objects.exists()


def test_meeting_in_the_past_is_refused(c):
    with pytest.raises(ValidationError) as error:
        plan_meeting(c, days=-1)
    assert "Vergangenheit" in str(error.value)
    assert not Meeting.objects.exists()


def test_only_the_secretariat_plans_meetings(c):
    start = timezone.now() + timedelta(days=3)
    meeting = Meeting(circle=c.circle, title="X", starts_at=start, ends_at=start + timedelta(hours=1), place="Mainz")
    with pytest.raises(PermissionDenied):
        meetings.meeting_create(meeting=meeting, actor=c.holders["bw"])


def _ics(notification) -> Calendar:
    return Calendar.from_ical(notification.calendar)


def test_invitation_update_and_cancellation_carry_one_calendar_event(c, django_capture_on_commit_callbacks):
    meeting = plan_meeting(c)
    with django_capture_on_commit_callbacks(execute=True):
        sent = meetings.meeting_invite(meeting=meeting, actor=c.secretariat)
    assert sent == 8  # four holders, four deputies
    invitations = Notification.objects.filter(kind=NotificationKind.MEETING_INVITATION)
    first = _ics(invitations.first())
    assert first["METHOD"] == "REQUEST"
    event = first.walk("VEVENT")[0]
    uid = str(event["UID"])
    assert event["SEQUENCE"] == 0

    meeting.refresh_from_db()
    meeting.place = "Stuttgart, Neues Schloss"
    meetings.meeting_update(meeting=meeting, actor=c.secretariat)
    update = _ics(invitations.order_by("-id").first()).walk("VEVENT")[0]
    assert str(update["UID"]) == uid and update["SEQUENCE"] == 1
    assert invitations.count() == 16

    meetings.meeting_cancel(meeting=meeting, reason="Terminkollision", actor=c.secretariat)
    cancel = _ics(invitations.order_by("-id").first())
    assert cancel["METHOD"] == "CANCEL"
    assert str(cancel.walk("VEVENT")[0]["UID"]) == uid and cancel.walk("VEVENT")[0]["SEQUENCE"] == 2
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.CANCELLED


def test_cancellation_mail_says_method_cancel():
    from governance.services.notifications import notification_email

    notification = Notification(
        recipient=UserFactory.build(),
        kind=NotificationKind.MEETING_INVITATION,
        subject_de="a",
        subject_en="a",
        body_de="b",
        body_en="b",
        calendar="BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nEND:VCALENDAR\r\n",
    )
    _name, _content, mimetype = notification_email(notification).attachments[0]
    assert mimetype == "text/calendar; method=CANCEL"


def test_agenda_items_are_numbered_and_need_a_title(c):
    meeting = plan_meeting(c)
    first = meetings.agenda_item_save(item=AgendaItem(meeting=meeting, title="Begrüßung"), actor=c.secretariat)
    second = meetings.agenda_item_save(item=AgendaItem(meeting=meeting, title="Bericht"), actor=c.secretariat)
    assert (first.number, second.number) == (1, 2)
    with pytest.raises(ValidationError) as error:
        meetings.agenda_item_save(item=AgendaItem(meeting=meeting, title="  "), actor=c.secretariat)
    assert "Titel" in str(error.value)
    assert meeting.agenda_items.count() == 2


def test_agenda_refused_for_a_member(c):
    meeting = plan_meeting(c)
    with pytest.raises(PermissionDenied):
        meetings.agenda_item_save(item=AgendaItem(meeting=meeting, title="TOP"), actor=c.holders["bw"])


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("programm.exe", b"MZ\x90\x00", "nicht erlaubt"),
        ("vorlage.pdf", b"MZ\x90\x00 not a pdf", "passt nicht"),
    ],
)
def test_documents_pass_the_upload_checks(c, name, content, message):
    meeting = plan_meeting(c)
    item = meetings.agenda_item_save(item=AgendaItem(meeting=meeting, title="Bericht"), actor=c.secretariat)
    with pytest.raises(ValidationError) as error:
        meetings.document_add(
            title="Vorlage", upload=SimpleUploadedFile(name, content), agenda_item=item, actor=c.secretariat
        )
    assert message in str(error.value)
    assert not SteeringDocument.objects.exists()


def test_document_over_the_size_limit_is_refused(c, settings):
    settings.UPLOAD_MAX_SIZE = 10
    meeting = plan_meeting(c)
    item = meetings.agenda_item_save(item=AgendaItem(meeting=meeting, title="Bericht"), actor=c.secretariat)
    with pytest.raises(ValidationError) as error:
        meetings.document_add(
            title="Vorlage",
            upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4 " + b"x" * 100),
            agenda_item=item,
            actor=c.secretariat,
        )
    assert "zu groß" in str(error.value)


def test_members_confirm_or_decline_others_are_refused(c, outsider):
    meeting = plan_meeting(c)
    answer = meetings.meeting_respond(meeting=meeting, response="confirmed", actor=c.deputies["rp"])
    assert answer.response == "confirmed"
    with pytest.raises(PermissionDenied):
        meetings.meeting_respond(meeting=meeting, response="confirmed", actor=outsider)


def test_attendance_records_holder_or_deputy_and_decides_the_quorum(c):
    meeting = held_meeting(c, attend=("bw",))
    quorum = meetings.meeting_quorum(meeting)
    assert (quorum.present, quorum.required, quorum.is_quorate) == (1, 3, False)
    meetings.attendance_record(
        meeting=meeting,
        present={
            c.seats["bw"].pk: c.holders["bw"],
            c.seats["he"].pk: c.deputies["he"],
            c.seats["rp"].pk: c.holders["rp"],
        },
        actor=c.secretariat,
    )
    assert meetings.meeting_quorum(meeting).is_quorate
    assert meeting.attendances.get(seat=c.seats["he"]).capacity == Capacity.DEPUTY


def test_attendance_refuses_a_person_not_on_that_seat(c):
    meeting = held_meeting(c, attend=())
    with pytest.raises(ValidationError):
        meetings.attendance_record(meeting=meeting, present={c.seats["bw"].pk: c.holders["he"]}, actor=c.secretariat)


def test_new_seat_holder_through_a_role_record_is_invited(c, django_capture_on_commit_callbacks):
    newcomer = UserFactory()
    RoleAssignmentFactory(person=newcomer, partner=c.seats["mrn"].partner, role=Role.STEERING_DEPUTY)
    meeting = plan_meeting(c)
    meetings.meeting_invite(meeting=meeting, actor=c.secretariat)
    assert Notification.objects.filter(recipient=newcomer, kind=NotificationKind.MEETING_INVITATION).exists()
