"""Resolutions: recorded for a decision item of a meeting or by closing a ballot; numbered per year
when adopted or rejected; when adopted, they do what they decide (phase gate, confirmation,
membership, focus area) in the same transaction."""

from collections.abc import Iterable, Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from governance.models import (
    NUMBERED_RESULTS,
    AgendaItem,
    AgendaItemKind,
    AuditVerb,
    Ballot,
    FocusArea,
    Majority,
    MajorityBase,
    Meeting,
    NetworkMembership,
    RequestKind,
    RequestState,
    Resolution,
    ResolutionResult,
    ResolutionVote,
    SteeringCircle,
    SteeringRequest,
    VoteChoice,
)
from governance.selectors_steering import active_seats, current_rules
from governance.services.audit import audit_record
from governance.services.roles import network_membership_save
from governance.services.steering.common import require_secretariat, take_number
from governance.services.steering.counting import Rules, meeting_outcome
from governance.services.steering.meetings import meeting_quorum
from governance.steering_effects import effect_for, subject_fields


def request_check(steering_request: SteeringRequest | None) -> str | None:
    """Why adopting a resolution on this request cannot work now, or None."""
    if steering_request is None:
        return None
    if steering_request.state == RequestState.WITHDRAWN:
        return _("Der Antrag wurde zurückgezogen.")
    if steering_request.state != RequestState.FILED:
        return _("Über diesen Antrag wurde bereits entschieden.")
    if steering_request.kind == RequestKind.FOCUS_AREA:
        if FocusArea.objects.filter(name__iexact=steering_request.focus_area_name.strip()).exists():
            return _("Einen Arbeitsschwerpunkt mit diesem Namen gibt es bereits.")
    elif steering_request.partner_id is None or steering_request.network_id is None:
        return _("Für eine Aufnahme braucht der Antrag einen Partner und einen Verbund.")
    return None


def _apply_request(steering_request: SteeringRequest, resolution: Resolution, actor, request) -> str:
    steering_request = SteeringRequest.objects.select_for_update().get(pk=steering_request.pk)
    if not resolution.is_adopted:
        if resolution.result == ResolutionResult.REJECTED:
            steering_request.state = RequestState.REJECTED
            steering_request.save(update_fields=["state"])
        return ""
    if steering_request.kind == RequestKind.FOCUS_AREA:
        name = steering_request.focus_area_name.strip()
        focus_area = FocusArea.objects.create(
            name=name,
            slug=slugify(name)[:80] or f"schwerpunkt-{steering_request.pk}",
            description=steering_request.description,
            network=steering_request.network,
        )
        steering_request.created_focus_area = focus_area
        effect = _("Arbeitsschwerpunkt „%(name)s“ angelegt") % {"name": name}
    else:
        membership = NetworkMembership(
            network=steering_request.network,
            partner=steering_request.partner,
            joined_on=steering_request.join_on or resolution.decided_on,
        )
        membership.full_clean()
        network_membership_save(membership=membership, actor=actor, request=request)
        steering_request.created_membership = membership
        effect = _("%(partner)s ist seit %(day)s Mitglied von %(network)s") % {
            "partner": membership.partner,
            "day": membership.joined_on.strftime("%d.%m.%Y"),
            "network": membership.network,
        }
    steering_request.state = RequestState.ADOPTED
    steering_request.save(update_fields=["state", "created_focus_area", "created_membership"])
    return effect


def resolution_create(
    *,
    circle: SteeringCircle,
    title: str,
    text: str,
    result: str,
    visibility: str,
    decided_on: date,
    agenda_item: AgendaItem | None = None,
    ballot: Ballot | None = None,
    subject=None,
    steering_request: SteeringRequest | None = None,
    focus_areas: Iterable[FocusArea] = (),
    votes: Mapping[int, str] | None = None,
    actor=None,
    request=None,
) -> Resolution:
    """Shared by meetings and ballots; must run inside the caller's transaction."""
    if not text.strip():
        raise ValidationError({"text": _("Bitte geben Sie den Beschlusstext an.")})
    if result not in ResolutionResult.values:
        raise ValidationError({"result": _("Bitte wählen Sie ein Ergebnis.")})
    effect = effect_for(subject)
    if result == ResolutionResult.ADOPTED:
        refusal = (effect.check(subject) if effect else None) or request_check(steering_request)
        if refusal:
            raise ValidationError(refusal)
    resolution = Resolution(
        circle=circle,
        title=title.strip(),
        text=text.strip(),
        result=result,
        visibility=visibility,
        decided_on=decided_on,
        agenda_item=agenda_item,
        ballot=ballot,
        request=steering_request,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        **subject_fields(subject),
    )
    if result in NUMBERED_RESULTS:
        resolution.number_seq, resolution.number = take_number(circle, decided_on.year)
        resolution.number_year = decided_on.year
    resolution.full_clean(exclude=["agenda_item", "ballot"])
    resolution.save()
    resolution.focus_areas.set(focus_areas)
    if votes:
        seats = set(active_seats(circle).values_list("pk", flat=True))
        if not set(votes) <= seats:
            raise ValidationError(_("Stimmen können nur für Sitze dieses Gremiums erfasst werden."))
        ResolutionVote.objects.bulk_create(
            [ResolutionVote(resolution=resolution, seat_id=seat, choice=choice) for seat, choice in votes.items()]
        )
    effects = []
    if resolution.is_adopted and effect is not None:
        effects.append(effect.apply(subject, resolution=resolution, actor=actor, request=request))
    if steering_request is not None:
        effects.append(_apply_request(steering_request, resolution, actor, request))
    resolution.effect = "; ".join(e for e in effects if e)[:300]
    if resolution.effect:
        resolution.save(update_fields=["effect"])
    audit_record(
        verb=AuditVerb.RESOLUTION_ADOPTED if resolution.is_adopted else AuditVerb.RESOLUTION_RECORDED,
        actor=actor,
        target=resolution,
        request=request,
        payload={
            "number": resolution.number,
            "result": result,
            "visibility": visibility,
            "way": resolution.way,
            "subject": str(subject) if subject is not None else "",
            "effect": resolution.effect,
        },
    )
    return resolution


