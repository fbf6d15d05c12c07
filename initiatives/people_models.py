"""The application's tables of people (TT 18 Phụ lục I): its authors and the participants in
its first application. Imported by initiatives.models, which migrations name."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.limits import plausible_birth_date
from common.text import clean_name


class PersonRow(models.Model):
    """A row of the application's tables of people (authors, participants): who they are."""

    full_name = models.CharField(_("full name"), max_length=150)
    birth_date = models.DateField(
        _("date of birth"), null=True, blank=True, validators=[plausible_birth_date]
    )
    workplace = models.CharField(_("workplace or permanent residence"), max_length=255, blank=True)
    position = models.CharField(_("position"), max_length=150, blank=True)
    qualification = models.CharField(_("qualification"), max_length=150, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["order", "id"]

    def save(self, *args, **kwargs):
        self.full_name = clean_name(self.full_name)
        super().save(*args, **kwargs)

    def __str__(self):
        return self.full_name


class Author(PersonRow):
    initiative = models.ForeignKey(
        "Initiative", on_delete=models.CASCADE, related_name="authors", verbose_name=_("initiative")
    )
    contribution_percent = models.DecimalField(
        _("contribution (%)"), max_digits=5, decimal_places=2
    )
    # The human behind the row (agencies.Person); set by initiatives.services when the row is
    # written. PROTECT: a person with authorships is merged, never deleted.
    person = models.ForeignKey(
        "agencies.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="authorships",
    )

    class Meta(PersonRow.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")


class Participant(PersonRow):
    """Người tham gia tổ chức áp dụng sáng kiến lần đầu."""

    initiative = models.ForeignKey(
        "Initiative",
        on_delete=models.CASCADE,
        related_name="participants",
        verbose_name=_("initiative"),
    )
    task = models.CharField(_("task in the first application"), max_length=500, blank=True)

    class Meta(PersonRow.Meta):
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
