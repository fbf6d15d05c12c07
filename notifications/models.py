from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from initiatives.models import Initiative

from .events import Category, Channel


class Notification(models.Model):
    """One row is both the in-app inbox entry and the e-mail outbox entry.

    Rows are written in the transaction of the event; the e-mail task is enqueued on commit
    and claims the row with a conditional update, so a retried task sends once.
    """

    class EmailStatus(models.TextChoices):
        PENDING = "pending", _("pending")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        SKIPPED = "skipped", _("skipped")
        DIGEST = "digest", _("waiting for the daily digest")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=40)
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    subject = models.CharField(_("subject"), max_length=255)
    message = models.TextField(_("message"))
    action = models.CharField(_("what is expected"), max_length=255, blank=True)
    due_date = models.DateField(_("by when"), null=True, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    email_status = models.CharField(
        _("e-mail status"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    # The process that sends (notifications/claims.py): a claim of a process that is provably
    # gone is released at once, any other when it expires.
    claimed_by = models.CharField(max_length=100, blank=True, editable=False)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["email_status", "created_at"]),
            models.Index(fields=["recipient", "email_status"]),
        ]

    def __str__(self):
        return self.subject


class NotificationPreference(models.Model):
    """How a user wants to hear of one category of events; absent means e-mail at once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    channel = models.CharField(
        _("how"), max_length=10, choices=Channel.choices, default=Channel.IMMEDIATE
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "category"], name="unique_preference")
        ]

    def __str__(self):
        return f"{self.user}: {self.get_category_display()} → {self.get_channel_display()}"


class SentReminder(models.Model):
    """One row per reminder ever sent, keyed by what it is about: inserting the key claims it,
    so a reminder fires once however often the periodic task runs."""

    key = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")

    def __str__(self):
        return self.key
