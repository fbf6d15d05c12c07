"""Transitions the submitting agency takes: submit, resubmit (after a revision request),
withdraw."""

from collections.abc import Collection

from django.db import transaction
from django.utils import timezone

from common import clock
from initiatives.fields import DECLARATION_FIELDS
from initiatives.models import Initiative
from initiatives.rules import request_date, submission_problems
from initiatives.services import initiative_assign_code

from ..deadlines import due_date
from ..intake import intake_record_resubmission, intake_register
from ..models import DeadlineRule
from ..rounds import round_attach, round_submission_problems
from . import pipeline


def _submission_check(declared: Collection[str], *, in_round: bool = False):
    unknown = set(declared) - set(DECLARATION_FIELDS)
    if unknown:
        raise ValueError(f"not a declaration: {sorted(unknown)}")

    def check(obj):
        # The declarations and the submission stand or fall together: ticked on the
        # submission page (or in the API body), they are stored only if the dossier is submitted.
        for name in declared:
            setattr(obj, name, True)
        problems = submission_problems(obj, today=request_date(obj))
        if in_round:  # ROUNDS_MODE = "rounds": only inside an open round of the dossier's field
            problems |= round_submission_problems(obj, clock.today())
        return problems

    return check


def _open_department_review(obj) -> None:
    obj.review_due = due_date(DeadlineRule.Stage.DEPARTMENT_REVIEW, clock.today())
    obj.revision_due = None


@transaction.atomic
def initiative_submit(*, initiative, actor, comment: str = "", declared=()) -> Initiative:
    def apply(obj):
        today = clock.today()
        obj.submitted_at = timezone.now()
        initiative_assign_code(obj, year=today.year)
        _open_department_review(obj)
        intake_register(initiative=obj, actor=actor, today=today)
        round_attach(obj, today)

    return pipeline.perform(
        "submit",
        initiative=initiative,
        actor=actor,
        comment=comment,
        check=_submission_check(declared, in_round=True),
        apply=apply,
    )


@transaction.atomic
def initiative_resubmit(*, initiative, actor, comment: str = "", declared=()) -> Initiative:
    def apply(obj):
        _open_department_review(obj)
        intake_record_resubmission(initiative=obj, actor=actor)

    return pipeline.perform(
        "resubmit",
        initiative=initiative,
        actor=actor,
        comment=comment,
        check=_submission_check(declared),
        apply=apply,
    )


@transaction.atomic
def initiative_withdraw(*, initiative, actor, comment: str = "") -> Initiative:
    return pipeline.perform("withdraw", initiative=initiative, actor=actor, comment=comment)
