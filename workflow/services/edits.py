"""Edits that are not transitions but belong in the dossier's audit trail."""

from django.db import transaction

from initiatives.models import Initiative
from initiatives.services import initiative_admin_update

from ..models import TransitionLog

ADMIN_EDIT = "admin_edit"


@transaction.atomic
def initiative_admin_edit(
    *, initiative, actor, data: dict, authors=None, participants=None, attachment_kinds=None
) -> Initiative:
    """The administrator's correction of an editable dossier, through the same rules as the
    agency's edits; once the dossier has been submitted, the timeline says who changed what.
    (An unsent draft has no record yet, and stays deletable: the log protects its dossier.)"""
    changed = initiative_admin_update(
        initiative=initiative,
        actor=actor,
        data=data,
        authors=authors,
        participants=participants,
        attachment_kinds=attachment_kinds,
    )
    initiative = Initiative.objects.get(pk=initiative.pk)
    if changed and initiative.submitted_at is not None:
        TransitionLog.objects.create(
            initiative=initiative,
            transition=ADMIN_EDIT,
            source=initiative.status,
            target=initiative.status,
            actor=actor,
            role="admin",
            data={"fields": changed},
        )
    return initiative
