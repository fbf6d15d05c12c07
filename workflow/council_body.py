"""The initiative council as a legal body (NĐ 13/2012 Điều 8, TT 18/2013 Điều 7-8).

A council (Hội đồng sáng kiến, or a sector sub-council) is set up by a decision of the head of a
recognizing body (UBND tỉnh for the provincial track, an agency for its cơ sở track) and lists its
members by role. Dossiers are assigned to a council, never to a hand-picked panel; its settings
(voting mode, quorum, the denominator of the 2/3 rule) belong to the council, as its decision
and rules of procedure (quy chế) fix them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agencies.models import Agency


class Council(models.Model):
    class Kind(models.TextChoices):
        MAIN = "main", _("Initiative council")
        SECTOR = "sector", _("Sector sub-council")

    class Voting(models.TextChoices):
        OPEN = "open", _("Open vote")
        # Bỏ phiếu kín: a ballot is kept apart from its voter; only the tally is ever shown.
        SECRET = "secret", _("Secret ballot")

    class MajorityBase(models.TextChoices):
        # TT 18 Điều 8, read literally: two thirds of the members named in the decision.
        NAMED = "named", _("Members named in the decision")
        PRESENT = "present", _("Members present at the meeting")
        ELIGIBLE = "eligible", _("Members present and not recused")

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.MAIN)
    body = models.ForeignKey(
        Agency,
        verbose_name=_("recognizing body"),
        on_delete=models.PROTECT,
        related_name="councils",
    )
    decision_number = models.CharField(_("decision number"), max_length=50)
    decision_date = models.DateField(_("decision date"))
    decision_signer = models.CharField(_("signed by"), max_length=120)
    fields = models.ManyToManyField(
        "initiatives.Field",
        verbose_name=_("fields covered"),
        blank=True,
        related_name="councils",
        help_text=_("Leave empty for a council that covers every field."),
    )
    term_starts_on = models.DateField(_("term starts"), null=True, blank=True)
    term_ends_on = models.DateField(_("term ends"), null=True, blank=True)
    voting = models.CharField(
        _("voting"), max_length=10, choices=Voting.choices, default=Voting.OPEN
    )
    # The quorum is a fraction of the members named in the decision (default 2/3).
    quorum_numerator = models.PositiveSmallIntegerField(_("quorum numerator"), default=2)
    quorum_denominator = models.PositiveSmallIntegerField(_("quorum denominator"), default=3)
    majority_base = models.CharField(
        _("two-thirds rule counts against"),
        max_length=10,
        choices=MajorityBase.choices,
        default=MajorityBase.NAMED,
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("initiative council")
        verbose_name_plural = _("initiative councils")
        ordering = ["-is_active", "-decision_date", "id"]
        indexes = [models.Index(fields=["body", "is_active"])]

    def __str__(self):
        return f"{self.name} ({self.decision_number})"


class CouncilMember(models.Model):
    """A member named in the council's decision: a user of the system, or an outside expert
    entered by name (no account: the secretary enters their paper sheet on their behalf)."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        SECRETARY = "secretary", _("Member and secretary")
        MEMBER = "member", pgettext_lazy("council role", "Member")
        EXPERT = "expert", _("Expert")

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="council_seats",
    )
    full_name = models.CharField(_("full name"), max_length=120)
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    position = models.CharField(_("position and workplace"), max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "user"],
                condition=models.Q(user__isnull=False),
                name="unique_council_seat",
            )
        ]

    def __str__(self):
        return f"{self.full_name} — {self.get_role_display()}"

    @property
    def is_outside_expert(self) -> bool:
        return self.user_id is None
