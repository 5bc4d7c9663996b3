"""The audit chain becomes keyed (HMAC-SHA256, chain version 2), gains a sequence number, and the
database guard no longer yields to the application's role.

Existing events are NOT re-chained: they keep their plain SHA-256 links as chain version 1 and
get their sequence numbers in id order (the version-1 hash never covered the sequence). A keyed
`audit.chain_switched` event is appended that covers the last version-1 hash, so anyone without
the key who rewrites the old events breaks the link into the switch event. `audit_verify` checks
version 1 up to that event and version 2 from there, and refuses a version-1 event after it.

The trigger now
- honours `kooperationsraum.audit_override` only for members of the table's owner role (the
  migration role); the application's role may set the variable, to no effect;
- refuses TRUNCATE for everyone but the owner (the owner may disable triggers anyway; test
  databases are flushed by the owner);
- allows one UPDATE: forgetting a version-2 event's address and browser (retention, erasure),
  which its chain covers only as a keyed digest. Every other column must stay as it was.
"""

from django.db import migrations, models
from django.utils import timezone

FUNCTION = """
CREATE OR REPLACE FUNCTION governance_auditevent_append_only() RETURNS trigger AS $$
DECLARE
    owner_member boolean := pg_has_role(
        current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER');
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        IF owner_member THEN
            RETURN NULL;
        END IF;
        RAISE EXCEPTION 'Audit events are append-only (TRUNCATE refused)' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF owner_member AND coalesce(current_setting('kooperationsraum.audit_override', true), '') = 'on' THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.chain_version = 2 AND NEW.ip_address IS NULL AND NEW.user_agent = ''
       AND (to_jsonb(NEW) - 'ip_address' - 'user_agent') = (to_jsonb(OLD) - 'ip_address' - 'user_agent') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'Audit events are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS governance_auditevent_no_truncate ON governance_auditevent;
CREATE TRIGGER governance_auditevent_no_truncate
    BEFORE TRUNCATE ON governance_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION governance_auditevent_append_only();
"""

PREVIOUS_FUNCTION = """
DROP TRIGGER IF EXISTS governance_auditevent_no_truncate ON governance_auditevent;
CREATE OR REPLACE FUNCTION governance_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    IF coalesce(current_setting('kooperationsraum.audit_override', true), '') = 'on' THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    RAISE EXCEPTION 'Audit events are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def _on_postgresql(sql: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)  # the RAISE format holds a literal %

    return run


def number_and_seal(apps, schema_editor):
    """Number the version-1 events and seal them with one keyed switch event."""
    from governance.models.audit import GENESIS_HASH, link_hash

    AuditEvent = apps.get_model("governance", "AuditEvent")
    events = list(AuditEvent.objects.order_by("id").only("id", "hash"))
    if not events:
        return  # a new installation starts keyed: nothing to seal
    if schema_editor.connection.vendor == "postgresql":
        # Runs as the owner (migration role): the one role the override still works for.
        schema_editor.execute("SET LOCAL kooperationsraum.audit_override = 'on'")
    for number, event in enumerate(events, start=1):
        AuditEvent._base_manager.filter(pk=event.pk).update(sequence=number)  # the plain manager
    values = {
        "chain_version": 2,
        "sequence": len(events) + 1,
        "previous_hash": events[-1].hash or GENESIS_HASH,
        "occurred_at": timezone.now(),
        "actor_id": None,
        "actor_label": "System",
        "verb": "audit.chain_switched",
        "target_type_id": None,
        "target_id": "",
        "target_label": "",
        "ip_address": None,
        "user_agent": "",
        "client_digest": "",
        "payload": {"from_version": 1, "to_version": 2, "sealed_events": len(events), "sealed_head": events[-1].hash},
    }
    AuditEvent.objects.create(**values, hash=link_hash(values))


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0009_auth_verbs_and_session_generation"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="sequence",
            field=models.PositiveBigIntegerField(
                editable=False, null=True, unique=True, verbose_name="Laufende Nummer"
            ),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="chain_version",
            field=models.PositiveSmallIntegerField(
                choices=[(1, "SHA-256 ohne Schlüssel (vor der Umstellung)"), (2, "HMAC-SHA256 mit Schlüssel")],
                default=1,
                editable=False,
                verbose_name="Kettenversion",
            ),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="client_digest",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.RunPython(_on_postgresql(FUNCTION), _on_postgresql(PREVIOUS_FUNCTION)),
        migrations.RunPython(number_and_seal, migrations.RunPython.noop),
    ]
