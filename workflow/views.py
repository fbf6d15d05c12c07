"""Reviewer, council and leader screens, and the dossier page everyone shares.

Views are thin: they read through selectors, write through the services, and turn the
services' exceptions into pages — ValidationError next to its field, PermissionDenied a
403 page, Http404 a 404, Conflict a message and back to the dossier.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from django_fsm import can_proceed

from agencies import roles
from agencies.models import Agency, Role
from common.exceptions import Conflict
from common.forms import add_service_errors
from common.text import name_sort_key
from initiatives.models import Status
from initiatives.permissions import sees_confidential
from initiatives.rules import request_date, submission_problems
from initiatives.services import initiative_update

from . import scoresheets, scoring
from . import selectors as sel
from .council_rounds import MIN_COUNCIL_MEMBERS
from .forms import ScoreSheetForm, transition_form_class
from .permissions import available_transitions, may_take, transition_label
from .services import SERVICES

DANGEROUS = ("reject", "decline", "withdraw")

NEXT_ACTOR = {
    Status.DRAFT: gettext_lazy("The submitting agency"),
    Status.DEPARTMENT_REVIEW: gettext_lazy("Department of S&T (reviewer)"),
    Status.REVISION_REQUESTED: gettext_lazy("The submitting agency (answers the revision request)"),
    Status.COUNCIL_REVIEW: gettext_lazy("Council members, then the Department of S&T (reviewer)"),
    Status.AWAITING_DECISION: gettext_lazy("Provincial leadership"),
    Status.RECOGNIZED: gettext_lazy("Provincial leadership or the Department of S&T (rollout)"),
    Status.ROLLOUT: gettext_lazy("The adopting agencies"),
}
ROLE_LABELS = {
    **dict(Role.choices),
    "system": gettext_lazy("System"),
    "admin": gettext_lazy("Administrator"),
}


# --- Shared plumbing -----------------------------------------------------------------------


class PageView(LoginRequiredMixin, TemplateView):
    """A logged-in page; `check_access` raises PermissionDenied (a 403 page) or Http404."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        try:
            self.check_access(request.user)
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as exc:
            return render(request, "workflow/forbidden.html", {"reason": str(exc)}, status=403)

    def check_access(self, user) -> None:
        pass


def require_role(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("This page is not available with your roles."))


def _state_label(value: str) -> str:
    return Status(value).label if value in Status.values else value


def _transition_label(name: str) -> str:
    try:
        return str(transition_label(name))
    except (AttributeError, StopIteration):
        return name


# --- The dossier page ------------------------------------------------------------------------


def timeline(initiative) -> list[dict]:
    return [
        {
            "log": log,
            "label": _transition_label(log.transition),
            "source": _state_label(log.source),
            "target": _state_label(log.target),
            "role": ROLE_LABELS.get(log.role, log.role),
            "actor": log.actor.get_full_name() if log.actor else _("System"),
        }
        for log in initiative.transition_logs.all()
    ]


# The TT 18 application (Phụ lục I), in the order of the paper form.
APPLICATION_FIELDS = (
    "code", "title", "field", "agency", "investor", "state_funded", "problem",
    "first_applied_on", "description", "applicability", "confidential_info", "conditions",
    "benefits_author", "benefits_first_adopters", "benefit_amount_vnd", "round",
    "truthfulness_declared",
)  # fmt: skip
DECISION_FIELDS = ("decision_number", "decision_date", "scope")


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
            next_actor=NEXT_ACTOR.get(initiative.status, "—"),
            # An adopting agency reads the public part only: not the review process.
            timeline=timeline(initiative) if confidential else [],
            revision_request=self._revision_request() if confidential else None,
            review=review if confidential else None,
            summary=sel.score_summary(review) if review and confidential else [],
            score_table=sel.council_table(initiative, review) if self._inside(assignment) else None,
            earlier_rounds=sel.earlier_council_rounds(initiative)
            if roles.oversees_province(user)
            else [],
            application=application_rows(initiative, APPLICATION_FIELDS, confidential=confidential),
            decision=application_rows(initiative, DECISION_FIELDS, confidential=confidential)
            if initiative.decision_number
            else [],
            assignment=assignment,
            checklist=self._checklist(),
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
        return on_this_council or roles.oversees_province(self.request.user)

    def _checklist(self):
        user = self.request.user
        if self.initiative.status != Status.DEPARTMENT_REVIEW or not (
            roles.is_reviewer(user) or user.is_superuser
        ):
            return None
        return sel.completeness(self.initiative)


