"""Admin for dossiers. Fields are editable only while the agency may edit the dossier itself;
state changes are added by workflow.admin, which knows the services (DESIGN.md §3)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from common.admin import ServiceRefusalsAdminMixin
from common.limits import MAX_AUTHORS, MAX_PARTICIPANTS

from . import services
from .fields import (
    AUTHOR_FIELDS,
    BODY_FIELDS,
    DECISION_FIELDS,
    PARTICIPANT_FIELDS,
    SIGNER_FIELDS,
)
from .models import EDITABLE_STATES, Attachment, Author, Field, Initiative, Participant, Status
from .selectors import search

# Set by the services as the dossier moves; never typed in by hand.
WORKFLOW_FIELDS = (
    "created_by", "created_at", "updated_at", "submitted_at", "review_due", "revision_due",
    "accepted_at", "decision_due", "decided_at",
)  # fmt: skip


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "order", "is_active")
    list_editable = ("order", "is_active")
    list_filter = ("is_active",)
    search_fields = ("code", "name")


class InitiativeForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None:
            # The admin saves inside a transaction: holding the row lock until then means a
            # transition taken meanwhile cannot slip between this check and the save.
            status = (
                Initiative.objects.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("status", flat=True)
                .first()
            )
            if status not in EDITABLE_STATES:
                label = Status(status).label if status in Status.values else status
                raise ValidationError(
                    _("The dossier is now “%(status)s” and can no longer be edited."),
                    params={"status": label},
                )
        return cleaned


class AuthorInline(admin.TabularInline):
    model = Author
    extra = 0
    max_num = MAX_AUTHORS
    fields = ("order", *AUTHOR_FIELDS, "person")
    raw_id_fields = ("person",)  # thousands of persons: an id and a lookup, not a select


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    max_num = MAX_PARTICIPANTS
    fields = ("order", *PARTICIPANT_FIELDS)


class AttachmentInline(admin.TabularInline):
    """Files are uploaded by the agency (content-checked by the service) and downloaded only
    through the permission-checked view, so the admin shows their metadata and never a URL."""

    model = Attachment
    extra = 0
    show_on_add = False
    fields = ("original_name", "kind", "size_display", "content_type", "confidential",
              "uploaded_by", "uploaded_at")  # fmt: skip
    readonly_fields = ("original_name", "size_display", "content_type", "confidential",
                       "uploaded_by", "uploaded_at")  # fmt: skip

    @admin.display(description=_("size"))
    def size_display(self, obj):
        return filesizeformat(obj.size)

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Initiative)
class InitiativeAdmin(ServiceRefusalsAdminMixin, admin.ModelAdmin):
    form = InitiativeForm
    list_display = ("code", "title", "agency", "field", "status", "round", "submitted_at",
                    "decision_due")  # fmt: skip
    list_display_links = ("code", "title")
    list_filter = ("status", "field", "round", "agency__kind")
    search_fields = ("code", "title")
    list_select_related = ("agency", "field")
    autocomplete_fields = ("agency",)
    inlines = (AuthorInline, ParticipantInline, AttachmentInline)
    fieldsets = (
        (None, {"fields": ("code", "title", "field", "agency", "round", "status")}),
        (_("Application (Circular 18/2013, Annex I)"), {"fields": BODY_FIELDS}),
        (_("Workflow"), {"fields": WORKFLOW_FIELDS}),
        (_("Decision"), {"fields": (*DECISION_FIELDS, *SIGNER_FIELDS)}),
    )

    def get_readonly_fields(self, request, obj=None):
        # `status` is a protected FSM field: only the workflow services move it.
        readonly = ("code", "status", *WORKFLOW_FIELDS, *DECISION_FIELDS, *SIGNER_FIELDS)
        if obj is not None and obj.status != Status.DRAFT:
            readonly += ("agency",)
        return readonly

    def has_change_permission(self, request, obj=None):
        # Once with the reviewers, the council or the leadership, the dossier is what they
        # judge: the admin shows it read-only, like the agency's own screens.
        if obj is not None and not obj.is_editable:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # A dossier that has been submitted is part of the record; only unsent drafts go.
        if obj is not None and (obj.status != Status.DRAFT or obj.submitted_at is not None):
            return False
        return super().has_delete_permission(request, obj)

    def delete_model(self, request, obj):
        services.initiative_admin_delete_draft(initiative=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for initiative in queryset:
            services.initiative_admin_delete_draft(initiative=initiative, actor=request.user)

    def get_inline_instances(self, request, obj=None):
        # Read-only lists (attachments, the timeline) have nothing to show for a new dossier.
        inlines = super().get_inline_instances(request, obj)
        return [i for i in inlines if obj is not None or getattr(i, "show_on_add", True)]

    def get_search_results(self, request, queryset, search_term):
        found, duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.strip():
            # Also match without diacritics ("cai cach" finds "cải cách").
            found = found | search(queryset, search_term)
        return found, duplicates

    # Writes go through a service; workflow's admin swaps in the one that also logs the edit.
    edit_service = staticmethod(services.initiative_admin_update)

    def save_model(self, request, obj, form, change):
        """Nothing is written here: save_related writes the dossier and its rows in one call."""

    def save_related(self, request, form, formsets, change):
        rows = edited_rows(formsets)
        data = {
            name: form.cleaned_data[name]
            for name in form.fields
            if name in services.ADMIN_FIELDS and (not change or name in form.changed_data)
        }
        if change:
            self.edit_service(initiative=form.instance, actor=request.user, data=data, **rows)
        else:
            rows.pop("attachment_kinds")
            created = services.initiative_admin_create(actor=request.user, data=data, **rows)
            form.instance.pk, form.instance._state.adding = created.pk, False
        for formset in formsets:  # what the admin's change message reads
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []


def edited_rows(formsets) -> dict:
    """The inlines as the services take them: whole people lists (None when untouched) and
    the attachment kinds changed."""
    rows = {"authors": None, "participants": None, "attachment_kinds": {}}
    for formset in formsets:
        if formset.model is Attachment:
            rows["attachment_kinds"] = {
                f.instance.pk: f.cleaned_data["kind"] for f in formset.forms if f.has_changed()
            }
        elif formset.has_changed():
            kept = [f.cleaned_data for f in formset.forms
                    if f.cleaned_data and not f.cleaned_data.get("DELETE")]  # fmt: skip
            kept.sort(key=lambda row: row.get("order") or 0)
            names = (*AUTHOR_FIELDS, "person") if formset.model is Author else PARTICIPANT_FIELDS
            key = "authors" if formset.model is Author else "participants"
            rows[key] = [{name: row.get(name) for name in names} for row in kept]
    return rows
