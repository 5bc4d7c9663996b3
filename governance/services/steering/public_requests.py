"""Membership and theme requests from the public form: stored unconfirmed, confirmed by the link
in an e-mail, then waiting for the secretariat. The same flow as reuse requests (transfer), through
the shared rate limit and signed link in `kooperationsraum.public_requests`."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import AuditVerb, NotificationKind, RequestKind, RequestState, SteeringRequest
from governance.selectors import secretariat_people
from governance.services.audit import audit_record
from governance.services.steering.common import notify
from governance.services.steering.requests import steering_request_validate
from kooperationsraum import public_requests

# Enqueued by name (registered by GovernanceConfig.ready): tasks import services, never back.
SEND_CONFIRMATION_TASK = "governance.tasks.send_steering_request_confirmation"
SALT = "governance.steering_request.confirm"
CONFIRM_DAYS = public_requests.CONFIRM_DAYS
RATE_LIMIT = public_requests.RATE_LIMIT
RATE_SCOPE = "steering-request"


def steering_request_rate_limited(*, address: str) -> bool:
    return public_requests.rate_limited(scope=RATE_SCOPE, address=address, limit=RATE_LIMIT)


def steering_request_token(steering_request: SteeringRequest) -> str:
    return public_requests.confirmation_token(steering_request.pk, salt=SALT)


@transaction.atomic
def steering_request_submit(*, steering_request: SteeringRequest) -> SteeringRequest:
    """Store a public request unconfirmed and mail the confirmation link after commit. It reaches
    the secretariat (and the audit trail) only once the address is confirmed."""
    r = steering_request
    for field, message in (
        ("applicant", _("Bitte nennen Sie Ihre Verwaltung.")),
        ("contact_name", _("Bitte nennen Sie Ihren Namen.")),
        ("contact_email", _("Bitte geben Sie Ihre E-Mail-Adresse an.")),
    ):
        if not getattr(r, field).strip():
            raise ValidationError({field: message})
    if not r.consent:
        raise ValidationError(_("Ohne Einwilligung können wir den Antrag nicht bearbeiten."))
    if r.kind == RequestKind.MEMBERSHIP and r.network_id is None:
        raise ValidationError({"network": _("Bitte wählen Sie den Verbund, dem Ihre Verwaltung beitreten möchte.")})
    steering_request_validate(r)
    r.state, r.filed_by, r.partner = RequestState.UNCONFIRMED, None, None
    r.full_clean()
    r.save()
    transaction.on_commit(lambda: public_requests.enqueue_confirmation(SEND_CONFIRMATION_TASK, r.pk))
    return r


def steering_request_confirmation_email(steering_request: SteeringRequest) -> EmailMultiAlternatives:
    token = steering_request_token(steering_request)
    link = settings.SITE_URL.rstrip("/") + reverse("register:join-confirm", args=[token])
    context = {"steering_request": steering_request, "link": link, "days": CONFIRM_DAYS}
    return EmailMultiAlternatives(
        subject=_("Bitte bestätigen Sie Ihren Antrag an den Lenkungskreis"),
        body=render_to_string("governance/register/join_confirm_email.txt", context),
        to=[steering_request.contact_email],
        headers={"Auto-Submitted": "auto-generated"},
    )


@transaction.atomic
def steering_request_confirm(*, token: str) -> SteeringRequest:
    """Confirm by the e-mail link: the request is filed, audited, and the secretariat hears of it.
    A second click changes nothing and notifies nobody again."""
    pk = public_requests.confirmed_pk(
        token,
        salt=SALT,
        days=CONFIRM_DAYS,
        expired=_("Der Bestätigungslink ist abgelaufen. Bitte stellen Sie den Antrag erneut."),
    )
    r = SteeringRequest.objects.select_for_update(of=("self",)).select_related("network").filter(pk=pk).first()
    if r is None:
        raise ValidationError(_("Diesen Antrag gibt es nicht mehr. Bitte stellen Sie ihn erneut."))
    if r.state != RequestState.UNCONFIRMED:
        return r
    r.state, r.confirmed_at = RequestState.FILED, timezone.now()
    r.filed_at = r.confirmed_at
    r.save(update_fields=["state", "confirmed_at", "filed_at"])
    # The administration's name is no personal data; the contact person's name and address stay out.
    audit_record(
        verb=AuditVerb.STEERING_REQUEST_FILED,
        target=r,
        payload={"kind": r.kind, "title": str(r), "way": "public_form"},
    )
    names = {"title": str(r), "applicant": r.applicant}
    notify(
        secretariat_people(),
        kind=NotificationKind.STEERING_REQUEST,
        subject=lambda: _("Neuer Antrag an den Lenkungskreis: %(title)s") % names,
        body=lambda: (
            _(
                "%(applicant)s hat über das öffentliche Formular einen Antrag gestellt und die "
                "E-Mail-Adresse bestätigt: %(title)s. Einzelheiten stehen in der Liste der Anträge."
            )
            % names
        ),
        link=reverse("governance:steering-request-list"),
        target=r,
    )
    return r


def steering_request_purge_unconfirmed(*, now=None) -> int:
    """Unconfirmed public requests are deleted after the link's lifetime (privacy notice)."""
    cutoff = (now or timezone.now()) - timedelta(days=CONFIRM_DAYS)
    deleted, _details = SteeringRequest.objects.filter(state=RequestState.UNCONFIRMED, filed_at__lt=cutoff).delete()
    return deleted
