"""Link today's authors to persons (issue 11). Rows of the same agency (the dossier's), the same
folded name and the same birth date become one person; rows whose birth dates differ never do,
and a row without a birth date joins only rows of the same name without one. Reviewers merge the
rest by hand (agencies.services.person_merge)."""

from django.db import migrations


def link(apps, schema_editor):
    from initiatives.person_links import link_unlinked_authors

    link_unlinked_authors(
        apps.get_model("initiatives", "Author"), apps.get_model("agencies", "Person")
    )


def unlink(apps, schema_editor):
    apps.get_model("initiatives", "Author").objects.update(person=None)


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0013_author_person")]

    operations = [migrations.RunPython(link, unlink)]
