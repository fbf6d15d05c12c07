"""Small reference tables of the initiatives app (models.py names them for its callers)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Field(models.Model):
    """Lĩnh vực: an admin-editable list of the fields an initiative belongs to."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("field")
        verbose_name_plural = _("fields")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class CodeSequence(models.Model):
    """Last number handed out per year for SK-<year>-<seq> codes; rows are locked to count."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last}"
