from decimal import Decimal

from django.db import migrations

CRITERIA = [
    ("novelty", "Tính mới", 40),
    ("applicability", "Khả năng áp dụng & nhân rộng", 30),
    ("benefit", "Hiệu quả / lợi ích", 30),
]
DEADLINES = [
    ("department_review", 30, "days", "calendar"),
    ("revision_reply", 30, "days", "calendar"),
    ("decision", 3, "months", "calendar"),
    ("rollout_report", 6, "months", "calendar"),
]


def seed(apps, schema_editor):
    Rubric = apps.get_model("workflow", "Rubric")
    Criterion = apps.get_model("workflow", "Criterion")
    DeadlineRule = apps.get_model("workflow", "DeadlineRule")
    rubric, created = Rubric.objects.get_or_create(
        version=1,
        defaults={
            "name": "Phiếu chấm điểm sáng kiến (mặc định)",
            "pass_total": Decimal(50),
            "is_active": True,
        },
    )
    if created:
        for order, (code, name, max_points) in enumerate(CRITERIA):
            Criterion.objects.create(
                rubric=rubric,
                code=code,
                name=name,
                max_points=Decimal(max_points),
                min_points=Decimal(10),
                order=order,
            )
    for stage, amount, unit, day_type in DEADLINES:
        DeadlineRule.objects.get_or_create(
            stage=stage, defaults={"amount": amount, "unit": unit, "day_type": day_type}
        )


class Migration(migrations.Migration):
    dependencies = [("workflow", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
