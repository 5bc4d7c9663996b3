"""On PostgreSQL the application's own role cannot rewrite the audit trail (rule 5).

The suite runs as the owner role (it must create and flush test databases); this test creates an
application role the way production does (`grant_app_role`), connects as it, and tries every way
to rewrite the trail.
"""

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection, transaction

from governance.models import AuditEvent, AuditVerb
from governance.services.audit import audit_record
from tests.conftest import require_service

pytestmark = pytest.mark.backing_services
TABLE = AuditEvent._meta.db_table
PASSWORD = "app-role-test-password"


@pytest.fixture
def app_role(transactional_db):
    """A login role with the application's grants on the test database; dropped afterwards."""
    require_service(connection.vendor == "postgresql", "PostgreSQL (set DATABASE_URL)")
    role = f"{connection.settings_dict['NAME']}_app"[:60]
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE ROLE "{role}" LOGIN PASSWORD %s', [PASSWORD])
    call_command("grant_app_role", role=role, stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings = connection.settings_dict
    conninfo = {
        "dbname": settings["NAME"],
        "user": role,
        "password": PASSWORD,
        "host": settings.get("HOST") or "127.0.0.1",
        "port": settings.get("PORT") or 5432,
    }
    try:
        yield conninfo
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP OWNED BY "{role}"')
            cursor.execute(f'DROP ROLE IF EXISTS "{role}"')


def as_app(conninfo, sql: str, params=()):
    with psycopg.connect(**conninfo, autocommit=True) as conn, conn.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else cursor.rowcount


def test_the_application_role_can_read_and_append_but_not_rewrite(app_role):
    with transaction.atomic():
        event = audit_record(verb=AuditVerb.ROLE_GRANTED, payload={"n": 1})
    assert as_app(app_role, f"SELECT count(*) FROM {TABLE}") == [(1,)]
    # Normal rights elsewhere: the application writes its other tables.
    assert as_app(app_role, "UPDATE django_session SET expire_date = expire_date") == 0
    refused = [
        f"UPDATE {TABLE} SET actor_label = 'x' WHERE id = {event.pk}",
        f"DELETE FROM {TABLE} WHERE id = {event.pk}",
        f"TRUNCATE {TABLE}",
        f"ALTER TABLE {TABLE} ADD COLUMN note text",
        f"ALTER TABLE {TABLE} DISABLE TRIGGER governance_auditevent_append_only",
        f"ALTER TABLE {TABLE} DISABLE TRIGGER ALL",
        f"DROP TRIGGER governance_auditevent_append_only ON {TABLE}",
        "DROP FUNCTION governance_auditevent_append_only() CASCADE",
        f"CREATE TRIGGER sneak BEFORE UPDATE ON {TABLE} "
        "FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger()",
    ]
    for sql in refused:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            as_app(app_role, sql)
    # The override the owner may use does nothing for the application's role: the trigger still
    # refuses a change to the one column set it may write.
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
        as_app(
            app_role,
            "SET kooperationsraum.audit_override = 'on'; "
            f"UPDATE {TABLE} SET ip_address = '192.0.2.9' WHERE id = {event.pk}",
        )
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        as_app(app_role, f"SET kooperationsraum.audit_override = 'on'; DELETE FROM {TABLE} WHERE id = {event.pk}")
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.actor_label, stored.verb, stored.hash) == ("System", AuditVerb.ROLE_GRANTED, event.hash)


def test_the_application_role_may_only_forget_address_and_browser(app_role):
    with transaction.atomic():
        event = audit_record(verb=AuditVerb.ROLE_GRANTED)
    # the retention task's one change
    assert as_app(app_role, f"UPDATE {TABLE} SET ip_address = NULL, user_agent = '' WHERE id = {event.pk}") == 1
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
        as_app(app_role, f"UPDATE {TABLE} SET ip_address = '192.0.2.1' WHERE id = {event.pk}")
    # Only migrations (the owner) record migrations.
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        as_app(app_role, "INSERT INTO django_migrations (app, name, applied) VALUES ('x', 'y', now())")
