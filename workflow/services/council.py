"""Closing the council's scoring: taken by the reviewer once every member has submitted."""

from django.db import transaction
from django.utils.translation import gettext as _

from initiatives.models import Initiative

from ..council_rounds import council_round_complete
from ..selectors import eligible_assignments, submitted_sheet
from . import pipeline


@transaction.atomic
def initiative_complete_scoring(*, initiative, actor, comment: str = "") -> Initiative:
    state = {}

    def check(obj):
        assignments = list(eligible_assignments(obj))
        missing = [a.member.get_full_name() for a in assignments if not submitted_sheet(a)]
        state["sheets"] = [a.sheet for a in assignments if submitted_sheet(a)]
        if missing:
            return {
                "scoresheets": [
                    _("Scoring is incomplete: waiting for %(names)s.")
                    % {"names": ", ".join(missing)}
                ]
            }
        return {}

    def apply(obj):
        council_round_complete(initiative=obj, sheets=state["sheets"])

    return pipeline.perform(
        "complete_scoring",
        initiative=initiative,
        actor=actor,
        comment=comment,
        check=check,
        apply=apply,
    )
