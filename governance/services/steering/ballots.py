"""Written procedure (Umlaufverfahren): open, vote once per seat, close once, remind, report.

Closing happens at the deadline (Celery beat) or as soon as no vote still to come can change the
result. The ballot row is locked and its state checked, so two workers, or the beat and a last vote
at the same moment, close it once and send the result once.
"""

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from governance.models import (
    AuditVerb,
    Ballot,
    BallotOutcome,
    BallotState,
    BallotVote,
    Capacity,
    Meeting,
    NotificationKind,
    ResolutionResult,
    Role,
    SteeringCircle,
    SteeringDocument,
    SteeringRequest,
    SteeringSeat,
    Visibility,
    VoteChoice,
    VoteDelegation,
)
from governance.permissions_steering import seat_has_holder, seat_role_of
from governance.selectors_steering import active_seats, circle_people, current_rules, seat_people
from governance.services.audit import audit_record
from governance.services.steering.common import notify, require_secretariat
from governance.services.steering.counting import Rules, count_votes, settled_outcome
from governance.services.steering.resolutions import request_check, resolution_create
from governance.steering_effects import effect_for, subject_fields

REMINDERS = {"reminded_3_at": timedelta(days=3), "reminded_1_at": timedelta(days=1)}
RESULT_OF_OUTCOME = {
    BallotOutcome.ADOPTED: ResolutionResult.ADOPTED,
    BallotOutcome.REJECTED: ResolutionResult.REJECTED,
    BallotOutcome.REFERRED: ResolutionResult.POSTPONED,
    BallotOutcome.NO_QUORUM: ResolutionResult.POSTPONED,
}


def ballot_url(ballot: Ballot) -> str:
    return reverse("governance:steering-ballot-detail", args=[ballot.pk])


def _deadline_text(ballot: Ballot) -> str:
    return formats.date_format(timezone.localtime(ballot.deadline), "DATETIME_FORMAT")


@transaction.atomic
def ballot_open(
    *,
    circle: SteeringCircle,
    title: str,
    motion: str,
    deadline: datetime | None = None,
    is_public: bool = True,
    subject=None,
    steering_request: SteeringRequest | None = None,
    documents=(),
    actor,
    request=None,
) -> Ballot:
    """Open a written procedure; `documents` are (title, upload) pairs, checked like every upload."""
    require_secretariat(actor)
    rules = current_rules(circle)
    if rules is None:
        raise ValidationError(_("Für dieses Gremium ist noch keine Geschäftsordnung hinterlegt."))
    if not motion.strip():
        raise ValidationError({"motion": _("Bitte geben Sie den Beschlussvorschlag an.")})
    if not title.strip():
        raise ValidationError({"title": _("Bitte geben Sie dem Umlaufverfahren einen Titel.")})
    now = timezone.now()
    deadline = deadline or now + timedelta(days=rules.default_deadline_days)
    if deadline < now + timedelta(days=rules.min_deadline_days):
        raise ValidationError(
            {"deadline": _("Die Frist muss mindestens %(days)s Tage betragen.") % {"days": rules.min_deadline_days}}
        )
    effect = effect_for(subject)
    refusal = (effect.check(subject) if effect else None) or request_check(steering_request)
    if refusal:
        raise ValidationError(refusal)
    ballot = Ballot(
        circle=circle,
        title=title.strip(),
        motion=motion.strip(),
        rules=rules,
        opened_at=now,
        deadline=deadline,
        is_public=is_public,
        request=steering_request,
        opened_by=actor,
        **subject_fields(subject),
    )
    ballot.full_clean()
    ballot.save()
    for doc_title, upload in documents:
        document = SteeringDocument(ballot=ballot, title=doc_title, file=upload, uploaded_by=actor)
        document.full_clean()
        document.save()
    audit_record(
        verb=AuditVerb.BALLOT_OPENED,
        actor=actor,
        target=ballot,
        request=request,
        payload={"deadline": deadline, "rules": rules.pk},
    )
    notify(
        circle_people(circle),
        kind=NotificationKind.BALLOT_OPENED,
        subject=lambda: _("Umlaufverfahren: %(title)s") % {"title": ballot.title},
        body=lambda: _("Bitte stimmen Sie bis %(deadline)s im Portal ab.") % {"deadline": _deadline_text(ballot)},
        link=ballot_url(ballot),
        target=ballot,
    )
    return ballot


