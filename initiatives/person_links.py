"""Which agencies.Person an author row stands for. An identity is never guessed from a name
alone: the same agency, the same folded name and the same birth date (both unknown counts as
the same) make a match; anything else is another person until a reviewer merges the two."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from common.text import clean_name, fold


def person_key(agency_id, full_name, birth_date) -> tuple:
    return (agency_id, fold(full_name), birth_date)


def link_unlinked_authors(author_model, person_model) -> int:
    """Give every author without a person one, grouping rows by person_key; returns how many
    persons were created. Used by the data migration (with historical models) and by tests.

    A row without a birth date joins only another row (or person) without one; two rows whose
    birth dates differ are never joined, whatever their names."""
    authors = list(
        author_model.objects.filter(person__isnull=True)
        .select_related("initiative")
        .only("id", "full_name", "birth_date", "initiative__agency_id")
    )
    agency_ids = {a.initiative.agency_id for a in authors}
    known = {
        person_key(p.agency_id, p.full_name, p.birth_date): p
        for p in person_model.objects.filter(agency_id__in=agency_ids).order_by("id")
    }
    created = 0
    for author in authors:
        key = person_key(author.initiative.agency_id, author.full_name, author.birth_date)
        if key not in known:
            name = clean_name(author.full_name)
            known[key] = person_model.objects.create(
                full_name=name,
                folded_name=fold(name),
                birth_date=author.birth_date,
                agency_id=key[0],
            )
            created += 1
        author.person = known[key]
    author_model.objects.bulk_update(authors, ["person"], batch_size=500)
    return created


def resolve_person(agency_id, row: dict, person_model):
    """The person of an author row being saved: the one chosen (row["person"], an id or a
    Person, of the dossier's agency) while the row still bears that person's name, else the
    exact match, else a new person. A row renamed to someone else drops the old choice."""
    name = clean_name(row.get("full_name") or "")
    chosen = row.get("person") or row.get("person_id")
    if chosen:
        chosen_id = getattr(chosen, "pk", chosen)
        person = person_model.objects.filter(pk=chosen_id, agency_id=agency_id).first()
        if person is None:
            raise ValidationError(
                {"authors": [_("The chosen person is not one of the applicant agency's.")]}
            )
        if person.folded_name == fold(name):
            return person
    birth_date = row.get("birth_date")
    match = (
        person_model.objects.filter(
            agency_id=agency_id, folded_name=fold(name), birth_date=birth_date
        )
        .order_by("id")
        .first()
    )
    return match or person_model.objects.create(
        full_name=name, birth_date=birth_date, agency_id=agency_id
    )


def authorship_recusal(initiative, member) -> str:
    """A recusal rule (workflow.selectors.register_recusal_rule): the member's registry person
    (agencies.Person.user) is one of the dossier's authors. Identity, never a shared name.
    The authors' accounts are read once per dossier object: a council page asks for every
    member of every council, and must not cost a query each."""
    if member is None or not member.pk:
        return ""
    if member.pk in _author_user_ids(initiative):
        return _("Is an author of the initiative")
    return ""


def _author_user_ids(initiative) -> frozenset:
    from .models import Author

    cached = getattr(initiative, "_author_user_ids", None)
    if cached is None:
        cached = frozenset(
            Author.objects.filter(
                initiative_id=initiative.pk, person__user__isnull=False
            ).values_list("person__user_id", flat=True)
        )
        initiative._author_user_ids = cached
    return cached
