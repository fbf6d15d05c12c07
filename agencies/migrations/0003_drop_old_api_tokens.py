"""The API tokens of rest_framework.authtoken were stored in plain text and never expired.
That app is gone (tokens are django-rest-knox's now, hashed: agencies.ApiToken); its table
would keep the old secrets in every backup, and its foreign key to users would block every
TRUNCATE of the user table. Drop it where an earlier version created it."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0002_api_token"),
    ]

    operations = [
        migrations.RunSQL("DROP TABLE IF EXISTS authtoken_token", migrations.RunSQL.noop),
    ]
