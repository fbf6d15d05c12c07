"""Link today's authors to persons (issue 11). Rows of the same agency (the dossier's), the same
folded name and the same birth date become one person; rows whose birth dates differ never do,
and a row without a birth date joins only rows of the same name without one. An existing person
with that key is reused (the oldest, if several). Reviewers merge the rest by hand
(agencies.person_services.person_merge).

The name rules are copied here, frozen, so that later changes to common.text cannot change
what this migration did."""

import re
import unicodedata

from django.db import migrations

_SPACES = re.compile(r"\s+")
_BIDI_CONTROLS = dict.fromkeys(
    [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]
)


def _clean_name(value):
    return unicodedata.normalize("NFC", value.translate(_BIDI_CONTROLS)) if value else value


def _fold(value):
    if not value:
        return ""
    decomposed = unicodedata.normalize("NFD", value)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("đ", "d").replace("Đ", "D").replace("\x00", "")
    return _SPACES.sub(" ", stripped).strip().lower()


def _key(agency_id, full_name, birth_date):
    return (agency_id, _fold(full_name), birth_date)


def link(apps, schema_editor):
    """Give every author without a person one; returns how many persons were created."""
    Author = apps.get_model("initiatives", "Author")
    Person = apps.get_model("agencies", "Person")
    authors = list(
        Author.objects.filter(person__isnull=True)
        .select_related("initiative")
        .only("id", "full_name", "birth_date", "initiative__agency_id")
    )
    known = {}
    agency_ids = {a.initiative.agency_id for a in authors}
    for person in Person.objects.filter(agency_id__in=agency_ids).order_by("id"):
        known.setdefault(_key(person.agency_id, person.full_name, person.birth_date), person)
    created = 0
    for author in authors:
        key = _key(author.initiative.agency_id, author.full_name, author.birth_date)
        if key not in known:
            name = _clean_name(author.full_name)
            known[key] = Person.objects.create(
                full_name=name, folded_name=_fold(name), birth_date=author.birth_date,
                agency_id=key[0],
            )  # fmt: skip
            created += 1
        author.person = known[key]
    Author.objects.bulk_update(authors, ["person"], batch_size=500)
    return created


def unlink(apps, schema_editor):
    apps.get_model("initiatives", "Author").objects.update(person=None)


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0013_author_person")]

    operations = [migrations.RunPython(link, unlink)]