# --- Transitions -----------------------------------------------------------------------------


class TransitionView(PageView):
    """GET: what the transition needs and a confirmation; POST: the service."""

    def check_access(self, user):
        self.name = self.kwargs["name"]
        if self.name not in SERVICES:
            raise Http404(_("Unknown action."))
        self.initiative = get_object_or_404(sel.dossier_queryset(user), pk=self.kwargs["pk"])
        self.label = _transition_label(self.name)
        if not may_take(self.initiative, user, self.name):
            raise PermissionDenied(
                _("You are not allowed to “%(action)s” this dossier.") % {"action": self.label}
            )

    def get_template_names(self):
        return [f"workflow/transition_{self.name}.html"]

    def dossier_url(self):
        return reverse("workflow:detail", args=[self.initiative.pk])

    def wrong_state(self):
        messages.error(
            self.request,
            _("“%(action)s” is not possible while the dossier is “%(status)s”.")
            % {"action": self.label, "status": self.initiative.get_status_display()},
        )
        return redirect(self.dossier_url())

    def get(self, request, *args, **kwargs):
        if not can_proceed(getattr(self.initiative, self.name)):
            return self.wrong_state()
        return self.render_to_response(self.get_context_data(form=self.make_form()))

    def post(self, request, *args, **kwargs):
        if not can_proceed(getattr(self.initiative, self.name)):
            return self.wrong_state()
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                self.perform(form.service_kwargs())
            except ValidationError as error:
                add_service_errors(form, error)
            except Conflict as conflict:
                messages.error(request, conflict.message)
                return redirect(self.dossier_url())
            else:
                messages.success(request, _("Done: “%(action)s”.") % {"action": self.label})
                return redirect(self.dossier_url())
        return self.render_to_response(self.get_context_data(form=form))

    def perform(self, arguments: dict) -> None:
        service, user = SERVICES[self.name], self.request.user
        if self.name not in ("submit", "resubmit"):
            service(initiative=self.initiative.pk, actor=user, **arguments)
            return
        # The declaration and the submission stand or fall together.
        with transaction.atomic():
            initiative_update(
                initiative=self.initiative, actor=user, data={"truthfulness_declared": True}
            )
            service(initiative=self.initiative.pk, actor=user, **arguments)

    # What each page shows besides its form.

    def make_form(self, data=None):
        extra = {}
        if self.name == "accept":
            self.candidates = sorted(
                sel.council_candidates(self.initiative),
                key=lambda candidate: name_sort_key(candidate[0].get_full_name()),
            )
            extra["candidates"] = self.candidates
        elif self.name == "start_rollout":
            # The owning agency applies it already: it is never asked to adopt it.
            self.agencies = list(sel.active_agencies().exclude(pk=self.initiative.agency_id))
            extra["agencies"] = self.agencies
        return transition_form_class(self.name)(data, initiative=self.initiative, **extra)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            initiative=self.initiative,
            name=self.name,
            label=self.label,
            dossier_url=self.dossier_url(),
            **kwargs,
        )
        builder = getattr(self, f"_context_{self.name}", None)
        if builder:
            context.update(builder(context["form"]))
        return context

    def _context_submit(self, form):
        problems = submission_problems(self.initiative, today=request_date(self.initiative))
        problems.pop("truthfulness_declared", None)
        return {"problems": [m for messages_ in problems.values() for m in messages_]}

    _context_resubmit = _context_submit

    def _context_request_revision(self, form):
        return {"checklist": sel.completeness(self.initiative)}

    def _context_accept(self, form):
        chosen = {str(v) for v in (form["council_members"].value() or [])}
        return {
            "candidates": [
                {"member": m, "reason": reason, "checked": str(m.pk) in chosen}
                for m, reason in self.candidates
            ],
            "min_members": MIN_COUNCIL_MEMBERS,
        }

    def _context_complete_scoring(self, form):
        criteria, rows = sel.scoring_rows(self.initiative)
        missing = [row.member.get_full_name() for row in rows if row.submitted_sheet is None]
        result = None
        if rows and not missing:
            review = self.initiative.council_review
            sheets = [row.submitted_sheet for row in rows]
            result = scoring.compute(criteria, sheets, review.rubric.pass_total)
        means = [result.mean_scores.get(c.code) for c in criteria] if result else []
        return {
            "table": {"criteria": criteria, "rows": rows, "means": means,
                      "total": result.total if result else None},
            "missing": missing,
            "result": result,
        }  # fmt: skip

    def _context_recognize(self, form):
        review = sel.completed_review(self.initiative)
        return {
            "review": review,
            "summary": sel.score_summary(review) if review else [],
            "score_table": sel.council_table(self.initiative, review),
        }

    _context_decline = _context_recognize

    def _context_start_rollout(self, form):
        chosen = {str(v) for v in (form["target_agencies"].value() or [])}
        groups = {}
        for agency in self.agencies:
            groups.setdefault(agency.kind, []).append(
                {"agency": agency, "checked": str(agency.pk) in chosen}
            )
        parent_ids = {a.parent_id for a in self.agencies if a.parent_id}
        return {
            "groups": [
                {"kind": kind, "label": label, "items": groups[kind]}
                for kind, label in Agency.Kind.choices
                if kind in groups
            ],
            "parents": [a for a in self.agencies if a.pk in parent_ids],
            "chosen_count": len(chosen),
        }


