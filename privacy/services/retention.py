"""Retention periods (templates/pages/privacy.html states them), enforced nightly by beat.

- notification texts: emptied RETENTION_NOTIFICATION_BODY_DAYS after sending (or failing);
  subject, kind and times stay as the record that a message went out;
- address and browser in the audit trail: dropped after RETENTION_AUDIT_CLIENT_DAYS (chain
  version 2 covers them only as a keyed digest, so the chain still verifies);
- data exports (Art. 15): file and row deleted after RETENTION_DATA_EXPORT_DAYS;
- unconfirmed reuse requests and membership or theme requests (after CONFIRM_DAYS of
  kooperationsraum.public_requests) and failed logins (after LOGIN_ATTEMPT_RETENTION) are purged
  hourly by their own tasks; this run repeats them.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from governance.models import AuditEvent, AuditVerb, Notification, NotificationState
from governance.services.audit import audit_record
from governance.services.steering.public_requests import steering_request_purge_unconfirmed
from governance.tasks import purge_login_attempts_before
from privacy.models import DataExport
from privacy.services.exports import data_export_delete
from transfer.services import inquiry_purge_unconfirmed


@transaction.atomic
def retention_enforce(*, now: datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    body_cutoff = now - timedelta(days=settings.RETENTION_NOTIFICATION_BODY_DAYS)
    done = {
        "notification_bodies": Notification.objects.filter(
            state__in=[NotificationState.SENT, NotificationState.FAILED], created_at__lt=body_cutoff
        )
        .exclude(body_de="", body_en="", calendar="")
        .update(body_de="", body_en="", calendar=""),
        "audit_client_details": AuditEvent.objects.filter(
            occurred_at__lt=now - timedelta(days=settings.RETENTION_AUDIT_CLIENT_DAYS)
        ).forget_client_details(),
        "unconfirmed_inquiries": inquiry_purge_unconfirmed(now=now),
        "unconfirmed_steering_requests": steering_request_purge_unconfirmed(now=now),
        "failed_logins": purge_login_attempts_before(now - settings.LOGIN_ATTEMPT_RETENTION),
        "data_exports": 0,
    }
    for export in DataExport.objects.filter(requested_at__lt=now - timedelta(days=settings.RETENTION_DATA_EXPORT_DAYS)):
        data_export_delete(export)
        done["data_exports"] += 1
    if any(done.values()):
        audit_record(verb=AuditVerb.RETENTION_ENFORCED, payload=done)
    return done
