"""The audit trail: append-only, hash-chained, verified by `manage.py audit_verify`."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory

from governance.models import GENESIS_HASH, AuditEvent, AuditVerb
from governance.services.audit import audit_record, audit_verify
from tests.conftest import require_service
from tests.factories import PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db


def record(n: int = 1, **kwargs) -> list[AuditEvent]:
    partner = PartnerFactory()
    with transaction.atomic():
        return [audit_record(verb=AuditVerb.ROLE_GRANTED, target=partner, payload={"n": i}, **kwargs) for i in range(n)]


def test_events_form_a_chain():
    first, second, third = record(3)
    assert first.previous_hash == GENESIS_HASH
    assert second.previous_hash == first.hash
    assert third.previous_hash == second.hash
    assert len({first.hash, second.hash, third.hash}) == 3


def test_event_records_who_what_on_which_object_and_from_where():
    person = UserFactory(email="sabine.keller@example.org")
    request = RequestFactory().post("/admin/", REMOTE_ADDR="192.0.2.44", HTTP_USER_AGENT="Firefox/140")
    (event,) = record(actor=person, request=request)
    event.refresh_from_db()
    assert event.actor == person and event.actor_label == "sabine.keller@example.org"
    assert event.verb == "role.granted"
    assert event.target_label and event.target_id
    assert (event.ip_address, event.user_agent) == ("192.0.2.44", "Firefox/140")
    assert event.payload == {"n": 0}


def test_system_actions_are_labelled_system():
    (event,) = record()
    assert event.actor is None and event.actor_label == "System"


def test_recording_outside_a_transaction_is_refused(transactional_db):
    with pytest.raises(RuntimeError):
        audit_record(verb=AuditVerb.ROLE_GRANTED)


def test_an_event_cannot_be_changed_or_deleted_through_the_application():
    (event,) = record()
    event.actor_label = "jemand anderes"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(actor_label="x")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).actor_label == "System"


def test_rolled_back_change_leaves_no_event():
    partner = PartnerFactory()
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        audit_record(verb=AuditVerb.ROLE_GRANTED, target=partner)
        1 / 0  # noqa: B018  the change fails after the event was written
    assert not AuditEvent.objects.exists()


def test_verify_passes_on_an_untouched_chain():
    record(5)
    out = StringIO()
    call_command("audit_verify", stdout=out)
    assert "Protokoll unversehrt: 5 Einträge geprüft." in out.getvalue()


def tamper(sql: str, params: list) -> None:
    """Raw SQL by someone who owns the table and switches the database's guard off first."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL kooperationsraum.audit_override = 'on'")
        cursor.execute(sql, params)


def test_database_refuses_raw_changes_and_deletions(transactional_db):
    require_service(connection.vendor == "postgresql", "PostgreSQL (the audit trigger)")
    with transaction.atomic():
        (event,) = record()
    for sql in (
        f"UPDATE {AuditEvent._meta.db_table} SET actor_label = 'x' WHERE id = %s",
        f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            connection.cursor().execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).actor_label == "System"


def test_verify_reports_the_first_row_altered_with_raw_sql():
    events = record(5)
    tamper(
        f"UPDATE {AuditEvent._meta.db_table} SET actor_label = %s WHERE id = %s",
        ["geschaeftsstelle@example.org", events[2].pk],
    )
    checked, broken, reason = audit_verify()
    assert (checked, broken.pk, reason) == (2, events[2].pk, "hash")
    with pytest.raises(CommandError, match=f"Protokoll gebrochen bei Eintrag #{events[2].pk}"):
        call_command("audit_verify")


def test_verify_reports_a_row_deleted_from_the_middle():
    events = record(4)
    tamper(f"DELETE FROM {AuditEvent._meta.db_table} WHERE id = %s", [events[1].pk])
    _checked, broken, reason = audit_verify()
    assert (broken.pk, reason) == (events[2].pk, "previous_hash")


def test_admin_offers_no_way_to_change_or_delete(client, secretariat):
    (event,) = record()
    client.force_login(secretariat)
    assert client.get(f"/admin/governance/auditevent/{event.pk}/change/").status_code == 200  # view only
    response = client.post(f"/admin/governance/auditevent/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()
