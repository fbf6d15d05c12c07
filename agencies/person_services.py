"""Writes to the person registry: merging two persons who are the same human (issue 11)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import roles
from .models import Person, PersonMergeLog


def _move_references(drop: Person, keep: Person) -> int:
    """Point every row that names `drop` by a foreign key (authorships today, certificates
    tomorrow, earlier merges) at `keep`, found from the model so that the apps above need not
    be imported here. Returns how many authorships moved."""
    moved = 0
    for relation in Person._meta.related_objects:
        if not relation.one_to_many:
            continue
        name = relation.field.name
        count = relation.related_model._base_manager.filter(**{name: drop}).update(**{name: keep})
        if relation.related_model is not PersonMergeLog and relation.related_name == "authorships":
            moved = count
    return moved


def _problems(keep: Person, drop: Person) -> dict:
    problems = {}
    if keep.pk == drop.pk:
        problems["drop"] = [_("A person cannot be merged with itself.")]
    if keep.birth_date and drop.birth_date and keep.birth_date != drop.birth_date:
        problems["birth_date"] = [
            _("The two persons have different dates of birth (%(a)s, %(b)s): not the same person.")
            % {"a": keep.birth_date.strftime("%d/%m/%Y"), "b": drop.birth_date.strftime("%d/%m/%Y")}
        ]
    if keep.agency_id != drop.agency_id:
        # A person belongs to one agency, whose dossiers name them and whose staff see their
        # record; someone who moved is recorded at each agency.
        problems["agency"] = [_("The two persons belong to different agencies.")]
    if keep.user_id and drop.user_id and keep.user_id != drop.user_id:
        problems["user"] = [_("The two persons are linked to different user accounts.")]
    if (
        keep.civil_servant_code
        and drop.civil_servant_code
        and keep.civil_servant_code != drop.civil_servant_code
    ):
        problems["civil_servant_code"] = [_("The two persons have different civil servant codes.")]
    return problems


@transaction.atomic
def person_merge(*, keep: Person, drop: Person, actor) -> PersonMergeLog:
    """Move everything of `drop` onto `keep`, delete `drop`, and log who did it. Only a
    reviewer merges; two different birth dates (or accounts, or codes) are never merged."""
    if not (roles.is_reviewer(actor) or actor.is_superuser):
        raise PermissionDenied(_("Only reviewers can merge persons."))
    locked = Person.objects.select_for_update().in_bulk([keep.pk, drop.pk])
    if len(locked) < len({keep.pk, drop.pk}):
        raise ValidationError({"drop": [_("One of the two persons no longer exists.")]})
    keep, drop = locked[keep.pk], locked[drop.pk]
    if problems := _problems(keep, drop):
        raise ValidationError(problems)
    moved = _move_references(drop, keep)
    log = PersonMergeLog.objects.create(
        kept=keep,
        dropped_id=drop.pk,
        dropped_name=drop.full_name,
        dropped_birth_date=drop.birth_date,
        authorships_moved=moved,
        actor=actor,
    )
    # What only the dropped row knew is kept (its birth date, account, code).
    user_id, code = drop.user_id, drop.civil_servant_code
    keep.birth_date = keep.birth_date or drop.birth_date
    drop.delete()
    keep.user_id = keep.user_id or user_id
    keep.civil_servant_code = keep.civil_servant_code or code
    keep.save()
    return log
