from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.limits import COMMENT
from initiatives.models import Initiative

# The council as a body lives in council_body.py and a dossier's rounds in round_models.py;
# migrations and callers name the models here.
from .council_body import Council, CouncilMember  # noqa: F401
from .intake_rounds import Round, RoundDossier, RoundStatus  # noqa: F401
from .round_models import (  # noqa: F401
    RESULT_FIELDS,
    CouncilAssignment,
    CouncilReview,
    EarlierCouncilRound,
    EarlierScoreSheet,
    RoundResult,
    ScoreSheet,
    Vote,
    seat_name,
)


class AppendOnlyQuerySet(models.QuerySet):
    """Bulk changes of the audit trail are refused here too (on PostgreSQL a trigger also
    refuses them, whoever sends them: see migration 0007)."""

    def update(self, **kwargs):
        raise ValueError("TransitionLog rows are append-only.")

    def delete(self):
        raise ValueError("TransitionLog rows are append-only.")


class TransitionLog(models.Model):
    """Append-only audit trail: who moved a dossier, from where to where, and why."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        # The audit trail outlives nothing it describes: a dossier with history is not deleted.
        on_delete=models.PROTECT,
        related_name="transition_logs",
    )
    transition = models.CharField(_("transition"), max_length=40)
    source = models.CharField(_("from"), max_length=30)
    target = models.CharField(_("to"), max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    role = models.CharField(_("role"), max_length=30, blank=True)
    comment = models.TextField(_("comment"), blank=True, max_length=COMMENT)
    data = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("transition log entry")
        verbose_name_plural = _("transition log")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["initiative", "created_at"])]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("TransitionLog rows are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("TransitionLog rows are append-only.")

    def __str__(self):
        return f"{self.initiative_id}: {self.transition} ({self.source} → {self.target})"


class Rubric(models.Model):
    """A versioned scoring grid. A dossier keeps the version it was scored with."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    pass_total = models.DecimalField(_("pass mark (mean total)"), max_digits=6, decimal_places=2)
    is_active = models.BooleanField(_("in use for new dossiers"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rubric")
        verbose_name_plural = _("rubrics")
        ordering = ["-version"]

    def __str__(self):
        return f"{self.name} (v{self.version})"


class Criterion(models.Model):
    rubric = models.ForeignKey(
        Rubric, verbose_name=_("rubric"), on_delete=models.CASCADE, related_name="criteria"
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    max_points = models.DecimalField(_("maximum points"), max_digits=6, decimal_places=2)
    min_points = models.DecimalField(
        _("minimum mean to pass"), max_digits=6, decimal_places=2, default=Decimal(0)
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["rubric", "code"], name="unique_criterion_code")
        ]

    def __str__(self):
        return self.name


class DeadlineRule(models.Model):
    """How long a stage may take. Seeded with the legal defaults, editable in the admin."""

    class Stage(models.TextChoices):
        DEPARTMENT_REVIEW = "department_review", _("Department review")
        REVISION_REPLY = "revision_reply", _("Reply to a revision request")
        DECISION = "decision", _("Provincial decision after acceptance")
        ROLLOUT_REPORT = "rollout_report", _("Rollout report")
        APPEAL = "appeal", _("Appeal against a refusal or a non-recognition")
        APPEAL_RESOLUTION = "appeal_resolution", _("Resolution of an appeal")
        APPEAL_RESOLUTION_COMPLEX = "appeal_resolution_complex", _("Resolution of a complex appeal")

    class Unit(models.TextChoices):
        DAYS = "days", _("days")
        MONTHS = "months", _("months")

    class DayType(models.TextChoices):
        CALENDAR = "calendar", _("calendar days")
        WORKING = "working", _("working days")

    stage = models.CharField(_("stage"), max_length=30, choices=Stage.choices, unique=True)
    amount = models.PositiveSmallIntegerField(_("amount"))
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.DAYS)
    day_type = models.CharField(
        _("day type"), max_length=10, choices=DayType.choices, default=DayType.CALENDAR
    )
    remind_days_before = models.PositiveSmallIntegerField(
        _("remind this many days before"), default=5
    )

    class Meta:
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")

    def __str__(self):
        return f"{self.get_stage_display()}: {self.amount} {self.get_unit_display()}"


class IntakeSequence(models.Model):
    """The last receipt number of the intake book per year; the row is locked to count, in the
    submission's transaction, so a submission that rolls back takes no number (no gaps)."""

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("intake book counter")
        verbose_name_plural = _("intake book counters")

    def __str__(self):
        return f"{self.year}: {self.last}"


class IntakeEntry(models.Model):
    """A line of the intake book (Sổ tiếp nhận) of the Department of S&T: one per dossier.

    Written at the first submission, with what the receipt (giấy biên nhận) will state: its
    number in the year, when and from whom the application came, what was received and the
    date a result is promised by. A resubmission after a revision request is the same
    application, so it keeps the entry and its number; each one is appended to
    `resubmissions` with what was received then."""

    initiative = models.OneToOneField(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        related_name="intake",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("receipt number"))
    received_at = models.DateTimeField(_("received at"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("application received"), max_length=500)
    attachments = models.JSONField(_("attachments received"), default=list, blank=True)
    review_due = models.DateField(_("review due"))
    promised_result_on = models.DateField(_("result promised by"))
    resubmissions = models.JSONField(_("resubmissions"), default=list, blank=True)

    class Meta:
        verbose_name = _("intake book entry")
        verbose_name_plural = _("intake book")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="unique_intake_number")
        ]

    @property
    def receipt_number(self) -> str:
        return f"{self.number}/{self.year}"

    def __str__(self):
        return f"{self.receipt_number} — {self.initiative}"
