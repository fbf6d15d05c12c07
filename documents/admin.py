from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from common.admin import ReadOnlyAdminMixin

from .models import Document, NumberSequence


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Issued documents are immutable: shown, never edited; a correction is a new version
    issued by a service."""

    list_display = ("number", "kind", "version", "status", "initiative", "author", "issued_at")
    list_filter = ("kind", "status", "year")
    search_fields = ("number", "title", "initiative__code", "author__full_name")
    list_select_related = ("initiative", "author")
    ordering = ("-issued_at",)
    fields = ("kind", "number", "version", "status", "title", "initiative", "council", "round",
              "author", "person", "log", "supersedes", "issued_at", "issued_by", "format",
              "sha256", "verification_code", "download", "data")  # fmt: skip
    readonly_fields = fields

    @admin.display(description=_("file"))
    def download(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("documents:download", args=[obj.pk]),
                           _("Download"))  # fmt: skip


@admin.register(NumberSequence)
class NumberSequenceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("kind", "year", "last")
    list_filter = ("kind", "year")
