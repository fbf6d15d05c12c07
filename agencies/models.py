from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.text import nfc


class User(AbstractUser):
    """A civil servant. Vietnamese names are kept whole ("Họ đệm Tên"), not split in two."""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=[("vi", "Tiếng Việt"), ("en", "English")],
        default="vi",
    )
    # Demo accounts have a published password; the auth backend refuses them when DEBUG is off.
    is_demo = models.BooleanField(_("demo account"), default=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def save(self, *args, **kwargs):
        self.full_name = nfc(self.full_name)
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.full_name or self.username

    def __str__(self):
        return self.get_full_name()


class Agency(models.Model):
    class Kind(models.TextChoices):
        PROVINCIAL = "provincial", _("Provincial People's Committee")
        DEPARTMENT = "department", _("Department / agency")
        DISTRICT = "district", _("District People's Committee (historical)")
        COMMUNE = "commune", _("Commune / ward People's Committee")
        PUBLIC_UNIT = "public_unit", _("Public service unit")

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_active = models.BooleanField(_("active"), default=True)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]

    def save(self, *args, **kwargs):
        self.name, self.short_name = nfc(self.name), nfc(self.short_name)
        super().save(*args, **kwargs)

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    AGENCY_STAFF = "agency_staff", _("Agency staff")
    AGENCY_HEAD = "agency_head", _("Agency head")
    REVIEWER = "reviewer", _("Reviewer (Department of Science and Technology)")
    COUNCIL_MEMBER = "council_member", _("Council member")
    LEADER = "leader", _("Provincial leader")


class Membership(models.Model):
    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "agency", "role"], name="unique_membership")
        ]
        indexes = [models.Index(fields=["role", "agency"])]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.agency}"
