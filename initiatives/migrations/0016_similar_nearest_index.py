"""A partial GiST trigram index on the folded text of the public dossiers (recognized, in
rollout, closed): the similar-initiatives panel finds the nearest ones by trigram distance
through it (initiatives.similarity) instead of scoring every dossier — seconds at 100,000.

PostgreSQL only, like 0003: elsewhere the migration does nothing. The predicate lists the
states in the order of choices.PUBLIC_STATES, which the panel's query repeats.
"""

from django.db import migrations

INDEX = "initiative_public_search_gist"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON initiatives_initiative "
            "USING gist (search_text gist_trgm_ops) "
            "WHERE status IN ('recognized', 'rollout', 'closed')"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0015_two_levels")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
