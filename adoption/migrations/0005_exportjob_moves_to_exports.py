"""ExportJob moves to the exports app: adoption forgets the model, its table stays (exports
0001 takes it over under the same name), so no row is lost or copied."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("adoption", "0004_input_bounds"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ExportJob")],
            database_operations=[],
        ),
    ]
