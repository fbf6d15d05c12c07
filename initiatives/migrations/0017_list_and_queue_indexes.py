"""Indexes the lists read from (initiatives.indexes; issue 14), and on PostgreSQL the code-descending one."""

from django.conf import settings
from django.db import migrations, models

CODE_DESC = "initiative_code_desc"


def create_code_index(apps, schema_editor):
    """The list sorted by code descending, drafts (no code) last: PostgreSQL only, as SQLite
    cannot say NULLS LAST in an index."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {CODE_DESC} ON initiatives_initiative "
            "(code DESC NULLS LAST, id DESC)"
        )


def drop_code_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {CODE_DESC}")


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0004_person"),
        ("initiatives", "0016_similar_nearest_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="initiative",
            index=models.Index(
                fields=["status", "submitted_at", "id"], name="initiative_status_submitted"
            ),
        ),
        migrations.AddIndex(
            model_name="initiative",
            index=models.Index(
                fields=["status", "decision_due", "id"], name="initiative_status_decision"
            ),
        ),
        migrations.AddIndex(
            model_name="initiative",
            index=models.Index(
                fields=["status", "decided_at", "id"], name="initiative_status_decided"
            ),
        ),
        migrations.AddIndex(
            model_name="initiative",
            index=models.Index(fields=["status", "appeal_due"], name="initiative_status_appeal"),
        ),
        migrations.AddIndex(
            model_name="initiative",
            index=models.Index(fields=["-updated_at", "-id"], name="initiative_updated"),
        ),
        migrations.AddIndex(
            model_name="initiative",
            index=models.Index(
                fields=["round", "-updated_at", "-id"], name="initiative_round_updated"
            ),
        ),
        migrations.AddIndex(
            model_name="initiative",
            index=models.Index(
                fields=["field", "-updated_at", "-id"], name="initiative_field_updated"
            ),
        ),
        migrations.AddIndex(
            model_name="initiative",
            index=models.Index(
                fields=["agency", "-updated_at", "-id"], name="initiative_agency_updated"
            ),
        ),
        migrations.AddIndex(
            model_name="initiative",
            index=models.Index(fields=["title", "id"], name="initiative_title"),
        ),
        migrations.AddIndex(
            model_name="initiative",
            index=models.Index(
                models.Case(
                    models.When(status="draft", then=models.Value(0)),
                    models.When(status="department_review", then=models.Value(1)),
                    models.When(status="revision_requested", then=models.Value(2)),
                    models.When(status="council_review", then=models.Value(3)),
                    models.When(status="awaiting_decision", then=models.Value(4)),
                    models.When(status="recognized", then=models.Value(5)),
                    models.When(status="rollout", then=models.Value(6)),
                    models.When(status="closed", then=models.Value(7)),
                    models.When(status="refused", then=models.Value(8)),
                    models.When(status="rejected", then=models.Value(9)),
                    models.When(status="appeal_review", then=models.Value(10)),
                    models.When(status="revoked", then=models.Value(11)),
                    models.When(status="withdrawn", then=models.Value(12)),
                    output_field=models.IntegerField(),
                ),
                models.F("id"),
                name="initiative_status_rank",
            ),
        ),
        migrations.RunPython(create_code_index, drop_code_index, elidable=False),
    ]
