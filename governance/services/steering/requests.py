"""Membership and theme requests: filed by the secretariat (or through the public form,
`public_requests`), withdrawn by the secretariat while undecided, decided by a resolution."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from governance.models import AuditVerb, FocusArea, NetworkMembership, RequestKind, RequestState, SteeringRequest
from governance.services.audit import audit_record
from governance.services.steering.common import require_secretariat


def steering_request_validate(r: SteeringRequest) -> None:
    """What any request needs, however it was filed; a public one names an administration that
    may not be a partner yet (the secretariat assigns the partner before the circle adopts it)."""
    if not r.description.strip():
        raise ValidationError({"description": _("Bitte begründen Sie den Antrag.")})
    if r.kind == RequestKind.MEMBERSHIP:
        if r.network_id is None or (r.partner_id is None and not r.applicant.strip()):
            raise ValidationError(_("Für eine Aufnahme wählen Sie bitte den Partner und den Verbund."))
        if (
            r.partner_id is not None
            and NetworkMembership.objects.current().filter(network=r.network, partner=r.partner).exists()
        ):
            raise ValidationError(
                _("%(partner)s ist bereits Mitglied von %(network)s.") % {"partner": r.partner, "network": r.network}
            )
    else:
        if not r.focus_area_name.strip():
            raise ValidationError({"focus_area_name": _("Bitte nennen Sie den neuen Arbeitsschwerpunkt.")})
        if FocusArea.objects.filter(name__iexact=r.focus_area_name.strip()).exists():
            raise ValidationError({"focus_area_name": _("Einen Arbeitsschwerpunkt mit diesem Namen gibt es bereits.")})


@transaction.atomic
def steering_request_file(*, steering_request: SteeringRequest, actor, request=None) -> SteeringRequest:
    require_secretariat(actor)
    r = steering_request
    if r.kind == RequestKind.MEMBERSHIP and r.partner_id is None:
        raise ValidationError(_("Für eine Aufnahme wählen Sie bitte den Partner und den Verbund."))
    steering_request_validate(r)
    r.state, r.filed_by = RequestState.FILED, actor
    r.full_clean()
    r.save()
    audit_record(
        verb=AuditVerb.STEERING_REQUEST_FILED,
        actor=actor,
        target=r,
        request=request,
        payload={"kind": r.kind, "title": str(r)},
    )
    return r


@transaction.atomic
def steering_request_withdraw(
    *, steering_request: SteeringRequest, reason: str = "", actor, request=None
) -> SteeringRequest:
    """The secretariat withdraws an undecided request (the administration took it back, or it is
    moot). An agenda item or open ballot on it can then only postpone it (`request_check`)."""
    require_secretariat(actor)
    r = SteeringRequest.objects.select_for_update().get(pk=steering_request.pk)
    if refusal := r.withdrawal_refusal():
        raise ValidationError(refusal)
    r.state = RequestState.WITHDRAWN
    r.save(update_fields=["state"])
    audit_record(
        verb=AuditVerb.STEERING_REQUEST_WITHDRAWN,
        actor=actor,
        target=r,
        request=request,
        payload={"kind": r.kind, "title": str(r), "reason": reason.strip()[:500]},
    )
    return r


@transaction.atomic
def steering_request_assign_partner(
    *, steering_request: SteeringRequest, partner, actor, request=None
) -> SteeringRequest:
    """A public membership request names an administration; before the circle can adopt it, the
    secretariat links it to that administration's partner record (created in the admin if new)."""
    require_secretariat(actor)
    r = SteeringRequest.objects.select_for_update(of=("self",)).select_related("network").get(pk=steering_request.pk)
    if r.kind != RequestKind.MEMBERSHIP:
        raise ValidationError(_("Nur Aufnahmeanträge werden einem Partner zugeordnet."))
    if r.state != RequestState.FILED:
        raise ValidationError(_("Nur eingegangene, noch offene Anträge werden einem Partner zugeordnet."))
    if NetworkMembership.objects.current().filter(network=r.network, partner=partner).exists():
        raise ValidationError(
            {
                "partner": _("%(partner)s ist bereits Mitglied von %(network)s.")
                % {"partner": partner, "network": r.network}
            }
        )
    before = r.partner_id
    r.partner = partner
    r.save(update_fields=["partner"])
    audit_record(
        verb=AuditVerb.STEERING_REQUEST_PARTNER_ASSIGNED,
        actor=actor,
        target=r,
        request=request,
        payload={"partner": str(partner), "before": before, "applicant": r.applicant},
    )
    return r
