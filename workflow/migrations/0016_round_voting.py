"""A round keeps its voting mode (the council's when it started). Rounds already there take
their council's mode now (the rule that a council cannot switch while assessing kept it so),
"open" without a council; an earlier round whose urn holds ballots was secret whatever."""

from django.db import migrations, models
from django.db.models import OuterRef, Q, Subquery


def backfill(apps, schema_editor):
    Council = apps.get_model("workflow", "Council")
    mode = Subquery(Council.objects.filter(pk=OuterRef("council_id")).values("voting")[:1])
    for name in ("CouncilReview", "EarlierCouncilRound"):
        apps.get_model("workflow", name).objects.filter(council__isnull=False).update(voting=mode)
    apps.get_model("workflow", "EarlierCouncilRound").objects.filter(
        Q(ballots_agree__gt=0) | Q(ballots_disagree__gt=0)
    ).update(voting="secret")


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0015_department_review_month"),
    ]

    operations = [
        migrations.AddField(
            model_name="councilreview",
            name="voting",
            field=models.CharField(
                choices=[("open", "Open vote"), ("secret", "Secret ballot")],
                default="open",
                max_length=10,
                verbose_name="voting",
            ),
        ),
        migrations.AddField(
            model_name="earliercouncilround",
            name="voting",
            field=models.CharField(
                choices=[("open", "Open vote"), ("secret", "Secret ballot")],
                default="open",
                max_length=10,
                verbose_name="voting",
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
