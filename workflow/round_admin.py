"""Rounds in the admin: written through workflow.rounds.round_save, as on the rounds screen."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from common.admin import ServiceRefusalsAdminMixin

from .intake_rounds import Round, RoundDossier
from .rounds import ROUND_FIELDS, round_problems, round_save


class RoundAdminForm(forms.ModelForm):
    class Meta:
        model = Round
        fields = (*ROUND_FIELDS, "fields")

    def clean(self):
        data = super().clean()
        current = self.instance if self.instance.pk else None
        for field, messages in round_problems(data, data.get("fields") or [], current).items():
            for message in messages:
                self.add_error(field if field in self.fields else None, message)
        return data


class RoundDossierInline(admin.TabularInline):
    model = RoundDossier
    extra = 0
    can_delete = False
    fields = ("initiative", "attached_at")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Round)
class RoundAdmin(ServiceRefusalsAdminMixin, admin.ModelAdmin):
    form = RoundAdminForm
    list_display = ("title", "year", "number", "opens_on", "closes_on", "status_display",
                    "council")  # fmt: skip
    list_filter = ("year",)
    list_select_related = ("council",)
    search_fields = ("title",)
    filter_horizontal = ("fields",)
    inlines = [RoundDossierInline]

    @admin.display(description=_("status"))
    def status_display(self, obj):
        return obj.get_status_display()

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data.get(name) for name in ROUND_FIELDS}
        saved = round_save(actor=request.user, data=data, fields=form.cleaned_data["fields"],
                           current=obj if change else None)  # fmt: skip
        obj.pk = saved.pk

    def save_related(self, request, form, formsets, change):
        for formset in formsets:  # the dossiers are read-only; the fields were set by round_save
            self.save_formset(request, form, formset, change)
