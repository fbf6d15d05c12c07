from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from common.admin import ReadOnlyAdminMixin, ServiceRefusalsAdminMixin

from . import services
from .fields import REPORT_FIELDS
from .models import Adoption, AdoptionReport


class AdoptionReportInline(ReadOnlyAdminMixin, admin.StackedInline):
    """Reports are written and confirmed by the adopting agency; the admin reads them."""

    model = AdoptionReport
    extra = 0
    fields = (
        *REPORT_FIELDS,
        "submitted_by",
        "confirmed_by",
        "created_at",
    )
    readonly_fields = fields


class AdoptionAdminForm(forms.ModelForm):
    def clean_due_date(self):
        # The service's own rules, shown next to the field instead of failing the save.
        due_date = self.cleaned_data["due_date"]
        problems = services.reschedule_problems(self.instance, due_date)
        if problems:
            raise ValidationError(problems)
        return due_date


@admin.register(Adoption)
class AdoptionAdmin(ServiceRefusalsAdminMixin, admin.ModelAdmin):
    """Adoptions come from rollout or from an agency's own choice; the agency moves their
    status. The admin may correct the report due date, never delete a record (a confirmed one
    changes only through the agency's head)."""

    form = AdoptionAdminForm

    def has_delete_permission(self, request, obj=None):
        return False

    list_display = (
        "initiative",
        "agency",
        "source",
        "status",
        "due_date",
        "started_on",
        "applied_on",
        "report_count",
    )
    list_filter = ("status", "source", "agency__kind", "initiative__status")
    search_fields = ("initiative__code", "initiative__title", "agency__code", "agency__name")
    list_select_related = ("initiative", "agency")
    fields = (
        "initiative",
        "agency",
        "source",
        "status",
        "due_date",
        "started_on",
        "applied_on",
        "reason",
        "created_at",
        "updated_at",
    )
    readonly_fields = (
        "initiative",
        "agency",
        "source",
        "status",
        "started_on",
        "applied_on",
        "reason",
        "created_at",
        "updated_at",
    )
    inlines = (AdoptionReportInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_report_count=Count("reports"))

    @admin.display(description=_("reports"), ordering="_report_count")
    def report_count(self, obj):
        return obj._report_count

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        # Only the due date is editable here; the service writes it and nothing else.
        services.adoption_reschedule(
            adoption=obj, actor=request.user, due_date=form.cleaned_data["due_date"]
        )
