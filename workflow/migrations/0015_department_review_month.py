"""The department's review period is 1 calendar month from receipt (NĐ 13/2012 Điều 6), as the
UI already says: a rule still at its old seeded value of 30 days becomes 1 month. A rule an
administrator has edited is left alone."""

from django.db import migrations


def review_month(apps, schema_editor):
    DeadlineRule = apps.get_model("workflow", "DeadlineRule")
    DeadlineRule.objects.filter(
        stage="department_review", amount=30, unit="days", day_type="calendar"
    ).update(amount=1, unit="months")


def review_days(apps, schema_editor):
    DeadlineRule = apps.get_model("workflow", "DeadlineRule")
    DeadlineRule.objects.filter(
        stage="department_review", amount=1, unit="months", day_type="calendar"
    ).update(amount=30, unit="days")


class Migration(migrations.Migration):
    dependencies = [("workflow", "0014_council_meeting_and_ballot")]

    operations = [migrations.RunPython(review_month, review_days)]