# --- The council member's score sheet ----------------------------------------------------------


class ScoreSheetView(PageView):
    """Save a draft, submit (after a confirmation step), then read only."""

    template_name = "workflow/scoresheet.html"

    def check_access(self, user):
        # 404 for a dossier the user may not see, 403 when not (or no longer) on its council.
        self.sheet = scoresheets.scoresheet_get(initiative_id=self.kwargs["pk"], actor=user)
        self.initiative = self.sheet.assignment.initiative
        self.criteria = list(self.initiative.council_review.rubric.criteria.all())

    @property
    def editable(self) -> bool:
        return not self.sheet.is_locked and self.initiative.status == Status.COUNCIL_REVIEW

    def make_form(self, data=None, *, complete=False):
        initial = {"vote": self.sheet.vote, "comment": self.sheet.comment}
        for criterion in self.criteria:
            initial[ScoreSheetForm.score_field(criterion)] = self.sheet.scores.get(criterion.code)
        return ScoreSheetForm(data, initial=initial, criteria=self.criteria, complete=complete)

    def get_context_data(self, **kwargs):
        scores = [{"criterion": c, "score": self.sheet.scores.get(c.code)} for c in self.criteria]
        return super().get_context_data(
            initiative=self.initiative,
            sheet=self.sheet,
            scores=scores,
            editable=self.editable,
            rubric=self.initiative.council_review.rubric,
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        form = self.make_form() if self.editable else None
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        if not self.editable:
            messages.error(
                request, _("Your score sheet has been submitted and can no longer be changed.")
            )
            return redirect(request.path)
        action = request.POST.get("action", "save")
        form = self.make_form(request.POST, complete=action in ("submit", "confirm"))
        if action == "edit" or not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            # "submit" keeps a draft and asks for confirmation; "confirm" locks the sheet.
            self.sheet = scoresheets.scoresheet_save(
                initiative_id=self.initiative.pk,
                actor=request.user,
                submit=action == "confirm",
                **form.service_kwargs(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.render_to_response(self.get_context_data(form=form))
        except Conflict as conflict:
            messages.error(request, conflict.message)
            return redirect("workflow:detail", pk=self.initiative.pk)
        if action == "submit":
            return self.render_to_response(self.get_context_data(form=form, confirming=True))
        if action == "confirm":
            messages.success(request, _("Your score sheet has been submitted and locked."))
        else:
            messages.success(request, _("Draft saved. You can come back and change it."))
        return redirect(request.path)
