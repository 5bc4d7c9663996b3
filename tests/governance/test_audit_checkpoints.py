"""Checkpoints of the audit chain outside the database, and the version-1 events before the key."""

import hashlib
import json
from datetime import timedelta
from io import StringIO
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.utils import timezone

from governance.models import GENESIS_HASH, AuditEvent, AuditVerb, ChainVersion, Role
from governance.models.audit import canonical, link_hash, v1_content
from governance.services.audit import audit_record
from governance.services.audit_checkpoints import checkpoint_list, checkpoint_write
from governance.services.audit_verification import audit_verify
from governance.tasks import publish_audit_checkpoint
from tests.conftest import person_with_role
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db
TABLE = AuditEvent._meta.db_table


def record(n: int) -> list[AuditEvent]:
    with transaction.atomic():
        return [audit_record(verb=AuditVerb.ROLE_GRANTED, payload={"n": i}) for i in range(n)]


def raw(sql: str, params=()) -> None:
    """As the table's owner, with the guard switched off (what the application's role cannot)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL kooperationsraum.audit_override = 'on'")
        cursor.execute(sql, params)


def test_a_checkpoint_is_a_signed_file_with_the_head():
    events = record(3)
    checkpoint = checkpoint_write()
    (stored,), invalid = checkpoint_list()
    assert invalid == []
    assert (stored.sequence, stored.head_hash) == (3, events[-1].hash)
    assert stored.valid and stored.signature == checkpoint.signature


def test_a_forged_checkpoint_file_is_reported(settings):
    record(2)
    checkpoint = checkpoint_write()
    path = settings.AUDIT_CHECKPOINT_DIR / checkpoint.name
    data = json.loads(path.read_text())
    data["sequence"] = 1  # "the chain was only one event long"
    path.write_text(json.dumps(data))
    report = audit_verify()
    assert report.kinds() == ["checkpoint_signature"]
    assert report.checkpoint is None


def test_deleted_newest_events_are_detected_against_the_checkpoint():
    events = record(5)
    checkpoint_write()
    raw(f"DELETE FROM {TABLE} WHERE id IN (%s, %s)", [events[3].pk, events[4].pk])
    report = audit_verify()
    assert report.kinds() == ["checkpoint_missing"]  # the chain itself looks whole
    assert "bis Nr. 5" in report.problems[0].message and "bei Nr. 3" in report.problems[0].message


def test_rollback_with_new_events_in_place_of_the_old_is_detected():
    events = record(5)
    checkpoint_write()
    raw(f"DELETE FROM {TABLE} WHERE id IN (%s, %s)", [events[3].pk, events[4].pk])
    record(2)  # the application goes on writing numbers 4 and 5 anew
    assert audit_verify().kinds() == ["checkpoint_mismatch"]


def test_truncation_is_detected_against_the_checkpoint():
    record(4)
    checkpoint_write()
    if connection.vendor == "postgresql":
        raw("SET CONSTRAINTS ALL IMMEDIATE")  # the test's own transaction holds deferred checks
        raw(f"TRUNCATE {TABLE}")
    else:
        raw(f"DELETE FROM {TABLE}")
    report = audit_verify()
    assert report.checked == 0
    assert report.kinds() == ["checkpoint_missing"]
    with pytest.raises(CommandError):
        call_command("audit_verify", stdout=StringIO(), stderr=StringIO())


def test_verify_reports_the_distance_from_the_last_checkpoint():
    record(2)
    checkpoint_write(now=timezone.now() - timedelta(days=2, hours=3))
    record(3)
    report = audit_verify()
    assert report.ok and report.events_since_checkpoint == 3
    assert report.checkpoint_age >= timedelta(days=2, hours=3)
    out = StringIO()
    call_command("audit_verify", stdout=out)
    assert "Letzter Prüfpunkt: Eintrag Nr. 2" in out.getvalue()
    assert "seitdem 3 Einträge, vor 2 Tage 3 Stunden" in out.getvalue()


def test_the_daily_task_writes_the_file_and_mails_the_steering_circle(django_capture_on_commit_callbacks, land_he):
    member = person_with_role(Role.STEERING_MEMBER, land_he)
    deputy = person_with_role(Role.STEERING_DEPUTY, land_he)
    person_with_role(Role.CIO, land_he)  # not a steering seat: not told
    record(2)
    with django_capture_on_commit_callbacks(execute=True):
        sequence = publish_audit_checkpoint.delay().get()
    assert sequence == 2
    assert len(checkpoint_list()[0]) == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted([member.email, deputy.email])
    assert "Eintrag Nr. 2" in mail.outbox[0].subject
    assert AuditEvent.objects.get(sequence=2).hash in mail.outbox[0].body


# --- events written before the key (chain version 1) ------------------------------------------


def legacy_events(n: int, first: int = 1000) -> list[AuditEvent]:
    """Events as the unkeyed chain wrote them before migration 0010."""
    partner = PartnerFactory()
    previous, events = GENESIS_HASH, []
    for i in range(n):
        event = AuditEvent(
            chain_version=ChainVersion.SHA256,
            sequence=first + i,  # renumbered by the migration's step
            previous_hash=previous,
            actor_label="alt@example.org",
            verb=AuditVerb.ROLE_GRANTED,
            target_label=str(partner),
            payload={"n": i},
        )
        event.hash = link_hash(event.values())
        event.save()
        previous = event.hash
        events.append(event)
    return events


def seal() -> None:
    """Migration 0010's data step, run as the migration runs it (as the owner)."""
    from importlib import import_module

    module = import_module("governance.migrations.0010_audit_keyed_chain_and_owner_only_override")
    with transaction.atomic():
        editor = SimpleNamespace(connection=connection, execute=lambda sql: connection.cursor().execute(sql))
        module.number_and_seal(apps, editor)


