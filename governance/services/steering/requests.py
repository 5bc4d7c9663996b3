"""Membership and theme requests, filed by the secretariat, decided by a resolution."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from governance.models import AuditVerb, FocusArea, NetworkMembership, RequestKind, RequestState, SteeringRequest
from governance.services.audit import audit_record
from governance.services.steering.common import require_secretariat


@transaction.atomic
def steering_request_file(*, steering_request: SteeringRequest, actor, request=None) -> SteeringRequest:
    require_secretariat(actor)
    r = steering_request
    if not r.description.strip():
        raise ValidationError({"description": _("Bitte begründen Sie den Antrag.")})
    if r.kind == RequestKind.MEMBERSHIP:
        if r.network_id is None or r.partner_id is None:
            raise ValidationError(_("Für eine Aufnahme wählen Sie bitte den Partner und den Verbund."))
        if NetworkMembership.objects.current().filter(network=r.network, partner=r.partner).exists():
            raise ValidationError(
                _("%(partner)s ist bereits Mitglied von %(network)s.") % {"partner": r.partner, "network": r.network}
            )
    else:
        if not r.focus_area_name.strip():
            raise ValidationError({"focus_area_name": _("Bitte nennen Sie den neuen Arbeitsschwerpunkt.")})
        if FocusArea.objects.filter(name__iexact=r.focus_area_name.strip()).exists():
            raise ValidationError({"focus_area_name": _("Einen Arbeitsschwerpunkt mit diesem Namen gibt es bereits.")})
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
