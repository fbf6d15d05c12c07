"""The dossier page everyone shares: the application, its people and files, the review, the
timeline and the buttons of the steps this user may take now."""

from datetime import date

from django.shortcuts import get_object_or_404
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies import roles
from agencies.models import Role
from initiatives import permissions as can
from initiatives.fields import DECISION_FIELDS, NATIONAL_FIELDS, PAPER_FORM, REVOCATION_FIELDS
from initiatives.models import PUBLIC_STATES, Level, SignerAuthority, Status
from initiatives.permissions import sees_confidential
from initiatives.rules import agency_decision_status

from .. import selectors as sel
from ..deadlines import LEGAL_BASIS
from ..models import DeadlineRule
from ..permissions import SIGNED_SCAN, available_transitions
from ..promotion import may_promote
from ..refusal import ground_labels
from ..round_placement import ROUND_MOVE, may_place
from ..rounds import may_see_round_page
from .appeal import appeal_note, appeal_panel
from .base import PageView, state_label, step_label
from .next_actor import next_actor

DANGEROUS = ("reject", "decline", "withdraw")

ROLE_LABELS = {
    **dict(Role.choices),
    "system": gettext_lazy("System"),
    "admin": gettext_lazy("Administrator"),
    "council_secretary": gettext_lazy("Council secretary"),
}


# --- The dossier page ------------------------------------------------------------------------


def timeline(initiative) -> list[dict]:
    return [
        {
            "log": log,
            "label": step_label(log.transition),
            "source": state_label(log.source, initiative.level),
            "target": state_label(log.target, initiative.level),
            "role": ROLE_LABELS.get(log.role, log.role),
            "actor": log.actor.get_full_name() if log.actor else _("System"),
            "grounds": ground_labels((log.data or {}).get("grounds")),
            "revocation": revocation_details(log),
            "appeal": appeal_note(log),
            "meeting_date": meeting_date(log),
            "signer": signer_line(log),
            "against_council": bool((log.data or {}).get("against_council")),
            "round_move": round_move_note(log),
            "signed_scan": signed_scan_note(log),
        }
        for log in initiative.transition_logs.all()
    ]


def round_move_note(log) -> str:
    """Where a dossier moved between rounds ("" for every other entry)."""
    if log.transition != ROUND_MOVE:
        return ""
    data = log.data or {}
    before, after = data.get("from"), data.get("to")
    if before and after:
        return _("From “%(from)s” to “%(to)s”.") % {"from": before, "to": after}
    if after:
        return _("Into “%(to)s”.") % {"to": after}
    return _("Out of “%(from)s”: in no round now.") % {"from": before}


def signed_scan_note(log) -> str:
    """Whose upload made which document's signed copy the authoritative one ("" otherwise)."""
    if log.transition != SIGNED_SCAN:
        return ""
    data = log.data or {}
    return _("Signed copy of %(document)s no. %(number)s uploaded by %(actor)s.") % {
        "document": _(data["label"]) if data.get("label") else "",
        "number": data.get("number", ""),
        "actor": log.actor.get_full_name() if log.actor else _("System"),
    }


def meeting_date(log) -> date | None:
    """The date of the council's meeting that complete_scoring recorded (who came is in the
    minutes; how anyone voted never is)."""
    day = (log.data or {}).get("meeting_date") if log.transition == "complete_scoring" else None
    return date.fromisoformat(day) if day else None


def revocation_details(log) -> dict | None:
    """The revoking decision's number and date, kept in the log entry's data."""
    if log.transition != "revoke":
        return None
    data = log.data or {}
    day = data.get("decision_date")
    return {"decision_number": data.get("decision_number", ""),
            "decision_date": date.fromisoformat(day) if day else None}  # fmt: skip


def signer_line(log) -> str:
    """The signature block as printed ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH Nguyễn Văn A"), from the
    recognize entry's data: the timeline keeps what was signed even if the dossier changes."""
    data = log.data or {}
    if log.transition != "recognize" or not data.get("signer_name"):
        return ""
    authority = dict(SignerAuthority.choices).get(data.get("signer_authority"), "")
    return " ".join(str(part) for part in (authority, data["signer_name"]) if part)


def may_record_national(initiative, user) -> bool:
    """The leader records a ministry's nationwide recognition of a recognized initiative."""
    return (
        initiative.status in PUBLIC_STATES
        and initiative.level == Level.PROVINCIAL
        and not initiative.national_decision_number
        and (user.is_superuser or roles.is_leader(user))
    )