def voting_capacity(person, seat: SteeringSeat, ballot: Ballot) -> str:
    """The capacity in which the person may vote for the seat, or a PermissionDenied saying why not."""
    if seat.circle_id != ballot.circle_id:
        raise PermissionDenied(_("Dieses Umlaufverfahren gehört zu einem anderen Gremium."))
    role = seat_role_of(person, seat)
    delegated = VoteDelegation.objects.filter(seat=seat, ballot=ballot).first()
    if role == Role.STEERING_MEMBER:
        if delegated is not None:
            raise PermissionDenied(
                _("Sie haben Ihre Stimme für dieses Umlaufverfahren der Stellvertretung übertragen.")
            )
        return Capacity.HOLDER
    if role == Role.STEERING_DEPUTY:
        if (delegated is not None and delegated.deputy_id == person.pk) or not seat_has_holder(seat):
            return Capacity.DEPUTY
        raise PermissionDenied(
            _(
                "Für diesen Sitz stimmt das Mitglied; die Stellvertretung nur nach Übertragung "
                "oder bei unbesetztem Sitz."
            )
        )
    raise PermissionDenied(_("Sie haben derzeit keinen Sitz, für den Sie hier abstimmen können."))


@transaction.atomic
def ballot_vote(*, ballot: Ballot, seat: SteeringSeat, choice: str, actor, request=None) -> BallotVote:
    """One vote for one seat, once; may close the ballot when the result is settled."""
    ballot = Ballot.objects.select_for_update().select_related("circle", "rules").get(pk=ballot.pk)
    seat = SteeringSeat.objects.select_related("partner").get(pk=seat.pk)
    capacity = voting_capacity(actor, seat, ballot)
    if not ballot.is_open:
        raise ValidationError(_("Das Umlaufverfahren ist abgeschlossen; es kann nicht mehr abgestimmt werden."))
    if ballot.deadline <= timezone.now():
        raise ValidationError(_("Die Frist ist abgelaufen; es kann nicht mehr abgestimmt werden."))
    if not seat.is_active:
        raise ValidationError(_("Dieser Sitz ist nicht mehr aktiv."))
    if choice not in VoteChoice.values:
        raise ValidationError({"choice": _("Bitte wählen Sie Ja, Nein, Enthaltung oder Widerspruch.")})
    if BallotVote.objects.filter(ballot=ballot, seat=seat).exists():
        raise ValidationError(_("Für diesen Sitz wurde bereits abgestimmt."))
    try:
        with transaction.atomic():
            vote = BallotVote.objects.create(ballot=ballot, seat=seat, choice=choice, cast_by=actor, capacity=capacity)
    except IntegrityError as error:  # the unique constraint, should the lock ever be bypassed
        raise ValidationError(_("Für diesen Sitz wurde bereits abgestimmt.")) from error
    audit_record(
        verb=AuditVerb.VOTE_CAST,
        actor=actor,
        target=ballot,
        request=request,
        payload={"seat": seat.partner.name, "capacity": capacity, "choice": choice},
    )
    if _settled(ballot) is not None:
        _close(ballot)
    return vote


def _tally(ballot: Ballot) -> dict[str, int]:
    tally: dict[str, int] = {}
    for choice in ballot.votes.filter(seat__is_active=True).values_list("choice", flat=True):
        tally[choice] = tally.get(choice, 0) + 1
    return tally


def _settled(ballot: Ballot) -> str | None:
    return settled_outcome(_tally(ballot), seats=active_seats(ballot.circle).count(), rules=Rules.of(ballot.rules))


def _next_meeting(ballot: Ballot) -> Meeting | None:
    return (
        Meeting.objects.upcoming()
        .filter(circle=ballot.circle, starts_at__gt=timezone.now())
        .order_by("starts_at")
        .first()
    )


