"""Meetings: plan, invite, update, cancel (with ICS), agenda and documents, responses, attendance."""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from governance.models import (
    AgendaItem,
    AgendaItemKind,
    Attendance,
    AuditVerb,
    Ballot,
    Capacity,
    Meeting,
    MeetingResponse,
    MeetingState,
    NotificationKind,
    Role,
    SteeringDocument,
    SteeringRequest,
    SteeringSeat,
    person_ref,
)
from governance.permissions_steering import is_circle_member, seat_role_of
from governance.selectors_steering import active_seats, circle_people, current_rules, unreported_ballots
from governance.services.audit import audit_record
from governance.services.calendar import calendar_invitation
from governance.services.steering.common import notify, require_secretariat
from governance.steering_effects import subject_fields

MEETING_FIELDS = ["title", "starts_at", "ends_at", "place", "video_link", "chair_id"]
# A change to these reaches the calendars of those invited.
CALENDAR_FIELDS = ["title", "starts_at", "ends_at", "place", "video_link"]


def meeting_url(meeting: Meeting) -> str:
    return reverse("governance:steering-meeting-detail", args=[meeting.pk])


def _when(meeting: Meeting) -> str:
    return formats.date_format(timezone.localtime(meeting.starts_at), "DATETIME_FORMAT")


def meeting_calendar(meeting: Meeting, *, method: str = "REQUEST") -> str:
    return calendar_invitation(
        uid=f"meeting-{meeting.uid}",
        summary=meeting.title,
        start=meeting.starts_at,
        end=meeting.ends_at,
        location=meeting.place or meeting.video_link,
        description=meeting.video_link,
        sequence=meeting.sequence,
        method=method,
    )


def _locked(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _refuse_past(starts_at: datetime) -> None:
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": _("Eine Sitzung kann nicht in der Vergangenheit angesetzt werden.")})


def _snapshot(meeting: Meeting) -> dict:
    return {field: getattr(meeting, field) for field in MEETING_FIELDS}


@transaction.atomic
def meeting_create(*, meeting: Meeting, actor, request=None) -> Meeting:
    require_secretariat(actor)
    _refuse_past(meeting.starts_at)
    meeting.state = MeetingState.PLANNED
    meeting.full_clean()
    meeting.save()
    # Written procedures closed since the last meeting go into this meeting's minutes.
    unreported_ballots(meeting.circle).update(reported_in=meeting)
    audit_record(verb=AuditVerb.MEETING_SAVED, actor=actor, target=meeting, request=request, payload=_snapshot(meeting))
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, actor, request=None) -> Meeting:
    """Save changed details; once invited, a change of time or place sends an update (ICS)."""
    require_secretariat(actor)
    stored = _locked(meeting)
    if stored.is_cancelled:
        raise ValidationError(_("Eine abgesagte Sitzung kann nicht mehr geändert werden."))
    if meeting.starts_at != stored.starts_at:
        _refuse_past(meeting.starts_at)
    before = _snapshot(stored)
    meeting.state, meeting.sequence, meeting.uid = stored.state, stored.sequence, stored.uid
    calendar_changed = any(getattr(stored, f) != getattr(meeting, f) for f in CALENDAR_FIELDS)
    if calendar_changed and stored.state == MeetingState.INVITED:
        meeting.sequence += 1
    meeting.full_clean()
    meeting.save()
    after = _snapshot(meeting)
    audit_record(
        verb=AuditVerb.MEETING_SAVED,
        actor=actor,
        target=meeting,
        request=request,
        payload={k: [before[k], after[k]] for k in MEETING_FIELDS if before[k] != after[k]},
    )
    if calendar_changed and meeting.state == MeetingState.INVITED:
        notify(
            circle_people(meeting.circle),
            kind=NotificationKind.MEETING_INVITATION,
            subject=lambda: _("Geänderte Sitzung: %(title)s") % {"title": meeting.title},
            body=lambda: (
                _("Die Sitzung „%(title)s“ wurde geändert. Neuer Termin: %(when)s.")
                % {"title": meeting.title, "when": _when(meeting)}
            ),
            link=meeting_url(meeting),
            target=meeting,
            calendar=meeting_calendar(meeting),
        )
    return meeting


