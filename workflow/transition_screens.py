"""Every transition's web screen in one table: its form, its template, the choices its form
offers and what its page shows besides the form. Searching a transition's name finds its
whole screen here; the service behind it is workflow.services.SERVICES[name].
"""

from collections.abc import Callable
from dataclasses import dataclass

from agencies.models import Agency
from common import clock
from initiatives.fields import DECLARATION_FIELDS
from initiatives.rules import request_date, submission_problems

from . import meeting, scoring
from . import selectors as sel
from .appeal_rules import appeal_last_day, contested_decision
from .council_plan import councils_for
from .deadlines import LEGAL_BASIS
from .decisions import against_council
from .forms import (
    AcceptForm,
    AppealForm,
    CompleteScoringForm,
    DeclarationForm,
    DeclineForm,
    RecognizeForm,
    RefuseForm,
    RequestRevisionForm,
    ResolveAppealForm,
    RevokeForm,
    StartRolloutForm,
    TransitionForm,
)
from .models import DeadlineRule


@dataclass(frozen=True)
class Screen:
    form: type[TransitionForm]
    template: str
    # initiative -> the form's keyword arguments (the lists it offers); also given to `context`.
    choices: Callable[..., dict] | None = None
    # (initiative, form, choices) -> what the page shows besides the form.
    context: Callable[..., dict] | None = None

    def make_form(self, initiative, data=None):
        choices = self.choices(initiative) if self.choices else {}
        return self.form(data, initiative=initiative, **choices), choices

    def extra_context(self, initiative, form, choices) -> dict:
        return self.context(initiative, form, choices) if self.context else {}


# --- What the pages show besides their form ------------------------------------------------------


def submission_context(initiative, form, choices) -> dict:
    """What still blocks submission (the declarations are the form's own checkboxes)."""
    problems = submission_problems(initiative, today=request_date(initiative))
    for name in DECLARATION_FIELDS:
        problems.pop(name, None)
    return {"problems": [m for messages in problems.values() for m in messages]}


def revision_context(initiative, form, choices) -> dict:
    return {"checklist": sel.completeness(initiative)}


def council_choices(initiative) -> dict:
    return {"councils": councils_for(initiative, clock.today())}


def council_context(initiative, form, choices) -> dict:
    """Each council with its members by role, who would be recused and why, and what keeps
    it from taking this dossier."""
    chosen = str(form["council"].value() or "")
    return {
        "councils": [
            {**row, "checked": str(row["council"].pk) == chosen} for row in choices["councils"]
        ]
    }


def scoring_context(initiative, form, choices) -> dict:
    """The meeting as the form now records it (the sheets ticked present): the quorum, who is
    still missing, and the result it would store. Under a secret ballot the preview leaves the
    votes out: the urn is counted only when scoring is completed."""
    seat = meeting.seating(initiative)
    present = form.chosen_present()
    criteria, rows = sel.scoring_rows(initiative)
    missing = meeting.missing_sheets(seat, present)
    counted = meeting.counted(seat, present)
    result = None
    if counted and not missing:
        sheets = [a.sheet for a in counted]
        votes = scoring.Votes(1, 0, 1) if seat.secret else meeting.votes(seat, present)
        result = scoring.compute(criteria, sheets, seat.review.rubric.pass_total, votes)
    means = [result.mean_scores.get(c.code) for c in criteria] if result else []
    return {
        "table": sel.table_of(seat.review, criteria, rows, means=means,
                              total=result.total if result else None),
        "missing": missing,
        "result": result,
        "secret": seat.secret,
        "quorum": {"needed": seat.needed, "named": seat.named, "present": len(present),
                   "fraction": "{}/{}".format(*seat.quorum), "met": len(present) >= seat.needed},
        "base_phrase": meeting.BASE_PHRASES[seat.base],
    }  # fmt: skip


def decision_context(initiative, form, choices) -> dict:
    review = sel.completed_review(initiative)
    return {
        "review": review,
        "summary": sel.score_summary(review) if review else [],
        "score_table": sel.council_table(initiative, review),
    }


def recognize_context(initiative, form, choices) -> dict:
    return decision_context(initiative, form, choices) | {
        "against_council": against_council(initiative, "recognize")
    }


def decline_context(initiative, form, choices) -> dict:
    return decision_context(initiative, form, choices) | {
        "against_council": against_council(initiative, "decline")
    }


def rollout_choices(initiative) -> dict:
    # The owning agency applies it already: it is never asked to adopt it.
    return {"agencies": list(sel.active_agencies().exclude(pk=initiative.agency_id))}


def rollout_context(initiative, form, choices) -> dict:
    agencies = choices["agencies"]
    chosen = {str(v) for v in (form["target_agencies"].value() or [])}
    groups = {}
    for agency in agencies:
        groups.setdefault(agency.kind, []).append(
            {"agency": agency, "checked": str(agency.pk) in chosen}
        )
    parent_ids = {a.parent_id for a in agencies if a.parent_id}
    return {
        "groups": [
            {"kind": kind, "label": label, "items": groups[kind]}
            for kind, label in Agency.Kind.choices
            if kind in groups
        ],
        "parents": [a for a in agencies if a.pk in parent_ids],
        "chosen_count": len(chosen),
    }


def appeal_context(initiative, form, choices) -> dict:
    """The contested decision, the last day to appeal and the resolution's due date, each with
    its legal basis."""
    return {
        "contested": contested_decision(initiative),
        "appeal_last_day": appeal_last_day(initiative),
        "basis": {stage.name.lower(): LEGAL_BASIS[stage] for stage in DeadlineRule.Stage},
    }


# --- The table ----------------------------------------------------------------------------------

SCREENS = {
    "submit": Screen(
        DeclarationForm, "workflow/transition_submit.html", context=submission_context
    ),
    "resubmit": Screen(
        DeclarationForm, "workflow/transition_resubmit.html", context=submission_context
    ),
    "withdraw": Screen(TransitionForm, "workflow/transition_withdraw.html"),
    "request_revision": Screen(
        RequestRevisionForm, "workflow/transition_request_revision.html", context=revision_context
    ),
    "reject": Screen(RefuseForm, "workflow/transition_reject.html"),
    "accept": Screen(
        AcceptForm,
        "workflow/transition_accept.html",
        choices=council_choices,
        context=council_context,
    ),
    "complete_scoring": Screen(
        CompleteScoringForm, "workflow/transition_complete_scoring.html", context=scoring_context
    ),
    "recognize": Screen(
        RecognizeForm, "workflow/transition_recognize.html", context=recognize_context
    ),
    "decline": Screen(DeclineForm, "workflow/transition_decline.html", context=decline_context),
    "start_rollout": Screen(
        StartRolloutForm,
        "workflow/transition_start_rollout.html",
        choices=rollout_choices,
        context=rollout_context,
    ),
    "close_rollout": Screen(TransitionForm, "workflow/transition_close_rollout.html"),
    "revoke": Screen(RevokeForm, "workflow/transition_revoke.html"),
    "appeal": Screen(AppealForm, "workflow/transition_appeal.html", context=appeal_context),
    "resolve_appeal": Screen(
        ResolveAppealForm, "workflow/transition_resolve_appeal.html", context=appeal_context
    ),
}
