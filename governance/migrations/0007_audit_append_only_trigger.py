"""On PostgreSQL the database itself refuses to change or delete an audit event.

The application already refuses (model and queryset); this closes raw SQL from the application's
own database role as well. Someone who owns the table can still switch the guard off
(`SET LOCAL kooperationsraum.audit_override = 'on'`, or disabling the trigger): the hash chain and
`audit_verify` are what reveal that. TRUNCATE does not fire row triggers, so test databases can
still be flushed.
"""

from django.db import migrations

CREATE = """
CREATE FUNCTION governance_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    IF coalesce(current_setting('kooperationsraum.audit_override', true), '') = 'on' THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    RAISE EXCEPTION 'Audit events are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER governance_auditevent_append_only
    BEFORE UPDATE OR DELETE ON governance_auditevent
    FOR EACH ROW EXECUTE FUNCTION governance_auditevent_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS governance_auditevent_append_only ON governance_auditevent;
DROP FUNCTION IF EXISTS governance_auditevent_append_only();
"""


def _on_postgresql(sql: str):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)  # the RAISE format holds a literal %

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0006_transfer_verbs"),
    ]

    operations = [
        migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP)),
    ]
