"""Rounds (đợt xét): the windows in which a province takes provincial dossiers, field by field
(Lai Châu: education before 30/5, everything else before 15/11), each assessed by a council.

A Round lives in workflow, beside the councils it names; Initiative keeps its `round` year
number (API v1's `round` and `?round=` keep their meaning) and a dossier submitted in a round
is attached to it by a RoundDossier row, so initiatives never imports workflow.

The status is derived from the dates (planned before opens_on, open until closes_on, closed
after), except `decided`, which is set when the province's decision on the round is recorded
(decided_on): a date typed by hand can never contradict the calendar."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common import clock
from initiatives.models import Initiative

from .council_body import Council


class RoundStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("round status", "Planned")
    OPEN = "open", pgettext_lazy("round status", "Open")
    CLOSED = "closed", pgettext_lazy("round status", "Closed")
    DECIDED = "decided", pgettext_lazy("round status", "Decided")


class RoundQuerySet(models.QuerySet):
    def with_status(self, status: str, today=None):
        """Rounds whose derived status is `status` on `today`."""
        today = today or clock.today()
        undecided = self.filter(decided_on__isnull=True)
        if status == RoundStatus.DECIDED:
            return self.filter(decided_on__isnull=False)
        if status == RoundStatus.PLANNED:
            return undecided.filter(opens_on__gt=today)
        if status == RoundStatus.OPEN:
            return undecided.filter(opens_on__lte=today, closes_on__gte=today)
        if status == RoundStatus.CLOSED:
            return undecided.filter(closes_on__lt=today)
        return self.none()


class Round(models.Model):
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(pgettext_lazy("round", "number"))
    title = models.CharField(pgettext_lazy("round", "title"), max_length=255)
    fields = models.ManyToManyField(
        "initiatives.Field",
        verbose_name=_("fields covered"),
        blank=True,
        related_name="intake_rounds",
        help_text=_("Leave empty for a round that takes every field."),
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    council = models.ForeignKey(
        Council,
        verbose_name=_("council"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="intake_rounds",
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("intake round")
        verbose_name_plural = _("intake rounds")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="unique_round_number"),
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="round_closes_after_opening",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.number}/{self.year})"

    def status_on(self, today) -> str:
        if self.decided_on:
            return RoundStatus.DECIDED
        if today < self.opens_on:
            return RoundStatus.PLANNED
        if today <= self.closes_on:
            return RoundStatus.OPEN
        return RoundStatus.CLOSED

    @property
    def status(self) -> str:
        return self.status_on(clock.today())

    def get_status_display(self) -> str:
        return RoundStatus(self.status).label


class RoundDossier(models.Model):
    """A dossier submitted in a round (one round per dossier, kept when the round closes)."""

    round = models.ForeignKey(
        Round, verbose_name=_("intake round"), on_delete=models.PROTECT, related_name="entries"
    )
    initiative = models.OneToOneField(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="intake_round_entry",
    )
    attached_at = models.DateTimeField(_("attached at"), auto_now_add=True)

    class Meta:
        verbose_name = _("dossier of a round")
        verbose_name_plural = _("dossiers of a round")

    def __str__(self):
        return f"{self.round} — {self.initiative_id}"
