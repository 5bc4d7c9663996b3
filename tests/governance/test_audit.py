"""The audit trail: append-only, keyed hash chain, verified by `manage.py audit_verify`."""

import hashlib
import hmac
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory

from governance.models import GENESIS_HASH, AuditEvent, AuditVerb, ChainVersion
from governance.models.audit import canonical, v2_content
from governance.services.audit import audit_record
from governance.services.audit_verification import audit_verify
from tests.conftest import require_service
from tests.factories import PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db
TABLE = AuditEvent._meta.db_table


def record(n: int = 1, **kwargs) -> list[AuditEvent]:
    partner = PartnerFactory()
    with transaction.atomic():
        return [audit_record(verb=AuditVerb.ROLE_GRANTED, target=partner, payload={"n": i}, **kwargs) for i in range(n)]


def test_events_form_a_numbered_keyed_chain(settings):
    first, second, third = record(3)
    assert [e.sequence for e in (first, second, third)] == [1, 2, 3]
    assert {e.chain_version for e in (first, second, third)} == {ChainVersion.HMAC}
    assert first.previous_hash == GENESIS_HASH
    assert second.previous_hash == first.hash
    assert third.previous_hash == second.hash
    # Keyed: without the key nobody computes the same link; plain SHA-256 of the content is not it.
    plain = hashlib.sha256(canonical(v2_content(second.values()))).hexdigest()
    assert second.hash != plain
    settings.AUDIT_HMAC_KEY = "another-key-someone-guessed-0123456789abcdef"
    assert second.compute_hash() != second.hash


def test_event_records_who_what_on_which_object_and_from_where_pseudonymously():
    person = UserFactory(email="sabine.keller@example.org")
    request = RequestFactory().post("/admin/", REMOTE_ADDR="192.0.2.44", HTTP_USER_AGENT="Firefox/140")
    (event,) = record(actor=person, request=request)
    event.refresh_from_db()
    assert event.actor == person and event.actor_label == f"Person #{person.pk}"
    assert "sabine" not in event.actor_label + event.target_label + str(event.payload)
    assert event.verb == "role.granted"
    assert event.target_label and event.target_id
    assert (event.ip_address, event.user_agent) == ("192.0.2.44", "Firefox/140")
    assert event.client_digest and event.payload == {"n": 0}


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
    assert "Kein Prüfpunkt vorhanden" in out.getvalue()


def test_forgetting_address_and_browser_keeps_the_chain_intact_but_changing_them_does_not():
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.44", HTTP_USER_AGENT="Firefox/140")
    first, second = record(2, request=request)
    assert AuditEvent.objects.filter(pk=first.pk).forget_client_details() == 1
    assert AuditEvent.objects.get(pk=first.pk).ip_address is None
    assert audit_verify().ok
    tamper(f"UPDATE {TABLE} SET ip_address = %s WHERE id = %s", ["198.51.100.7", second.pk])
    assert audit_verify().kinds() == ["client"]


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
        f"UPDATE {TABLE} SET actor_label = 'x' WHERE id = %s",
        f"DELETE FROM {TABLE} WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            connection.cursor().execute(sql, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).actor_label == "System"


def test_verify_reports_every_altered_row_not_only_the_first():
    events = record(6)
    for event in (events[1], events[4]):
        tamper(f"UPDATE {TABLE} SET actor_label = %s WHERE id = %s", ["geschaeftsstelle@example.org", event.pk])
    report = audit_verify()
    assert [(p.kind, p.sequence) for p in report.problems] == [("hash", 2), ("hash", 5)]
    assert report.checked == 6
    err = StringIO()
    with pytest.raises(CommandError, match="2 Befunde bei 6 geprüften Einträgen"):
        call_command("audit_verify", stderr=err)
    assert "Eintrag Nr. 2" in err.getvalue() and "Eintrag Nr. 5" in err.getvalue()


def test_changed_actor_and_rechained_without_the_key_is_detected():
    """What the attacker did before: change an actor, then recompute every later link. Without
    the key they can only guess; every re-chained event shows."""
    events = record(4)
    victim = UserFactory()
    previous = events[0].hash
    for event in AuditEvent.objects.filter(sequence__gte=2).order_by("sequence"):
        values = event.values() | {"previous_hash": previous}
        if event.sequence == 2:
            values |= {"actor_id": victim.pk, "actor_label": f"Person #{victim.pk}"}
        forged = hmac.new(b"guessed-key", canonical(v2_content(values)), hashlib.sha256).hexdigest()
        tamper(
            f"UPDATE {TABLE} SET actor_id = %s, actor_label = %s, previous_hash = %s, hash = %s WHERE id = %s",
            [values["actor_id"], values["actor_label"], previous, "x" + forged[1:], event.pk],
        )
        previous = "x" + forged[1:]
    report = audit_verify()
    assert [(p.kind, p.sequence) for p in report.problems] == [("hash", 2), ("hash", 3), ("hash", 4)]


def test_a_deleted_row_is_reported_as_a_gap_and_a_broken_link():
    events = record(5)
    tamper(f"DELETE FROM {TABLE} WHERE id = %s", [events[2].pk])
    problems = audit_verify().problems
    assert [(p.kind, p.sequence) for p in problems] == [("gap", 4), ("previous_hash", 4)]
    assert "Nr. 3 bis 3" in problems[0].message


def test_admin_offers_no_way_to_change_or_delete(client, secretariat):
    (event,) = record()
    client.force_login(secretariat)
    assert client.get(f"/admin/governance/auditevent/{event.pk}/change/").status_code == 200  # view only
    response = client.post(f"/admin/governance/auditevent/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()
