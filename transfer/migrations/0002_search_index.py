"""The GIN index over the stored search vector: PostgreSQL only (SQLite uses a simpler search)."""

from django.db import migrations

CREATE = "CREATE INDEX IF NOT EXISTS transfer_solution_search_gin ON transfer_solution USING gin (search_vector)"
DROP = "DROP INDEX IF EXISTS transfer_solution_search_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("transfer", "0001_initial")]
    operations = [migrations.RunPython(create_index, drop_index)]
