"""Follow-ups: where a demo dossier goes after the standard path (a spec's `then` step)."""

from workflow import scoresheets, services

from .rollout import adopt_voluntary


def _score_sheets(initiative, plan, cast, people):
    """Council members named in plan submit their sheet or save a draft; the others wait."""
    for username in plan.get("submitted", ()):
        scoresheets.scoresheet_save(
            initiative_id=initiative.pk, actor=people[username], scores=cast.scores,
            vote="agree", comment="Giải pháp thiết thực, có khả năng nhân rộng.", submit=True,
        )  # fmt: skip
    for username in plan.get("drafts", ()):
        scoresheets.scoresheet_save(
            initiative_id=initiative.pk, actor=people[username],
            scores={"novelty": cast.scores["novelty"]}, comment="Đang xem xét số liệu minh chứng.",
        )  # fmt: skip


def _resubmit(initiative, comment, cast, people):
    services.initiative_resubmit(initiative=initiative, actor=cast.agency_user, comment=comment)


def _request_revision(initiative, comment, cast, people):
    services.initiative_request_revision(
        initiative=initiative, actor=cast.reviewer, comment=comment
    )


def _reject(initiative, refusal, cast, people):
    services.initiative_reject(
        initiative=initiative,
        actor=cast.reviewer,
        grounds=refusal["grounds"],
        comment=refusal["comment"],
    )


def _withdraw(initiative, comment, cast, people):
    services.initiative_withdraw(initiative=initiative, actor=cast.agency_user, comment=comment)


def _decline(initiative, comment, cast, people):
    services.initiative_decline(initiative=initiative, actor=cast.leader, comment=comment)


def _close_rollout(initiative, comment, cast, people):
    services.initiative_close_rollout(initiative=initiative, actor=cast.leader, comment=comment)


def _revoke(initiative, decision, cast, people):
    services.initiative_revoke(
        initiative=initiative,
        actor=cast.leader,
        decision_number=decision["number"],
        decision_date=initiative.decision_date,
        comment=decision["reason"],
    )


def _appeal(initiative, plan, cast, people):
    """The agency head appeals; with a `resolution` (outcome, reasons) the reviewer (a refusal)
    or the leader (a non-recognition) has already resolved it."""
    initiative = services.initiative_appeal(
        initiative=initiative, actor=people[plan["by"]], comment=plan["grounds"]
    )
    if "resolution" in plan:
        outcome, reasons = plan["resolution"]
        resolver = cast.reviewer if initiative.appealed_from == "refused" else cast.leader
        services.initiative_resolve_appeal(
            initiative=initiative, actor=resolver, outcome=outcome, comment=reasons
        )


FOLLOW_UPS = {
    "sheets": _score_sheets,
    "resubmit": _resubmit,
    "request_revision": _request_revision,
    "reject": _reject,
    "withdraw": _withdraw,
    "decline": _decline,
    "close_rollout": _close_rollout,
    "revoke": _revoke,
    "appeal": _appeal,
    "adopt_voluntary": adopt_voluntary,
}
