"""Seats, rules of procedure and the holder's delegation of a vote to the deputy."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import (
    AuditVerb,
    Ballot,
    Meeting,
    Partner,
    Role,
    RulesOfProcedure,
    SteeringCircle,
    SteeringSeat,
    VoteDelegation,
)
from governance.permissions_steering import seat_role_of
from governance.selectors_steering import seat_people
from governance.services.audit import audit_record
from governance.services.steering.common import require_secretariat

RULES_FIELDS = [
    "valid_from",
    "majority",
    "majority_base",
    "silence",
    "objection_refers",
    "quorum_percent",
    "min_deadline_days",
    "default_deadline_days",
]


@transaction.atomic
def seat_save(
    *, circle: SteeringCircle, partner: Partner, position: int = 0, is_active: bool = True, actor, request=None
) -> SteeringSeat:
    """Create or change the seat of a partner. Who sits on it comes from the role records."""
    require_secretariat(actor)
    seat = SteeringSeat.objects.select_for_update().filter(circle=circle, partner=partner).first()
    created = seat is None
    seat = seat or SteeringSeat(circle=circle, partner=partner)
    seat.position, seat.is_active = position, is_active
    seat.full_clean(validate_unique=created)
    seat.save()
    audit_record(
        verb=AuditVerb.SEAT_CHANGED,
        actor=actor,
        target=seat,
        request=request,
        payload={"partner": partner.name, "created": created, "is_active": is_active},
    )
    return seat


@transaction.atomic
def rules_save(*, rules: RulesOfProcedure, actor, request=None) -> RulesOfProcedure:
    """Add a new version of the rules; running ballots keep the version they were opened under."""
    require_secretariat(actor)
    if rules.pk is not None:
        raise ValidationError(_("Eine Geschäftsordnung wird nicht geändert, sondern durch eine neue Fassung ersetzt."))
    rules.full_clean()
    rules.save()
    audit_record(
        verb=AuditVerb.RULES_CHANGED,
        actor=actor,
        target=rules,
        request=request,
        payload=model_to_dict(rules, fields=RULES_FIELDS),
    )
    return rules


@transaction.atomic
def vote_delegate(
    *, seat: SteeringSeat, meeting: Meeting | None = None, ballot: Ballot | None = None, actor, request=None
) -> VoteDelegation:
    """The seat's holder hands their vote to the deputy for exactly one meeting or one ballot."""
    if (meeting is None) == (ballot is None):
        raise ValidationError(_("Bitte wählen Sie genau eine Sitzung oder ein Umlaufverfahren."))
    seat = SteeringSeat.objects.select_for_update().select_related("partner").get(pk=seat.pk)
    if seat_role_of(actor, seat) != Role.STEERING_MEMBER:
        raise PermissionDenied(_("Nur das Mitglied dieses Sitzes kann seine Stimme übertragen."))
    occasion = meeting or ballot
    if occasion.circle_id != seat.circle_id:
        raise ValidationError(_("Diese Sitzung oder dieses Umlaufverfahren gehört zu einem anderen Gremium."))
    if meeting is not None and (meeting.is_cancelled or meeting.ends_at <= timezone.now()):
        raise ValidationError(_("Für eine abgesagte oder vergangene Sitzung kann keine Stimme übertragen werden."))
    if ballot is not None:
        if not ballot.is_open:
            raise ValidationError(_("Das Umlaufverfahren ist bereits abgeschlossen."))
        if ballot.votes.filter(seat=seat).exists():
            raise ValidationError(_("Für diesen Sitz wurde bereits abgestimmt."))
    deputy = seat_people([seat])[0].deputy
    if deputy is None:
        raise ValidationError(_("Für diesen Sitz ist derzeit keine Stellvertretung eingetragen."))
    if VoteDelegation.objects.filter(seat=seat, meeting=meeting, ballot=ballot).exists():
        raise ValidationError(_("Die Stimme ist hierfür bereits übertragen."))
    delegation = VoteDelegation.objects.create(seat=seat, holder=actor, deputy=deputy, meeting=meeting, ballot=ballot)
    audit_record(
        verb=AuditVerb.VOTE_DELEGATED,
        actor=actor,
        target=seat,
        request=request,
        payload={
            "partner": seat.partner.name,
            "deputy": deputy.email,
            "meeting": meeting.pk if meeting else None,
            "ballot": ballot.pk if ballot else None,
        },
    )
    return delegation