def decision_rows(initiative, *, confidential: bool) -> list[dict]:
    """The decision's fields, then who signed it as the signature block prints it."""
    if not initiative.decision_number:
        return []
    rows = application_rows(initiative, DECISION_FIELDS, confidential=confidential)
    if initiative.signer_name:
        rows.append({"name": "signer", "label": _("Signer"), "value": initiative.signature,
                     "kind": "CharField"})  # fmt: skip
    if initiative.national_decision_number:
        rows += application_rows(initiative, NATIONAL_FIELDS, confidential=confidential)
    return rows


def application_rows(initiative, names, *, confidential: bool) -> list[dict]:
    rows = []
    for name in names:
        if name == "confidential_info" and not confidential:
            continue
        field = initiative._meta.get_field(name)
        value = getattr(initiative, name)
        if field.choices:
            value = getattr(initiative, f"get_{name}_display")()
        kind = field.get_internal_type()
        rows.append({"name": name, "label": capfirst(field.verbose_name), "value": value,
                     "kind": kind})  # fmt: skip
    return rows


class InitiativeDetailView(PageView):
    template_name = "workflow/detail.html"

    def check_access(self, user):
        self.initiative = get_object_or_404(sel.dossier_queryset(user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        user, initiative = self.request.user, self.initiative
        confidential = sees_confidential(initiative, user)
        review = sel.completed_review(initiative)
        assignment = sel.assignment_for(initiative, user) if roles.is_council_member(user) else None
        appeal = appeal_panel(initiative, user)
        return super().get_context_data(
            initiative=initiative,
            confidential=confidential,
            attachments=[
                a for a in initiative.attachments.all() if confidential or not a.confidential
            ],
            actions=[
                {**action, "danger": action["name"] in DANGEROUS}
                for action in available_transitions(initiative, user)
            ],
            can_edit=initiative.is_editable and roles.acts_for_agency(user, initiative.agency_id),
            next_actor=next_actor(initiative),
            promoted_to=getattr(initiative, "promoted_to", None),
            may_promote=may_promote(initiative, user),
            # An adopting agency reads the public part only: not the review process.
            timeline=timeline(initiative) if confidential else [],
            revision_request=self._revision_request() if confidential else None,
            review=review if confidential else None,
            summary=sel.score_summary(review) if review and confidential else [],
            score_table=sel.council_table(initiative, review) if self._inside(assignment) else None,
            earlier_rounds=sel.earlier_council_rounds(initiative) if self._runs_review() else [],
            application=application_rows(initiative, PAPER_FORM, confidential=confidential),
            decision=decision_rows(initiative, confidential=confidential),
            revocation=application_rows(initiative, REVOCATION_FIELDS, confidential=confidential)
            if initiative.revocation_number
            else [],
            assignment=assignment,
            agency_decision=agency_decision_status(initiative),
            may_record_national=may_record_national(initiative, user),
            intake=getattr(initiative, "intake", None),
            intake_round=_intake_round(initiative),
            links_to_round=may_see_round_page(user),
            may_place_round=may_place(initiative, user),
            basis={stage.name.lower(): LEGAL_BASIS[stage] for stage in DeadlineRule.Stage},
            checklist=self._checklist(),
            appeal=appeal,
            **kwargs,
        )

    def _revision_request(self):
        if self.initiative.status != Status.REVISION_REQUESTED:
            return None
        logs = list(self.initiative.transition_logs.all())
        return next((log for log in reversed(logs) if log.transition == "request_revision"), None)

    def _inside(self, assignment) -> bool:
        """Members' individual sheets are for reviewers, leaders and this dossier's council,
        never the agency nor a council member of other dossiers."""
        on_this_council = assignment is not None and not assignment.recused
        return on_this_council or self._runs_review()

    def _runs_review(self) -> bool:
        """Who checks or decides this dossier on its track (reviewers and leaders, or the
        agency's secretary and head at cơ sở level), and administrators."""
        return can.runs_track(self.initiative, self.request.user)

    def _checklist(self):
        user = self.request.user
        if self.initiative.status != Status.DEPARTMENT_REVIEW or not (
            can.acts_as_reviewer(self.initiative, user) or user.is_superuser
        ):
            return None
        return sel.completeness(self.initiative)


def _intake_round(initiative):
    """The round (đợt xét) the dossier was taken in, if any."""
    entry = getattr(initiative, "intake_round_entry", None)
    return entry.round if entry is not None else None
