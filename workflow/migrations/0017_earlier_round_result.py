"""An earlier council round keeps the council's result when it had one (a completed round
reopened by a granted appeal). Rounds moved before this migration lost it: they stay empty."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0016_round_voting"),
    ]

    operations = [
        migrations.AddField(
            model_name="earliercouncilround",
            name="agree_count",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="members agreeing"),
        ),
        migrations.AddField(
            model_name="earliercouncilround",
            name="completed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="completed at"),
        ),
        migrations.AddField(
            model_name="earliercouncilround",
            name="disagree_count",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="members disagreeing"),
        ),
        migrations.AddField(
            model_name="earliercouncilround",
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
            model_name="earliercouncilround",
            name="majority_denominator",
            field=models.PositiveSmallIntegerField(
                default=0, verbose_name="members the two-thirds rule counted against"
            ),
        ),
        migrations.AddField(
            model_name="earliercouncilround",
            name="mean_scores",
            field=models.JSONField(
                blank=True, default=dict, verbose_name="mean score per criterion"
            ),
        ),
        migrations.AddField(
            model_name="earliercouncilround",
            name="member_count",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="sheets counted"),
        ),
        migrations.AddField(
            model_name="earliercouncilround",
            name="named_count",
            field=models.PositiveSmallIntegerField(
                default=0, verbose_name="members named in the decision"
            ),
        ),
        migrations.AddField(
            model_name="earliercouncilround",
            name="present_count",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="members present"),
        ),
        migrations.AddField(
            model_name="earliercouncilround",
            name="reasons",
            field=models.JSONField(blank=True, default=list, verbose_name="reasons"),
        ),
        migrations.AddField(
            model_name="earliercouncilround",
            name="recommended",
            field=models.BooleanField(null=True, verbose_name="recommended for recognition"),
        ),
        migrations.AddField(
            model_name="earliercouncilround",
            name="total",
            field=models.DecimalField(
                blank=True, decimal_places=2, max_digits=7, null=True, verbose_name="mean total"
            ),
        ),
    ]
