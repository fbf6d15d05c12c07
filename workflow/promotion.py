"""Promotion (issue 13): an agency proposes its cơ sở-recognized initiative to the province in
one step. A provincial draft is made from the cơ sở dossier — its application, authors (with
their persons), participants and attachments —, linked to it both ways, and each app above
adds what it holds (documents: the cơ sở recognition decision as the attachment the provincial
track requires, the council minutes; adoption: the evidence of replication). The agency then
checks the draft and submits it as any other."""

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from agencies import roles
from common import clock
from common.exceptions import Conflict
from common.limits import MAX_ID
from initiatives.fields import AGENCY_FIELDS, AUTHOR_FIELDS, PARTICIPANT_FIELDS
from initiatives.models import PUBLIC_STATES, Initiative, Level, Status
from initiatives.selectors import visible_initiatives

from .models import TransitionLog

PROMOTE = "promote"  # the log entry on the cơ sở dossier's timeline

# Steps of other apps, each step(source, draft, actor), run in the promoting transaction.
_steps: list = []


def register_promotion_step(step) -> None:
    if step not in _steps:
        _steps.append(step)


def promotion_problem(initiative, user) -> str:
    """Why this user cannot propose this dossier to the province now ("" when they can)."""
    if initiative.level != Level.AGENCY:
        return _("Only an initiative recognized at agency level is proposed to the province.")
    if initiative.status not in PUBLIC_STATES or initiative.status == Status.REVOKED:
        return _("Only an initiative your agency has recognized is proposed to the province.")
    if getattr(initiative, "promoted_to", None) is not None:
        return _("This initiative has already been proposed to the province.")
    if not roles.acts_for_agency(user, initiative.agency_id):
        return _("Only the agency's staff or head propose its initiative to the province.")
    return ""


def may_promote(initiative, user) -> bool:
    return not promotion_problem(initiative, user)


@transaction.atomic
def initiative_promote(*, initiative, actor) -> Initiative:
    """The provincial draft proposed from `initiative`; PermissionDenied for someone outside
    the agency, Conflict when the dossier cannot be proposed (not recognized, done before)."""
    pk = getattr(initiative, "pk", initiative)
    source = None
    if 0 < pk <= MAX_ID:  # SQLite cannot even be asked about a larger id
        source = visible_initiatives(actor).select_for_update().filter(pk=pk).first()
    if source is None:
        raise Http404(_("Dossier not found."))
    if problem := promotion_problem(source, actor):
        if not roles.acts_for_agency(actor, source.agency_id):
            raise PermissionDenied(problem)
        raise Conflict(problem, status=source.status)
    draft = _copy(source, actor)
    for step in _steps:
        step(source, draft, actor)
    TransitionLog.objects.create(
        initiative=source, transition=PROMOTE, source=source.status, target=source.status,
        actor=actor, role=roles.agency_role(actor, source.agency_id),
        data={"promoted_to": draft.pk},
    )  # fmt: skip
    return draft


def _copy(source, actor) -> Initiative:
    draft = Initiative(
        **{name: getattr(source, name) for name in AGENCY_FIELDS},
        agency_id=source.agency_id, level=Level.PROVINCIAL, promoted_from=source,
        created_by=actor,
    )  # fmt: skip
    draft.round = clock.today().year
    draft.save()
    for author in source.authors.all():
        draft.authors.create(person_id=author.person_id, order=author.order,
                             **_values(author, AUTHOR_FIELDS))  # fmt: skip
    for row in source.participants.all():
        draft.participants.create(order=row.order, **_values(row, PARTICIPANT_FIELDS))
    for attachment in source.attachments.all():
        copy_attachment(draft, attachment, actor)
    return draft


def _values(row, names) -> dict:
    return {name: getattr(row, name) for name in names}


def copy_attachment(draft, attachment, actor, **overrides):
    """A copy of the file under the draft (the two dossiers never share a stored file)."""
    with attachment.file.open("rb") as handle:
        content = handle.read()
    copied = draft.attachments.model(
        initiative=draft, kind=attachment.kind, original_name=attachment.original_name,
        content_type=attachment.content_type, size=len(content),
        confidential=attachment.confidential, uploaded_by=actor,
    )  # fmt: skip
    for name, value in overrides.items():
        setattr(copied, name, value)
    copied.file.save(attachment.original_name, ContentFile(content), save=True)
    return copied
