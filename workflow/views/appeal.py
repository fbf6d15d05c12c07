"""The appeal on the dossier page: until when the owning agency may appeal (with the legal
basis), the appeal under review and its due date, the letter of appeal upload, and the
resolver's "mark as complex" button (a POST of its own)."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from agencies import roles
from common import clock
from common.exceptions import Conflict
from initiatives.attachment_rules import appeal_uploads_open
from initiatives.forms import AttachmentForm
from initiatives.models import APPEAL_UPHELD, APPEALABLE_STATES, AttachmentKind, Status

from .. import selectors as sel
from .. import services
from ..appeal_rules import appeal_last_day
from ..national_forms import NationalRecognitionForm
from ..permissions import may_take
from ..services.appeals import APPEAL_COMPLEX


def appeal_panel(initiative, user) -> dict | None:
    """What the page shows of the appeal to this user; None when there is nothing to show."""
    owner = roles.acts_for_agency(user, initiative.agency_id)
    insider = owner or roles.oversees_province(user)
    if not insider:
        return None
    if initiative.status == Status.APPEAL_REVIEW:
        return {
            "under_review": True,
            "open": False,
            "may_mark_complex": not initiative.appeal_complex
            and may_take(initiative, user, "resolve_appeal"),
            "upload": _upload_form(initiative, user),
        }
    if initiative.status not in APPEALABLE_STATES:
        return None
    last_day = None if initiative.appeal_final else appeal_last_day(initiative)
    return {
        "under_review": False,
        "final": initiative.appeal_final,
        "last_day": last_day,
        "open": bool(last_day) and clock.today() <= last_day,
        "upload": _upload_form(initiative, user),
    }


def _upload_form(initiative, user):
    """The owning agency attaches its letter of appeal while an appeal may be filed or is
    under review; the kind is fixed."""
    if not roles.acts_for_agency(user, initiative.agency_id) or not appeal_uploads_open(initiative):
        return None
    form = AttachmentForm(
        initiative_pk=initiative.pk, initial={"kind": AttachmentKind.DON_KHIEU_NAI}
    )
    form.fields["kind"].choices = [
        (AttachmentKind.DON_KHIEU_NAI.value, AttachmentKind.DON_KHIEU_NAI.label)
    ]
    form.helper.attrs = {}  # a plain POST: the dossier page has no attachment panel to swap
    return form


class AppealComplexView(LoginRequiredMixin, View):
    """The resolver marks the appeal complex: its resolution is due 45 days after filing."""

    http_method_names = ["post"]

    def post(self, request, pk):
        initiative = get_object_or_404(sel.dossier_queryset(request.user), pk=pk)
        try:
            services.appeal_mark_complex(
                initiative=initiative, actor=request.user, comment=request.POST.get("comment", "")
            )
        except Conflict as conflict:
            messages.error(request, conflict.message)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The appeal is marked as complex."))
        return redirect(reverse("workflow:detail", args=[pk]) + "#appeal")


def appeal_note(log) -> str:
    """The timeline's line for an appeal entry: the outcome of a resolution, or the date its
    resolution is due (filed, or marked complex)."""
    data = log.data or {}
    if log.transition == "resolve_appeal":
        if data.get("outcome") == APPEAL_UPHELD:
            return _("Outcome: upheld — the contested decision stands and is final.")
        return _("Outcome: granted — the dossier is examined again.")
    if log.transition in ("appeal", APPEAL_COMPLEX) and data.get("appeal_due"):
        due = date.fromisoformat(data["appeal_due"]).strftime("%d/%m/%Y")
        return _("Resolution due %(date)s.") % {"date": due}
    return ""


class NationalRecognitionView(LoginRequiredMixin, View):
    """The leader records a ministry's decision recognizing the initiative nationwide."""

    http_method_names = ["post"]

    def post(self, request, pk):
        initiative = get_object_or_404(sel.dossier_queryset(request.user), pk=pk)
        form = NationalRecognitionForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for message in errors:
                    messages.error(request, message)
            return redirect(reverse("workflow:detail", args=[pk]) + "#decision")
        try:
            services.initiative_record_national(
                initiative=initiative, actor=request.user, **form.cleaned_data
            )
        except PermissionDenied as denied:
            messages.error(request, str(denied))
        except Conflict as conflict:
            messages.error(request, conflict.message)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The nationwide recognition is recorded."))
        return redirect(reverse("workflow:detail", args=[pk]) + "#decision")
