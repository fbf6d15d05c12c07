"""pg_trgm for similar-initiative scoring, and a GIN trigram index on the folded search text
(it also serves the diacritics-insensitive search, whose LIKE '%word%' a B-tree cannot use).

Both are PostgreSQL-only: TrigramExtension does nothing elsewhere, and the index is created
only when the database is PostgreSQL, so SQLite migrates unchanged.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEX = "initiative_search_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} "
            "ON initiatives_initiative USING gin (search_text gin_trgm_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0002_seed_fields")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_index, drop_index),
    ]
