from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Notification
from .services import enqueue_emails

Status = Notification.EmailStatus


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
        ids = list(queryset.filter(email_status=Status.FAILED).values_list("pk", flat=True))
        # Conditional update, so a row another process already moved on is left alone.
        count = Notification.objects.filter(pk__in=ids, email_status=Status.FAILED).update(
            email_status=Status.PENDING, attempts=0, claimed_at=None
        )
        if count:
            transaction.on_commit(lambda: enqueue_emails(ids))
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
