"""State machine version 2 (DESIGN.md §5): the reviewer's `reject` and the scheduler's `expire`
now end in `refused` (từ chối chấp nhận đơn, NĐ 13/2012 Điều 6); only the leader's `decline`
ends in `rejected` (không công nhận, Điều 7). A dossier that version 1 left in `rejected` is
moved by what its log says last happened to it. The log itself stays as written: it is
append-only and records what the system did at the time.
"""

from django.db import migrations
from django.db.models import OuterRef, Subquery

REFUSING = ("reject", "expire")


def refuse_by_log(apps, schema_editor):
    Initiative = apps.get_model("initiatives", "Initiative")
    TransitionLog = apps.get_model("workflow", "TransitionLog")
    last = TransitionLog.objects.filter(initiative=OuterRef("pk")).order_by("-created_at", "-id")
    refused = (
        Initiative.objects.filter(status="rejected")
        .annotate(last_transition=Subquery(last.values("transition")[:1]))
        .filter(last_transition__in=REFUSING)
        .values_list("pk", flat=True)
    )
    Initiative.objects.filter(pk__in=list(refused)).update(status="refused")


def back_to_rejected(apps, schema_editor):
    # Version 1 knew a single "no".
    apps.get_model("initiatives", "Initiative").objects.filter(status="refused").update(
        status="rejected"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0005_status_refused"),
        ("workflow", "0007_transitionlog_append_only_trigger"),
    ]

    operations = [migrations.RunPython(refuse_by_log, back_to_rejected)]
