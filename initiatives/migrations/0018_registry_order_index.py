"""The public registry's order — newest decision first — as a partial index of the province's
recognized initiatives: a page of the registry and the year menu's probes read it instead of
sorting every recognized initiative (issue 14). PostgreSQL only (SQLite has no NULLS LAST in an
index); the predicate repeats initiatives.registry._public() in the order of PUBLIC_STATES."""

from django.db import migrations

INDEX = "initiative_registry_order"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON initiatives_initiative "
            "(decision_date DESC NULLS LAST, id DESC) "
            "WHERE level = 'provincial' AND status IN ('recognized', 'rollout', 'closed')"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0017_list_and_queue_indexes")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
