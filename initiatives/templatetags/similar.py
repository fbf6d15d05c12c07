"""{% similar_to initiative as items %}: recognized initiatives like a dossier, for the panel
"adopt instead of re-filing?" (drafting form) and "possible duplicate?" (reviewer's dossier
page). The views need no change: the panel asks for its own data."""

from django import template

from agencies import roles
from initiatives.models import Initiative, Status
from initiatives.similarity import similar_recognized

register = template.Library()


@register.simple_tag(takes_context=True)
def similar_to(context, subject, limit=5):
    """A list (maybe empty) when the page's reader has a use for it, else None.

    A dossier is compared for its agency while it is being drafted or revised, and for
    reviewers while they examine it; a plain text is always compared.
    """
    if not subject:
        return None
    if isinstance(subject, Initiative):
        request = context.get("request")
        if request is None or not wants_similar(subject, request.user):
            return None
    return similar_recognized(subject, limit=limit)


def wants_similar(initiative, user) -> bool:
    if initiative.is_editable:
        return roles.acts_for_agency(user, initiative.agency_id)
    if initiative.status == Status.DEPARTMENT_REVIEW:
        return user.is_superuser or roles.is_reviewer(user)
    return False
