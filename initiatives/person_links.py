"""Which agencies.Person an author row stands for. An identity is never guessed from a name
alone: the same agency, the same folded name and the same birth date (both unknown counts as
the same) make a match; anything else is another person until a reviewer merges the two."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from common.text import clean_name, fold


def person_key(agency_id, full_name, birth_date) -> tuple:
    return (agency_id, fold(full_name), birth_date)


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
            _same_birth_date_or_refuse(person, row.get("birth_date"))
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


def _same_birth_date_or_refuse(person, birth_date) -> None:
    """A person chosen for a row whose birth date says it is someone else is refused: one
    person never stands for two birth dates (either unknown is no contradiction)."""
    if birth_date and person.birth_date and person.birth_date != birth_date:
        raise ValidationError({"authors": [
            _("%(name)s in the registry was born on %(registered)s, not %(typed)s: choose "
              "another person or correct the date of birth.")
            % {"name": person.full_name, "registered": person.birth_date.strftime("%d/%m/%Y"),
               "typed": birth_date.strftime("%d/%m/%Y")}
        ]})  # fmt: skip


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
