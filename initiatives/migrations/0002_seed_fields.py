from django.db import migrations

FIELDS = [
    ("cai_cach_hanh_chinh", "Cải cách hành chính"),
    ("chuyen_doi_so", "Chuyển đổi số"),
    ("giao_duc", "Giáo dục"),
    ("y_te", "Y tế"),
    ("nong_nghiep", "Nông nghiệp"),
    ("tai_chinh", "Tài chính"),
    ("khac", "Khác"),
]


def seed(apps, schema_editor):
    Field = apps.get_model("initiatives", "Field")
    for order, (code, name) in enumerate(FIELDS):
        Field.objects.get_or_create(code=code, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
