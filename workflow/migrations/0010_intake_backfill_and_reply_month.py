"""Dossiers submitted before the intake book existed get their line, numbered per year in the
order they were first submitted; the seeded revision-reply rule (30 days) becomes the legal
1 calendar month, unless an administrator had already changed it."""

from dateutil.relativedelta import relativedelta
from django.db import migrations
from django.utils import timezone


def _received(initiative):
    return [
        {"name": a.original_name, "kind": a.kind}
        for a in initiative.attachments.order_by("uploaded_at", "id")
    ]


def backfill(apps, schema_editor):
    Initiative = apps.get_model("initiatives", "Initiative")
    IntakeEntry = apps.get_model("workflow", "IntakeEntry")
    IntakeSequence = apps.get_model("workflow", "IntakeSequence")
    TransitionLog = apps.get_model("workflow", "TransitionLog")
    last = {}
    submitted = Initiative.objects.filter(submitted_at__isnull=False, intake__isnull=True)
    for initiative in submitted.order_by("submitted_at", "id"):
        received = timezone.localtime(initiative.submitted_at)
        year = received.year
        last[year] = last.get(year, 0) + 1
        review_due = initiative.review_due or received.date() + relativedelta(days=30)
        log = TransitionLog.objects.filter(initiative=initiative, transition="submit").first()
        IntakeEntry.objects.create(
            initiative=initiative,
            year=year,
            number=last[year],
            received_at=initiative.submitted_at,
            submitted_by_id=log.actor_id if log else None,
            title=initiative.title,
            attachments=_received(initiative),
            review_due=review_due,
            promised_result_on=review_due + relativedelta(months=3),
        )
    for year, number in last.items():
        IntakeSequence.objects.update_or_create(year=year, defaults={"last": number})


def unfill(apps, schema_editor):
    apps.get_model("workflow", "IntakeEntry").objects.all().delete()
    apps.get_model("workflow", "IntakeSequence").objects.all().delete()


def reply_month(apps, schema_editor):
    DeadlineRule = apps.get_model("workflow", "DeadlineRule")
    DeadlineRule.objects.filter(
        stage="revision_reply", amount=30, unit="days", day_type="calendar"
    ).update(amount=1, unit="months")


def reply_days(apps, schema_editor):
    DeadlineRule = apps.get_model("workflow", "DeadlineRule")
    DeadlineRule.objects.filter(
        stage="revision_reply", amount=1, unit="months", day_type="calendar"
    ).update(amount=30, unit="days")


class Migration(migrations.Migration):
    dependencies = [("workflow", "0009_intake_book")]
    operations = [
        migrations.RunPython(backfill, unfill),
        migrations.RunPython(reply_month, reply_days),
    ]