def _close(ballot: Ballot) -> Ballot:
    """Close a ballot that is locked by the caller and still open."""
    now = timezone.now()
    outcome = count_votes(_tally(ballot), seats=active_seats(ballot.circle).count(), rules=Rules.of(ballot.rules))
    ballot.state, ballot.outcome, ballot.closed_at = BallotState.CLOSED, outcome, now
    ballot.reported_in = _next_meeting(ballot)
    ballot.save(update_fields=["state", "outcome", "closed_at", "reported_in"])
    result = RESULT_OF_OUTCOME[outcome]
    subject = ballot.subject
    effect = effect_for(subject)
    if result == ResolutionResult.ADOPTED and ((effect and effect.check(subject)) or request_check(ballot.request)):
        # Something changed since the ballot opened (the sponsorship ended, the request was
        # decided elsewhere): the matter goes to the next meeting rather than failing the close.
        result = ResolutionResult.POSTPONED
    resolution = resolution_create(
        circle=ballot.circle,
        title=ballot.title,
        text=ballot.motion,
        result=result,
        visibility=Visibility.PUBLIC if ballot.is_public else Visibility.INTERNAL,
        decided_on=timezone.localdate(now),
        ballot=ballot,
        subject=subject,
        steering_request=ballot.request,
        actor=None,
    )
    audit_record(
        verb=AuditVerb.BALLOT_CLOSED,
        target=ballot,
        payload={"outcome": outcome, "number": resolution.number},
    )
    notify(
        circle_people(ballot.circle),
        kind=NotificationKind.BALLOT_RESULT,
        subject=lambda: _("Ergebnis des Umlaufverfahrens: %(title)s") % {"title": ballot.title},
        body=lambda: (
            _("Das Umlaufverfahren „%(title)s“ ist abgeschlossen: %(outcome)s. %(number)s")
            % {"title": ballot.title, "outcome": BallotOutcome(outcome).label, "number": resolution.number}
        ),
        link=ballot_url(ballot),
        target=ballot,
    )
    return ballot


@transaction.atomic
def ballot_close(*, ballot_id: int) -> bool:
    """Close the ballot if its deadline has passed or its result is settled; True if this call
    closed it. Safe to run twice or in two workers at once."""
    ballot = Ballot.objects.select_for_update().select_related("circle", "rules").filter(pk=ballot_id).first()
    if ballot is None or not ballot.is_open:
        return False
    if ballot.deadline > timezone.now() and _settled(ballot) is None:
        return False
    _close(ballot)
    return True


def ballot_close_due() -> int:
    """What the beat runs: close every ballot whose deadline has passed, each in its own transaction."""
    return sum(ballot_close(ballot_id=pk) for pk in Ballot.objects.due().values_list("pk", flat=True))


def _voters_for(seat_row, ballot: Ballot) -> list:
    """Who should be reminded for a seat: the holder, or the deputy where delegated or vacant."""
    delegated = {d.seat_id: d for d in ballot.delegations.all()}
    if seat_row.seat.pk in delegated:
        return [delegated[seat_row.seat.pk].deputy]
    if seat_row.holder is not None:
        return [seat_row.holder]
    return [seat_row.deputy] if seat_row.deputy is not None else []


def ballot_remind_due(*, now: datetime | None = None) -> int:
    """Remind the seats that have not voted, three days and one day before the deadline, once each."""
    now = now or timezone.now()
    sent = 0
    for field, before in REMINDERS.items():
        candidates = Ballot.objects.open().filter(
            **{f"{field}__isnull": True}, deadline__gt=now, deadline__lte=now + before
        )
        for ballot_id in candidates.values_list("pk", flat=True):
            with transaction.atomic():
                ballot = (
                    Ballot.objects.select_for_update(skip_locked=True)
                    .filter(pk=ballot_id, state=BallotState.OPEN, **{f"{field}__isnull": True})
                    .select_related("circle")
                    .first()
                )
                if ballot is None:
                    continue
                setattr(ballot, field, now)
                ballot.save(update_fields=[field])
                # A ballot opened with a short deadline skips the reminder it would get at once.
                if ballot.opened_at > ballot.deadline - before:
                    continue
                voted = set(ballot.votes.values_list("seat_id", flat=True))
                rows = [row for row in seat_people(active_seats(ballot.circle)) if row.seat.pk not in voted]
                people = [person for row in rows for person in _voters_for(row, ballot)]
                sent += notify(
                    people,
                    kind=NotificationKind.BALLOT_REMINDER,
                    subject=lambda b=ballot: _("Erinnerung: Umlaufverfahren „%(title)s“") % {"title": b.title},
                    body=lambda b=ballot: (
                        _("Für Ihren Sitz liegt noch keine Stimme vor. Die Frist endet am %(deadline)s.")
                        % {"deadline": _deadline_text(b)}
                    ),
                    link=ballot_url(ballot),
                    target=ballot,
                )
    return sent