def test_old_events_are_verified_with_the_old_scheme_up_to_the_switch_event():
    legacy_events(3)
    seal()
    record(2)
    switch = AuditEvent.objects.get(verb=AuditVerb.AUDIT_CHAIN_SWITCHED)
    assert (switch.sequence, switch.chain_version) == (4, ChainVersion.HMAC)
    assert switch.payload["sealed_events"] == 3
    assert list(AuditEvent.objects.order_by("sequence").values_list("sequence", flat=True)) == [1, 2, 3, 4, 5, 6]
    assert audit_verify().ok


def test_rewriting_old_events_without_the_key_breaks_the_seal():
    """Version-1 links need no key, so an attacker can re-chain them all; the keyed switch event
    still points at the old head."""
    events = legacy_events(3)
    seal()
    previous = GENESIS_HASH
    for event in events:
        values = AuditEvent.objects.get(pk=event.pk).values() | {"previous_hash": previous, "actor_label": "x@y.z"}
        new_hash = hashlib.sha256(canonical(v1_content(values))).hexdigest()
        raw(
            f"UPDATE {TABLE} SET actor_label = %s, previous_hash = %s, hash = %s WHERE id = %s",
            ["x@y.z", previous, new_hash, event.pk],
        )
        previous = new_hash
    report = audit_verify()
    assert [(p.kind, p.sequence) for p in report.problems] == [("previous_hash", 4)]


def test_an_unkeyed_event_after_the_switch_is_refused():
    legacy_events(1)
    seal()
    head = AuditEvent.objects.order_by("-sequence").first()
    forged = AuditEvent(
        chain_version=ChainVersion.SHA256, sequence=head.sequence + 1, previous_hash=head.hash, actor_label="System"
    )
    forged.verb = AuditVerb.ROLE_GRANTED
    forged.hash = link_hash(forged.values())
    forged.save()
    assert audit_verify().kinds() == ["version"]


def test_a_chain_of_only_unkeyed_events_is_not_accepted():
    legacy_events(2, first=1)
    assert audit_verify().kinds() == ["unsealed"]


# --- the secretariat's page ---------------------------------------------------------------------

URL = "/arbeitsbereich/protokoll/pruefpunkte/"


def test_the_secretariat_sees_the_checkpoints_and_the_distance(client, secretariat):
    record(2)
    checkpoint = checkpoint_write()
    record(1)
    client.force_login(secretariat)
    page = client.get(URL).content.decode()
    assert checkpoint.head_hash in page and checkpoint.signature in page
    assert "1 Eintrag," in page


def test_the_page_warns_when_the_chain_ends_before_the_last_checkpoint(client, secretariat):
    events = record(3)
    checkpoint_write()
    raw(f"DELETE FROM {TABLE} WHERE id = %s", [events[2].pk])
    client.force_login(secretariat)
    assert "Einträge fehlen" in client.get(URL).content.decode()


def test_others_may_not_see_the_checkpoints(client, steering_member):
    assert client.get(URL).status_code == 302  # to the login
    client.force_login(steering_member)
    assert client.get(URL).status_code == 403
