"""The person registry (DESIGN §4, agencies addition): one row per human being who authors
initiatives, so that "the recognized initiatives of X" is a query, not a name search.
Imported by agencies.models, which migrations name."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.text import clean_name, fold


class Person(models.Model):
    full_name = models.CharField(_("full name"), max_length=150)
    # The diacritics-free, lower-case form ("nguyen van an"): what matching and search compare.
    folded_name = models.CharField(_("folded name"), max_length=150, db_index=True, editable=False)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="persons",
    )
    civil_servant_code = models.CharField(
        _("civil servant code"), max_length=40, null=True, blank=True, unique=True
    )
    # The account of the same human, when they have one (a council member): recusal compares
    # this identity with the dossier's authors, never names. Set by an administrator.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["folded_name", "id"]
        indexes = [models.Index(fields=["agency", "folded_name", "birth_date"])]

    def save(self, *args, **kwargs):
        self.full_name = clean_name(self.full_name)
        self.folded_name = fold(self.full_name)
        # An empty code is "none": the unique constraint must not see two empty strings.
        self.civil_servant_code = (self.civil_servant_code or "").strip() or None
        super().save(*args, **kwargs)

    def __str__(self):
        return self.full_name


class PersonMergeLog(models.Model):
    """Who merged which two persons, when: the dropped row is gone, its name stays here."""

    kept = models.ForeignKey(
        Person, verbose_name=_("kept person"), on_delete=models.CASCADE, related_name="merges"
    )
    dropped_id = models.PositiveIntegerField(_("merged person id"))
    dropped_name = models.CharField(_("merged person name"), max_length=150)
    dropped_birth_date = models.DateField(_("merged person's date of birth"), null=True)
    authorships_moved = models.PositiveIntegerField(_("authorships moved"), default=0)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("merged by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("merged at"), auto_now_add=True)

    class Meta:
        verbose_name = _("person merge")
        verbose_name_plural = _("person merges")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.dropped_name} → {self.kept}"
