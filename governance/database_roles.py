"""PostgreSQL roles: the owner (migration) role owns every table; the application's role gets
data rights only, and on the audit table only SELECT, INSERT and the one UPDATE the trigger lets
through (forgetting a version-2 event's address and browser).

Without ownership the application's role cannot ALTER the table, disable or drop its triggers,
TRUNCATE it, or make the trigger's override work (the trigger honours it for the owner only).
Run `manage.py grant_app_role` as the owner after every `migrate`: new tables need their grants.
"""

from django.db import connection as default_connection

from governance.models import AuditEvent

# Tables the application may read and append to, never rewrite.
APPEND_ONLY = {AuditEvent._meta.db_table: ["ip_address", "user_agent"]}
# Read-only for the application: only migrations write here.
READ_ONLY = {"django_migrations"}


def grant_app_role(*, role: str, connection=default_connection) -> list[str]:
    """Grant `role` what the application needs and nothing more; returns the statements run."""
    if connection.vendor != "postgresql":
        raise RuntimeError("Database roles exist only on PostgreSQL.")
    quote = connection.ops.quote_name
    who = quote(role)
    statements = [f"GRANT USAGE ON SCHEMA public TO {who}"]
    for table in connection.introspection.table_names():
        name = quote(table)
        statements.append(f"REVOKE ALL ON {name} FROM {who}")
        if table in APPEND_ONLY:
            columns = ", ".join(quote(column) for column in APPEND_ONLY[table])
            statements += [f"GRANT SELECT, INSERT ON {name} TO {who}", f"GRANT UPDATE ({columns}) ON {name} TO {who}"]
        elif table in READ_ONLY:
            statements.append(f"GRANT SELECT ON {name} TO {who}")
        else:
            statements.append(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {name} TO {who}")
    statements.append(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {who}")
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
    return statements