@transaction.atomic
def meeting_invite(*, meeting: Meeting, actor, request=None) -> int:
    """Send the invitation with the agenda link and an ICS entry to every member and deputy."""
    require_secretariat(actor)
    meeting = _locked(meeting)
    if meeting.state != MeetingState.PLANNED:
        raise ValidationError(_("Zu dieser Sitzung wurde bereits eingeladen oder sie ist abgesagt."))
    _refuse_past(meeting.starts_at)
    meeting.state, meeting.invited_at = MeetingState.INVITED, timezone.now()
    meeting.save(update_fields=["state", "invited_at"])
    audit_record(verb=AuditVerb.MEETING_INVITED, actor=actor, target=meeting, request=request)
    return notify(
        circle_people(meeting.circle),
        kind=NotificationKind.MEETING_INVITATION,
        subject=lambda: _("Einladung: %(title)s") % {"title": meeting.title},
        body=lambda: (
            _("Sie sind zur Sitzung „%(title)s“ am %(when)s eingeladen. Die Tagesordnung steht im Portal.")
            % {"title": meeting.title, "when": _when(meeting)}
        ),
        link=meeting_url(meeting),
        target=meeting,
        calendar=meeting_calendar(meeting),
    )


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, reason: str, actor, request=None) -> Meeting:
    require_secretariat(actor)
    meeting = _locked(meeting)
    if meeting.is_cancelled:
        raise ValidationError(_("Diese Sitzung ist bereits abgesagt."))
    if meeting.ends_at <= timezone.now():
        raise ValidationError(_("Eine vergangene Sitzung kann nicht abgesagt werden."))
    if not reason.strip():
        raise ValidationError({"reason": _("Bitte begründen Sie die Absage.")})
    was_invited = meeting.state == MeetingState.INVITED
    meeting.state, meeting.cancelled_at = MeetingState.CANCELLED, timezone.now()
    meeting.sequence += 1
    meeting.save(update_fields=["state", "cancelled_at", "sequence"])
    audit_record(
        verb=AuditVerb.MEETING_CANCELLED, actor=actor, target=meeting, request=request, payload={"reason": reason}
    )
    if was_invited:
        notify(
            circle_people(meeting.circle),
            kind=NotificationKind.MEETING_INVITATION,
            subject=lambda: _("Abgesagt: %(title)s") % {"title": meeting.title},
            body=lambda: (
                _("Die Sitzung „%(title)s“ am %(when)s ist abgesagt. Grund: %(reason)s")
                % {"title": meeting.title, "when": _when(meeting), "reason": reason.strip()}
            ),
            link=meeting_url(meeting),
            target=meeting,
            calendar=meeting_calendar(meeting, method="CANCEL"),
        )
    return meeting


# --- agenda ---------------------------------------------------------------------------------------


def _refuse_locked_minutes(meeting: Meeting) -> None:
    minutes = getattr(meeting, "minutes", None)
    if minutes is not None and minutes.is_locked:
        raise ValidationError(_("Das Protokoll dieser Sitzung ist genehmigt; die Tagesordnung ist abgeschlossen."))


@transaction.atomic
def agenda_item_save(
    *, item: AgendaItem, subject=None, steering_request: SteeringRequest | None = None, actor, request=None
) -> AgendaItem:
    """Add or change an agenda item; a new one gets the next number unless one is given."""
    require_secretariat(actor)
    meeting = _locked(item.meeting)
    if meeting.is_cancelled:
        raise ValidationError(_("Eine abgesagte Sitzung hat keine Tagesordnung mehr."))
    _refuse_locked_minutes(meeting)
    if not (item.title or "").strip():
        raise ValidationError({"title": _("Bitte geben Sie dem Tagesordnungspunkt einen Titel.")})
    if item.pk and AgendaItem.objects.filter(pk=item.pk, resolution__isnull=False).exists():
        raise ValidationError(_("Zu diesem Tagesordnungspunkt ist der Beschluss bereits erfasst."))
    if not item.number:
        item.number = (meeting.agenda_items.aggregate(last=Max("number"))["last"] or 0) + 1
    for field, value in subject_fields(subject).items():
        setattr(item, field, value)
    item.request = steering_request
    if (subject is not None or steering_request is not None) and item.kind != AgendaItemKind.DECISION:
        raise ValidationError(
            {"kind": _("Ein Punkt zu einem Gate, einer Patenschaft oder einem Antrag ist ein Beschlusspunkt.")}
        )
    created = item.pk is None
    item.full_clean()
    item.save()
    audit_record(
        verb=AuditVerb.AGENDA_CHANGED,
        actor=actor,
        target=meeting,
        request=request,
        payload={"item": item.number, "title": item.title, "created": created},
    )
    return item


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem, actor, request=None) -> None:
    """Remove an item from the agenda of a meeting that has not begun, while it has no resolution."""
    require_secretariat(actor)
    meeting = _locked(item.meeting)
    item = AgendaItem.objects.select_for_update().select_related("meeting").get(pk=item.pk, meeting=meeting)
    _refuse_locked_minutes(meeting)
    if refusal := item.deletion_refusal():
        raise ValidationError(refusal)
    files = [document.file for document in item.documents.all()]
    number, title = item.number, item.title
    item.delete()
    # The files go only once the rows are gone for good.
    transaction.on_commit(lambda: [f.delete(save=False) for f in files])
    audit_record(
        verb=AuditVerb.AGENDA_ITEM_DELETED,
        actor=actor,
        target=meeting,
        request=request,
        payload={"item": number, "title": title, "documents": len(files)},
    )


