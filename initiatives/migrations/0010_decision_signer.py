"""The signer of the recognition decision: name and authority (issue 10 §5)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0009_appeal"),
    ]

    operations = [
        migrations.AddField(
            model_name="initiative",
            name="signer_name",
            field=models.CharField(blank=True, max_length=120, verbose_name="signer"),
        ),
        migrations.AddField(
            model_name="initiative",
            name="signer_authority",
            field=models.CharField(
                blank=True,
                choices=[
                    ("chairman", "CHAIRMAN"),
                    ("vice_chairman", "FOR THE CHAIRMAN / VICE-CHAIRMAN"),
                ],
                max_length=20,
                verbose_name="signer's authority",
            ),
        ),
    ]
