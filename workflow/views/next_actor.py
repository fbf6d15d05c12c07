"""Who acts next on a dossier, as its page says it: by state, on the dossier's track."""

from django.utils.translation import gettext_lazy

from initiatives.models import Level, Status

NEXT_ACTOR = {
    Status.DRAFT: gettext_lazy("The submitting agency"),
    Status.DEPARTMENT_REVIEW: gettext_lazy("Department of S&T (reviewer)"),
    Status.REVISION_REQUESTED: gettext_lazy("The submitting agency (answers the revision request)"),
    Status.COUNCIL_REVIEW: gettext_lazy("Council members, then the Department of S&T (reviewer)"),
    Status.AWAITING_DECISION: gettext_lazy("Provincial leadership"),
    Status.RECOGNIZED: gettext_lazy("Provincial leadership or the Department of S&T (rollout)"),
    Status.ROLLOUT: gettext_lazy("The adopting agencies"),
}
# Who resolves an appeal depends on the outcome it contests.
APPEAL_RESOLVER = {
    Status.REFUSED: gettext_lazy("Department of S&T (resolves the appeal against the refusal)"),
    Status.REJECTED: gettext_lazy(
        "Provincial leadership (resolves the appeal against the non-recognition)"
    ),
}

# The same steps on an agency's own (cơ sở) track: its secretary, its council, its head.
AGENCY_NEXT_ACTOR = {
    **NEXT_ACTOR,
    Status.DEPARTMENT_REVIEW: gettext_lazy("The agency's initiative secretary"),
    Status.COUNCIL_REVIEW: gettext_lazy(
        "The agency's council members, then its initiative secretary"
    ),
    Status.AWAITING_DECISION: gettext_lazy("The head of the agency"),
    Status.RECOGNIZED: gettext_lazy("The head of the agency"),
}
AGENCY_APPEAL_RESOLVER = {
    Status.REFUSED: gettext_lazy("The agency's initiative secretary (resolves the appeal)"),
    Status.REJECTED: gettext_lazy("The head of the agency (resolves the appeal)"),
}


def next_actor(initiative) -> str:
    agency_level = initiative.level == Level.AGENCY
    if initiative.status == Status.APPEAL_REVIEW:
        table = AGENCY_APPEAL_RESOLVER if agency_level else APPEAL_RESOLVER
        return table.get(initiative.appealed_from, "—")
    table = AGENCY_NEXT_ACTOR if agency_level else NEXT_ACTOR
    return table.get(initiative.status, "—")
