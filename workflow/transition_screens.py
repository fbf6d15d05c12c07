"""Every transition's web screen in one table: its form, its template, the choices its form
offers and what its page shows besides the form. Searching a transition's name finds its
whole screen here; the service behind it is workflow.services.SERVICES[name].
"""

from collections.abc import Callable
from dataclasses import dataclass

from agencies.models import Agency
from common.text import name_sort_key
from initiatives.fields import DECLARATION_FIELDS
from initiatives.rules import request_date, submission_problems

from . import scoring
from . import selectors as sel
from .council_rounds import MIN_COUNCIL_MEMBERS
from .decisions import against_council
from .forms import (
    AcceptForm,
    DeclarationForm,
    DeclineForm,
    RecognizeForm,
    RefuseForm,
    RequestRevisionForm,
    RevokeForm,
    StartRolloutForm,
    TransitionForm,
)


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
    candidates = sorted(
        sel.council_candidates(initiative),
        key=lambda candidate: name_sort_key(candidate[0].get_full_name()),
    )
    return {"candidates": candidates}


def council_context(initiative, form, choices) -> dict:
    chosen = {str(v) for v in (form["council_members"].value() or [])}
    return {
        "candidates": [
            {"member": m, "reason": reason, "checked": str(m.pk) in chosen}
            for m, reason in choices["candidates"]
        ],
        "min_members": MIN_COUNCIL_MEMBERS,
    }


def scoring_context(initiative, form, choices) -> dict:
    criteria, rows = sel.scoring_rows(initiative)
    missing = [row.member.get_full_name() for row in rows if row.submitted_sheet is None]
    result = None
    if rows and not missing:
        sheets = [row.submitted_sheet for row in rows]
        result = scoring.compute(criteria, sheets, initiative.council_review.rubric.pass_total)
    means = [result.mean_scores.get(c.code) for c in criteria] if result else []
    return {
        "table": {"criteria": criteria, "rows": rows, "means": means,
                  "total": result.total if result else None},
        "missing": missing,
        "result": result,
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
        TransitionForm, "workflow/transition_complete_scoring.html", context=scoring_context
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
}
