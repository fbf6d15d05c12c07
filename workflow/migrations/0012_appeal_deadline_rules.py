"""The appeal's periods as deadline rules an administrator can edit: 90 days to appeal (Luật
Khiếu nại 2011, Điều 9), 30 days to resolve it, 45 when complex (Điều 28)."""

from django.db import migrations, models

RULES = [
    ("appeal", 90, "days", "calendar"),
    ("appeal_resolution", 30, "days", "calendar"),
    ("appeal_resolution_complex", 45, "days", "calendar"),
]


def seed(apps, schema_editor):
    DeadlineRule = apps.get_model("workflow", "DeadlineRule")
    for stage, amount, unit, day_type in RULES:
        DeadlineRule.objects.get_or_create(
            stage=stage, defaults={"amount": amount, "unit": unit, "day_type": day_type}
        )


def unseed(apps, schema_editor):
    stages = [stage for stage, *_rest in RULES]
    apps.get_model("workflow", "DeadlineRule").objects.filter(stage__in=stages).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0011_council_body"),
    ]

    operations = [
        migrations.AlterField(
            model_name="deadlinerule",
            name="stage",
            field=models.CharField(
                choices=[
                    ("department_review", "Department review"),
                    ("revision_reply", "Reply to a revision request"),
                    ("decision", "Provincial decision after acceptance"),
                    ("rollout_report", "Rollout report"),
                    ("appeal", "Appeal against a refusal or a non-recognition"),
                    ("appeal_resolution", "Resolution of an appeal"),
                    ("appeal_resolution_complex", "Resolution of a complex appeal"),
                ],
                max_length=30,
                unique=True,
                verbose_name="stage",
            ),
        ),
        migrations.RunPython(seed, unseed),
    ]
