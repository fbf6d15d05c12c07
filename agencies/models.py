from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken

from common.text import clean_name, nfc


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
        self.full_name = clean_name(self.full_name)
        password_changed = self._password_changes(kwargs.get("update_fields"))
        super().save(*args, **kwargs)
        if password_changed:
            # Whoever knew the old password may have taken a token with it: a new password
            # ends every API token, whatever path changed it (own page, admin, command, code).
            self.auth_token_set.all().delete()

    def _password_changes(self, update_fields) -> bool:
        """Whether this save stores another password hash than the database holds."""
        if self._state.adding or getattr(self, "_rehashing", False):
            return False
        if update_fields is not None and "password" not in update_fields:
            return False
        stored = type(self)._default_manager.filter(pk=self.pk).values_list("password", flat=True)
        return stored.first() not in (None, self.password)

    # Logging in with the right password may re-hash it with stronger parameters (after a
    # Django upgrade): a new hash of the same password, which must not revoke any token.
    def check_password(self, raw_password):
        self._rehashing = True
        try:
            return super().check_password(raw_password)
        finally:
            self._rehashing = False

    async def acheck_password(self, raw_password):
        self._rehashing = True
        try:
            return await super().acheck_password(raw_password)
        finally:
            self._rehashing = False

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
    # Cấp cơ sở (NĐ 13/2012): the agency recognizes its own initiatives here — its secretary
    # registers them, its council scores them, its head decides. Off: it works as before.
    runs_agency_track = models.BooleanField(
        _("runs its agency-level track here"),
        default=False,
        help_text=_(
            "The agency recognizes initiatives at agency level (cơ sở) in this system: its "
            "initiative secretary registers them, its own council scores them and its head "
            "decides."
        ),
    )

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
    # The agency's own secretariat for its cơ sở track: the reviewer's job for that agency.
    INITIATIVE_SECRETARY = "initiative_secretary", _("Initiative secretary (agency level)")


class Membership(models.Model):
    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "agency", "role"], name="unique_membership")
        ]
        indexes = [models.Index(fields=["role", "agency"])]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.agency}"


class ApiToken(AbstractAuthToken):
    """An API token (django-rest-knox, KNOX_TOKEN_MODEL). Only a hash of the token is stored,
    with its first characters (token_key) to find it; nobody can read a token back."""

    # knox keys tokens by their digest; a plain number is what pages and URLs show instead.
    id = models.BigAutoField(primary_key=True)
    digest = models.CharField(max_length=128, unique=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created"]

    def __str__(self):
        return f"{self.token_key}… — {self.user}"


from .person_models import Person, PersonMergeLog  # noqa: E402, F401
