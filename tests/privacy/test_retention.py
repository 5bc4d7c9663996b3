"""Retention periods, enforced nightly (privacy notice)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.db import transaction
from django.test import RequestFactory
from django.utils import timezone

from governance.models import AuditEvent, AuditVerb, Notification, NotificationKind, NotificationState
from governance.services.audit import audit_record
from governance.services.audit_verification import audit_verify
from privacy.models import DataExport
from privacy.tasks import enforce_retention
from tests.factories import UserFactory
from transfer.models import Inquiry, InquiryState

pytestmark = pytest.mark.django_db


def notification(person, *, age_days: int, state=NotificationState.SENT) -> Notification:
    return Notification.objects.create(
        recipient=person,
        kind=NotificationKind.ACCOUNT,
        subject_de="Betreff",
        subject_en="Subject",
        body_de="Text mit Namen",
        body_en="Text with names",
        state=state,
        created_at=timezone.now() - timedelta(days=age_days),
    )


def test_retention_periods_are_enforced(settings):
    person = UserFactory()
    old, recent = notification(person, age_days=91), notification(person, age_days=10)
    pending = notification(person, age_days=200, state=NotificationState.PENDING)  # not sent yet: kept
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.44", HTTP_USER_AGENT="Firefox/140")
    with transaction.atomic():
        old_event = audit_record(verb=AuditVerb.ROLE_GRANTED, request=request)
        new_event = audit_record(verb=AuditVerb.ROLE_GRANTED, request=request)
    # Backdate the first event the way time would (as the owner, guard off on PostgreSQL).
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL kooperationsraum.audit_override = 'on'")
        cursor.execute(
            f"UPDATE {AuditEvent._meta.db_table} SET occurred_at = %s WHERE id = %s",
            [timezone.now() - timedelta(days=91), old_event.pk],
        )
    old_export = DataExport.objects.create(person=person, requested_at=timezone.now() - timedelta(days=8))
    new_export = DataExport.objects.create(person=person)

    done = enforce_retention.delay().get()

    assert done["notification_bodies"] == 1 and done["audit_client_details"] == 1 and done["data_exports"] == 1
    old.refresh_from_db(), recent.refresh_from_db(), pending.refresh_from_db()
    assert (old.body_de, old.body_en, old.subject_de) == ("", "", "Betreff")
    assert recent.body_de and pending.body_de
    assert AuditEvent.objects.get(pk=old_event.pk).ip_address is None
    assert AuditEvent.objects.get(pk=new_event.pk).ip_address == "192.0.2.44"
    assert list(DataExport.objects.all()) == [new_export] and old_export.pk
    # Backdating changed a chained field, so exactly that one event shows; forgetting did not.
    assert [(p.kind, p.sequence) for p in audit_verify().problems] == [("hash", old_event.sequence)]
    assert AuditEvent.objects.filter(verb=AuditVerb.RETENTION_ENFORCED).exists()


def test_unconfirmed_reuse_requests_go_after_three_days():
    from tests.factories import SolutionFactory

    solution = SolutionFactory()
    values = {"solution": solution, "administration": "Stadt", "contact_name": "Eva Muster", "message": "Hallo"}
    stale = Inquiry.objects.create(
        **values, contact_email="a@example.org", consent=True, created_at=timezone.now() - timedelta(days=4)
    )
    fresh = Inquiry.objects.create(**values, contact_email="b@example.org", consent=True)
    confirmed = Inquiry.objects.create(
        **values,
        contact_email="c@example.org",
        consent=True,
        state=InquiryState.CONFIRMED,
        created_at=timezone.now() - timedelta(days=30),
    )
    assert enforce_retention.delay().get()["unconfirmed_inquiries"] == 1
    assert set(Inquiry.objects.values_list("pk", flat=True)) == {fresh.pk, confirmed.pk}
    assert stale.pk


def test_beat_runs_the_retention_and_checkpoint_tasks_daily():
    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"privacy.tasks.enforce_retention", "governance.tasks.publish_audit_checkpoint"} <= schedule


def test_the_privacy_notice_states_the_periods(client):
    page = client.get("/datenschutz/").content.decode()
    for text in ("90 Tage", "drei Tage", "sieben Tage", "24 Stunden"):
        assert text in page
