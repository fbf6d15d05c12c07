"""Admin for the workflow: the audit trail, council work, deadlines, and dossier transitions.

Every state change made here goes through workflow.services, exactly as the web views and the
API do; the admin only collects the inputs and reports the service's answer as a message.
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from common.admin import ReadOnlyAdminMixin
from common.exceptions import Conflict
from initiatives.admin import InitiativeAdmin
from initiatives.models import Initiative, Status

from . import services
from .admin_forms import BULK_TRANSITIONS, form_for
from .models import (
    IntakeEntry,
    TransitionLog,
)
from .permissions import LOG_ONLY_LABELS, USER_TRANSITIONS, available_transitions, transition_label

SERVICE_ERRORS = (Conflict, PermissionDenied, ValidationError, Http404)


def status_label(value: str) -> str:
    return Status(value).label if value in Status.values else value


def error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(str(m) for m in exc.messages)
    if isinstance(exc, Conflict):
        return str(exc.message)
    return str(exc) or gettext("This action is not allowed.")


# --- Dossiers: the initiatives admin plus transitions and the timeline ------------------------


class TransitionLogInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = TransitionLog
    extra = 0
    show_on_add = False
    fields = ("created_at", "transition", "source_display", "target_display", "actor", "role",
              "comment")  # fmt: skip
    readonly_fields = fields
    verbose_name_plural = _("timeline")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")

    @admin.display(description=_("from"))
    def source_display(self, obj):
        return status_label(obj.source)

    @admin.display(description=_("to"))
    def target_display(self, obj):
        return status_label(obj.target)


def bulk_action(name: str):
    def action(modeladmin, request, queryset):
        return modeladmin.bulk_transition(request, queryset, name)

    action.__name__ = f"transition_{name}"
    description = format_lazy(_("{action} (selected dossiers)"), action=transition_label(name))
    return admin.action(description=description, permissions=["change"])(action)


class WorkflowInitiativeAdmin(InitiativeAdmin):
    change_form_template = "admin/workflow/initiative_change_form.html"
    edit_service = staticmethod(services.initiative_admin_edit)
    inlines = (*InitiativeAdmin.inlines, TransitionLogInline)
    actions = [bulk_action(name) for name in BULK_TRANSITIONS]

    def url_name(self, view: str) -> str:
        return f"{self.opts.app_label}_{self.opts.model_name}_{view}"

    def get_urls(self):
        view = self.admin_site.admin_view(self.transition_view)
        route = "<path:object_id>/transition/<str:name>/"
        return [path(route, view, name=self.url_name("transition")), *super().get_urls()]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["transitions"] = self.transition_links(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def transition_links(self, request, obj) -> list[dict]:
        if obj is None or not self.has_change_permission(request):
            return []
        return [
            {
                "label": t["label"],
                "url": reverse(f"admin:{self.url_name('transition')}", args=[obj.pk, t["name"]]),
            }
            for t in available_transitions(obj, request.user)
        ]

    def run_transition(self, request, obj, name: str, **kwargs) -> bool:
        """Call the service; report its refusal as a message instead of an error page."""
        try:
            services.SERVICES[name](initiative=obj, actor=request.user, **kwargs)
        except SERVICE_ERRORS as exc:
            self.message_user(request, f"{obj}: {error_text(exc)}", messages.ERROR)
            return False
        return True

    def transition_view(self, request, object_id, name):
        if name not in USER_TRANSITIONS:
            raise Http404
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request):
            raise PermissionDenied
        data = request.POST if request.method == "POST" else None
        form = form_for(name)(data, initiative=obj)
        done = form.is_valid() and self.run_transition(request, obj, name, **form.service_kwargs())
        if not done:
            return self.render_transition_page(request, form, name, [obj], original=obj)
        self.message_user(
            request,
            gettext("“%(action)s” done for %(dossier)s.")
            % {"action": transition_label(name), "dossier": obj},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse(f"admin:{self.url_name('change')}", args=[obj.pk]))

    def bulk_transition(self, request, queryset, name):
        form = form_for(name)(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            return self.render_transition_page(request, form, name, list(queryset), bulk=True)
        done = sum(
            self.run_transition(request, obj, name, **form.service_kwargs()) for obj in queryset
        )
        if done:
            self.message_user(
                request,
                ngettext(
                    "“%(action)s” done for %(count)d dossier.",
                    "“%(action)s” done for %(count)d dossiers.",
                    done,
                )
                % {"action": transition_label(name), "count": done},
                messages.SUCCESS,
            )
        return None

    def render_transition_page(self, request, form, name, objects, *, original=None, bulk=False):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": transition_label(name),
            "form": form,
            "media": self.media + form.media,
            "objects": objects,
            "original": original,
            "bulk": bulk,
            "action_name": f"transition_{name}",
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/workflow/initiative_transition.html", context)


admin.site.unregister(Initiative)
admin.site.register(Initiative, WorkflowInitiativeAdmin)


# --- The audit trail ------------------------------------------------------------------------


class StatusFilter(admin.SimpleListFilter):
    def lookups(self, request, model_admin):
        return Status.choices

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(**{self.parameter_name: value}) if value else queryset


class SourceFilter(StatusFilter):
    title = _("from")
    parameter_name = "source"


class TargetFilter(StatusFilter):
    title = _("to")
    parameter_name = "target"


class TransitionFilter(admin.SimpleListFilter):
    title = _("transition")
    parameter_name = "transition"

    def lookups(self, request, model_admin):
        return [
            (name, transition_label(name))
            for name in (*USER_TRANSITIONS, "expire", *LOG_ONLY_LABELS)
        ]

    def queryset(self, request, queryset):
        return queryset.filter(transition=self.value()) if self.value() else queryset


@admin.register(TransitionLog)
class TransitionLogAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Append-only: no one adds, edits or deletes the history of a dossier."""

    list_display = ("initiative", "transition", "source_display", "target_display", "actor",
                    "role", "created_at")  # fmt: skip
    list_filter = (TransitionFilter, SourceFilter, TargetFilter, "role", "created_at")
    search_fields = ("initiative__code", "initiative__title", "actor__username",
                     "actor__full_name", "comment")  # fmt: skip
    list_select_related = ("initiative", "actor")
    date_hierarchy = "created_at"
    fields = ("initiative", "transition", "source_display", "target_display", "actor", "role",
              "comment", "data", "created_at")  # fmt: skip
    readonly_fields = fields

    @admin.display(description=_("from"), ordering="source")
    def source_display(self, obj):
        return status_label(obj.source)

    @admin.display(description=_("to"), ordering="target")
    def target_display(self, obj):
        return status_label(obj.target)


@admin.register(IntakeEntry)
class IntakeEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The intake book: written by submit and resubmit only, never edited by hand."""

    list_display = ("receipt_number", "initiative", "received_at", "submitted_by",
                    "promised_result_on")  # fmt: skip
    list_filter = ("year",)
    search_fields = ("initiative__code", "title")
    list_select_related = ("initiative", "submitted_by")
    ordering = ("-year", "-number")
    fields = ("year", "number", "initiative", "received_at", "submitted_by", "title",
              "attachments", "review_due", "promised_result_on", "resubmissions")  # fmt: skip
    readonly_fields = fields

    @admin.display(description=_("receipt number"), ordering="number")
    def receipt_number(self, obj):
        return obj.receipt_number


# The council's bodies, score sheets, deadline rules and rounds (registered on import).
from . import council_admin, round_admin  # noqa: E402, F401
