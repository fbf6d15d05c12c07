from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Notification
from .services import emails_requeue


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """The inbox and e-mail outbox: shown as written; only failed e-mails can be sent again."""

    list_display = (
        "subject",
        "recipient",
        "kind",
        "initiative",
        "created_at",
        "read_at",
        "email_status",
        "attempts",
    )
    list_filter = ("email_status", "kind", ("read_at", admin.EmptyFieldListFilter), "created_at")
    search_fields = (
        "subject",
        "message",
        "recipient__username",
        "recipient__full_name",
        "recipient__email",
        "initiative__code",
    )
    list_select_related = ("recipient", "initiative")
    date_hierarchy = "created_at"
    fields = (
        "recipient",
        "kind",
        "initiative",
        "subject",
        "message",
        "url",
        "created_at",
        "read_at",
        "email_status",
        "attempts",
        "claimed_at",
        "sent_at",
        "last_error",
    )
    readonly_fields = fields
    actions = ["resend_failed"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_resend_permission(self, request):
        return request.user.has_perm("notifications.change_notification")

    @admin.action(description=_("Resend selected failed e-mails"), permissions=["resend"])
    def resend_failed(self, request, queryset):
        count = len(emails_requeue(ids=list(queryset.values_list("pk", flat=True)), failed=True))
        skipped = queryset.count() - count
        self.message_user(
            request,
            ngettext("%(count)d e-mail queued again.", "%(count)d e-mails queued again.", count)
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d selected notification had not failed and was left alone.",
                    "%(count)d selected notifications had not failed and were left alone.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )
