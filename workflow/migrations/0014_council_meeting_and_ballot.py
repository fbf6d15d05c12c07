"""The council's meeting (date, who was present), the tally with the base of the 2/3 rule,
the secret ballot's urn and has-voted mark, and sheets entered for outside experts.

Rounds completed before: their tally was counted against the sheets submitted, so the
denominator is their member_count and the base stays empty; submitted sheets have voted."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def backfill(apps, schema_editor):
    ScoreSheet = apps.get_model("workflow", "ScoreSheet")
    CouncilReview = apps.get_model("workflow", "CouncilReview")
    EarlierScoreSheet = apps.get_model("workflow", "EarlierScoreSheet")
    ScoreSheet.objects.filter(submitted_at__isnull=False).update(has_voted=True)
    EarlierScoreSheet.objects.filter(submitted_at__isnull=False).update(has_voted=True)
    CouncilReview.objects.filter(completed_at__isnull=False).update(
        majority_denominator=models.F("member_count")
    )
    for review in CouncilReview.objects.filter(completed_at__isnull=False).iterator():
        voters = review.member_count
        review.disagree_count = max(voters - review.agree_count, 0)
        review.save(update_fields=["disagree_count"])


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0013_earlier_sheet_seat"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="councilassignment",
            name="present",
            field=models.BooleanField(null=True, verbose_name="present at the meeting"),
        ),
        migrations.AddField(
            model_name="councilreview",
            name="ballots_agree",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="ballots agreeing"),
        ),
        migrations.AddField(
            model_name="councilreview",
            name="ballots_disagree",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="ballots disagreeing"),
        ),
        migrations.AddField(
            model_name="councilreview",
            name="disagree_count",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="members disagreeing"),
        ),
        migrations.AddField(
            model_name="councilreview",
            name="majority_base",
            field=models.CharField(
                blank=True,
                choices=[
                    ("named", "Members named in the decision"),
                    ("present", "Members present at the meeting"),
                    ("eligible", "Members present and not recused"),
                ],
                max_length=10,
                verbose_name="two-thirds rule counted against",
            ),
        ),
        migrations.AddField(
            model_name="councilreview",
            name="majority_denominator",
            field=models.PositiveSmallIntegerField(
                default=0, verbose_name="members the two-thirds rule counted against"
            ),
        ),
        migrations.AddField(
            model_name="councilreview",
            name="meeting_date",
            field=models.DateField(blank=True, null=True, verbose_name="meeting date"),
        ),
        migrations.AddField(
            model_name="councilreview",
            name="named_count",
            field=models.PositiveSmallIntegerField(
                default=0, verbose_name="members named in the decision"
            ),
        ),
        migrations.AddField(
            model_name="councilreview",
            name="present_count",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="members present"),
        ),
        migrations.AddField(
            model_name="earliercouncilround",
            name="ballots_agree",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="ballots agreeing"),
        ),
        migrations.AddField(
            model_name="earliercouncilround",
            name="ballots_disagree",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="ballots disagreeing"),
        ),
        migrations.AddField(
            model_name="earliercouncilround",
            name="council",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="workflow.council",
                verbose_name="council",
            ),
        ),
        migrations.AddField(
            model_name="earliercouncilround",
            name="meeting_date",
            field=models.DateField(blank=True, null=True, verbose_name="meeting date"),
        ),
        migrations.AddField(
            model_name="earlierscoresheet",
            name="entered_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="entered on the member's behalf by",
            ),
        ),
        migrations.AddField(
            model_name="earlierscoresheet",
            name="has_voted",
            field=models.BooleanField(default=False, verbose_name="has voted"),
        ),
        migrations.AddField(
            model_name="earlierscoresheet",
            name="present",
            field=models.BooleanField(null=True, verbose_name="present at the meeting"),
        ),
        migrations.AddField(
            model_name="scoresheet",
            name="entered_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="entered on the member's behalf by",
            ),
        ),
        migrations.AddField(
            model_name="scoresheet",
            name="has_voted",
            field=models.BooleanField(default=False, verbose_name="has voted"),
        ),
        migrations.AlterField(
            model_name="councilreview",
            name="member_count",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="sheets counted"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