@transaction.atomic
def document_add(
    *, title: str, upload, agenda_item: AgendaItem | None = None, ballot: Ballot | None = None, is_public=False, actor
) -> SteeringDocument:
    """Attach a file through the portal's upload checks (type sniffed, size limited)."""
    require_secretariat(actor)
    if agenda_item is not None:
        _refuse_locked_minutes(agenda_item.meeting)
    if ballot is not None and not ballot.is_open:
        raise ValidationError(_("Das Umlaufverfahren ist bereits abgeschlossen."))
    document = SteeringDocument(
        agenda_item=agenda_item, ballot=ballot, title=title, file=upload, is_public=is_public, uploaded_by=actor
    )
    document.full_clean()
    document.save()
    audit_record(
        verb=AuditVerb.AGENDA_CHANGED,
        actor=actor,
        target=agenda_item.meeting if agenda_item else ballot,
        payload={"document": title},
    )
    return document


# --- responses and attendance ---------------------------------------------------------------------


@transaction.atomic
def meeting_respond(*, meeting: Meeting, response: str, actor) -> MeetingResponse:
    """A member or deputy confirms or declines attendance."""
    meeting = _locked(meeting)
    if not is_circle_member(actor, meeting.circle_id):
        raise PermissionDenied(_("Zu- und Absagen geben Mitglieder und Stellvertretungen dieses Gremiums."))
    if meeting.is_cancelled or meeting.ends_at <= timezone.now():
        raise ValidationError(_("Für eine abgesagte oder vergangene Sitzung ist keine Rückmeldung mehr möglich."))
    answer, _created = MeetingResponse.objects.update_or_create(
        meeting=meeting, person=actor, defaults={"response": response, "responded_at": timezone.now()}
    )
    return answer


@transaction.atomic
def attendance_record(*, meeting: Meeting, present: dict[int, object], actor, request=None) -> list[Attendance]:
    """Record who represented each seat (seat id → person, or None for nobody)."""
    require_secretariat(actor)
    meeting = _locked(meeting)
    if meeting.is_cancelled:
        raise ValidationError(_("Eine abgesagte Sitzung hat keine Anwesenheit."))
    if not meeting.has_started:
        raise ValidationError(_("Die Anwesenheit wird erst ab Beginn der Sitzung erfasst."))
    _refuse_locked_minutes(meeting)
    on = timezone.localtime(meeting.starts_at).date()
    seats = {seat.pk: seat for seat in active_seats(meeting.circle)}
    rows = []
    for seat_id, person in present.items():
        seat = seats.get(int(seat_id))
        if seat is None:
            raise ValidationError(_("Dieser Sitz gehört nicht zu diesem Gremium."))
        if person is None:
            continue
        role = seat_role_of(person, seat, on=on)
        if role is None:
            raise ValidationError(
                _("%(person)s vertrat am Sitzungstag nicht den Sitz von %(partner)s.")
                % {"person": person, "partner": seat.partner}
            )
        capacity = Capacity.HOLDER if role == Role.STEERING_MEMBER else Capacity.DEPUTY
        rows.append(Attendance(meeting=meeting, seat=seat, person=person, capacity=capacity))
    meeting.attendances.all().delete()
    Attendance.objects.bulk_create(rows)
    audit_record(
        verb=AuditVerb.ATTENDANCE_RECORDED,
        actor=actor,
        target=meeting,
        request=request,
        payload={str(row.seat.partner): [person_ref(row.person), row.capacity] for row in rows},
    )
    return rows


@dataclass(frozen=True)
class Quorum:
    present: int
    required: int
    seats: int

    @property
    def is_quorate(self) -> bool:
        return self.seats > 0 and self.present >= self.required


def meeting_quorum(meeting: Meeting) -> Quorum:
    """Whether the recorded attendance makes the meeting quorate under the current rules."""
    seats = active_seats(meeting.circle).count()
    rules = current_rules(meeting.circle, on=timezone.localtime(meeting.starts_at).date())
    required = rules.quorum_seats(seats) if rules else seats
    present = meeting.attendances.filter(seat__is_active=True).count()
    return Quorum(present=present, required=required, seats=seats)


def seat_choices_for_attendance(meeting: Meeting) -> list[tuple[SteeringSeat, list]]:
    """Per seat the people who may have represented it that day (holder first, then deputy)."""
    from governance.selectors_steering import seat_people

    on = timezone.localtime(meeting.starts_at).date()
    return [
        (row.seat, [a.person for a in row.holders] + [a.person for a in row.deputies])
        for row in seat_people(active_seats(meeting.circle), on=on)
    ]
