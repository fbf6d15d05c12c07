from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from common.files import ALLOWED_TYPES
from common.limits import COMMENT, LONG_TEXT
from initiatives.models import Initiative


class Adoption(models.Model):
    """One agency applying one recognized initiative, mandated by rollout or by its own choice."""

    class Source(models.TextChoices):
        MANDATED = "mandated", _("Mandated by the province")
        VOLUNTARY = "voluntary", _("Voluntary")

    class Status(models.TextChoices):
        ASSIGNED = "assigned", _("Assigned")
        IN_PROGRESS = "in_progress", _("In progress")
        APPLIED = "applied", _("Applied")
        NOT_APPLICABLE = "not_applicable", _("Not applicable")

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="adoptions",
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="adoptions"
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ASSIGNED
    )
    # The next report's due date; after each report it moves on by report_every_months while
    # the rollout lasts (adoption.services.report_add).
    due_date = models.DateField(_("next report due"), null=True, blank=True)
    report_every_months = models.PositiveSmallIntegerField(_("report every (months)"), default=6)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    applied_on = models.DateField(_("applied on"), null=True, blank=True)
    reason = models.TextField(_("reason (not applicable)"), blank=True, max_length=COMMENT)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        ordering = ["agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "agency"], name="unique_adoption")
        ]
        indexes = [
            models.Index(fields=["agency", "status"]),
            models.Index(fields=["status", "due_date"]),
        ]

    def __str__(self):
        return f"{self.agency} — {self.initiative}"


def evidence_path(instance, filename):
    # Opaque stored name; the extension follows the checked content (see check_upload).
    ext = ALLOWED_TYPES.get(instance.evidence_type, "bin")
    return f"evidence/{instance.adoption_id}/{timezone.now():%Y%m%d%H%M%S%f}.{ext}"


# Records the agency still works on: reports are due and reminded only for these.
OPEN_STATUSES = (Adoption.Status.ASSIGNED, Adoption.Status.IN_PROGRESS)


class AdoptionReport(models.Model):
    adoption = models.ForeignKey(
        Adoption, verbose_name=_("adoption"), on_delete=models.CASCADE, related_name="reports"
    )
    period = models.CharField(_("period"), max_length=60)
    result_summary = models.TextField(_("result summary"), max_length=LONG_TEXT)
    processing_days_before = models.DecimalField(
        _("processing time before (days)"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    processing_days_after = models.DecimalField(
        _("processing time after (days)"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    dossiers_handled = models.PositiveIntegerField(_("dossiers handled"), null=True, blank=True)
    cost_saved_vnd = models.BigIntegerField(_("cost saved (VND)"), null=True, blank=True)
    evidence = models.FileField(_("evidence file"), upload_to=evidence_path, blank=True)
    evidence_name = models.CharField(_("evidence file name"), max_length=255, blank=True)
    evidence_type = models.CharField(max_length=120, blank=True)
    period_due = models.DateField(_("report due date it answers"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("adoption report")
        verbose_name_plural = _("adoption reports")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.adoption} — {self.period}"