def _refuse_disagreeing_votes(meeting: Meeting, votes: Mapping[int, str], result: str) -> None:
    """The entered result must be what the rules of procedure make of the entered votes."""
    stored = current_rules(meeting.circle, on=timezone.localtime(meeting.starts_at).date())
    rules = Rules.of(stored) if stored else Rules()  # no rules yet: the model's defaults
    tally: dict[str, int] = {}
    for choice in votes.values():
        tally[choice] = tally.get(choice, 0) + 1
    outcome = meeting_outcome(tally, seats=active_seats(meeting.circle).count(), rules=rules)
    if outcome != result:
        raise ValidationError(
            {
                "result": _(
                    "Nach der Geschäftsordnung (%(majority)s %(base)s) ergeben die erfassten Stimmen "
                    "„%(outcome)s“, nicht „%(result)s“. Bitte prüfen Sie Stimmen und Ergebnis; "
                    "gespeichert wurde nichts. Soll nicht entschieden werden, wählen Sie „vertagt“."
                )
                % {
                    "majority": Majority(rules.majority).label,
                    "base": MajorityBase(rules.majority_base).label,
                    "outcome": ResolutionResult(outcome).label,
                    "result": ResolutionResult(result).label,
                }
            }
        )


@transaction.atomic
def resolution_record(
    *,
    agenda_item: AgendaItem,
    title: str,
    text: str,
    result: str,
    visibility: str,
    votes: Mapping[int, str] | None = None,
    focus_areas: Iterable[FocusArea] = (),
    actor,
    request=None,
) -> Resolution:
    """The secretariat records the resolution of a decision item, during or after the meeting."""
    require_secretariat(actor)
    meeting = Meeting.objects.select_for_update().get(pk=agenda_item.meeting_id)
    item = AgendaItem.objects.select_for_update().get(pk=agenda_item.pk)
    if item.kind != AgendaItemKind.DECISION:
        raise ValidationError(_("Beschlüsse gibt es nur zu Beschlusspunkten der Tagesordnung."))
    if meeting.is_cancelled or not meeting.has_started:
        raise ValidationError(_("Beschlüsse werden erst während oder nach der Sitzung erfasst."))
    minutes = getattr(meeting, "minutes", None)
    if minutes is not None and minutes.is_locked:
        raise ValidationError(_("Das Protokoll dieser Sitzung ist genehmigt und kann nicht mehr geändert werden."))
    if Resolution.objects.filter(agenda_item=item).exists():
        raise ValidationError(_("Zu diesem Tagesordnungspunkt ist bereits ein Beschluss erfasst."))
    if result in NUMBERED_RESULTS and not meeting_quorum(meeting).is_quorate:
        raise ValidationError(
            _("Die Sitzung ist nach der erfassten Anwesenheit nicht beschlussfähig; der Punkt kann nur vertagt werden.")
        )
    if votes and any(choice not in (VoteChoice.YES, VoteChoice.NO, VoteChoice.ABSTAIN) for choice in votes.values()):
        raise ValidationError(_("In der Sitzung wird mit Ja, Nein oder Enthaltung abgestimmt."))
    if votes and result in NUMBERED_RESULTS:
        _refuse_disagreeing_votes(meeting, votes, result)
    return resolution_create(
        circle=meeting.circle,
        title=title or item.title,
        text=text,
        result=result,
        visibility=visibility,
        decided_on=timezone.localtime(meeting.starts_at).date(),
        agenda_item=item,
        subject=item.subject,
        steering_request=item.request,
        focus_areas=focus_areas,
        votes=votes,
        actor=actor,
        request=request,
    )
