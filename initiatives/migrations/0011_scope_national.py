"""Scope levels: cấp cơ sở, cấp tỉnh and toàn quốc (recorded from a ministry's decision)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0010_decision_signer"),
    ]

    operations = [
        migrations.AlterField(
            model_name="initiative",
            name="scope",
            field=models.CharField(
                blank=True,
                choices=[
                    ("agency", "Agency level"),
                    ("provincial", "Provincial level"),
                    ("national", "National level"),
                ],
                max_length=20,
                verbose_name="scope",
            ),
        ),
    ]
