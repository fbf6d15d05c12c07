"""The audit trail is append-only in the database itself, not only in the model: on PostgreSQL a
trigger refuses every UPDATE and DELETE of a TransitionLog row, whoever sends it (the ORM, a
raw query, psql). INSERT stays allowed. TRUNCATE is not covered on purpose: it is how the test
suite's flush and a restore into a cleaned database empty the table, and only the owner of the
table may run it. On SQLite (the embedded default) this migration does nothing.
"""

from django.db import migrations

TABLE = "workflow_transitionlog"
FUNCTION = "workflow_transitionlog_append_only"
TRIGGER = "workflow_transitionlog_append_only"

CREATE = [
    f"""
    CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION USING
            ERRCODE = 'restrict_violation',
            MESSAGE = 'the transition log is append-only: ' || TG_OP || ' of {TABLE} refused',
            HINT = 'The audit trail of a dossier only grows: record a new transition instead.';
    END;
    $$
    """,
    f"DROP TRIGGER IF EXISTS {TRIGGER} ON {TABLE}",
    f"""
    CREATE TRIGGER {TRIGGER} BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()
    """,
]
DROP = [
    f"DROP TRIGGER IF EXISTS {TRIGGER} ON {TABLE}",
    f"DROP FUNCTION IF EXISTS {FUNCTION}()",
]


def _on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0006_input_bounds"),
    ]

    operations = [
        migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP), elidable=False),
    ]
